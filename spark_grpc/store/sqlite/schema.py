"""The SQLite schema: the seed module's tables, kept column for column, and
what this server adds beside them.

* ``spark_event_sequence`` gives every event a stable position in the log.
  The implicit rowid of a table with a TEXT primary key is renumbered by
  VACUUM; an INTEGER PRIMARY KEY AUTOINCREMENT is not, and never reuses a
  value. A trigger gives events that the seed module inserts a sequence too.
* ``spark_request_fingerprints`` remembers what a client-chosen id was first
  used for, so a retry can be told from a conflict.
* ``spark_memory_changes`` numbers every change of a memory, for watchers.
* ``spark_consumers`` keeps each durable consumer's filters and position.
* ``spark_memory_meta`` holds what consolidation needs per memory (rule,
  source events, updated_at); ``rule_key`` is unique while a consolidated
  memory is live, so one finding can never have two live memories.
* The seed's single-column indexes are redefined under the same names as
  ``(column, created_at)``: the seed's ``CREATE INDEX IF NOT EXISTS`` keeps
  them, its queries still use them, and ours read newest-first pages from
  them without sorting the table.
"""

from __future__ import annotations

import logging
import sqlite3

from spark_grpc.store.sqlite.revisions import create_revisions_schema
from spark_grpc.store.sqlite.search import create_search_schema

logger = logging.getLogger(__name__)

# The seed's tables, exactly as the seed module creates them.
SEED_SCHEMA = (
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

OWN_SCHEMA = (
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
    # One row per memory change (created, updated, expired, deleted), in
    # commit order: what WatchMemories streams. `memory` is the memory's
    # state after the change, as JSON (a deleted memory's last state).
    """
    CREATE TABLE IF NOT EXISTS spark_memory_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        memory_id TEXT NOT NULL,
        memory TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )
    """,
    # Durable consumers: their filters and acknowledged position.
    """
    CREATE TABLE IF NOT EXISTS spark_consumers (
        name TEXT PRIMARY KEY,
        event_type TEXT,
        agent_id TEXT,
        task_id TEXT,
        min_importance REAL NOT NULL DEFAULT 0,
        acked_sequence INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    )
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
INDEXES = {
    "idx_events_type": "spark_events(event_type, created_at)",
    "idx_events_agent": "spark_events(agent_id, created_at)",
    "idx_events_task": "spark_events(task_id, created_at)",
    "idx_events_created": "spark_events(created_at)",
    "idx_memories_subject": "spark_memories(subject, created_at)",
    "idx_memories_type": "spark_memories(memory_type, created_at)",
    "idx_memories_created": "spark_memories(created_at)",
    "idx_memory_changes_memory": "spark_memory_changes(memory_id)",
}


def create_schema(conn: sqlite3.Connection) -> None:
    """Create what is missing and upgrade what the seed module made, in one
    transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in SEED_SCHEMA + OWN_SCHEMA:
            conn.execute(statement)
        for name, definition in INDEXES.items():
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
        create_search_schema(conn)
        create_revisions_schema(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
