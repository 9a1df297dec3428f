"""The PostgreSQL store's search and history (a mixin of ``PostgresStore``):
ranked full-text search over the generated ``search`` columns (version 4 of
the schema), and the revisions kept in ``spark_memory_revisions``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from spark_grpc.core.models import (
    EventQuery,
    EventRecord,
    MemoryChange,
    MemoryQuery,
    MemoryRecord,
    MemoryRevision,
)
from spark_grpc.core.search import SearchQuery
from spark_grpc.store.base import memories_as_of, memory_from_snapshot
from spark_grpc.store.postgres.rows import (
    EVENT_COLUMNS,
    MEMORY_COLUMNS,
    event_from_row,
    holds_nul,
    memory_from_row,
    utc,
)
from spark_grpc.store.revisions import revision_snapshot, revisions_from


async def record_revisions(
    cur: psycopg.AsyncCursor, changes: Sequence[MemoryChange], actors: Sequence[str], now: Any
) -> None:
    """Keep each change in its memory's history (in the publishing transaction)."""
    await cur.executemany(
        "INSERT INTO spark_memory_revisions (memory_id, kind, memory, actor, changed_at)"
        " VALUES (%s, %s, %s, %s, %s)",
        [
            (c.memory.id, c.kind.value, Jsonb(revision_snapshot(c.kind, c.memory)), actor, now)
            for c, actor in zip(changes, actors, strict=True)
        ],
    )


def ts_query(query: SearchQuery) -> tuple[str, list]:
    """The tsquery of a parsed query, as SQL and parameters: each term goes
    through PostgreSQL's own parser (phraseto_tsquery, as the indexed text
    did), a prefix as quoted words with ``:*``; nothing the caller wrote is
    read as tsquery syntax (the quoted words hold only word characters)."""
    parts = []
    params: list = []
    for term in query.terms:
        if term.prefix:
            quoted = [f"'{word}'" for word in term.words]
            quoted[-1] += ":*"
            parts.append("to_tsquery('simple', %s)")
            params.append(" <-> ".join(quoted))
        else:
            parts.append("phraseto_tsquery('simple', %s)")
            params.append(term.text or " ".join(term.words))
    return "(" + " && ".join(parts) + ")", params


class PostgresRecall:
    """Search and history; ``_fetch`` runs one query on a pooled connection."""

    _fetch: Callable[..., Awaitable[list[tuple]]]

    async def search_memories(
        self, query: SearchQuery, where: MemoryQuery, limit: int, now: datetime
    ) -> list[tuple[MemoryRecord, float]]:
        from spark_grpc.store.postgres.queries import memory_where  # imports this module

        clauses, params = memory_where(where, now)
        if clauses is None:
            return []
        tsquery, query_params = ts_query(query)
        sql = (
            f"SELECT {MEMORY_COLUMNS}, ts_rank(search, q) AS rank"
            f" FROM spark_memories, (SELECT {tsquery} AS q) AS wanted"
            f" WHERE search @@ q AND {clauses}"
            " ORDER BY rank DESC, created_at DESC, pos DESC LIMIT %s"
        )
        rows = await self._fetch(sql, [*query_params, *params, limit])
        return [(memory_from_row(row[:-1]), float(row[-1])) for row in rows]

    async def search_events(
        self, query: SearchQuery, where: EventQuery, limit: int
    ) -> list[tuple[EventRecord, float]]:
        from spark_grpc.store.postgres.queries import query_filters  # imports this module

        if holds_nul(where.event_type, where.agent_id, where.task_id):
            return []
        clauses, params = query_filters(where)
        tsquery, query_params = ts_query(query)
        sql = (
            f"SELECT {EVENT_COLUMNS}, ts_rank(search, q) AS rank"
            f" FROM spark_events, (SELECT {tsquery} AS q) AS wanted"
            f" WHERE search @@ q AND {' AND '.join(clauses)}"
            " ORDER BY rank DESC, seq DESC LIMIT %s"
        )
        rows = await self._fetch(sql, [*query_params, *params, limit])
        return [(event_from_row(row[:-1]), float(row[-1])) for row in rows]

    async def memory_revisions(self, memory_id: str) -> list[MemoryRevision]:
        if holds_nul(memory_id):
            return []
        rows = await self._fetch(
            "SELECT kind, memory, actor, changed_at FROM spark_memory_revisions"
            " WHERE memory_id = %s ORDER BY seq",
            (memory_id,),
        )
        return revisions_from((kind, memory, actor, utc(at)) for kind, memory, actor, at in rows)

    async def list_memories_as_of(
        self, query: MemoryQuery, limit: int, as_of: datetime
    ) -> list[MemoryRecord]:
        if holds_nul(query.memory_type, query.subject, query.rule):
            return []
        rows = await self._fetch(
            "SELECT DISTINCT ON (memory_id) kind, memory FROM spark_memory_revisions"
            " WHERE changed_at <= %s ORDER BY memory_id, seq DESC",
            (as_of,),
        )
        states = [memory_from_snapshot(memory) for kind, memory in rows if kind != "deleted"]
        return memories_as_of(states, query, limit, as_of)
