"""The embedded SQLite store: the seed module's files, served as they are.

Schema. The seed's two tables (``spark_events``, ``spark_memories``) are
kept column for column, so the seed module and this server can share one
file. What this store adds is additive:

* ``spark_event_sequence`` gives every event a stable position in the log.
  The implicit rowid of a table with a TEXT primary key is renumbered by
  VACUUM; an INTEGER PRIMARY KEY AUTOINCREMENT is not, and never reuses a
  value. A trigger gives events that the seed module inserts a sequence too.
* ``spark_request_fingerprints`` remembers what a client-chosen id was first
  used for, so a retry can be told from a conflict.
* ``spark_memory_meta`` holds what consolidation needs per memory (rule,
  source events, updated_at); ``rule_key`` is unique while a consolidated
  memory is live, so one finding can never have two live memories.
* The seed's single-column indexes are redefined under the same names as
  ``(column, created_at)``: the seed's ``CREATE INDEX IF NOT EXISTS`` keeps
  them, its queries still use them, and ours read newest-first pages from
  them without sorting the table.

Concurrency. One writer thread owns the only write connection and commits
whatever appends are waiting together (group commit); each caller's future
is resolved only after the transaction holding its rows has committed.
Reads run on a small pool of reader threads, each with its own connection,
so no SQLite call blocks the event loop. After each commit the writer hands
the new events to the event loop, which wakes followers; they take events
from memory when they are keeping up and from the database otherwise.
Another process may write to the file too (the seed module): every
half-second the writer looks whether one has committed (``PRAGMA
data_version``) and, if so, wakes followers up to the file's largest
sequence without waiting for a commit of its own.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import json
import logging
import os
import queue
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from spark_grpc.consolidation import RuleOutcome
from spark_grpc.errors import (
    AlreadyExists,
    NotFound,
    ResourceExhausted,
    SparkError,
    Unavailable,
)
from spark_grpc.models import EventRecord, MemoryRecord
from spark_grpc.store.base import (
    CommitSignal,
    EventPage,
    EventQuery,
    EventStore,
    MemoryChanges,
    MemoryDiff,
    MemoryQuery,
    NewEvent,
    NewMemory,
    changed_memory,
    check_memory_retry,
    format_timestamp,
    holds_slot,
    new_event_record,
    new_memory_record,
    parse_timestamp,
    plan_append,
    plan_outcome,
)

logger = logging.getLogger(__name__)

# The seed's tables, exactly as the seed module creates them.
_SEED_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS spark_events (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        agent_id TEXT,
        task_id TEXT,
        description TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL DEFAULT '{}',
        importance REAL NOT NULL DEFAULT 0.5,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS spark_memories (
        id TEXT PRIMARY KEY,
        memory_type TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT 'system',
        content TEXT NOT NULL,
        confidence REAL NOT NULL DEFAULT 0.5,
        source_events INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT
    )
    """,
)

_OWN_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS spark_event_sequence (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS spark_events_assign_sequence
    AFTER INSERT ON spark_events
    WHEN NOT EXISTS (SELECT 1 FROM spark_event_sequence WHERE event_id = NEW.id)
    BEGIN
        INSERT INTO spark_event_sequence (event_id) VALUES (NEW.id);
    END
    """,
    """
    CREATE TABLE IF NOT EXISTS spark_request_fingerprints (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE IF NOT EXISTS spark_memory_meta (
        memory_id TEXT PRIMARY KEY,
        rule TEXT NOT NULL DEFAULT '',
        rule_key TEXT UNIQUE,
        updated_at TEXT NOT NULL,
        source_event_ids TEXT NOT NULL DEFAULT '[]'
    )
    """,
)

# name -> definition; a seed-named index with another definition is rebuilt.
_INDEXES = {
    "idx_events_type": "spark_events(event_type, created_at)",
    "idx_events_agent": "spark_events(agent_id, created_at)",
    "idx_events_task": "spark_events(task_id, created_at)",
    "idx_events_created": "spark_events(created_at)",
    "idx_memories_subject": "spark_memories(subject, created_at)",
    "idx_memories_type": "spark_memories(memory_type, created_at)",
    "idx_memories_created": "spark_memories(created_at)",
}

_EVENT_COLUMNS = (
    "e.id, e.event_type, e.agent_id, e.task_id, e.description, e.data, "
    "e.importance, e.created_at, s.seq"
)
_MEMORY_COLUMNS = (
    "m.id, m.memory_type, m.subject, m.content, m.confidence, m.source_events, "
    "m.created_at, m.expires_at, x.updated_at, x.rule, x.source_event_ids"
)
_MEMORY_FROM = "spark_memories AS m LEFT JOIN spark_memory_meta AS x ON x.memory_id = m.id"

# How many waiting write jobs one transaction may take.
_MAX_GROUP = 256
# How many recent commits are kept in memory for followers that keep up,
# and about how many bytes of events they may hold together (the newest
# commit is kept whatever its size).
_RECENT_COMMITS = 512
_RECENT_BYTES = 8 * 1024 * 1024
# The writer's page cache, in KiB. An event with a random id (chosen by a
# client, or written by the seed module) lands at a random place in two
# indexes of event ids (the table's and the sequence table's); in SQLite's
# default 2 MiB a large commit of such events re-read most of those pages
# from the OS.
_WRITER_CACHE_KIB = 16 * 1024
# The most rows one INSERT statement writes (see _insert_rows).
_ROWS_PER_INSERT = 512
# How often the writer looks whether another process (the seed module, a
# second server) has committed to the file, in seconds.
_LOOK_SECONDS = 0.5

SYNCHRONOUS_MODES = ("NORMAL", "FULL")

# About how much description and data text one page of a read may hold.
_PAGE_BYTES = 8 * 1024 * 1024


def _event_from_row(row: tuple) -> EventRecord:
    return EventRecord(
        id=row[0],
        event_type=row[1],
        agent_id=row[2],
        task_id=row[3],
        description=row[4] if row[4] is not None else "",
        data=row[5] if row[5] is not None else "{}",
        importance=float(row[6]) if row[6] is not None else 0.0,
        created_at=_parse_or_epoch(row[7]),
        sequence=row[8],
    )


def _parse_or_epoch(text: Any) -> datetime:
    try:
        return parse_timestamp(text)
    except (TypeError, ValueError):
        logger.warning("unreadable timestamp %r read as the epoch", text)
        return datetime.fromtimestamp(0, UTC)


def _parse_optional(text: Any) -> datetime | None:
    if text is None or text == "":
        return None
    try:
        return parse_timestamp(text)
    except (TypeError, ValueError):
        logger.warning("unreadable expires_at %r read as no expiry", text)
        return None


def _memory_from_row(row: tuple) -> MemoryRecord:
    created = _parse_or_epoch(row[6])
    try:
        source_ids = tuple(json.loads(row[10])) if row[10] else ()
    except (TypeError, ValueError):
        source_ids = ()
    return MemoryRecord(
        id=row[0],
        memory_type=row[1],
        subject=row[2] if row[2] is not None else "system",
        content=row[3],
        confidence=float(row[4]) if row[4] is not None else 0.0,
        source_events=int(row[5]) if row[5] is not None else 0,
        created_at=created,
        expires_at=_parse_optional(row[7]),
        updated_at=_parse_or_epoch(row[8]) if row[8] else created,
        rule=row[9] or "",
        source_event_ids=source_ids,
    )


def _domain_error(exc: BaseException) -> BaseException:
    """Turn what SQLite raised into a domain error a caller can act on."""
    if isinstance(exc, SparkError):
        return exc
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        code = getattr(exc, "sqlite_errorcode", None)
        if code == sqlite3.SQLITE_FULL or "full" in text:
            return ResourceExhausted("the database disk is full")
        if "readonly" in text or "read-only" in text:
            return Unavailable("the database cannot be written (read-only)")
        if code == sqlite3.SQLITE_INTERRUPT:  # its caller went away
            return Unavailable("the call was cancelled")
        if isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_IOERR:
            # EPERM/EROFS on write (an immutable file, a file system that
            # went read-only) or a failing disk: nothing was committed.
            logger.error("database I/O error: %s (%s)", exc, getattr(exc, "sqlite_errorname", ""))
            return Unavailable(
                "the database could not be written (I/O error: read-only or failing disk?);"
                " nothing was stored, retry later"
            )
        if "locked" in text or "busy" in text:
            return Unavailable("the database is busy; retry")
        if isinstance(exc, sqlite3.IntegrityError):
            return AlreadyExists(f"the record conflicts with a stored one ({exc})")
        logger.error("database error: %s", exc)
        return Unavailable(f"the database failed: {exc}")
    return exc


def _batch_bytes(batch: tuple[EventRecord, ...]) -> int:
    """About how much memory a committed batch holds."""
    return sum(len(e.data) + len(e.description) + 200 for e in batch)


def time_ordered_id() -> str:
    """A new event id: a UUID version 7 (RFC 9562), 48 bits of Unix
    milliseconds then 74 random bits, in the usual 36-character form.

    Ids made one after another sort one after another, so the events the
    server names land at the right-hand edge of both indexes of event ids
    (the table's primary key and the sequence table's) instead of at random
    pages: a commit of 1,000 events dirties a few pages of each index where
    random (version 4) ids dirtied most of them, and every dirty page is
    written to the WAL."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (
        (millis & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76  # version
        | (rand >> 68) << 64  # 12 random bits
        | 0b10 << 62  # variant
        | rand & 0x3FFF_FFFF_FFFF_FFFF  # 62 random bits
    )
    return str(uuid.UUID(int=value))


@functools.lru_cache(maxsize=64)
def _values_sql(head: str, width: int, count: int) -> str:
    row = "(" + ", ".join("?" * width) + ")"
    return f"{head} VALUES {', '.join([row] * count)}"


def _insert_rows(conn: sqlite3.Connection, head: str, rows: list[tuple]) -> None:
    """``head VALUES (...), (...), ...`` for ``rows`` (tuples of one width),
    in as few statements as a split into powers of two allows.

    One statement per row (``executemany``) makes SQLite keep a statement
    journal for every row, because the sequence trigger on spark_events
    could fail halfway through a statement: each page a row touches is
    copied first, to undo that statement alone. A statement of many rows
    copies each page once. Powers of two keep the distinct statements few,
    so that the connection's statement cache holds them all."""
    if not rows:
        return
    width = len(rows[0])
    most = min(_ROWS_PER_INSERT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    size = 1 << (max(1, most).bit_length() - 1)
    start = 0
    while start < len(rows):
        while size > len(rows) - start:
            size >>= 1
        chunk = rows[start : start + size]
        conn.execute(_values_sql(head, width, size), [value for row in chunk for value in row])
        start += size


class _ReadCall:
    """One read on a reader thread, which its caller may cancel midway."""

    __slots__ = ("_lock", "_conn", "_cancelled")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    def begin(self, conn: sqlite3.Connection) -> bool:
        """False when the caller gave up before the read started."""
        with self._lock:
            if self._cancelled:
                return False
            self._conn = conn
            return True

    def end(self) -> None:
        with self._lock:
            self._conn = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                # Stops the statement running on that connection now; a
                # connection that runs nothing is not affected.
                self._conn.interrupt()


def _is_read_only(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_READONLY


class _Transaction:
    """What a write job sees: the connection, inside BEGIN IMMEDIATE."""

    __slots__ = ("conn", "_next_seq", "events")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._next_seq: int | None = None
        # Events appended in this transaction, in sequence order.
        self.events: list[EventRecord] = []

    def allocate_sequences(self, count: int) -> int:
        """Reserve ``count`` consecutive sequences; returns the first.

        The transaction holds the write lock, so nobody else can take a
        sequence until it commits or rolls back."""
        if self._next_seq is None:
            row = self.conn.execute(
                "SELECT MAX("
                " COALESCE((SELECT seq FROM sqlite_sequence"
                "           WHERE name = 'spark_event_sequence'), 0),"
                " COALESCE((SELECT MAX(seq) FROM spark_event_sequence), 0))"
            ).fetchone()
            self._next_seq = row[0] + 1
        first = self._next_seq
        self._next_seq += count
        return first


class _Writer:
    """The one thread that writes, committing waiting jobs together."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        on_commit: Callable[[list[EventRecord]], None],
        on_foreign_commit: Callable[[int], None],
    ) -> None:
        self._connect = connect
        self._on_commit = on_commit
        self._on_foreign_commit = on_foreign_commit
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="spark-sqlite-writer", daemon=True)
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()
        self._ready.wait()
        if self._startup_error is not None:
            raise self._startup_error

    def submit(self, job: Callable[[_Transaction], Any]) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((job, future, loop))
        return future

    def stop(self) -> None:
        """Finish every job already queued, then close the connection."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = self._connect()
        except BaseException as exc:  # reported to start()
            self._startup_error = exc
            self._ready.set()
            return
        self._ready.set()
        current: sqlite3.Connection | None = conn
        seen: int | None = None  # PRAGMA data_version when last looked
        looked = float("-inf")
        try:
            stopping = False
            while not stopping:
                if current is not None and time.monotonic() - looked >= _LOOK_SECONDS:
                    seen = self._look(current, seen)
                    looked = time.monotonic()
                try:
                    job = self._queue.get(timeout=_LOOK_SECONDS)
                except queue.Empty:
                    continue
                if job is None:
                    break
                jobs = [job]
                while len(jobs) < _MAX_GROUP:
                    try:
                        job = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        stopping = True
                        break
                    jobs.append(job)
                if current is None:
                    current = self._reconnect(jobs)
                    seen = None
                    if current is None:
                        continue
                if not self._run_group(current, jobs):
                    # SQLite opened the file read-only (it was, when the
                    # connection was made) or lost it: a new connection
                    # writes as soon as the file can be written again.
                    current.close()
                    current = None
        finally:
            if current is not None:
                current.close()

    def _look(self, conn: sqlite3.Connection, seen: int | None) -> int | None:
        """Tell the store the largest sequence in the file when another
        connection has committed since ``seen`` (or when ``seen`` is None);
        returns the data_version to compare with next time.

        SQLite tells no process of another's commits; ``PRAGMA data_version``
        changes when one happened (never for this connection's own), and
        costs no read of the file. Its events got their sequences from the
        trigger in that commit, so every sequence up to the largest one is
        committed."""
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version != seen:
                top = conn.execute(
                    "SELECT COALESCE(MAX(seq), 0) FROM spark_event_sequence"
                ).fetchone()[0]
                self._on_foreign_commit(top)
        except sqlite3.Error as exc:  # the next write reports real trouble
            logger.debug("could not look for other writers: %s", exc)
            return seen
        return version

    def _reconnect(self, jobs: list) -> sqlite3.Connection | None:
        """A new connection, or None after failing ``jobs`` with the reason."""
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            for job in jobs:
                self._deliver(job, error=_domain_error(exc))
            return None
        logger.info("reopened the database for writing")
        return conn

    def _run_group(self, conn: sqlite3.Connection, jobs: list) -> bool:
        """Run ``jobs`` in one transaction; False when the connection cannot
        write the file (SQLITE_READONLY) and should be made anew."""
        # A caller that gave up (cancelled, or past its deadline) before its
        # job started has nobody to tell: its job is not run.
        jobs = [job for job in jobs if not job[1].cancelled()]
        if not jobs:
            return True
        tx = _Transaction(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            results = [job[0](tx) for job in jobs]
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if _is_read_only(exc):
                for job in jobs:
                    self._deliver(job, error=_domain_error(exc))
                return False
            if len(jobs) == 1:
                self._deliver(jobs[0], error=_domain_error(exc))
                return True
            # One job spoiled the group: run each on its own, so that only
            # the failing one fails and nothing of it is written.
            return all([self._run_group(conn, [job]) for job in jobs])
        if tx.events:
            self._on_commit(tx.events)
        for job, result in zip(jobs, results, strict=True):
            self._deliver(job, result=result)
        return True

    @staticmethod
    def _deliver(job: tuple, *, result: Any = None, error: BaseException | None = None) -> None:
        _, future, loop = job

        def settle() -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

        # A closed loop has nobody waiting.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle)


class SQLiteStore(EventStore):
    """The embedded default store over one SQLite file."""

    def __init__(
        self,
        path: str | Path,
        *,
        synchronous: str = "NORMAL",
        readers: int = 4,
        busy_timeout_ms: int = 5000,
        max_db_bytes: int = 0,
    ) -> None:
        synchronous = synchronous.upper()
        if synchronous not in SYNCHRONOUS_MODES:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_MODES}, got {synchronous!r}")
        self.path = Path(path)
        self._synchronous = synchronous
        self._busy_timeout_ms = busy_timeout_ms
        self._max_db_bytes = max_db_bytes
        self._readers = ThreadPoolExecutor(
            max_workers=readers, thread_name_prefix="spark-sqlite-read"
        )
        self._local = threading.local()
        self._reader_conns: list[sqlite3.Connection] = []
        self._reader_lock = threading.Lock()
        self._writer: _Writer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._commits = CommitSignal()
        self._recent: collections.deque[tuple[EventRecord, ...]] = collections.deque()
        self._recent_bytes = 0
        self._closed = False

    # ── connections ───────────────────────────────────────────────────────
    def _open_connection(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path),
            isolation_level=None,
            check_same_thread=False,
            timeout=self._busy_timeout_ms / 1000,
        )
        conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
        return conn

    def _open_writer_connection(self) -> sqlite3.Connection:
        conn = self._open_connection()
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                logger.warning("journal_mode is %s, not WAL", mode)
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
            conn.execute(f"PRAGMA cache_size=-{_WRITER_CACHE_KIB}")
            # The sequence trigger makes every INSERT INTO spark_events keep
            # a statement journal (to undo that one statement); in memory,
            # not in a temporary file. WAL durability does not depend on it.
            conn.execute("PRAGMA temp_store=MEMORY")
            if self._max_db_bytes > 0:
                # Past this many pages a write fails with SQLITE_FULL, as on a
                # full disk (SQLite keeps at least the pages already in use).
                page_size = conn.execute("PRAGMA page_size").fetchone()[0]
                wanted = max(1, self._max_db_bytes // page_size)
                pages = conn.execute(f"PRAGMA max_page_count={wanted}").fetchone()[0]
                if pages != wanted:
                    logger.warning(
                        "the database already holds %d bytes, more than max_db_bytes=%d",
                        pages * page_size,
                        self._max_db_bytes,
                    )
            self._create_schema(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open_connection()
            conn.execute("PRAGMA query_only=1")
            self._local.conn = conn
            with self._reader_lock:
                self._reader_conns.append(conn)
        return conn

    async def _read(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn`` on a reader thread. A caller cancelled meanwhile (its
        client went away or its deadline passed) interrupts the query, so
        the reader is free again at once."""
        if self._closed:
            raise Unavailable("the server is shutting down")
        call = _ReadCall()

        def run() -> Any:
            conn = self._reader()
            if not call.begin(conn):
                return None
            try:
                return fn(conn)
            except sqlite3.Error as exc:
                raise _domain_error(exc) from exc
            finally:
                call.end()

        future = asyncio.get_running_loop().run_in_executor(self._readers, run)
        try:
            return await future
        except asyncio.CancelledError:
            call.cancel()
            raise

    async def _write(self, job: Callable[[_Transaction], Any]) -> Any:
        if self._closed or self._writer is None:
            raise Unavailable("the server is shutting down")
        return await self._writer.submit(job)

    # ── schema ────────────────────────────────────────────────────────────
    @staticmethod
    def _create_schema(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SEED_SCHEMA + _OWN_SCHEMA:
                conn.execute(statement)
            for name, definition in _INDEXES.items():
                row = conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
                ).fetchone()
                wanted = f"CREATE INDEX {name} ON {definition}"
                if row is not None and " ".join(str(row[0]).split()) != wanted:
                    conn.execute(f"DROP INDEX {name}")
                    row = None
                if row is None:
                    conn.execute(wanted)
            # Events written before the sequence table existed (by the seed
            # module) get sequences in the order they were written.
            missing = conn.execute(
                "SELECT (SELECT COUNT(*) FROM spark_events)"
                " != (SELECT COUNT(*) FROM spark_event_sequence)"
            ).fetchone()[0]
            if missing:
                added = conn.execute(
                    "INSERT INTO spark_event_sequence (event_id)"
                    " SELECT e.id FROM spark_events AS e"
                    " WHERE NOT EXISTS (SELECT 1 FROM spark_event_sequence AS s"
                    "                   WHERE s.event_id = e.id)"
                    " ORDER BY e.created_at, e.rowid"
                ).rowcount
                if added:
                    logger.info("assigned sequences to %d existing events", added)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ── lifecycle ─────────────────────────────────────────────────────────
    async def open(self) -> None:
        self._loop = asyncio.get_running_loop()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = _Writer(
            self._open_writer_connection, self._committed_from_writer, self._foreign_commit
        )
        try:
            await self._loop.run_in_executor(None, self._writer.start)
        except sqlite3.Error as exc:
            self._writer = None
            raise _domain_error(exc) from exc
        self._commits.advance(
            await self._read(
                lambda conn: conn.execute(
                    "SELECT COALESCE(MAX(seq), 0) FROM spark_event_sequence"
                ).fetchone()[0]
            )
        )

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._writer is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._writer.stop)
            self._writer = None
        self._commits.wake()
        self._readers.shutdown(wait=True)
        with self._reader_lock:
            for conn in self._reader_conns:
                conn.close()
            self._reader_conns.clear()

    @property
    def closed(self) -> bool:
        return self._closed

    # ── commit notification ───────────────────────────────────────────────
    def _committed_from_writer(self, events: list[EventRecord]) -> None:
        batch = tuple(events)
        assert self._loop is not None
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._committed, batch)

    def _foreign_commit(self, sequence: int) -> None:
        """From the writer thread: another process committed, and the file
        holds events up to ``sequence``. Followers read those from the
        database (they are not among the recent commits in memory)."""
        assert self._loop is not None
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._commits.advance, sequence)

    def _committed(self, batch: tuple[EventRecord, ...]) -> None:
        self._recent.append(batch)
        self._recent_bytes += _batch_bytes(batch)
        while len(self._recent) > 1 and (
            len(self._recent) > _RECENT_COMMITS or self._recent_bytes > _RECENT_BYTES
        ):
            self._recent_bytes -= _batch_bytes(self._recent.popleft())
        self._commits.advance(batch[-1].sequence)

    @property
    def committed_sequence(self) -> int:
        return self._commits.sequence

    async def wait_for_commit(self, after_sequence: int) -> int:
        return await self._commits.wait(after_sequence, lambda: self._closed)

    def wake_waiters(self) -> None:
        self._commits.wake()

    def recent_after(self, after_sequence: int, through: int) -> list[EventRecord] | None:
        """The committed events with a sequence in (after, through], from
        memory, or None when memory does not hold all of them (the follower
        fell behind, or another process wrote to the file)."""
        found: list[EventRecord] = []
        expected = after_sequence + 1
        for batch in reversed(self._recent):
            if batch[-1].sequence <= after_sequence:
                break
            found.append(batch)  # type: ignore[arg-type]
        else:
            if not found or found[-1][0].sequence > expected:  # type: ignore[index]
                return None
        events: list[EventRecord] = []
        for batch in reversed(found):
            for event in batch:  # type: ignore[union-attr]
                if event.sequence <= after_sequence or event.sequence > through:
                    continue
                if event.sequence != expected:
                    return None
                events.append(event)
                expected += 1
        if expected != through + 1:
            return None
        return events

    # ── events ────────────────────────────────────────────────────────────
    async def append(self, events: list[NewEvent]) -> list[tuple[EventRecord, bool]]:
        return await self._write(lambda tx: self._append_in(tx, events))

    @staticmethod
    def _find_event(conn: sqlite3.Connection, event_id: str) -> EventRecord | None:
        row = conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM spark_events AS e"
            " LEFT JOIN spark_event_sequence AS s ON s.event_id = e.id WHERE e.id = ?",
            (event_id,),
        ).fetchone()
        return _event_from_row(row) if row is not None else None

    @staticmethod
    def _stored_fingerprint(conn: sqlite3.Connection, kind: str, record_id: str) -> str | None:
        row = conn.execute(
            "SELECT fingerprint FROM spark_request_fingerprints WHERE kind = ? AND id = ?",
            (kind, record_id),
        ).fetchone()
        return row[0] if row is not None else None

    def _append_in(
        self, tx: _Transaction, events: list[NewEvent]
    ) -> list[tuple[EventRecord, bool]]:
        conn = tx.conn

        def lookup(event_id: str) -> tuple[EventRecord, str | None] | None:
            existing = self._find_event(conn, event_id)
            if existing is None:
                return None
            return existing, self._stored_fingerprint(conn, "event", event_id)

        plan = plan_append(events, lookup, time_ordered_id)
        written: dict[int, EventRecord] = {}
        if plan.fresh:
            created = datetime.now(UTC)
            created_text = format_timestamp(created)
            first = tx.allocate_sequences(len(plan.fresh))
            seq_rows = []
            event_rows = []
            print_rows = []
            for offset, (index, event_id, event) in enumerate(plan.fresh):
                seq = first + offset
                seq_rows.append((seq, event_id))
                event_rows.append(
                    (
                        event_id,
                        event.event_type,
                        event.agent_id,
                        event.task_id,
                        event.description,
                        event.data,
                        event.importance,
                        created_text,
                    )
                )
                if event.id is not None and event.fingerprint is not None:
                    print_rows.append(("event", event_id, event.fingerprint))
                record = new_event_record(event_id, event, created, seq)
                written[index] = record
                tx.events.append(record)
            # The sequence rows first: the trigger then finds each event's.
            _insert_rows(conn, "INSERT INTO spark_event_sequence (seq, event_id)", seq_rows)
            _insert_rows(
                conn,
                "INSERT INTO spark_events (id, event_type, agent_id, task_id, description,"
                " data, importance, created_at)",
                event_rows,
            )
            _insert_rows(
                conn,
                "INSERT OR REPLACE INTO spark_request_fingerprints (kind, id, fingerprint)",
                print_rows,
            )
        return plan.results(written)

    async def read_events(self, query: EventQuery, limit: int) -> EventPage:
        sql, params = _event_select(query, limit)

        def fetch(conn: sqlite3.Connection) -> tuple[list[tuple], bool]:
            # A page holds at most `limit` rows and about _PAGE_BYTES of
            # text, so that a page of large events cannot fill the memory.
            cursor = conn.execute(sql, params)
            rows: list[tuple] = []
            size = 0
            while batch := cursor.fetchmany(16):
                rows.extend(batch)
                size += sum(len(row[4]) + len(row[5]) for row in batch)
                if size >= _PAGE_BYTES and len(rows) < limit:
                    return rows, True
            return rows, len(rows) >= limit

        rows, more = await self._read(fetch)
        events = [_event_from_row(row) for row in rows]
        if not rows:
            return EventPage(events, query)
        if query.newest_first:
            last = rows[-1]
            return EventPage(events, replace(query, before=(last[7], last[9])), more)
        return EventPage(events, replace(query, after_sequence=events[-1].sequence), more)

    async def count_events(self, event_type: str | None) -> int:
        if event_type:
            sql, params = "SELECT COUNT(*) FROM spark_events WHERE event_type = ?", (event_type,)
        else:
            sql, params = "SELECT COUNT(*) FROM spark_events", ()
        return await self._read(lambda conn: conn.execute(sql, params).fetchone()[0])

    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]:
        if agent_id is not None:
            sql = (
                f"SELECT {_EVENT_COLUMNS} FROM spark_events AS e INDEXED BY idx_events_agent"
                " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
                " WHERE e.agent_id = ? ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?"
            )
            params: tuple = (agent_id, limit)
        else:
            sql = (
                f"SELECT {_EVENT_COLUMNS} FROM spark_event_sequence AS s"
                " CROSS JOIN spark_events AS e ON e.id = s.event_id"
                " ORDER BY s.seq DESC LIMIT ?"
            )
            params = (limit,)
        rows = await self._read(lambda conn: conn.execute(sql, params).fetchall())
        events = [_event_from_row(row) for row in rows]
        events.sort(key=lambda event: event.sequence)
        return events

    # ── memories ──────────────────────────────────────────────────────────
    @staticmethod
    def _find_memory(conn: sqlite3.Connection, memory_id: str) -> MemoryRecord | None:
        row = conn.execute(
            f"SELECT {_MEMORY_COLUMNS} FROM {_MEMORY_FROM} WHERE m.id = ?", (memory_id,)
        ).fetchone()
        return _memory_from_row(row) if row is not None else None

    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]:
        return await self._write(lambda tx: self._store_memory_in(tx.conn, memory))

    def _store_memory_in(
        self, conn: sqlite3.Connection, memory: NewMemory
    ) -> tuple[MemoryRecord, bool]:
        if memory.id is not None:
            existing = self._find_memory(conn, memory.id)
            if existing is not None:
                stored = self._stored_fingerprint(conn, "memory", memory.id)
                check_memory_retry(existing, stored, memory)
                return existing, True
        record = insert_memory(conn, memory, datetime.now(UTC))
        if memory.id is not None and memory.fingerprint is not None:
            conn.execute(
                "INSERT OR REPLACE INTO spark_request_fingerprints (kind, id, fingerprint)"
                " VALUES ('memory', ?, ?)",
                (memory.id, memory.fingerprint),
            )
        return record, False

    async def list_memories(
        self, query: MemoryQuery, limit: int, now: datetime
    ) -> list[MemoryRecord]:
        where, params = _memory_where(query, now)
        sql = (
            f"SELECT {_MEMORY_COLUMNS} FROM {_MEMORY_FROM} WHERE {where}"
            " ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?"
        )
        rows = await self._read(lambda conn: conn.execute(sql, (*params, limit)).fetchall())
        return [_memory_from_row(row) for row in rows]

    async def count_memories(self, query: MemoryQuery, now: datetime) -> int:
        where, params = _memory_where(query, now)
        sql = f"SELECT COUNT(*) FROM {_MEMORY_FROM} WHERE {where}"
        return await self._read(lambda conn: conn.execute(sql, params).fetchone()[0])

    async def get_memory(self, memory_id: str) -> MemoryRecord:
        found = await self._read(lambda conn: self._find_memory(conn, memory_id))
        if found is None:
            raise NotFound(f"no memory has id {memory_id!r}")
        return found

    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord:
        def job(tx: _Transaction) -> MemoryRecord:
            current = self._find_memory(tx.conn, memory_id)
            if current is None:
                raise NotFound(f"no memory has id {memory_id!r}")
            return update_memory_in(tx.conn, current, changes, datetime.now(UTC))

        return await self._write(job)

    async def delete_memory(self, memory_id: str) -> MemoryRecord:
        def job(tx: _Transaction) -> MemoryRecord:
            current = self._find_memory(tx.conn, memory_id)
            if current is None:
                raise NotFound(f"no memory has id {memory_id!r}")
            delete_memories_in(tx.conn, [memory_id])
            return current

        return await self._write(job)

    async def delete_expired_memories(self, before: datetime) -> int:
        cutoff = format_timestamp(before)

        def job(tx: _Transaction) -> int:
            ids = [
                row[0]
                for row in tx.conn.execute(
                    "SELECT id FROM spark_memories"
                    " WHERE expires_at IS NOT NULL AND expires_at != '' AND expires_at < ?",
                    (cutoff,),
                )
            ]
            delete_memories_in(tx.conn, ids)
            return len(ids)

        return await self._write(job)

    # ── consolidation ─────────────────────────────────────────────────────
    async def agent_ids(self) -> list[str]:
        sql = (
            "SELECT DISTINCT agent_id FROM spark_events INDEXED BY idx_events_agent"
            " WHERE agent_id IS NOT NULL AND agent_id != '' ORDER BY agent_id"
        )
        rows = await self._read(lambda conn: conn.execute(sql).fetchall())
        return [row[0] for row in rows]

    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff:
        return await self._write(lambda tx: apply_outcomes_in(tx.conn, outcomes, now, ttl))


def insert_memory(conn: sqlite3.Connection, memory: NewMemory, now: datetime) -> MemoryRecord:
    """Insert one memory and its metadata row; returns the stored record."""
    memory_id = memory.id if memory.id is not None else str(uuid.uuid4())
    now_text = format_timestamp(now)
    conn.execute(
        "INSERT INTO spark_memories (id, memory_type, subject, content, confidence,"
        " source_events, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            memory_id,
            memory.memory_type,
            memory.subject,
            memory.content,
            memory.confidence,
            memory.source_events,
            now_text,
            format_timestamp(memory.expires_at) if memory.expires_at is not None else None,
        ),
    )
    rule_key = _rule_key(memory.rule, memory.subject, memory.memory_type) if memory.rule else None
    conn.execute(
        "INSERT INTO spark_memory_meta (memory_id, rule, rule_key, updated_at, source_event_ids)"
        " VALUES (?, ?, ?, ?, ?)",
        (memory_id, memory.rule, rule_key, now_text, json.dumps(list(memory.source_event_ids))),
    )
    return new_memory_record(memory_id, memory, now)


def _rule_key(rule: str, subject: str, memory_type: str) -> str:
    return json.dumps([rule, subject, memory_type], ensure_ascii=False)


def update_memory_in(
    conn: sqlite3.Connection, current: MemoryRecord, changes: MemoryChanges, now: datetime
) -> MemoryRecord:
    """Apply ``changes`` to a stored memory; returns the updated record."""
    updated = changed_memory(current, changes, now)
    expires_text = format_timestamp(updated.expires_at) if updated.expires_at is not None else None
    conn.execute(
        "UPDATE spark_memories SET content = ?, confidence = ?, source_events = ?,"
        " expires_at = ? WHERE id = ?",
        (updated.content, updated.confidence, updated.source_events, expires_text, current.id),
    )
    rule_key = (
        _rule_key(updated.rule, updated.subject, updated.memory_type)
        if holds_slot(updated, now)
        else None
    )
    conn.execute(
        "INSERT INTO spark_memory_meta (memory_id, rule, rule_key, updated_at, source_event_ids)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (memory_id) DO UPDATE SET"
        " rule_key = excluded.rule_key, updated_at = excluded.updated_at,"
        " source_event_ids = excluded.source_event_ids",
        (
            current.id,
            updated.rule,
            rule_key,
            format_timestamp(now),
            json.dumps(list(updated.source_event_ids)),
        ),
    )
    return updated


def delete_memories_in(conn: sqlite3.Connection, memory_ids: Iterable[str]) -> None:
    rows = [(memory_id,) for memory_id in memory_ids]
    conn.executemany("DELETE FROM spark_memories WHERE id = ?", rows)
    conn.executemany("DELETE FROM spark_memory_meta WHERE memory_id = ?", rows)
    conn.executemany(
        "DELETE FROM spark_request_fingerprints WHERE kind = 'memory' AND id = ?", rows
    )


def _live_in_slot(
    conn: sqlite3.Connection, rule: str, subject: str, memory_type: str, now: datetime
) -> MemoryRecord | None:
    """The live consolidated memory of a slot. One whose expiry has passed
    gives up the slot (a TTL ran out), so that a new one can take it."""
    key = _rule_key(rule, subject, memory_type)
    row = conn.execute(
        f"SELECT {_MEMORY_COLUMNS} FROM {_MEMORY_FROM} WHERE x.rule_key = ?", (key,)
    ).fetchone()
    if row is None:
        return None
    memory = _memory_from_row(row)
    if memory.expires_at is not None and memory.expires_at <= now:
        conn.execute(
            "UPDATE spark_memory_meta SET rule_key = NULL WHERE memory_id = ?", (memory.id,)
        )
        return None
    return memory


def apply_outcomes_in(
    conn: sqlite3.Connection,
    outcomes: list[RuleOutcome],
    now: datetime,
    ttl: timedelta | None,
) -> MemoryDiff:
    """``EventStore.apply_rule_outcomes`` inside an open transaction."""
    diff = MemoryDiff()
    for outcome in outcomes:
        live = _live_in_slot(conn, outcome.rule, outcome.subject, outcome.memory_type, now)
        action = plan_outcome(live, outcome, now, ttl)
        if action is None:
            continue
        kind, payload = action
        if isinstance(payload, NewMemory):
            diff.created.append(insert_memory(conn, payload, now))
        else:
            assert live is not None
            getattr(diff, kind).append(update_memory_in(conn, live, payload, now))
    return diff


def _memory_where(query: MemoryQuery, now: datetime) -> tuple[str, list]:
    clauses = ["m.confidence >= ?"]
    params: list = [query.min_confidence]
    if query.memory_type:
        clauses.append("m.memory_type = ?")
        params.append(query.memory_type)
    if query.subject:
        clauses.append("m.subject = ?")
        params.append(query.subject)
    if query.rule is not None:
        clauses.append("COALESCE(x.rule, '') = ?")
        params.append(query.rule)
    if not query.include_expired:
        clauses.append("(m.expires_at IS NULL OR m.expires_at = '' OR m.expires_at > ?)")
        params.append(format_timestamp(now))
    return " AND ".join(clauses), params


def _event_select(query: EventQuery, limit: int) -> tuple[str, list]:
    """The SQL of one page of a ListEvents read.

    Newest first reads an index on (filter column, created_at) backwards;
    oldest first walks the sequence table forwards. Neither sorts the table.
    """
    clauses = ["e.importance >= ?"]
    params: list = [query.min_importance]
    for column, value in (
        ("event_type", query.event_type),
        ("agent_id", query.agent_id),
        ("task_id", query.task_id),
    ):
        if value:
            clauses.append(f"e.{column} = ?")
            params.append(value)
    # Bounds are compared as text in the seed's own isoformat(), which drops
    # zero microseconds: "...:07+00:00" sorts before "...:07.000000+00:00",
    # so a bound on a whole second holds rows written in either form.
    if query.since is not None:
        clauses.append("e.created_at >= ?")
        params.append(query.since.astimezone(UTC).isoformat())
    if query.until is not None:
        clauses.append("e.created_at < ?")
        params.append(query.until.astimezone(UTC).isoformat())
    if query.after_sequence:
        clauses.append("s.seq > ?")
        params.append(query.after_sequence)
    if query.through_sequence:
        clauses.append("s.seq <= ?")
        params.append(query.through_sequence)
    if query.newest_first:
        if query.before is not None:
            created_text, row_key = query.before
            # Ties on created_at (one batch shares a timestamp) are broken by
            # rowid, the index's last column: a page starts strictly after
            # the last row of the one before.
            clauses.append("e.created_at <= ? AND (e.created_at < ? OR e.rowid < ?)")
            params.extend((created_text, created_text, row_key))
        sql = (
            f"SELECT {_EVENT_COLUMNS}, e.rowid FROM spark_events AS e"
            " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
            f" WHERE {' AND '.join(clauses)}"
            " ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?"
        )
    else:
        sql = (
            f"SELECT {_EVENT_COLUMNS} FROM spark_event_sequence AS s"
            " CROSS JOIN spark_events AS e ON e.id = s.event_id"
            f" WHERE {' AND '.join(clauses)}"
            " ORDER BY s.seq LIMIT ?"
        )
    params.append(limit)
    return sql, params
