"""The PostgreSQL store: one shared log for several server replicas.

Schema. Versioned migrations (``MIGRATIONS``) run at start inside one
transaction that holds an advisory lock, so replicas that start together
apply each migration once; ``spark_schema_version`` records what is applied.
Timestamps are ``timestamptz``. Client-chosen ids keep their request's
fingerprint in the row itself.

Sequences in commit order. ``spark_log_position`` is one row holding the
last sequence handed out. An append locks that row first (``SELECT ... FOR
UPDATE``), numbers its events after it, writes them and moves the counter in
the same transaction. The next append cannot number anything until this one
has committed or rolled back, so sequences are assigned in commit order and
with no gaps: once a reader sees sequence N, it sees every sequence below N.
(A BIGSERIAL would let a transaction that took 8 commit after one that took
9, and a follower resuming from 9 would never see 8.) The lock is held only
from numbering to commit; appends waiting in one server are committed
together (group commit), which is what keeps the serialised part short.

Live follow across replicas. Each commit sends ``NOTIFY spark_events`` with
its last sequence; every server LISTENs on its own connection and wakes its
followers, which then read by sequence from the database. The listener also
re-reads the counter every ``recheck_seconds`` (and after reconnecting), so
a lost notification delays an event, never loses it.

Consolidation across replicas. Each rule slot (rule, subject, memory_type)
has at most one live memory: a unique partial index says so, and
``apply_rule_outcomes`` takes a transaction-scoped advisory lock per slot
before reading it. ``consolidation_lock`` holds an advisory lock per subject
while a run reads the log and applies its outcomes, so two replicas never
interleave runs for the same agent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from spark_grpc.consolidation import RuleOutcome
from spark_grpc.errors import (
    AlreadyExists,
    InvalidArgument,
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
from spark_grpc.store.location import redact_url

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The channel that commits are announced on; the payload is the last sequence.
CHANNEL = "spark_events"

# Advisory lock keys (first half of the two-int form): migrations, the rule
# slots of apply_rule_outcomes, and whole consolidation runs per subject.
_MIGRATION_LOCK = 0x5350_0001
_SLOT_LOCKS = 0x5350_0002
_SUBJECT_LOCKS = 0x5350_0003

# How many waiting appends one transaction may take.
_MAX_GROUP = 256

# (version, description, statements). Append new versions; never edit one
# that has shipped.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "events, the log position, memories",
        (
            """
            CREATE TABLE spark_log_position (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                last bigint NOT NULL
            )
            """,
            "INSERT INTO spark_log_position (singleton, last) VALUES (true, 0)",
            """
            CREATE TABLE spark_events (
                seq bigint PRIMARY KEY,
                id text NOT NULL UNIQUE,
                event_type text NOT NULL,
                agent_id text,
                task_id text,
                description text NOT NULL DEFAULT '',
                data text NOT NULL DEFAULT '{}',
                importance double precision NOT NULL DEFAULT 0.5,
                created_at timestamptz NOT NULL,
                fingerprint text
            )
            """,
            # Newest-first pages read these backwards, filtered or not.
            "CREATE INDEX spark_events_type ON spark_events (event_type, created_at, seq)",
            "CREATE INDEX spark_events_agent ON spark_events (agent_id, created_at, seq)",
            "CREATE INDEX spark_events_task ON spark_events (task_id, created_at, seq)",
            "CREATE INDEX spark_events_created ON spark_events (created_at, seq)",
            """
            CREATE TABLE spark_memories (
                id text PRIMARY KEY,
                memory_type text NOT NULL,
                subject text NOT NULL DEFAULT 'system',
                content text NOT NULL,
                confidence double precision NOT NULL DEFAULT 0.5,
                source_events bigint NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL,
                expires_at timestamptz,
                updated_at timestamptz NOT NULL,
                rule text NOT NULL DEFAULT '',
                holds_slot boolean NOT NULL DEFAULT false,
                source_event_ids text[] NOT NULL DEFAULT '{}',
                fingerprint text,
                pos bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            # One live memory per rule slot, whichever replica writes it.
            "CREATE UNIQUE INDEX spark_memories_live_slot"
            " ON spark_memories (rule, subject, memory_type) WHERE holds_slot",
            "CREATE INDEX spark_memories_created ON spark_memories (created_at, pos)",
            "CREATE INDEX spark_memories_subject ON spark_memories (subject, created_at, pos)",
            "CREATE INDEX spark_memories_type ON spark_memories (memory_type, created_at, pos)",
            "CREATE INDEX spark_memories_expires ON spark_memories (expires_at)"
            " WHERE expires_at IS NOT NULL",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]

_EVENT_COLUMNS = "id, event_type, agent_id, task_id, description, data, importance, created_at, seq"
_MEMORY_COLUMNS = (
    "id, memory_type, subject, content, confidence, source_events, created_at,"
    " expires_at, updated_at, rule, source_event_ids"
)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _event_from_row(row: tuple) -> EventRecord:
    return EventRecord(
        id=row[0],
        event_type=row[1],
        agent_id=row[2],
        task_id=row[3],
        description=row[4],
        data=row[5],
        importance=row[6],
        created_at=_utc(row[7]),
        sequence=row[8],
    )


def _memory_from_row(row: tuple) -> MemoryRecord:
    return MemoryRecord(
        id=row[0],
        memory_type=row[1],
        subject=row[2],
        content=row[3],
        confidence=row[4],
        source_events=row[5],
        created_at=_utc(row[6]),
        expires_at=_utc(row[7]) if row[7] is not None else None,
        updated_at=_utc(row[8]),
        rule=row[9],
        source_event_ids=tuple(row[10]),
    )


def _nul_field(fields: Iterable[tuple[str, str | None]]) -> str | None:
    """The name of the first field holding U+0000, which PostgreSQL text
    cannot keep, or None."""
    for name, value in fields:
        if value is not None and "\x00" in value:
            return name
    return None


def _holds_nul(*values: str | None) -> bool:
    """Whether a filter value holds U+0000 (then no stored row can match)."""
    return any(value is not None and "\x00" in value for value in values)


def _refuse_nul(fields: Iterable[tuple[str, str | None]], index: int | None = None) -> None:
    name = _nul_field(fields)
    if name is not None:
        error = InvalidArgument(
            name, "must not contain U+0000 (the PostgreSQL store cannot keep it)"
        )
        error.index = index  # type: ignore[attr-defined]
        raise error


def _event_fields(event: NewEvent) -> list[tuple[str, str | None]]:
    return [
        ("event_type", event.event_type),
        ("agent_id", event.agent_id),
        ("task_id", event.task_id),
        ("description", event.description),
        ("data", event.data),
    ]


def _domain_error(exc: BaseException) -> BaseException:
    """Turn what PostgreSQL (or the pool) raised into a domain error."""
    if isinstance(exc, SparkError):
        return exc
    if isinstance(exc, PoolTimeout):
        return Unavailable("no database connection is free; retry")
    if isinstance(exc, pg_errors.UniqueViolation):
        return AlreadyExists(f"the record conflicts with a stored one ({exc.diag.message_primary})")
    if isinstance(exc, pg_errors.DiskFull | pg_errors.OutOfMemory):
        return ResourceExhausted(f"the database is out of space ({exc.diag.message_primary})")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return Unavailable("the database cannot be written (read-only); retry on the primary")
    if isinstance(exc, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
        return Unavailable("the database aborted the transaction; retry")
    if isinstance(exc, psycopg.OperationalError):
        return Unavailable(f"the database is unreachable: {exc}")
    if isinstance(exc, psycopg.Error):
        logger.error("database error: %s", exc)
        return Unavailable(f"the database failed: {exc}")
    return exc


class _AppendJob:
    __slots__ = ("events", "future")

    def __init__(self, events: list[NewEvent], future: asyncio.Future) -> None:
        self.events = events
        self.future = future


class PostgresStore(EventStore):
    """The log and the memories in one PostgreSQL database, shared by any
    number of server replicas."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        recheck_seconds: float = 1.0,
        connect_timeout: float = 15.0,
    ) -> None:
        if pool_size < 2:
            raise ValueError(f"pool_size must be at least 2, got {pool_size}")
        self.url = url
        self._recheck_seconds = recheck_seconds
        self._connect_timeout = connect_timeout
        self._pool = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            open=False,
            kwargs={"autocommit": True},
            check=AsyncConnectionPool.check_connection,
            timeout=connect_timeout,
            name="spark",
        )
        # A consolidation run holds a connection for its lock while it reads
        # and writes on others: keep some connections free of such locks.
        self._subject_lock_slots = asyncio.Semaphore(max(1, pool_size // 2))
        self._commits = CommitSignal()
        self._queue: asyncio.Queue[_AppendJob | None] = asyncio.Queue()
        self._writer: asyncio.Task | None = None
        self._listener: asyncio.Task | None = None
        self._listening = asyncio.Event()
        self._closed = False

    # ── lifecycle ─────────────────────────────────────────────────────────
    async def open(self) -> None:
        try:
            await self._pool.open(wait=True, timeout=self._connect_timeout)
        except PoolTimeout:
            await self._pool.close()
            raise Unavailable(
                f"cannot connect to {redact_url(self.url)} within {self._connect_timeout:g}s"
            ) from None
        try:
            async with self._pool.connection() as conn:
                await migrate(conn)
            self._commits.advance(await self._read_position())
            self._writer = asyncio.create_task(self._write_loop(), name="spark-pg-writer")
            self._listener = asyncio.create_task(self._listen_loop(), name="spark-pg-listener")
            # Followers may rely on notifications as soon as open() returns.
            await asyncio.wait_for(self._listening.wait(), self._connect_timeout)
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._writer is not None:
            # Let every append already queued commit first.
            self._queue.put_nowait(None)
            with contextlib.suppress(Exception):
                await self._writer
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(BaseException):
                await self._listener
        self._commits.wake()
        await self._pool.close()

    @property
    def closed(self) -> bool:
        return self._closed

    async def _run(self, work: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
        """Run ``work`` on a pooled connection, errors as domain errors."""
        if self._closed:
            raise Unavailable("the server is shutting down")
        return await self._on_connection(work)

    async def _on_connection(self, work: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
        """``_run`` also while closing (the writer finishes queued appends)."""
        try:
            async with self._pool.connection() as conn:
                return await work(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            raise _domain_error(exc) from exc

    async def _fetch(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        async def work(conn: psycopg.AsyncConnection) -> list[tuple]:
            cur = await conn.execute(sql, tuple(params))
            return await cur.fetchall()

        return await self._run(work)

    async def _read_position(self) -> int:
        [(last,)] = await self._fetch("SELECT last FROM spark_log_position")
        return last

    # ── commits and followers ─────────────────────────────────────────────
    @property
    def committed_sequence(self) -> int:
        return self._commits.sequence

    async def wait_for_commit(self, after_sequence: int) -> int:
        return await self._commits.wait(after_sequence, lambda: self._closed)

    def wake_waiters(self) -> None:
        self._commits.wake()

    async def _listen_loop(self) -> None:
        """LISTEN for commits of every replica; re-read the counter on a
        timer and after each reconnect, so a lost notification costs at most
        ``recheck_seconds``."""
        backoff = 0.1
        while not self._closed:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self.url, autocommit=True, connect_timeout=int(self._connect_timeout)
                )
            except psycopg.Error as exc:
                logger.warning("LISTEN connection failed (%s); retrying", exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            try:
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    await self._recheck(conn)
                    self._listening.set()
                    backoff = 0.1
                    while True:
                        async for note in conn.notifies(timeout=self._recheck_seconds):
                            with contextlib.suppress(ValueError):
                                self._commits.advance(int(note.payload))
                        await self._recheck(conn)
            except psycopg.Error as exc:
                if self._closed:
                    return
                logger.warning("LISTEN connection lost (%s); reconnecting", exc)
                await asyncio.sleep(backoff)

    async def _recheck(self, conn: psycopg.AsyncConnection) -> None:
        cur = await conn.execute("SELECT last FROM spark_log_position")
        row = await cur.fetchone()
        if row is not None:
            self._commits.advance(row[0])

    # ── events ────────────────────────────────────────────────────────────
    async def append(self, events: list[NewEvent]) -> list[tuple[EventRecord, bool]]:
        if self._closed or self._writer is None:
            raise Unavailable("the server is shutting down")
        for index, event in enumerate(events):
            _refuse_nul(_event_fields(event), index)
        future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_AppendJob(events, future))
        return await future

    async def _write_loop(self) -> None:
        """Commit waiting appends together, one transaction per group."""
        while True:
            job = await self._queue.get()
            if job is None:
                return
            jobs = [job]
            stopping = False
            while len(jobs) < _MAX_GROUP and not self._queue.empty():
                more = self._queue.get_nowait()
                if more is None:
                    stopping = True
                    break
                jobs.append(more)
            await self._commit_group(jobs)
            if stopping:
                return

    async def _commit_group(self, jobs: list[_AppendJob]) -> None:
        try:
            outcomes, last = await self._on_connection(lambda conn: self._append_in(conn, jobs))
        except BaseException as exc:
            if len(jobs) > 1 and not isinstance(exc, asyncio.CancelledError):
                # One job spoiled the group: run each on its own, so that
                # only the failing one fails.
                for job in jobs:
                    await self._commit_group([job])
                return
            for job in jobs:
                if not job.future.done():
                    job.future.set_exception(_domain_error(exc))
            if isinstance(exc, asyncio.CancelledError):
                raise
            return
        if last:
            self._commits.advance(last)
        for job, outcome in zip(jobs, outcomes, strict=True):
            if job.future.done():
                continue
            if isinstance(outcome, BaseException):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)

    @staticmethod
    async def _append_in(
        conn: psycopg.AsyncConnection, jobs: list[_AppendJob]
    ) -> tuple[list[Any], int]:
        """Append every job's events in one transaction; a job whose ids
        conflict fails alone (before it writes anything). Returns each job's
        results (or error) and the last sequence written (0 if none)."""
        async with conn.transaction():
            cur = conn.cursor()
            # The lock that orders commits: held from here to COMMIT.
            await cur.execute("SELECT last, clock_timestamp() FROM spark_log_position FOR UPDATE")
            row = await cur.fetchone()
            assert row is not None
            start, created = row[0], _utc(row[1])
            last = start
            # Under the lock, this read sees every committed client id.
            wanted = list({e.id for job in jobs for e in job.events if e.id is not None})
            known: dict[str, tuple[EventRecord, str | None]] = {}
            if wanted:
                await cur.execute(
                    f"SELECT {_EVENT_COLUMNS}, fingerprint FROM spark_events WHERE id = ANY(%s)",
                    (wanted,),
                )
                for found in await cur.fetchall():
                    known[found[0]] = (_event_from_row(found), found[9])
            outcomes: list[Any] = []
            rows: list[tuple] = []
            for job in jobs:
                try:
                    plan = plan_append(job.events, known.get, lambda: str(uuid.uuid4()))
                except SparkError as error:
                    outcomes.append(error)
                    continue
                written: dict[int, EventRecord] = {}
                for index, event_id, event in plan.fresh:
                    last += 1
                    record = new_event_record(event_id, event, created, last)
                    written[index] = record
                    print_ = event.fingerprint if event.id is not None else None
                    if event.id is not None:
                        known[event.id] = (record, print_)
                    rows.append(
                        (
                            last,
                            event_id,
                            event.event_type,
                            event.agent_id,
                            event.task_id,
                            event.description,
                            event.data,
                            event.importance,
                            created,
                            print_,
                        )
                    )
                outcomes.append(plan.results(written))
            if rows:
                async with cur.copy(
                    "COPY spark_events (seq, id, event_type, agent_id, task_id, description,"
                    " data, importance, created_at, fingerprint) FROM STDIN"
                ) as copy:
                    for values in rows:
                        await copy.write_row(values)
                await cur.execute("UPDATE spark_log_position SET last = %s", (last,))
                # Delivered at commit, to every replica listening.
                await cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(last)))
        return outcomes, (last if rows else 0)

    async def read_events(self, query: EventQuery, limit: int) -> EventPage:
        if _holds_nul(query.event_type, query.agent_id, query.task_id):
            return EventPage([], query)
        sql, params = _event_select(query, limit)
        events = [_event_from_row(row) for row in await self._fetch(sql, params)]
        if not events:
            return EventPage(events, query)
        last = events[-1]
        more = len(events) >= limit
        if query.newest_first:
            cursor = (format_timestamp(last.created_at), last.sequence)
            return EventPage(events, replace(query, before=cursor), more)
        return EventPage(events, replace(query, after_sequence=last.sequence), more)

    async def count_events(self, event_type: str | None) -> int:
        if event_type:
            if _holds_nul(event_type):
                return 0
            rows = await self._fetch(
                "SELECT COUNT(*) FROM spark_events WHERE event_type = %s", (event_type,)
            )
        else:
            rows = await self._fetch("SELECT COUNT(*) FROM spark_events")
        return rows[0][0]

    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]:
        if agent_id is not None:
            if _holds_nul(agent_id):
                return []
            sql = (
                f"SELECT {_EVENT_COLUMNS} FROM spark_events WHERE agent_id = %s"
                " ORDER BY created_at DESC, seq DESC LIMIT %s"
            )
            params: tuple = (agent_id, limit)
        else:
            sql = f"SELECT {_EVENT_COLUMNS} FROM spark_events ORDER BY seq DESC LIMIT %s"
            params = (limit,)
        events = [_event_from_row(row) for row in await self._fetch(sql, params)]
        events.sort(key=lambda event: event.sequence)
        return events

    # ── memories ──────────────────────────────────────────────────────────
    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]:
        _refuse_nul(
            [
                ("memory_type", memory.memory_type),
                ("subject", memory.subject),
                ("content", memory.content),
            ]
        )

        async def work(conn: psycopg.AsyncConnection) -> tuple[MemoryRecord, bool]:
            async with conn.transaction():
                inserted = await _insert_memory(conn, memory, datetime.now(UTC))
                if inserted is not None:
                    return inserted, False
                # The id is taken (perhaps just now, by another replica).
                assert memory.id is not None
                cur = await conn.execute(
                    f"SELECT {_MEMORY_COLUMNS}, fingerprint FROM spark_memories WHERE id = %s",
                    (memory.id,),
                )
                row = await cur.fetchone()
                if row is None:  # deleted in between: a retry will store it
                    raise Unavailable("the memory id changed hands; retry")
                existing = _memory_from_row(row)
                check_memory_retry(existing, row[11], memory)
                return existing, True

        return await self._run(work)

    async def list_memories(
        self, query: MemoryQuery, limit: int, now: datetime
    ) -> list[MemoryRecord]:
        where, params = _memory_where(query, now)
        if where is None:
            return []
        sql = (
            f"SELECT {_MEMORY_COLUMNS} FROM spark_memories WHERE {where}"
            " ORDER BY created_at DESC, pos DESC LIMIT %s"
        )
        return [_memory_from_row(row) for row in await self._fetch(sql, [*params, limit])]

    async def count_memories(self, query: MemoryQuery, now: datetime) -> int:
        where, params = _memory_where(query, now)
        if where is None:
            return 0
        rows = await self._fetch(f"SELECT COUNT(*) FROM spark_memories WHERE {where}", params)
        return rows[0][0]

    async def get_memory(self, memory_id: str) -> MemoryRecord:
        rows = await self._fetch(
            f"SELECT {_MEMORY_COLUMNS} FROM spark_memories WHERE id = %s", (memory_id,)
        )
        if not rows:
            raise NotFound(f"no memory has id {memory_id!r}")
        return _memory_from_row(rows[0])

    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord:
        if changes.content is not None:
            _refuse_nul([("content", changes.content)])

        async def work(conn: psycopg.AsyncConnection) -> MemoryRecord:
            async with conn.transaction():
                current = await _memory_for_update(conn, memory_id)
                if current is None:
                    raise NotFound(f"no memory has id {memory_id!r}")
                return await _update_memory(conn, current, changes, datetime.now(UTC))

        return await self._run(work)

    async def delete_memory(self, memory_id: str) -> MemoryRecord:
        rows = await self._fetch(
            f"DELETE FROM spark_memories WHERE id = %s RETURNING {_MEMORY_COLUMNS}", (memory_id,)
        )
        if not rows:
            raise NotFound(f"no memory has id {memory_id!r}")
        return _memory_from_row(rows[0])

    async def delete_expired_memories(self, before: datetime) -> int:
        async def work(conn: psycopg.AsyncConnection) -> int:
            cur = await conn.execute(
                "DELETE FROM spark_memories WHERE expires_at IS NOT NULL AND expires_at < %s",
                (before,),
            )
            return cur.rowcount

        return await self._run(work)

    # ── consolidation ─────────────────────────────────────────────────────
    async def agent_ids(self) -> list[str]:
        # A loose index scan: one index probe per distinct agent, not a scan
        # of every event.
        sql = """
            WITH RECURSIVE agents (agent_id) AS (
                (SELECT agent_id FROM spark_events WHERE agent_id > ''
                 ORDER BY agent_id LIMIT 1)
                UNION ALL
                SELECT (SELECT e.agent_id FROM spark_events AS e WHERE e.agent_id > a.agent_id
                        ORDER BY e.agent_id LIMIT 1)
                FROM agents AS a WHERE a.agent_id IS NOT NULL
            )
            SELECT agent_id FROM agents WHERE agent_id IS NOT NULL
        """
        return [row[0] for row in await self._fetch(sql)]

    @contextlib.asynccontextmanager
    async def consolidation_lock(self, subject: str | None) -> AsyncIterator[None]:
        key = "*system*" if subject is None else f"agent:{subject}"
        async with self._subject_lock_slots:
            if self._closed:
                raise Unavailable("the server is shutting down")
            try:
                async with self._pool.connection() as conn, conn.transaction():
                    await conn.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_SUBJECT_LOCKS, key)
                    )
                    yield
            except (psycopg.Error, PoolTimeout) as exc:
                raise _domain_error(exc) from exc

    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff:
        async def work(conn: psycopg.AsyncConnection) -> MemoryDiff:
            async with conn.transaction():
                slots = sorted({_slot_key(o.rule, o.subject, o.memory_type) for o in outcomes})
                for key in slots:
                    await conn.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_SLOT_LOCKS, key)
                    )
                diff = MemoryDiff()
                for outcome in outcomes:
                    live = await _live_in_slot(conn, outcome, now)
                    action = plan_outcome(live, outcome, now, ttl)
                    if action is None:
                        continue
                    kind, payload = action
                    if isinstance(payload, NewMemory):
                        created = await _insert_memory(conn, payload, now)
                        assert created is not None
                        diff.created.append(created)
                    else:
                        assert live is not None
                        getattr(diff, kind).append(await _update_memory(conn, live, payload, now))
                return diff

        return await self._run(work)


# ── SQL helpers (inside a caller's transaction) ──────────────────────────────
def _slot_key(rule: str, subject: str, memory_type: str) -> str:
    return "\x1f".join((rule, subject, memory_type))


async def _insert_memory(
    conn: psycopg.AsyncConnection, memory: NewMemory, now: datetime
) -> MemoryRecord | None:
    """Insert one memory; None when its client-chosen id is taken."""
    memory_id = memory.id if memory.id is not None else str(uuid.uuid4())
    record = new_memory_record(memory_id, memory, now)
    cur = await conn.execute(
        "INSERT INTO spark_memories (id, memory_type, subject, content, confidence,"
        " source_events, created_at, expires_at, updated_at, rule, holds_slot,"
        " source_event_ids, fingerprint)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (id) DO NOTHING",
        (
            memory_id,
            record.memory_type,
            record.subject,
            record.content,
            record.confidence,
            record.source_events,
            now,
            record.expires_at,
            now,
            record.rule,
            holds_slot(record, now),
            list(record.source_event_ids),
            memory.fingerprint if memory.id is not None else None,
        ),
    )
    return record if cur.rowcount == 1 else None


async def _memory_for_update(conn: psycopg.AsyncConnection, memory_id: str) -> MemoryRecord | None:
    cur = await conn.execute(
        f"SELECT {_MEMORY_COLUMNS} FROM spark_memories WHERE id = %s FOR UPDATE", (memory_id,)
    )
    row = await cur.fetchone()
    return _memory_from_row(row) if row is not None else None


async def _update_memory(
    conn: psycopg.AsyncConnection, current: MemoryRecord, changes: MemoryChanges, now: datetime
) -> MemoryRecord:
    updated = changed_memory(current, changes, now)
    await conn.execute(
        "UPDATE spark_memories SET content = %s, confidence = %s, source_events = %s,"
        " source_event_ids = %s, expires_at = %s, updated_at = %s, holds_slot = %s"
        " WHERE id = %s",
        (
            updated.content,
            updated.confidence,
            updated.source_events,
            list(updated.source_event_ids),
            updated.expires_at,
            now,
            holds_slot(updated, now),
            current.id,
        ),
    )
    return updated


async def _live_in_slot(
    conn: psycopg.AsyncConnection, outcome: RuleOutcome, now: datetime
) -> MemoryRecord | None:
    """The live memory of an outcome's slot. One whose expiry has passed
    gives up the slot (a TTL ran out), so that a new one can take it."""
    cur = await conn.execute(
        f"SELECT {_MEMORY_COLUMNS} FROM spark_memories"
        " WHERE holds_slot AND rule = %s AND subject = %s AND memory_type = %s FOR UPDATE",
        (outcome.rule, outcome.subject, outcome.memory_type),
    )
    row = await cur.fetchone()
    if row is None:
        return None
    memory = _memory_from_row(row)
    if not holds_slot(memory, now):
        await conn.execute(
            "UPDATE spark_memories SET holds_slot = false WHERE id = %s", (memory.id,)
        )
        return None
    return memory


async def migrate(conn: psycopg.AsyncConnection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; returns the version found.

    One transaction under an advisory lock: a replica starting at the same
    time waits here, then finds the migrations applied."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        # Asked first, so that a role without CREATE can start on a
        # database that is already up to date.
        cur = await conn.execute("SELECT to_regclass('spark_schema_version') IS NOT NULL")
        row = await cur.fetchone()
        if not (row and row[0]):
            await conn.execute(
                "CREATE TABLE spark_schema_version ("
                " version integer PRIMARY KEY,"
                " description text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
        cur = await conn.execute("SELECT COALESCE(MAX(version), 0) FROM spark_schema_version")
        row = await cur.fetchone()
        found = row[0] if row is not None else 0
        if found > SCHEMA_VERSION:
            raise Unavailable(
                f"the database has schema version {found}, newer than this server's"
                f" {SCHEMA_VERSION}: upgrade the server"
            )
        for version, description, statements in MIGRATIONS:
            if version <= found:
                continue
            for statement in statements:
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO spark_schema_version (version, description) VALUES (%s, %s)",
                (version, description),
            )
            logger.info("applied PostgreSQL schema version %d (%s)", version, description)
    return found


def _memory_where(query: MemoryQuery, now: datetime) -> tuple[str | None, list]:
    """The WHERE clause of a memory query; None when no row can match."""
    if _holds_nul(query.memory_type, query.subject, query.rule):
        return None, []
    clauses = ["confidence >= %s"]
    params: list = [query.min_confidence]
    if query.memory_type:
        clauses.append("memory_type = %s")
        params.append(query.memory_type)
    if query.subject:
        clauses.append("subject = %s")
        params.append(query.subject)
    if query.rule is not None:
        clauses.append("rule = %s")
        params.append(query.rule)
    if not query.include_expired:
        clauses.append("(expires_at IS NULL OR expires_at > %s)")
        params.append(now)
    return " AND ".join(clauses), params


def _event_select(query: EventQuery, limit: int) -> tuple[str, list]:
    """The SQL of one page of a ListEvents read: newest first walks an index
    on (filter column, created_at, seq) backwards, oldest first the primary
    key forwards."""
    clauses = ["importance >= %s"]
    params: list = [query.min_importance]
    for column, value in (
        ("event_type", query.event_type),
        ("agent_id", query.agent_id),
        ("task_id", query.task_id),
    ):
        if value:
            clauses.append(f"{column} = %s")
            params.append(value)
    if query.since is not None:
        clauses.append("created_at >= %s")
        params.append(query.since)
    if query.until is not None:
        clauses.append("created_at < %s")
        params.append(query.until)
    if query.after_sequence:
        clauses.append("seq > %s")
        params.append(query.after_sequence)
    if query.through_sequence:
        clauses.append("seq <= %s")
        params.append(query.through_sequence)
    if query.newest_first:
        if query.before is not None:
            created_text, seq = query.before
            clauses.append("(created_at, seq) < (%s, %s)")
            params.extend((parse_timestamp(created_text), seq))
        order = "created_at DESC, seq DESC"
    else:
        order = "seq"
    sql = (
        f"SELECT {_EVENT_COLUMNS} FROM spark_events WHERE {' AND '.join(clauses)}"
        f" ORDER BY {order} LIMIT %s"
    )
    params.append(limit)
    return sql, params
