"""The SQLite writer: one thread that owns the only write connection and
commits whatever jobs are waiting together (group commit).

Each caller's future is resolved only after the transaction holding its rows
has committed; then the events and memory changes it made are handed to the
store (``on_commit``) to be published. Another process may write to the file
too (the seed module): every half-second the writer looks whether one has
committed (``PRAGMA data_version``) and, if so, tells the store the file's
newest positions (``on_foreign_commit``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from spark_grpc.core.errors import (
    AlreadyExists,
    ResourceExhausted,
    SparkError,
    Unavailable,
)
from spark_grpc.core.models import EventRecord, MemoryChange
from spark_grpc.core.store_errors import counted
from spark_grpc.store.base import NOTHING, take_group

logger = logging.getLogger(__name__)

# The most rows one INSERT statement writes (see insert_rows).
ROWS_PER_INSERT = 512
# How often the writer looks whether another process (the seed module, a
# second server) has committed to the file, in seconds.
LOOK_SECONDS = 0.5


def log_heads(conn: sqlite3.Connection) -> tuple[int, int]:
    """The newest event sequence and memory change sequence in the file (the
    latter from AUTOINCREMENT's counter: changes may have been pruned)."""
    return conn.execute(
        "SELECT (SELECT COALESCE(MAX(seq), 0) FROM spark_event_sequence),"
        " (SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'spark_memory_changes')"
    ).fetchone()


@counted
def domain_error(exc: BaseException) -> BaseException:
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


@functools.lru_cache(maxsize=64)
def _values_sql(head: str, width: int, count: int) -> str:
    row = "(" + ", ".join("?" * width) + ")"
    return f"{head} VALUES {', '.join([row] * count)}"


def insert_rows(conn: sqlite3.Connection, head: str, rows: list[tuple]) -> None:
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
    most = min(ROWS_PER_INSERT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    size = 1 << (max(1, most).bit_length() - 1)
    start = 0
    while start < len(rows):
        while size > len(rows) - start:
            size >>= 1
        chunk = rows[start : start + size]
        conn.execute(_values_sql(head, width, size), [value for row in chunk for value in row])
        start += size


def is_read_only(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_READONLY


class Transaction:
    """What a write job sees: the connection, inside BEGIN IMMEDIATE."""

    __slots__ = ("conn", "_next_seq", "events", "changes")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._next_seq: int | None = None
        # Events appended and memory changes made in this transaction, in
        # sequence order: published once it has committed.
        self.events: list[EventRecord] = []
        self.changes: list[MemoryChange] = []

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


class Writer:
    """The one thread that writes, committing waiting jobs together."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        on_commit: Callable[[list[EventRecord], list[MemoryChange]], None],
        on_foreign_commit: Callable[[int, int], None],
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

    def submit(self, job: Callable[[Transaction], Any]) -> asyncio.Future:
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
                if current is not None and time.monotonic() - looked >= LOOK_SECONDS:
                    seen = self._look(current, seen)
                    looked = time.monotonic()
                try:
                    job = self._queue.get(timeout=LOOK_SECONDS)
                except queue.Empty:
                    continue
                if job is None:
                    break
                jobs, stopping = take_group(job, self._next_job)
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

    def _next_job(self) -> Any:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return NOTHING

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
                self._on_foreign_commit(*log_heads(conn))
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
                self._deliver(job, error=domain_error(exc))
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
        tx = Transaction(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            results = [job[0](tx) for job in jobs]
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if is_read_only(exc):
                for job in jobs:
                    self._deliver(job, error=domain_error(exc))
                return False
            if len(jobs) == 1:
                self._deliver(jobs[0], error=domain_error(exc))
                return True
            # One job spoiled the group: run each on its own, so that only
            # the failing one fails and nothing of it is written.
            return all([self._run_group(conn, [job]) for job in jobs])
        if tx.events or tx.changes:
            self._on_commit(tx.events, tx.changes)
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
