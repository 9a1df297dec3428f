"""The SQL of the SQLite store: reads, and the memory writes that run inside
the writer's transactions (each records the memory change it makes)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from spark_grpc.core.models import (
    AppendCondition,
    ChangeKind,
    ConsumerFilter,
    ConsumerRecord,
    EventQuery,
    EventRecord,
    MemoryChange,
    MemoryChanges,
    MemoryDiff,
    MemoryQuery,
    MemoryRecord,
    NewMemory,
)
from spark_grpc.core.outcomes import changed_memory, holds_slot, new_memory_record, plan_outcome
from spark_grpc.core.rules import RuleOutcome
from spark_grpc.core.timestamps import format_timestamp, parse_timestamp
from spark_grpc.store.base import (
    diff_of,
    event_filters,
    memory_from_snapshot,
    memory_snapshot,
    new_id,
)
from spark_grpc.store.sqlite.revisions import record_revision
from spark_grpc.store.sqlite.rows import (
    EVENT_COLUMNS,
    MEMORY_COLUMNS,
    MEMORY_FROM,
    event_from_row,
    memory_from_row,
    score_sql,
)
from spark_grpc.store.sqlite.writer import Transaction


def find_event(conn: sqlite3.Connection, event_id: str) -> EventRecord | None:
    row = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM spark_events AS e"
        " LEFT JOIN spark_event_sequence AS s ON s.event_id = e.id WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    return event_from_row(row) if row is not None else None


def stored_fingerprint(conn: sqlite3.Connection, kind: str, record_id: str) -> str | None:
    row = conn.execute(
        "SELECT fingerprint FROM spark_request_fingerprints WHERE kind = ? AND id = ?",
        (kind, record_id),
    ).fetchone()
    return row[0] if row is not None else None


def find_memory(conn: sqlite3.Connection, memory_id: str) -> MemoryRecord | None:
    row = conn.execute(
        f"SELECT {MEMORY_COLUMNS} FROM {MEMORY_FROM} WHERE m.id = ?", (memory_id,)
    ).fetchone()
    return memory_from_row(row) if row is not None else None


def insert_memory(tx: Transaction, memory: NewMemory, now: datetime) -> MemoryRecord:
    """Insert one memory and its metadata row (a CREATED change); returns the
    stored record."""
    conn = tx.conn
    memory_id = memory.id if memory.id is not None else new_id()
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
    record = new_memory_record(memory_id, memory, now)
    record_change(tx, ChangeKind.CREATED, record, now, memory.actor)
    return record


def _rule_key(rule: str, subject: str, memory_type: str) -> str:
    return json.dumps([rule, subject, memory_type], ensure_ascii=False)


def update_memory_in(
    tx: Transaction,
    current: MemoryRecord,
    changes: MemoryChanges,
    now: datetime,
    kind: ChangeKind = ChangeKind.UPDATED,
) -> MemoryRecord:
    """Apply ``changes`` to a stored memory (a change of ``kind``); returns
    the updated record."""
    conn = tx.conn
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
    record_change(tx, kind, updated, now, changes.actor)
    return updated


def delete_memories_in(
    tx: Transaction, memories: Iterable[MemoryRecord], now: datetime, actor: str = ""
) -> None:
    """Delete memories (each a DELETED change, holding its last state)."""
    conn = tx.conn
    memories = list(memories)
    rows = [(memory.id,) for memory in memories]
    conn.executemany("DELETE FROM spark_memories WHERE id = ?", rows)
    conn.executemany("DELETE FROM spark_memory_meta WHERE memory_id = ?", rows)
    conn.executemany(
        "DELETE FROM spark_request_fingerprints WHERE kind = 'memory' AND id = ?", rows
    )
    # A deleted memory's earlier changes stay (every watcher sees every
    # change, in order) but give up their copy of the content, which the
    # deletion keeps: deleting memories frees their space.
    conn.executemany(
        "UPDATE spark_memory_changes SET memory = json_set(memory, '$.content', '')"
        " WHERE memory_id = ?",
        rows,
    )
    for memory in memories:
        record_change(tx, ChangeKind.DELETED, memory, now, actor)


def record_change(
    tx: Transaction, kind: ChangeKind, memory: MemoryRecord, now: datetime, actor: str = ""
) -> None:
    """Number a memory change in the transaction that makes it (the store
    publishes it after the commit), and keep it in the memory's history."""
    record_revision(tx.conn, kind, memory, now, actor)
    seq = tx.conn.execute(
        "INSERT INTO spark_memory_changes (kind, memory_id, memory, changed_at)"
        " VALUES (?, ?, ?, ?)",
        (
            kind.value,
            memory.id,
            json.dumps(memory_snapshot(memory), ensure_ascii=False),
            format_timestamp(now),
        ),
    ).lastrowid
    tx.changes.append(MemoryChange(seq, kind, memory))


def memory_changes_after(
    conn: sqlite3.Connection, after_sequence: int, through: int, limit: int, max_bytes: int = 0
) -> list[MemoryChange]:
    sql = "SELECT seq, kind, memory FROM spark_memory_changes WHERE seq > ?"
    params: list = [after_sequence]
    if through:
        sql += " AND seq <= ?"
        params.append(through)
    cursor = conn.execute(sql + " ORDER BY seq LIMIT ?", (*params, limit))
    changes: list[MemoryChange] = []
    size = 0
    while row := cursor.fetchone():
        seq, kind, text = row
        changes.append(MemoryChange(seq, ChangeKind(kind), memory_from_snapshot(text)))
        size += len(text)
        if max_bytes and size >= max_bytes:
            break
    return changes


def _live_in_slot(
    conn: sqlite3.Connection, rule: str, subject: str, memory_type: str, now: datetime
) -> MemoryRecord | None:
    """The live consolidated memory of a slot. One whose expiry has passed
    gives up the slot (a TTL ran out), so that a new one can take it."""
    key = _rule_key(rule, subject, memory_type)
    row = conn.execute(
        f"SELECT {MEMORY_COLUMNS} FROM {MEMORY_FROM} WHERE x.rule_key = ?", (key,)
    ).fetchone()
    if row is None:
        return None
    memory = memory_from_row(row)
    if memory.expires_at is not None and memory.expires_at <= now:
        conn.execute(
            "UPDATE spark_memory_meta SET rule_key = NULL WHERE memory_id = ?", (memory.id,)
        )
        return None
    return memory


def apply_outcomes_in(
    tx: Transaction,
    outcomes: list[RuleOutcome],
    now: datetime,
    ttl: timedelta | None,
) -> MemoryDiff:
    """``EventStore.apply_rule_outcomes`` inside an open transaction."""
    first = len(tx.changes)
    for outcome in outcomes:
        live = _live_in_slot(tx.conn, outcome.rule, outcome.subject, outcome.memory_type, now)
        action = plan_outcome(live, outcome, now, ttl)
        if action is None:
            continue
        if action.new is not None:
            insert_memory(tx, action.new, now)
        else:
            assert action.live is not None and action.changes is not None
            update_memory_in(tx, action.live, action.changes, now, action.kind)
    return diff_of(tx.changes[first:])


def memory_where(query: MemoryQuery, now: datetime) -> tuple[str, list]:
    clauses = [f"{score_sql('m.confidence')} >= ?"]
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
        clauses.append("(m.spark_expires_key IS NULL OR m.spark_expires_key > ?)")
        params.append(created_key(now))
    return " AND ".join(clauses), params


def created_key(moment: datetime) -> str:
    """The normalised sort key of a moment (schema.created_key_sql)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def query_filters(query: EventQuery) -> tuple[list[str], list]:
    """The WHERE clauses of an event query's filters (no sequence bounds),
    for reads and searches."""
    clauses, params = event_filters(
        query.event_type, query.agent_id, query.task_id, mark="?", prefix="e."
    )
    clauses.insert(0, f"{score_sql('e.importance')} >= ?")
    params.insert(0, query.min_importance)
    # Bounds are compared with the normalised key (schema.created_key_sql),
    # whatever form each row's created_at text has.
    if query.since is not None:
        clauses.append("e.spark_created_key >= ?")
        params.append(created_key(query.since))
    if query.until is not None:
        clauses.append("e.spark_created_key < ?")
        params.append(created_key(query.until))
    return clauses, params


def event_select(query: EventQuery, limit: int) -> tuple[str, list]:
    """The SQL of one page of a ListEvents read.

    Newest first reads an index on (filter column, created_at) backwards;
    oldest first walks the sequence table forwards. Neither sorts the table.
    """
    clauses, params = query_filters(query)
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
            clauses.append("e.spark_created_key <= ? AND (e.spark_created_key < ? OR e.rowid < ?)")
            params.extend((created_text, created_text, row_key))
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM spark_events AS e"
            " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
            f" WHERE {' AND '.join(clauses)}"
            " ORDER BY e.spark_created_key DESC, e.rowid DESC LIMIT ?"
        )
    else:
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM spark_event_sequence AS s"
            " CROSS JOIN spark_events AS e ON e.id = s.event_id"
            f" WHERE {' AND '.join(clauses)}"
            " ORDER BY s.seq LIMIT ?"
        )
    params.append(limit)
    return sql, params


# ── conditions and consumers ──────────────────────────────────────────────
def conflicting_sequence(conn: sqlite3.Connection, condition: AppendCondition) -> int | None:
    """The newest event matching the condition above its after_sequence."""
    clauses, params = event_filters(
        condition.event_type, condition.agent_id, condition.task_id, mark="?", prefix="e."
    )
    where = " AND ".join(["s.seq > ?", *clauses])
    row = conn.execute(
        "SELECT MAX(s.seq) FROM spark_events AS e"
        " CROSS JOIN spark_event_sequence AS s ON s.event_id = e.id"
        f" WHERE {where}",
        (condition.after_sequence, *params),
    ).fetchone()
    return row[0] if row and row[0] is not None else None


def log_head(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(seq), 0) FROM spark_event_sequence").fetchone()[0]


def find_consumer(conn: sqlite3.Connection, name: str) -> ConsumerRecord | None:
    row = conn.execute(
        "SELECT name, event_type, agent_id, task_id, min_importance, acked_sequence, updated_at"
        " FROM spark_consumers WHERE name = ?",
        (name,),
    ).fetchone()
    return _consumer(row) if row is not None else None


def all_consumers(conn: sqlite3.Connection) -> list[ConsumerRecord]:
    rows = conn.execute(
        "SELECT name, event_type, agent_id, task_id, min_importance, acked_sequence, updated_at"
        " FROM spark_consumers ORDER BY name"
    ).fetchall()
    return [_consumer(row) for row in rows]


def _consumer(row: tuple) -> ConsumerRecord:
    return ConsumerRecord(
        name=row[0],
        filter=ConsumerFilter(row[1], row[2], row[3], float(row[4] or 0.0)),
        acked_sequence=int(row[5]),
        updated_at=parse_timestamp(row[6]),
    )


def insert_consumer(
    conn: sqlite3.Connection, name: str, wanted: ConsumerFilter, now: datetime
) -> None:
    conn.execute(
        "INSERT INTO spark_consumers (name, event_type, agent_id, task_id, min_importance,"
        " acked_sequence, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
        (
            name,
            wanted.event_type,
            wanted.agent_id,
            wanted.task_id,
            wanted.min_importance,
            format_timestamp(now),
        ),
    )


def with_lag(conn: sqlite3.Connection, consumer: ConsumerRecord) -> ConsumerRecord:
    """The consumer with the log's head and the exact number of matching
    events after its position."""
    wanted = consumer.filter
    clauses, params = event_filters(
        wanted.event_type, wanted.agent_id, wanted.task_id, mark="?", prefix="e."
    )
    where = " AND ".join(["s.seq > ?", "e.importance >= ?", *clauses])
    lag = conn.execute(
        "SELECT COUNT(*) FROM spark_event_sequence AS s"
        " CROSS JOIN spark_events AS e ON e.id = s.event_id"
        f" WHERE {where}",
        (consumer.acked_sequence, wanted.min_importance, *params),
    ).fetchone()[0]
    return replace(consumer, head_sequence=log_head(conn), lag=lag)
