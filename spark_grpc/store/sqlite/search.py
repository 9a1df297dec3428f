"""Full-text search on SQLite: FTS5 indexes kept in step by triggers, and
the translation of a parsed query into FTS5 syntax.

* ``spark_events_fts`` is contentless (the text stays in ``spark_events``);
  its rowid is the event's sequence. Events are never changed or deleted,
  so insert triggers keep it whole: one on ``spark_events`` that also makes
  sure the sequence row exists (the seed module's inserts get their sequence
  and their index entry in its transaction, whatever order triggers fire in).
* ``spark_memories_fts`` indexes content and subject without a copy of
  them (external content: the view ``spark_memory_search_source``), under
  a key per memory version (``spark_memory_search_keys``; a TEXT primary
  key's rowid may change on VACUUM). An update gives the memory a new key
  and indexes the new text; a deletion drops the key. The old entries stay
  in the index, unreachable (searches join through the keys), because
  removing terms from FTS5 (before SQLite 3.42's secure-delete) writes
  delete markers: a deletion would take space instead of freeing it, and
  a full database could not be freed by deleting memories. They are
  dropped when the index is rebuilt
  (``INSERT INTO spark_memories_fts(spark_memories_fts) VALUES('rebuild')``);
  until then they count, slightly, in the BM25 statistics.
* Tokenizer: ``unicode61`` with ``_`` as a word character: a word is a run
  of letters, digits and underscores, as in ``core.search``, so that a
  term like ``agent-7`` is the phrase ``agent 7`` on both sides.

An existing database is indexed when the server first opens it (one pass
over every event and memory, inside the upgrade transaction, which holds
the write lock: measured at 2.5 s for 500,000 events and 100,000 memories
on 2 cores, the file growing from 222 MB to 303 MB, first revisions
included).
"""

from __future__ import annotations

import logging
import sqlite3

from spark_grpc.core.search import SearchQuery

logger = logging.getLogger(__name__)

TOKENIZE = "unicode61 remove_diacritics 2 tokenchars '_'"

SEARCH_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS spark_events_fts USING fts5("
    f"description, data, content='', tokenize=\"{TOKENIZE}\")",
    """
    CREATE TRIGGER IF NOT EXISTS spark_events_search_insert
    AFTER INSERT ON spark_events
    BEGIN
        INSERT INTO spark_event_sequence (event_id) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM spark_event_sequence WHERE event_id = NEW.id);
        INSERT INTO spark_events_fts (rowid, description, data)
        SELECT seq, NEW.description, NEW.data FROM spark_event_sequence
        WHERE event_id = NEW.id;
    END
    """,
    """
    CREATE TABLE IF NOT EXISTS spark_memory_search_keys (
        key INTEGER PRIMARY KEY AUTOINCREMENT,
        memory_id TEXT NOT NULL UNIQUE
    )
    """,
    """
    CREATE VIEW IF NOT EXISTS spark_memory_search_source AS
    SELECT k.key AS key, m.content AS content, m.subject AS subject
    FROM spark_memory_search_keys AS k JOIN spark_memories AS m ON m.id = k.memory_id
    """,
    "CREATE VIRTUAL TABLE IF NOT EXISTS spark_memories_fts USING fts5("
    "content, subject, content='spark_memory_search_source', content_rowid='key',"
    f' tokenize="{TOKENIZE}")',
    """
    CREATE TRIGGER IF NOT EXISTS spark_memories_search_insert
    AFTER INSERT ON spark_memories
    BEGIN
        INSERT OR IGNORE INTO spark_memory_search_keys (memory_id) VALUES (NEW.id);
        INSERT INTO spark_memories_fts (rowid, content, subject)
        SELECT key, NEW.content, NEW.subject FROM spark_memory_search_keys
        WHERE memory_id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS spark_memories_search_update
    AFTER UPDATE OF content, subject ON spark_memories
    BEGIN
        DELETE FROM spark_memory_search_keys WHERE memory_id = OLD.id;
        INSERT INTO spark_memory_search_keys (memory_id) VALUES (NEW.id);
        INSERT INTO spark_memories_fts (rowid, content, subject)
        SELECT key, NEW.content, NEW.subject FROM spark_memory_search_keys
        WHERE memory_id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS spark_memories_search_delete
    AFTER DELETE ON spark_memories
    BEGIN
        DELETE FROM spark_memory_search_keys WHERE memory_id = OLD.id;
    END
    """,
)


def _exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def create_search_schema(conn: sqlite3.Connection) -> None:
    """Create the indexes and their triggers (inside the caller's
    transaction, after every event has its sequence); a database that had
    none is indexed now."""
    fresh_events = not _exists(conn, "spark_events_fts")
    fresh_memories = not _exists(conn, "spark_memories_fts")
    for statement in SEARCH_SCHEMA:
        conn.execute(statement)
    if fresh_events:
        added = conn.execute(
            "INSERT INTO spark_events_fts (rowid, description, data)"
            " SELECT s.seq, COALESCE(e.description, ''), COALESCE(e.data, '')"
            " FROM spark_events AS e JOIN spark_event_sequence AS s ON s.event_id = e.id"
        ).rowcount
        if added:
            logger.info("indexed %d existing events for search", added)
    if fresh_memories:
        conn.execute(
            "INSERT OR IGNORE INTO spark_memory_search_keys (memory_id)"
            " SELECT id FROM spark_memories ORDER BY rowid"
        )
        added = conn.execute(
            "INSERT INTO spark_memories_fts (rowid, content, subject)"
            " SELECT k.key, m.content, m.subject FROM spark_memories AS m"
            " JOIN spark_memory_search_keys AS k ON k.memory_id = m.id"
        ).rowcount
        if added:
            logger.info("indexed %d existing memories for search", added)


def fts_match(query: SearchQuery) -> str:
    """The FTS5 MATCH expression of a parsed query: each term a quoted
    phrase of its words (which hold only word characters, so nothing in
    them is FTS5 syntax), with ``*`` after a prefix; terms are ANDed."""
    parts = []
    for term in query.terms:
        phrase = '"' + " ".join(term.words) + '"'
        parts.append(phrase + " *" if term.prefix else phrase)
    return " AND ".join(parts)
