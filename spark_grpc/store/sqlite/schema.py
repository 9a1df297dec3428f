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
* ``spark_events.spark_created_key`` is ``created_at`` normalised to UTC
  (``YYYY-MM-DDTHH:MM:SS.ffffff``), whatever ISO or SQLite form the text
  has (``2024-01-02 03:00:00``, ``...+02:00``, ``...Z``); an unreadable one
  is the epoch. Time filters and newest-first order use it; ``created_at``
  stays as written. The server writes it with each event; a trigger fills it
  for the seed module's inserts (which do not name the column).
* The seed's single-column indexes are redefined under the same names as
  ``(column, spark_created_key)``: the seed's ``CREATE INDEX IF NOT EXISTS``
  keeps them, and ours read newest-first pages from them without sorting.
* ``spark_memories`` keeps ``spark_created_key`` and ``spark_expires_key``
  the same way (triggers on insert and on updates of the two columns); an
  expiry that does not parse has no key: no expiry, as it is read.
* A row with a NULL id (a looser schema allowed one) is given the stable id
  ``legacy-event-<rowid>`` / ``legacy-memory-<rowid>``, logged once.

``check_schema`` runs before anything is written to the file: a file that is
not a SQLite database, or whose tables of these names lack the seed's
columns, is refused untouched (no WAL switch).
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


def created_key_sql(column: str) -> str:
    """SQL normalising a stored timestamp to the sort key (see above): the
    second from strftime (which applies a +HH:MM or Z offset), the fraction's
    digits from the text itself."""
    fraction = f"substr({column}, 21, 6)"
    for mark in ("+", "-", "Z", " "):
        fraction = (
            f"(CASE WHEN instr({fraction}, '{mark}') > 0"
            f" THEN substr({fraction}, 1, instr({fraction}, '{mark}') - 1) ELSE {fraction} END)"
        )
    fraction = f"(CASE WHEN substr({column}, 20, 1) = '.' THEN {fraction} ELSE '' END)"
    key = f"strftime('%Y-%m-%dT%H:%M:%S', {column}) || '.' || substr({fraction} || '000000', 1, 6)"
    return f"COALESCE({key}, '{EPOCH_KEY}')"


def expires_key_sql(column: str) -> str:
    """As ``created_key_sql`` for an expiry: NULL (no expiry) when there is
    none or it does not parse, as the rows are read."""
    key = created_key_sql(column)[len("COALESCE(") : -len(f", '{EPOCH_KEY}')")]
    return f"(CASE WHEN {column} IS NULL OR {column} = '' THEN NULL ELSE {key} END)"


EPOCH_KEY = "1970-01-01T00:00:00.000000"

# Columns of the seed's tables that the server reads.
SEED_COLUMNS = {
    "spark_events": {
        "id", "event_type", "agent_id", "task_id", "description", "data", "importance",
        "created_at",
    },
    "spark_memories": {
        "id", "memory_type", "subject", "content", "confidence", "source_events",
        "created_at", "expires_at",
    },
}  # fmt: skip

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
    WHEN NOT EXISTS (SELECT 1 FROM spark_event_sequence
                     WHERE event_id = COALESCE(NEW.id, 'legacy-event-' || NEW.rowid))
    BEGIN
        INSERT INTO spark_event_sequence (event_id)
        VALUES (COALESCE(NEW.id, 'legacy-event-' || NEW.rowid));
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS spark_events_legacy_id
    AFTER INSERT ON spark_events WHEN NEW.id IS NULL
    BEGIN
        UPDATE spark_events SET id = 'legacy-event-' || NEW.rowid WHERE rowid = NEW.rowid;
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS spark_events_created_key
    AFTER INSERT ON spark_events WHEN NEW.spark_created_key IS NULL
    BEGIN
        UPDATE spark_events SET spark_created_key = {created_key_sql("NEW.created_at")}
        WHERE rowid = NEW.rowid;
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS spark_memories_keys
    AFTER INSERT ON spark_memories
    BEGIN
        UPDATE spark_memories SET spark_created_key = {created_key_sql("NEW.created_at")},
            spark_expires_key = {expires_key_sql("NEW.expires_at")}
        WHERE rowid = NEW.rowid;
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS spark_memories_keys_update
    AFTER UPDATE OF created_at, expires_at ON spark_memories
    BEGIN
        UPDATE spark_memories SET spark_created_key = {created_key_sql("NEW.created_at")},
            spark_expires_key = {expires_key_sql("NEW.expires_at")}
        WHERE rowid = NEW.rowid;
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS spark_events_created_key_update
    AFTER UPDATE OF created_at ON spark_events
    BEGIN
        UPDATE spark_events SET spark_created_key = {created_key_sql("NEW.created_at")}
        WHERE rowid = NEW.rowid;
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
    "idx_events_type": "spark_events(event_type, spark_created_key)",
    "idx_events_agent": "spark_events(agent_id, spark_created_key)",
    "idx_events_task": "spark_events(task_id, spark_created_key)",
    "idx_events_created": "spark_events(spark_created_key)",
    "idx_memories_subject": "spark_memories(subject, spark_created_key)",
    "idx_memories_type": "spark_memories(memory_type, spark_created_key)",
    "idx_memories_created": "spark_memories(spark_created_key)",
    "idx_memory_changes_memory": "spark_memory_changes(memory_id)",
}


class ForeignFile(ValueError):
    """A file that is not one the server (or the seed module) made."""


def check_schema(conn: sqlite3.Connection, path: object) -> None:
    """Refuse, before anything is written, a file that is not a SQLite
    database or whose spark tables lack the seed's columns."""
    try:
        for table, wanted in SEED_COLUMNS.items():
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if columns and not wanted <= columns:
                missing = ", ".join(sorted(wanted - columns))
                raise ForeignFile(
                    f"{path} is not a Spark database: its table {table} has no column"
                    f" {missing}; nothing was written to it"
                )
    except sqlite3.DatabaseError as exc:
        raise ForeignFile(
            f"{path} is not a SQLite database the server can use ({exc}); nothing was written to it"
        ) from None


def _add_created_key(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(spark_events)")}
    if "spark_created_key" not in columns:
        conn.execute("ALTER TABLE spark_events ADD COLUMN spark_created_key TEXT")
    # Looked for first: an UPDATE, even of no row, fails on a read-only file.
    if not conn.execute(
        "SELECT EXISTS (SELECT 1 FROM spark_events WHERE spark_created_key IS NULL)"
    ).fetchone()[0]:
        return
    filled = conn.execute(
        f"UPDATE spark_events SET spark_created_key = {created_key_sql('created_at')}"
        " WHERE spark_created_key IS NULL"
    ).rowcount
    if filled:
        logger.info("normalised the timestamps of %d existing events", filled)


def _add_memory_keys(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(spark_memories)")}
    for column in ("spark_created_key", "spark_expires_key"):
        if column not in columns:
            conn.execute(f"ALTER TABLE spark_memories ADD COLUMN {column} TEXT")
    if conn.execute(
        "SELECT EXISTS (SELECT 1 FROM spark_memories WHERE spark_created_key IS NULL)"
    ).fetchone()[0]:
        conn.execute(
            f"UPDATE spark_memories SET spark_created_key = {created_key_sql('created_at')},"
            f" spark_expires_key = {expires_key_sql('expires_at')}"
            " WHERE spark_created_key IS NULL"
        )


def _give_ids(conn: sqlite3.Connection) -> None:
    """Rows with a NULL id get ``legacy-<kind>-<rowid>``, each logged."""
    for table, kind in (("spark_events", "event"), ("spark_memories", "memory")):
        rows = [r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE id IS NULL")]
        for rowid in rows:
            conn.execute(
                f"UPDATE {table} SET id = 'legacy-{kind}-' || rowid WHERE rowid = ?", (rowid,)
            )
            logger.warning("%s row %d had a NULL id: now legacy-%s-%d", table, rowid, kind, rowid)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create what is missing and upgrade what the seed module made, in one
    transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in SEED_SCHEMA:
            conn.execute(statement)
        _add_created_key(conn)
        _add_memory_keys(conn)
        _give_ids(conn)
        for statement in OWN_SCHEMA:
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
                " ORDER BY e.spark_created_key, e.rowid"
            ).rowcount
            if added:
                logger.info("assigned sequences to %d existing events", added)
        create_search_schema(conn)
        create_revisions_schema(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
