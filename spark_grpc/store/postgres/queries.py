"""The SQL of the PostgreSQL store that runs inside a caller's transaction:
memory writes (each recording the change it makes), slots, and the WHERE
clauses of reads."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg.types.json import Jsonb

from spark_grpc.core.models import (
    ChangeKind,
    EventQuery,
    MemoryChange,
    MemoryChanges,
    MemoryQuery,
    MemoryRecord,
    NewMemory,
)
from spark_grpc.core.outcomes import changed_memory, holds_slot, new_memory_record
from spark_grpc.core.rules import RuleOutcome
from spark_grpc.store.base import event_filters, memory_from_snapshot, memory_snapshot, new_id
from spark_grpc.store.postgres.recall import record_revisions
from spark_grpc.store.postgres.rows import EVENT_COLUMNS, MEMORY_COLUMNS, holds_nul, memory_from_row
from spark_grpc.store.postgres.schema import MEMORY_CHANNEL


def slot_key(rule: str, subject: str, memory_type: str) -> str:
    return "\x1f".join((rule, subject, memory_type))


async def insert_memory(
    tx: MemoryTransaction, memory: NewMemory, now: datetime
) -> MemoryRecord | None:
    """Insert one memory (a CREATED change); None when its client-chosen id
    is taken."""
    memory_id = memory.id if memory.id is not None else new_id()
    record = new_memory_record(memory_id, memory, now)
    cur = await tx.conn.execute(
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
    if cur.rowcount != 1:
        return None
    tx.changed(ChangeKind.CREATED, record, memory.actor)
    return record


async def memory_for_update(conn: psycopg.AsyncConnection, memory_id: str) -> MemoryRecord | None:
    cur = await conn.execute(
        f"SELECT {MEMORY_COLUMNS} FROM spark_memories WHERE id = %s FOR UPDATE", (memory_id,)
    )
    row = await cur.fetchone()
    return memory_from_row(row) if row is not None else None


async def update_memory(
    tx: MemoryTransaction,
    current: MemoryRecord,
    changes: MemoryChanges,
    now: datetime,
    kind: ChangeKind = ChangeKind.UPDATED,
) -> MemoryRecord:
    """Apply ``changes`` to a memory locked for update (a change of ``kind``)."""
    updated = changed_memory(current, changes, now)
    await tx.conn.execute(
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
    tx.changed(kind, updated, changes.actor)
    return updated


async def live_in_slot(
    conn: psycopg.AsyncConnection, outcome: RuleOutcome, now: datetime
) -> MemoryRecord | None:
    """The live memory of an outcome's slot. One whose expiry has passed
    gives up the slot (a TTL ran out), so that a new one can take it."""
    cur = await conn.execute(
        f"SELECT {MEMORY_COLUMNS} FROM spark_memories"
        " WHERE holds_slot AND rule = %s AND subject = %s AND memory_type = %s FOR UPDATE",
        (outcome.rule, outcome.subject, outcome.memory_type),
    )
    row = await cur.fetchone()
    if row is None:
        return None
    memory = memory_from_row(row)
    if not holds_slot(memory, now):
        await conn.execute(
            "UPDATE spark_memories SET holds_slot = false WHERE id = %s", (memory.id,)
        )
        return None
    return memory


def memory_where(query: MemoryQuery, now: datetime) -> tuple[str | None, list]:
    """The WHERE clause of a memory query; None when no row can match."""
    if holds_nul(query.memory_type, query.subject, query.rule):
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


def bounded(sql: str, order: str, size: str, max_bytes: int) -> tuple[str, list]:
    """``sql`` (a SELECT ... ORDER BY order LIMIT n, without the outer
    bound) cut at the first row that takes the running total of ``size``
    (an SQL expression) to ``max_bytes``: the rows past it never leave the
    database. Two columns are added at the end of each row: the row's size
    and the running total."""
    head, _, rest = sql.partition(" FROM ")
    inner = (
        f"{head}, ({size}) AS spark_size,"
        f" SUM({size}) OVER (ORDER BY {order} ROWS UNBOUNDED PRECEDING) AS spark_running"
        f" FROM {rest}"
    )
    return (
        # Every size is positive: the running total orders the rows as `order`.
        f"SELECT * FROM ({inner}) AS page WHERE spark_running - spark_size < %s"
        " ORDER BY spark_running",
        [max_bytes],
    )


EVENT_SIZE = "octet_length(description) + octet_length(data)"
# As core.models.memory_bytes, in the database.
MEMORY_SIZE = (
    "octet_length(content) + octet_length(subject) + octet_length(memory_type)"
    " + octet_length(id) + octet_length(rule) + 2 * cardinality(source_event_ids) * 20 + 96"
)


def query_filters(query: EventQuery) -> tuple[list[str], list]:
    """The WHERE clauses of an event query's filters (no sequence bounds),
    for reads and searches."""
    clauses, params = event_filters(query.event_type, query.agent_id, query.task_id, mark="%s")
    clauses.insert(0, "importance >= %s")
    params.insert(0, query.min_importance)
    if query.since is not None:
        clauses.append("created_at >= %s")
        params.append(query.since)
    if query.until is not None:
        clauses.append("created_at < %s")
        params.append(query.until)
    return clauses, params


def event_select(query: EventQuery, limit: int) -> tuple[str, list]:
    """The SQL of one page of a ListEvents read: newest first walks an index
    on (filter column, created_at, seq) backwards, oldest first the primary
    key forwards."""
    clauses, params = query_filters(query)
    if query.after_sequence:
        clauses.append("seq > %s")
        params.append(query.after_sequence)
    if query.through_sequence:
        clauses.append("seq <= %s")
        params.append(query.through_sequence)
    if query.newest_first:
        if query.before is not None:
            # The store's own cursor: (created_at, seq) of the last row read.
            created, seq = query.before  # type: ignore[misc]
            clauses.append("(created_at, seq) < (%s, %s)")
            params.extend((created, seq))
        order = "created_at DESC, seq DESC"
    else:
        order = "seq"
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM spark_events WHERE {' AND '.join(clauses)}"
        f" ORDER BY {order} LIMIT %s"
    )
    params.append(limit)
    return sql, params


class MemoryTransaction:
    """A transaction that changes memories: it collects the changes, and
    ``publish`` numbers them (under the position lock, held to COMMIT, so
    that they are numbered in commit order) and announces them at commit."""

    def __init__(self, conn: psycopg.AsyncConnection) -> None:
        self.conn = conn
        self._pending: list[tuple[ChangeKind, MemoryRecord]] = []
        self._actors: list[str] = []

    def changed(self, kind: ChangeKind, memory: MemoryRecord, actor: str = "") -> None:
        self._pending.append((kind, memory))
        self._actors.append(actor)

    async def publish(self) -> list[MemoryChange]:
        """Call last, inside the transaction; returns the numbered changes."""
        if not self._pending:
            return []
        cur = self.conn.cursor()
        await cur.execute(
            "SELECT last, clock_timestamp() FROM spark_memory_change_position FOR UPDATE"
        )
        row = await cur.fetchone()
        assert row is not None
        last, now = row
        changes = []
        for kind, memory in self._pending:
            last += 1
            changes.append(MemoryChange(last, kind, memory))
        await cur.executemany(
            "INSERT INTO spark_memory_changes (seq, kind, memory_id, memory, changed_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            [
                (c.sequence, c.kind.value, c.memory.id, Jsonb(memory_snapshot(c.memory)), now)
                for c in changes
            ],
        )
        await record_revisions(cur, changes, self._actors, now)
        self._actors.clear()
        await cur.execute("UPDATE spark_memory_change_position SET last = %s", (last,))
        await cur.execute("SELECT pg_notify(%s, %s)", (MEMORY_CHANNEL, str(last)))
        self._pending.clear()
        return changes


async def delete_memories(
    tx: MemoryTransaction, where: str, params: tuple, actor: str = ""
) -> list[MemoryRecord]:
    """Delete the memories ``where`` selects (each a DELETED change)."""
    cur = await tx.conn.execute(
        f"DELETE FROM spark_memories WHERE {where} RETURNING {MEMORY_COLUMNS}", params
    )
    deleted = [memory_from_row(row) for row in await cur.fetchall()]
    # Earlier changes of a deleted memory stay, without their copy of the
    # content (the deletion keeps the last state).
    await tx.conn.execute(
        "UPDATE spark_memory_changes SET memory = jsonb_set(memory, '{content}', '\"\"')"
        " WHERE memory_id = ANY(%s)",
        ([m.id for m in deleted],),
    )
    for memory in deleted:
        tx.changed(ChangeKind.DELETED, memory, actor)
    return deleted


async def memory_changes_after(
    conn: psycopg.AsyncConnection,
    after_sequence: int,
    through: int,
    limit: int,
    max_bytes: int = 0,
) -> list[MemoryChange]:
    sql = "SELECT seq, kind, memory FROM spark_memory_changes WHERE seq > %s"
    params: list = [after_sequence]
    if through:
        sql += " AND seq <= %s"
        params.append(through)
    sql += " ORDER BY seq LIMIT %s"
    params.append(limit)
    if max_bytes:
        sql, extra = bounded(sql, "seq", "octet_length(memory::text)", max_bytes)
        params += extra
    cur = await conn.execute(sql, params)
    return [
        MemoryChange(row[0], ChangeKind(row[1]), memory_from_snapshot(row[2]))
        for row in await cur.fetchall()
    ]
