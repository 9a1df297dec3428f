"""Durable consumers in PostgreSQL: rows of ``spark_consumers`` as records,
with the log's head and the exact lag, and the consumer methods of
``PostgresStore``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import psycopg

from spark_grpc.core.errors import consumer_not_found
from spark_grpc.core.models import ConsumerFilter, ConsumerRecord
from spark_grpc.store.base import ack_beyond_head, consumer_filter_differs, event_filters
from spark_grpc.store.postgres.rows import utc

_COLUMNS = "name, event_type, agent_id, task_id, min_importance, acked_sequence, updated_at"


def _consumer(row: tuple) -> ConsumerRecord:
    return ConsumerRecord(
        name=row[0],
        filter=ConsumerFilter(row[1], row[2], row[3], row[4]),
        acked_sequence=row[5],
        updated_at=utc(row[6]),
    )


async def find_consumer(
    conn: psycopg.AsyncConnection, name: str, *, delete: bool = False
) -> ConsumerRecord | None:
    """The consumer of that name (deleted, with ``delete``), or None."""
    if delete:
        sql = f"DELETE FROM spark_consumers WHERE name = %s RETURNING {_COLUMNS}"
    else:
        sql = f"SELECT {_COLUMNS} FROM spark_consumers WHERE name = %s"
    cur = await conn.execute(sql, (name,))
    row = await cur.fetchone()
    return _consumer(row) if row is not None else None


async def all_consumers(conn: psycopg.AsyncConnection) -> list[ConsumerRecord]:
    cur = await conn.execute(f"SELECT {_COLUMNS} FROM spark_consumers ORDER BY name")
    return [_consumer(row) for row in await cur.fetchall()]


async def with_lag(conn: psycopg.AsyncConnection, consumer: ConsumerRecord) -> ConsumerRecord:
    """The consumer with the log's head and the exact number of matching
    events after its position (one snapshot for both)."""
    wanted = consumer.filter
    clauses, params = event_filters(wanted.event_type, wanted.agent_id, wanted.task_id, mark="%s")
    clauses[:0] = ["seq > %s", "importance >= %s"]
    params[:0] = [consumer.acked_sequence, wanted.min_importance]
    async with conn.transaction():
        await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cur = await conn.execute(
            f"SELECT count(*) FROM spark_events WHERE {' AND '.join(clauses)}", params
        )
        row = await cur.fetchone()
        lag = row[0] if row is not None else 0
        cur = await conn.execute("SELECT last FROM spark_log_position")
        row = await cur.fetchone()
        head = row[0] if row is not None else 0
    return replace(consumer, head_sequence=head, lag=lag)


class PostgresConsumers:
    """The durable consumer methods of ``PostgresStore``."""

    _run: Callable[[Callable[[psycopg.AsyncConnection], Awaitable[Any]]], Awaitable[Any]]

    async def open_consumer(self, name: str, filter: ConsumerFilter) -> ConsumerRecord:  # noqa: A002
        async def work(conn: psycopg.AsyncConnection) -> ConsumerRecord:
            await conn.execute(
                "INSERT INTO spark_consumers (name, event_type, agent_id, task_id,"
                " min_importance, acked_sequence, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, 0, clock_timestamp()) ON CONFLICT (name) DO NOTHING",
                (name, filter.event_type, filter.agent_id, filter.task_id, filter.min_importance),
            )
            found = await find_consumer(conn, name)
            assert found is not None
            if found.filter != filter:
                raise consumer_filter_differs(name, found.filter)
            return found

        return await self._run(work)

    async def ack_consumer(self, name: str, sequence: int) -> ConsumerRecord:
        async def work(conn: psycopg.AsyncConnection) -> ConsumerRecord:
            async with conn.transaction():
                cur = await conn.execute("SELECT last FROM spark_log_position")
                row = await cur.fetchone()
                head = row[0] if row is not None else 0
                if sequence > head:
                    raise ack_beyond_head(sequence, head)
                await conn.execute(
                    "UPDATE spark_consumers SET acked_sequence = %s, updated_at = clock_timestamp()"
                    " WHERE name = %s AND acked_sequence < %s",
                    (sequence, name, sequence),
                )
                found = await find_consumer(conn, name)
            if found is None:
                raise consumer_not_found(name)
            return await with_lag(conn, found)

        return await self._run(work)

    async def get_consumer(self, name: str) -> ConsumerRecord:
        async def work(conn: psycopg.AsyncConnection) -> ConsumerRecord:
            found = await find_consumer(conn, name)
            if found is None:
                raise consumer_not_found(name)
            return await with_lag(conn, found)

        return await self._run(work)

    async def list_consumers(self) -> list[ConsumerRecord]:
        async def work(conn: psycopg.AsyncConnection) -> list[ConsumerRecord]:
            return [await with_lag(conn, found) for found in await all_consumers(conn)]

        return await self._run(work)

    async def delete_consumer(self, name: str) -> ConsumerRecord:
        async def work(conn: psycopg.AsyncConnection) -> ConsumerRecord:
            found = await find_consumer(conn, name, delete=True)
            if found is None:
                raise consumer_not_found(name)
            return found

        return await self._run(work)
