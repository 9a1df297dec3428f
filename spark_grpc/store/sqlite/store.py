"""The embedded SQLite store: the seed module's files, served as they are.

The layout of the file is in ``schema``; the writer thread with its group
commit in ``writer``; connections and reader threads in ``connections``; the
SQL in ``queries``; rows to records in ``rows``. This module puts them
together behind the ``EventStore`` interface.

Every caller's future is resolved only after the transaction holding its
rows has committed; the writer then hands the events and memory changes it
committed to the event loop, which keeps them as recent commits and wakes
followers and watchers. They take what they missed from memory when they
keep up, and from the database otherwise. When another process commits to
the file (the seed module, a second server), the writer notices and wakes
them up to the file's newest positions.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from spark_grpc.config import SYNCHRONOUS_MODES
from spark_grpc.core.errors import (
    append_condition_failed,
    memory_not_found,
    shutting_down,
)
from spark_grpc.core.idempotency import check_memory_retry, plan_append
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
    memory_bytes,
)
from spark_grpc.core.outcomes import new_event_record
from spark_grpc.core.rules import RuleOutcome
from spark_grpc.core.timestamps import format_timestamp
from spark_grpc.store.base import PAGE_BYTES, EventStore, new_id
from spark_grpc.store.recent import RecentCommits
from spark_grpc.store.sqlite.connections import (
    ReaderPool,
    open_connection,
    open_writer_connection,
)
from spark_grpc.store.sqlite.consumers import SQLiteConsumers
from spark_grpc.store.sqlite.lock import ServedFile
from spark_grpc.store.sqlite.queries import (
    apply_outcomes_in,
    conflicting_sequence,
    created_key,
    delete_memories_in,
    event_select,
    find_event,
    find_memory,
    insert_memory,
    memory_changes_after,
    memory_where,
    stored_fingerprint,
    update_memory_in,
)
from spark_grpc.store.sqlite.recall import SQLiteRecall
from spark_grpc.store.sqlite.rows import (
    EVENT_COLUMNS,
    MEMORY_COLUMNS,
    MEMORY_FROM,
    event_from_row,
    memory_from_row,
    text_length,
)
from spark_grpc.store.sqlite.writer import Transaction, Writer, domain_error, insert_rows, log_heads

logger = logging.getLogger(__name__)


def _event_bytes(event: EventRecord) -> int:
    return len(event.data) + len(event.description) + 200


def _change_bytes(change: MemoryChange) -> int:
    return len(change.memory.content) + 300


class SQLiteStore(SQLiteConsumers, SQLiteRecall, EventStore):
    """The embedded default store over one SQLite file."""

    def __init__(
        self,
        path: str | Path,
        *,
        synchronous: str = "NORMAL",
        readers: int = 4,
        busy_timeout_ms: int = 5000,
        max_db_bytes: int = 0,
        shared: bool = False,
    ) -> None:
        super().__init__()
        synchronous = synchronous.upper()
        if synchronous not in SYNCHRONOUS_MODES:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_MODES}, got {synchronous!r}")
        self.path = Path(path)
        self._connect = functools.partial(open_connection, self.path, busy_timeout_ms)
        self._connect_writer = functools.partial(
            open_writer_connection, self.path, busy_timeout_ms, synchronous, max_db_bytes
        )
        self._readers = ReaderPool(self._connect, readers)
        # One server per file, unless `shared` (see lock.py).
        self._served = None if shared or str(path) == ":memory:" else ServedFile(self.path)
        self._writer: Writer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._recent_events: RecentCommits[EventRecord] = RecentCommits(_event_bytes)
        self._recent_changes: RecentCommits[MemoryChange] = RecentCommits(_change_bytes)

    # ── lifecycle ─────────────────────────────────────────────────────────
    async def open(self) -> None:
        self._loop = asyncio.get_running_loop()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._served is not None:
            self._served.acquire()
        self._writer = Writer(
            self._connect_writer, self._committed_from_writer, self._foreign_commit
        )
        try:
            await self._loop.run_in_executor(None, self._writer.start)
        except BaseException as exc:
            self._writer = None
            if self._served is not None:
                self._served.release()
            if isinstance(exc, sqlite3.Error):
                raise domain_error(exc) from exc
            raise
        events, changes = await self._read(log_heads)
        self.event_commits.advance(events)
        self.memory_commits.advance(changes)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._writer is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._writer.stop)
            self._writer = None
        self.wake_waiters()
        self._readers.close()
        if self._served is not None:
            self._served.release()

    async def _read(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        if self._closed:
            raise shutting_down()
        return await self._readers.run(fn)

    async def _write(self, job: Callable[[Transaction], Any]) -> Any:
        if self._closed or self._writer is None:
            raise shutting_down()
        return await self._writer.submit(job)

    # ── commit notification ───────────────────────────────────────────────
    def _committed_from_writer(
        self, events: list[EventRecord], changes: list[MemoryChange]
    ) -> None:
        assert self._loop is not None
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._committed, tuple(events), tuple(changes))

    def _foreign_commit(self, events: int, changes: int) -> None:
        """From the writer thread: another process committed, and the file
        holds events and memory changes up to these sequences. Followers
        read those from the database (they are not among the recent commits
        in memory)."""
        assert self._loop is not None
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._advance, events, changes)

    def _advance(self, events: int, changes: int) -> None:
        self.event_commits.advance(events)
        self.memory_commits.advance(changes)

    def _committed(
        self, events: tuple[EventRecord, ...], changes: tuple[MemoryChange, ...]
    ) -> None:
        if events:
            self._recent_events.add(events)
            self.event_commits.advance(events[-1].sequence)
        if changes:
            self._recent_changes.add(changes)
            self.memory_commits.advance(changes[-1].sequence)

    def recent_events_after(self, after_sequence: int, through: int) -> list[EventRecord] | None:
        return self._recent_events.after(after_sequence, through)

    def recent_memory_changes_after(
        self, after_sequence: int, through: int
    ) -> list[MemoryChange] | None:
        return self._recent_changes.after(after_sequence, through)

    # ── events ────────────────────────────────────────────────────────────
    async def append(
        self, events: list[NewEvent], condition: AppendCondition | None = None
    ) -> list[tuple[EventRecord, bool]]:
        return await self._write(lambda tx: self._append_in(tx, events, condition))

    @staticmethod
    def _append_in(
        tx: Transaction, events: list[NewEvent], condition: AppendCondition | None
    ) -> list[tuple[EventRecord, bool]]:
        conn = tx.conn

        def lookup(event_id: str) -> tuple[EventRecord, str | None] | None:
            existing = find_event(conn, event_id)
            if existing is None:
                return None
            return existing, stored_fingerprint(conn, "event", event_id)

        plan = plan_append(events, lookup, new_id)
        if plan.fresh and condition is not None:
            # The writer holds the write lock: nothing commits in between.
            conflict = conflicting_sequence(conn, condition)
            if conflict is not None:
                raise append_condition_failed(conflict)
        written: dict[int, EventRecord] = {}
        if plan.fresh:
            created = datetime.now(UTC)
            created_text = format_timestamp(created)
            created_sort_key = created_key(created)
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
                        created_sort_key,
                    )
                )
                if event.id is not None and event.fingerprint is not None:
                    print_rows.append(("event", event_id, event.fingerprint))
                record = new_event_record(event_id, event, created, seq)
                written[index] = record
                tx.events.append(record)
            # The sequence rows first: the trigger then finds each event's.
            insert_rows(conn, "INSERT INTO spark_event_sequence (seq, event_id)", seq_rows)
            insert_rows(
                conn,
                "INSERT INTO spark_events (id, event_type, agent_id, task_id, description,"
                " data, importance, created_at, spark_created_key)",
                event_rows,
            )
            insert_rows(
                conn,
                "INSERT OR REPLACE INTO spark_request_fingerprints (kind, id, fingerprint)",
                print_rows,
            )
        return plan.results(written)

    async def read_events(
        self, query: EventQuery, limit: int, max_bytes: int = PAGE_BYTES
    ) -> EventPage:
        sql, params = event_select(query, limit)

        def fetch(conn: sqlite3.Connection) -> tuple[list[tuple], bool]:
            # A page holds at most `limit` rows and about max_bytes of text
            # (and at least one row), so that a page of large events cannot
            # fill the memory: rows are taken one at a time.
            cursor = conn.execute(sql, params)
            rows: list[tuple] = []
            size = 0
            while row := cursor.fetchone():
                rows.append(row)
                size += text_length(row[4]) + text_length(row[5])
                if size >= max_bytes and len(rows) < limit:
                    return rows, True
            return rows, len(rows) >= limit

        rows, more = await self._read(fetch)
        events = [event_from_row(row) for row in rows]
        if not rows:
            return EventPage(events, query)
        if query.newest_first:
            last = rows[-1]
            return EventPage(events, replace(query, before=(last[10], last[9])), more)
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
                f"SELECT {EVENT_COLUMNS} FROM spark_events AS e INDEXED BY idx_events_agent"
                " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
                " WHERE e.agent_id = ? ORDER BY e.spark_created_key DESC, e.rowid DESC LIMIT ?"
            )
            params: tuple = (agent_id, limit)
        else:
            sql = (
                f"SELECT {EVENT_COLUMNS} FROM spark_event_sequence AS s"
                " CROSS JOIN spark_events AS e ON e.id = s.event_id"
                " ORDER BY s.seq DESC LIMIT ?"
            )
            params = (limit,)
        rows = await self._read(lambda conn: conn.execute(sql, params).fetchall())
        events = [event_from_row(row) for row in rows]
        events.sort(key=lambda event: event.sequence)
        return events

    async def delete_oldest_events(self, limit: int, before: datetime | None = None) -> int:
        # Never the newest event, nor one a durable consumer has not acknowledged.
        newest = (
            "(SELECT MIN(x) FROM (SELECT MAX(seq) AS x FROM spark_event_sequence"
            " UNION ALL SELECT MIN(acked_sequence) + 1 FROM spark_consumers))"
        )
        if before is None:
            sql = (
                "SELECT s.seq, s.event_id FROM spark_event_sequence AS s"
                f" WHERE s.seq < {newest} ORDER BY s.seq LIMIT ?"
            )
            params: tuple = (limit,)
        else:
            sql = (
                "SELECT s.seq, e.id FROM spark_events AS e INDEXED BY idx_events_created"
                " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
                f" WHERE e.created_at < ? AND s.seq < {newest} ORDER BY e.created_at LIMIT ?"
            )
            params = (format_timestamp(before), limit)

        def job(tx: Transaction) -> int:
            rows = tx.conn.execute(sql, params).fetchall()
            ids = [(event_id,) for _, event_id in rows]
            tx.conn.executemany("DELETE FROM spark_events WHERE id = ?", ids)
            tx.conn.executemany(
                "DELETE FROM spark_event_sequence WHERE seq = ?", [(seq,) for seq, _ in rows]
            )
            tx.conn.executemany(
                "DELETE FROM spark_request_fingerprints WHERE kind = 'event' AND id = ?", ids
            )
            # Gives free pages back to the file system when auto_vacuum is
            # INCREMENTAL (otherwise they are reused by new rows).
            tx.conn.execute("PRAGMA incremental_vacuum(256)").fetchall()
            return len(rows)

        return await self._write(job)

    # ── memories ──────────────────────────────────────────────────────────
    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]:
        return await self._write(lambda tx: self._store_memory_in(tx, memory))

    @staticmethod
    def _store_memory_in(tx: Transaction, memory: NewMemory) -> tuple[MemoryRecord, bool]:
        if memory.id is not None:
            existing = find_memory(tx.conn, memory.id)
            if existing is not None:
                stored = stored_fingerprint(tx.conn, "memory", memory.id)
                check_memory_retry(existing, stored, memory)
                return existing, True
        record = insert_memory(tx, memory, datetime.now(UTC))
        if memory.id is not None and memory.fingerprint is not None:
            tx.conn.execute(
                "INSERT OR REPLACE INTO spark_request_fingerprints (kind, id, fingerprint)"
                " VALUES ('memory', ?, ?)",
                (memory.id, memory.fingerprint),
            )
        return record, False

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
        if after_id is not None:
            where += " AND m.id > ?"
            params.append(after_id)
            order = "m.id"
        else:
            order = "m.spark_created_key DESC, m.rowid DESC"
        sql = f"SELECT {MEMORY_COLUMNS} FROM {MEMORY_FROM} WHERE {where} ORDER BY {order} LIMIT ?"

        def fetch(conn: sqlite3.Connection) -> list[MemoryRecord]:
            cursor = conn.execute(sql, (*params, limit))
            memories: list[MemoryRecord] = []
            size = 0
            while row := cursor.fetchone():
                memories.append(memory_from_row(row))
                size += memory_bytes(memories[-1])
                if max_bytes and size > max_bytes:
                    break
            return memories

        return await self._read(fetch)

    async def count_memories(self, query: MemoryQuery, now: datetime) -> int:
        where, params = memory_where(query, now)
        sql = f"SELECT COUNT(*) FROM {MEMORY_FROM} WHERE {where}"
        return await self._read(lambda conn: conn.execute(sql, params).fetchone()[0])

    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord:
        def job(tx: Transaction) -> MemoryRecord:
            current = find_memory(tx.conn, memory_id)
            if current is None:
                raise memory_not_found(memory_id)
            return update_memory_in(tx, current, changes, datetime.now(UTC))

        return await self._write(job)

    async def delete_memory(self, memory_id: str, actor: str = "") -> MemoryRecord:
        def job(tx: Transaction) -> MemoryRecord:
            current = find_memory(tx.conn, memory_id)
            if current is None:
                raise memory_not_found(memory_id)
            delete_memories_in(tx, [current], datetime.now(UTC), actor)
            return current

        return await self._write(job)

    async def delete_expired_memories(self, before: datetime) -> int:
        cutoff = created_key(before)

        def job(tx: Transaction) -> int:
            rows = tx.conn.execute(
                f"SELECT {MEMORY_COLUMNS} FROM {MEMORY_FROM}"
                " WHERE m.spark_expires_key IS NOT NULL AND m.spark_expires_key < ?",
                (cutoff,),
            ).fetchall()
            delete_memories_in(tx, [memory_from_row(row) for row in rows], datetime.now(UTC))
            return len(rows)

        return await self._write(job)

    # ── memory changes ────────────────────────────────────────────────────
    async def read_memory_changes(
        self, after_sequence: int, through: int, limit: int, max_bytes: int = 0
    ) -> list[MemoryChange]:
        return await self._read(
            lambda conn: memory_changes_after(conn, after_sequence, through, limit, max_bytes)
        )

    async def prune_memory_changes(self, before: datetime) -> int:
        cutoff = format_timestamp(before)

        def job(tx: Transaction) -> int:
            # AUTOINCREMENT's counter keeps the position, so every change may go.
            return tx.conn.execute(
                "DELETE FROM spark_memory_changes WHERE changed_at < ?", (cutoff,)
            ).rowcount

        return await self._write(job)

    # ── consolidation ─────────────────────────────────────────────────────
    async def agent_ids(self) -> list[str]:
        sql = (
            "SELECT DISTINCT agent_id FROM spark_events INDEXED BY idx_events_agent"
            " WHERE agent_id IS NOT NULL AND agent_id != '' ORDER BY agent_id"
        )
        rows = await self._read(lambda conn: conn.execute(sql).fetchall())
        # An agent id the seed stored as bytes is read as text.
        return sorted(
            {row[0] if isinstance(row[0], str) else str(row[0], "utf-8", "replace") for row in rows}
        )

    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff:
        return await self._write(lambda tx: apply_outcomes_in(tx, outcomes, now, ttl))
