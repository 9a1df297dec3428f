"""Memory history on SQLite: ``spark_memory_revisions`` keeps every change
of a memory for good (the change log ``spark_memory_changes`` is pruned and
gives up a deleted memory's content; this table does neither).

A database that had no revisions gets one CREATED revision per existing
memory, dated at its creation (with its current state: what it was before
is not known), so that ``as_of`` sees it. Memories that the seed module
stores directly have no revisions until this server changes them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from spark_grpc.core.models import ChangeKind, MemoryRecord, MemoryRevision
from spark_grpc.core.timestamps import format_timestamp, parse_timestamp
from spark_grpc.store.base import memory_from_snapshot
from spark_grpc.store.revisions import revision_snapshot, revisions_from

REVISIONS_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS spark_memory_revisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        memory_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        memory TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS idx_memory_revisions_memory"
    " ON spark_memory_revisions(memory_id, seq)",
    "CREATE INDEX IF NOT EXISTS idx_memory_revisions_changed ON spark_memory_revisions(changed_at)",
)


def create_revisions_schema(conn: sqlite3.Connection) -> None:
    """Inside the caller's upgrade transaction."""
    fresh = (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'spark_memory_revisions'").fetchone()
        is None
    )
    for statement in REVISIONS_SCHEMA:
        conn.execute(statement)
    if fresh:
        conn.execute(
            "INSERT INTO spark_memory_revisions (memory_id, kind, memory, actor, changed_at)"
            " SELECT m.id, 'created', json_object("
            "  'id', m.id, 'memory_type', m.memory_type, 'subject', m.subject,"
            "  'content', m.content, 'confidence', m.confidence,"
            "  'source_events', COALESCE(m.source_events, 0), 'created_at', m.created_at,"
            "  'expires_at', NULLIF(m.expires_at, ''),"
            "  'updated_at', COALESCE(x.updated_at, m.created_at),"
            "  'rule', COALESCE(x.rule, ''),"
            "  'source_event_ids', json(COALESCE(x.source_event_ids, '[]'))),"
            " '', m.created_at"
            " FROM spark_memories AS m LEFT JOIN spark_memory_meta AS x ON x.memory_id = m.id"
            " ORDER BY m.created_at, m.rowid"
        )


def record_revision(
    conn: sqlite3.Connection, kind: ChangeKind, memory: MemoryRecord, now: datetime, actor: str
) -> None:
    conn.execute(
        "INSERT INTO spark_memory_revisions (memory_id, kind, memory, actor, changed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            memory.id,
            kind.value,
            json.dumps(revision_snapshot(kind, memory), ensure_ascii=False),
            actor,
            format_timestamp(now),
        ),
    )


def revisions_of(conn: sqlite3.Connection, memory_id: str) -> list[MemoryRevision]:
    rows = conn.execute(
        "SELECT kind, memory, actor, changed_at FROM spark_memory_revisions"
        " WHERE memory_id = ? ORDER BY seq",
        (memory_id,),
    ).fetchall()
    return revisions_from(
        (kind, text, actor, parse_timestamp(at)) for kind, text, actor, at in rows
    )


def states_as_of(conn: sqlite3.Connection, as_of: datetime) -> list[MemoryRecord]:
    """Every memory that existed at ``as_of``, as it was then."""
    rows = conn.execute(
        "SELECT r.memory FROM spark_memory_revisions AS r"
        " JOIN (SELECT memory_id, MAX(seq) AS seq FROM spark_memory_revisions"
        "       WHERE changed_at <= ? GROUP BY memory_id) AS last ON last.seq = r.seq"
        " WHERE r.kind != 'deleted'",
        (format_timestamp(as_of),),
    ).fetchall()
    return [memory_from_snapshot(row[0]) for row in rows]
