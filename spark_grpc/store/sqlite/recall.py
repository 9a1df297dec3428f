"""The SQLite store's search and history reads (a mixin of ``SQLiteStore``):
ranked full-text search through the FTS5 indexes of ``search``, and the
revisions of ``revisions``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from spark_grpc.core.models import (
    EventQuery,
    EventRecord,
    MemoryQuery,
    MemoryRecord,
    MemoryRevision,
)
from spark_grpc.core.search import SearchQuery
from spark_grpc.store.base import memories_as_of
from spark_grpc.store.sqlite.queries import memory_where, query_filters
from spark_grpc.store.sqlite.revisions import revisions_of, states_as_of
from spark_grpc.store.sqlite.rows import (
    EVENT_COLUMNS,
    MEMORY_COLUMNS,
    event_from_row,
    memory_from_row,
)
from spark_grpc.store.sqlite.search import fts_match


class SQLiteRecall:
    """Search and history; ``_read`` runs a function on a reader thread."""

    _read: Callable[[Callable[[sqlite3.Connection], Any]], Any]

    async def search_memories(
        self, query: SearchQuery, where: MemoryQuery, limit: int, now: datetime
    ) -> list[tuple[MemoryRecord, float]]:
        clauses, params = memory_where(where, now)
        # bm25() is smaller for a better match; the answer's score is its
        # negation, so that larger is better.
        sql = (
            f"SELECT {MEMORY_COLUMNS}, bm25(spark_memories_fts) AS rank FROM spark_memories_fts"
            " CROSS JOIN spark_memory_search_keys AS k ON k.key = spark_memories_fts.rowid"
            " CROSS JOIN spark_memories AS m ON m.id = k.memory_id"
            " LEFT JOIN spark_memory_meta AS x ON x.memory_id = m.id"
            f" WHERE spark_memories_fts MATCH ? AND {clauses}"
            " ORDER BY rank LIMIT ?"
        )
        args = (fts_match(query), *params, limit)
        rows = await self._read(lambda conn: conn.execute(sql, args).fetchall())
        return [(memory_from_row(row[:-1]), -float(row[-1])) for row in rows]

    async def search_events(
        self, query: SearchQuery, where: EventQuery, limit: int
    ) -> list[tuple[EventRecord, float]]:
        clauses, params = query_filters(where)
        sql = (
            f"SELECT {EVENT_COLUMNS}, bm25(spark_events_fts) AS rank FROM spark_events_fts"
            " CROSS JOIN spark_event_sequence AS s ON s.seq = spark_events_fts.rowid"
            " CROSS JOIN spark_events AS e ON e.id = s.event_id"
            f" WHERE spark_events_fts MATCH ? AND {' AND '.join(clauses)}"
            " ORDER BY rank LIMIT ?"
        )
        args = (fts_match(query), *params, limit)
        rows = await self._read(lambda conn: conn.execute(sql, args).fetchall())
        return [(event_from_row(row[:-1]), -float(row[-1])) for row in rows]

    async def memory_revisions(self, memory_id: str) -> list[MemoryRevision]:
        return await self._read(lambda conn: revisions_of(conn, memory_id))

    async def list_memories_as_of(
        self, query: MemoryQuery, limit: int, as_of: datetime
    ) -> list[MemoryRecord]:
        states = await self._read(lambda conn: states_as_of(conn, as_of))
        return memories_as_of(states, query, limit, as_of)
