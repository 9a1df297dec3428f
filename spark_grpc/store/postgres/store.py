"""The PostgreSQL store: one shared log for several server replicas.

The schema and its migrations are in ``schema``; appends, numbered in commit
order by a locked counter row and committed in groups, in ``appends``; the
listener that hears every replica's commits in ``listener``; the SQL that
runs inside transactions in ``queries``; rows to records in ``rows``.
Timestamps are ``timestamptz``. Client-chosen ids keep their request's
fingerprint in the row itself.

Memory changes are numbered like events, by their own locked counter row
(``MemoryTransaction.publish``) and announced with NOTIFY, so that a watcher
on any replica sees every change, in commit order.

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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from spark_grpc.core.errors import (
    Unavailable,
    memory_not_found,
    shutting_down,
)
from spark_grpc.core.idempotency import check_memory_retry
from spark_grpc.core.models import (
    AppendCondition,
    EventPage,
    EventQuery,
    EventRecord,
    MemoryChange,
    MemoryChanges,
    MemoryDiff,
    MemoryQuery,
    MemoryRecord,
    NewEvent,
    NewMemory,
)
from spark_grpc.core.outcomes import plan_outcome
from spark_grpc.core.rules import RuleOutcome
from spark_grpc.store.base import PAGE_BYTES, EventStore, diff_of
from spark_grpc.store.location import redact_url
from spark_grpc.store.postgres.appends import GroupWriter
from spark_grpc.store.postgres.availability import Availability, permanent_reason
from spark_grpc.store.postgres.consumers import PostgresConsumers
from spark_grpc.store.postgres.listener import listen, log_heads
from spark_grpc.store.postgres.queries import (
    EVENT_SIZE,
    MEMORY_SIZE,
    MemoryTransaction,
    bounded,
    delete_memories,
    event_select,
    insert_memory,
    live_in_slot,
    memory_changes_after,
    memory_for_update,
    memory_where,
    slot_key,
    update_memory,
)
from spark_grpc.store.postgres.recall import PostgresRecall
from spark_grpc.store.postgres.rows import (
    EVENT_COLUMNS,
    MEMORY_COLUMNS,
    domain_error,
    event_fields,
    event_from_row,
    holds_nul,
    memory_from_row,
    refuse_nul,
)
from spark_grpc.store.postgres.schema import (
    CHANNEL,
    MEMORY_CHANNEL,
    SLOT_LOCKS,
    SUBJECT_LOCKS,
    migrate,
)

T = TypeVar("T")
# How long a call waits for a pooled connection.
CHECKOUT_SECONDS = 5.0


class PostgresStore(PostgresConsumers, PostgresRecall, EventStore):
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
        super().__init__()
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
        self._writer = GroupWriter(self._on_connection, self.event_commits.advance)
        # Known unreachable: calls fail at once; listeners (health) hear of it.
        self.availability = Availability(url, lambda: self._closed)
        self._started = False
        self._listener: asyncio.Task | None = None
        self._listening = asyncio.Event()

    # ── lifecycle ─────────────────────────────────────────────────────────
    async def open(self) -> None:
        await self._first_connection()
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
                events, changes = await log_heads(conn)
            self.event_commits.advance(events)
            self.memory_commits.advance(changes)
            self._writer.start()
            self._started = True
            self._listener = asyncio.create_task(
                listen(
                    self.url,
                    {CHANNEL: self.event_commits, MEMORY_CHANNEL: self.memory_commits},
                    closed=lambda: self._closed,
                    listening=self._listening,
                    recheck_seconds=self._recheck_seconds,
                    connect_timeout=self._connect_timeout,
                    on_trouble=self.availability.suspect,
                ),
                name="spark-pg-listener",
            )
            # Followers may rely on notifications as soon as open() returns.
            await asyncio.wait_for(self._listening.wait(), self._connect_timeout)
        except BaseException:
            await self.close()
            raise

    async def _first_connection(self) -> None:
        """Connect once before the pool does: an error that no retry can
        cure (no such database, authentication refused) stops the start at
        once; others are retried by the pool for connect_timeout."""
        try:
            conn = await psycopg.AsyncConnection.connect(
                self.url, connect_timeout=max(1, int(self._connect_timeout))
            )
        except (psycopg.Error, OSError) as exc:
            reason = permanent_reason(exc)
            if reason is not None:
                raise ValueError(
                    f"cannot use {redact_url(self.url)}: {reason} ({str(exc).strip()})"
                ) from None
            return
        await conn.close()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.availability.stop()
        await self._writer.stop()
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(BaseException):
                await self._listener
        self.wake_waiters()
        await self._pool.close()

    async def _run(self, work: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
        """Run ``work`` on a pooled connection, errors as domain errors."""
        if self._closed:
            raise shutting_down()
        return await self._on_connection(work)

    async def _on_connection(self, work: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
        """``_run`` also while closing (the writer finishes queued appends)."""
        self.availability.check()
        try:
            async with self._pool.connection(timeout=CHECKOUT_SECONDS) as conn:
                return await work(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            if isinstance(exc, PoolTimeout | psycopg.OperationalError):
                self.availability.suspect()
            raise domain_error(exc) from exc

    async def _fetch(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        async def work(conn: psycopg.AsyncConnection) -> list[tuple]:
            cur = await conn.execute(sql, tuple(params))
            return await cur.fetchall()

        return await self._run(work)

    async def _change_memories(
        self, work: Callable[[MemoryTransaction], Awaitable[T]]
    ) -> tuple[T, list[MemoryChange]]:
        """Run ``work`` in a transaction that publishes the memory changes
        it makes (numbered at its end, announced at its commit); returns its
        result and the changes."""
        published: list[MemoryChange] = []

        async def run(conn: psycopg.AsyncConnection) -> T:
            async with conn.transaction():
                tx = MemoryTransaction(conn)
                result = await work(tx)
                published.extend(await tx.publish())
                # The last look before COMMIT: a caller that gave up meanwhile
                # is rolled back (its cancellation is usually raised at an
                # await above; this covers one that is pending).
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError
            return result

        result = await self._run(run)
        if published:
            self.memory_commits.advance(published[-1].sequence)
        return result, published

    # ── events ────────────────────────────────────────────────────────────
    async def append(
        self, events: list[NewEvent], condition: AppendCondition | None = None
    ) -> list[tuple[EventRecord, bool]]:
        if self._closed or not self._started:
            raise shutting_down()
        for index, event in enumerate(events):
            refuse_nul(event_fields(event), index)
        return await self._writer.append(events, condition)

    async def read_events(
        self, query: EventQuery, limit: int, max_bytes: int = PAGE_BYTES
    ) -> EventPage:
        if holds_nul(query.event_type, query.agent_id, query.task_id):
            return EventPage([], query)
        sql, params = event_select(query, limit)
        # The page stops at about max_bytes of text inside the database.
        order = "created_at DESC, seq DESC" if query.newest_first else "seq"
        sql, extra = bounded(sql, order, EVENT_SIZE, max_bytes)
        rows = await self._fetch(sql, [*params, *extra])
        events = [event_from_row(row) for row in rows]
        if not events:
            return EventPage(events, query)
        last = events[-1]
        more = len(events) >= limit or rows[-1][-1] >= max_bytes
        if query.newest_first:
            cursor = (last.created_at, last.sequence)
            return EventPage(events, replace(query, before=cursor), more)
        return EventPage(events, replace(query, after_sequence=last.sequence), more)

    async def count_events(self, event_type: str | None) -> int:
        if event_type:
            if holds_nul(event_type):
                return 0
            rows = await self._fetch(
                "SELECT COUNT(*) FROM spark_events WHERE event_type = %s", (event_type,)
            )
        else:
            rows = await self._fetch("SELECT COUNT(*) FROM spark_events")
        return rows[0][0]

    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]:
        if agent_id is not None:
            if holds_nul(agent_id):
                return []
            sql = (
                f"SELECT {EVENT_COLUMNS} FROM spark_events WHERE agent_id = %s"
                " ORDER BY created_at DESC, seq DESC LIMIT %s"
            )
            params: tuple = (agent_id, limit)
        else:
            sql = f"SELECT {EVENT_COLUMNS} FROM spark_events ORDER BY seq DESC LIMIT %s"
            params = (limit,)
        events = [event_from_row(row) for row in await self._fetch(sql, params)]
        events.sort(key=lambda event: event.sequence)
        return events

    # ── memories ──────────────────────────────────────────────────────────
    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]:
        refuse_nul(
            [
                ("memory_type", memory.memory_type),
                ("subject", memory.subject),
                ("content", memory.content),
            ]
        )

        async def work(tx: MemoryTransaction) -> tuple[MemoryRecord, bool]:
            inserted = await insert_memory(tx, memory, datetime.now(UTC))
            if inserted is not None:
                return inserted, False
            # The id is taken (perhaps just now, by another replica).
            assert memory.id is not None
            cur = await tx.conn.execute(
                f"SELECT {MEMORY_COLUMNS}, fingerprint FROM spark_memories WHERE id = %s",
                (memory.id,),
            )
            row = await cur.fetchone()
            if row is None:  # deleted in between: a retry will store it
                raise Unavailable("the memory id changed hands; retry")
            existing = memory_from_row(row)
            check_memory_retry(existing, row[11], memory)
            return existing, True

        return (await self._change_memories(work))[0]

    async def list_memories(
        self,
        query: MemoryQuery,
        limit: int,
        now: datetime,
        *,
        max_bytes: int = 0,
        after_id: str | None = None,
    ) -> list[MemoryRecord]:
        where, params = memory_where(query, now)
        if where is None or holds_nul(after_id):
            return []
        order = "created_at DESC, pos DESC"
        if after_id is not None:
            where += " AND id > %s"
            params.append(after_id)
            order = "id"
        sql = f"SELECT {MEMORY_COLUMNS} FROM spark_memories WHERE {where} ORDER BY {order} LIMIT %s"
        params.append(limit)
        if max_bytes:
            # Cut inside the database once the memories pass max_bytes
            # (the row that passes it is the last one returned).
            sql, extra = bounded(sql, order, MEMORY_SIZE, max_bytes)
            params += extra
        return [memory_from_row(row) for row in await self._fetch(sql, params)]

    async def count_memories(self, query: MemoryQuery, now: datetime) -> int:
        where, params = memory_where(query, now)
        if where is None:
            return 0
        rows = await self._fetch(f"SELECT COUNT(*) FROM spark_memories WHERE {where}", params)
        return rows[0][0]

    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord:
        if changes.content is not None:
            refuse_nul([("content", changes.content)])

        async def work(tx: MemoryTransaction) -> MemoryRecord:
            current = await memory_for_update(tx.conn, memory_id)
            if current is None:
                raise memory_not_found(memory_id)
            return await update_memory(tx, current, changes, datetime.now(UTC))

        return (await self._change_memories(work))[0]

    async def delete_memory(self, memory_id: str, actor: str = "") -> MemoryRecord:
        async def work(tx: MemoryTransaction) -> MemoryRecord:
            deleted = await delete_memories(tx, "id = %s", (memory_id,), actor)
            if not deleted:
                raise memory_not_found(memory_id)
            return deleted[0]

        return (await self._change_memories(work))[0]

    async def delete_expired_memories(self, before: datetime) -> int:
        async def work(tx: MemoryTransaction) -> int:
            where = "expires_at IS NOT NULL AND expires_at < %s"
            return len(await delete_memories(tx, where, (before,)))

        return (await self._change_memories(work))[0]

    # ── memory changes ────────────────────────────────────────────────────
    async def read_memory_changes(
        self, after_sequence: int, through: int, limit: int, max_bytes: int = 0
    ) -> list[MemoryChange]:
        return await self._run(
            lambda conn: memory_changes_after(conn, after_sequence, through, limit, max_bytes)
        )

    async def delete_oldest_events(self, limit: int, before: datetime | None = None) -> int:
        # Never the newest event, nor one a durable consumer has not acknowledged.
        newest = (
            "(SELECT min(x) FROM (SELECT max(seq) AS x FROM spark_events"
            " UNION ALL SELECT min(acked_sequence) + 1 FROM spark_consumers) AS bounds)"
        )
        if before is None:
            sql = (
                "DELETE FROM spark_events WHERE seq IN (SELECT seq FROM spark_events"
                f" WHERE seq < {newest} ORDER BY seq LIMIT %s)"
            )
            params: tuple = (limit,)
        else:
            sql = (
                "DELETE FROM spark_events WHERE seq IN (SELECT seq FROM spark_events"
                f" WHERE created_at < %s AND seq < {newest} ORDER BY created_at, seq LIMIT %s)"
            )
            params = (before, limit)

        async def work(conn: psycopg.AsyncConnection) -> int:
            cur = await conn.execute(sql, params)
            return cur.rowcount

        return await self._run(work)

    async def prune_memory_changes(self, before: datetime) -> int:
        async def work(conn: psycopg.AsyncConnection) -> int:
            # The counter row keeps the position, so every change may go.
            cur = await conn.execute(
                "DELETE FROM spark_memory_changes WHERE changed_at < %s", (before,)
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
                raise shutting_down()
            try:
                async with self._pool.connection() as conn, conn.transaction():
                    await conn.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (SUBJECT_LOCKS, key)
                    )
                    yield
            except (psycopg.Error, PoolTimeout) as exc:
                raise domain_error(exc) from exc

    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff:
        async def work(tx: MemoryTransaction) -> None:
            slots = sorted({slot_key(o.rule, o.subject, o.memory_type) for o in outcomes})
            for key in slots:
                await tx.conn.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (SLOT_LOCKS, key)
                )
            for outcome in outcomes:
                live = await live_in_slot(tx.conn, outcome, now)
                action = plan_outcome(live, outcome, now, ttl)
                if action is None:
                    continue
                if action.new is not None:
                    created = await insert_memory(tx, action.new, now)
                    assert created is not None
                else:
                    assert action.live is not None and action.changes is not None
                    await update_memory(tx, action.live, action.changes, now, action.kind)

        _, changes = await self._change_memories(work)
        return diff_of(changes)
