"""Schema version 4 on a database made by version 3: the search columns are
computed for existing rows, existing memories get a first revision, and
rows written by plain SQL afterwards are searchable at once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import psycopg

from spark_grpc.core.models import EventQuery, MemoryQuery
from spark_grpc.core.search import parse_query
from spark_grpc.store.postgres.schema import MIGRATIONS
from tests.pg import opened_store


def _at_version_3(url: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(
            "CREATE TABLE spark_schema_version (version integer PRIMARY KEY,"
            " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for version, description, statements in MIGRATIONS[:3]:
            for statement in statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO spark_schema_version (version, description) VALUES (%s, %s)",
                (version, description),
            )
        conn.execute(
            "INSERT INTO spark_events (seq, id, event_type, description, data, created_at)"
            " VALUES (1, 'old-event', 'task_failed', 'old outage on node-12', '{}', now())"
        )
        conn.execute("UPDATE spark_log_position SET last = 1")
        conn.execute(
            "INSERT INTO spark_memories (id, memory_type, subject, content, created_at,"
            " updated_at) VALUES ('old-memory', 'pattern', 'a1', 'old insight on node-12',"
            " now(), now())"
        )


def test_upgrade_indexes_and_records_existing_rows(pg_db):
    _at_version_3(pg_db)

    async def main() -> None:
        async with opened_store(pg_db) as store:
            now = datetime.now(UTC)
            hits = await store.search_events(parse_query("node-12"), EventQuery(), 10)
            assert [event.id for event, _ in hits] == ["old-event"]
            found = await store.search_memories(parse_query("node-12"), MemoryQuery(), 10, now)
            assert [memory.id for memory, _ in found] == ["old-memory"]
            [first] = await store.memory_revisions("old-memory")
            assert (first.revision, first.kind.value, first.actor) == (1, "created", "")
            assert first.memory.content == "old insight on node-12"
            as_of = await store.list_memories_as_of(MemoryQuery(), 10, now)
            assert [memory.id for memory in as_of] == ["old-memory"]
            with psycopg.connect(pg_db) as conn:
                conn.execute(
                    "INSERT INTO spark_memories (id, memory_type, subject, content,"
                    " created_at, updated_at) VALUES ('sql-memory', 'pattern', 'a1',"
                    " 'written by plain SQL', now(), now())"
                )
            found = await store.search_memories(parse_query("plain sql"), MemoryQuery(), 10, now)
            assert [memory.id for memory, _ in found] == ["sql-memory"]

    asyncio.run(main())
