"""Durable consumers in the SQLite store: their filters and acknowledged
positions (``spark_consumers``), written by the writer thread, read with
the exact lag by a reader."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from spark_grpc.core.errors import consumer_not_found
from spark_grpc.core.models import ConsumerFilter, ConsumerRecord
from spark_grpc.core.timestamps import format_timestamp
from spark_grpc.store.base import ack_beyond_head, consumer_filter_differs
from spark_grpc.store.sqlite.queries import (
    all_consumers,
    find_consumer,
    insert_consumer,
    log_head,
    with_lag,
)
from spark_grpc.store.sqlite.writer import Transaction


class SQLiteConsumers:
    """The durable consumer methods of ``SQLiteStore``."""

    _read: Callable[[Callable[[sqlite3.Connection], Any]], Any]
    _write: Callable[[Callable[[Transaction], Any]], Any]

    async def open_consumer(self, name: str, filter: ConsumerFilter) -> ConsumerRecord:  # noqa: A002
        def job(tx: Transaction) -> ConsumerRecord:
            found = find_consumer(tx.conn, name)
            if found is None:
                insert_consumer(tx.conn, name, filter, datetime.now(UTC))
                found = find_consumer(tx.conn, name)
                assert found is not None
            elif found.filter != filter:
                raise consumer_filter_differs(name, found.filter)
            return found

        return await self._write(job)

    async def ack_consumer(self, name: str, sequence: int) -> ConsumerRecord:
        def job(tx: Transaction) -> ConsumerRecord:
            found = find_consumer(tx.conn, name)
            if found is None:
                raise consumer_not_found(name)
            head = log_head(tx.conn)
            if sequence > head:
                raise ack_beyond_head(sequence, head)
            if sequence > found.acked_sequence:
                tx.conn.execute(
                    "UPDATE spark_consumers SET acked_sequence = ?, updated_at = ? WHERE name = ?",
                    (sequence, format_timestamp(datetime.now(UTC)), name),
                )
            return find_consumer(tx.conn, name)  # type: ignore[return-value]

        acked = await self._write(job)
        return await self._read(lambda conn: with_lag(conn, acked))

    async def get_consumer(self, name: str) -> ConsumerRecord:
        def read(conn: sqlite3.Connection) -> ConsumerRecord:
            found = find_consumer(conn, name)
            if found is None:
                raise consumer_not_found(name)
            return with_lag(conn, found)

        return await self._read(read)

    async def list_consumers(self) -> list[ConsumerRecord]:
        return await self._read(
            lambda conn: [with_lag(conn, consumer) for consumer in all_consumers(conn)]
        )

    async def delete_consumer(self, name: str) -> ConsumerRecord:
        def job(tx: Transaction) -> ConsumerRecord:
            found = find_consumer(tx.conn, name)
            if found is None:
                raise consumer_not_found(name)
            tx.conn.execute("DELETE FROM spark_consumers WHERE name = ?", (name,))
            return found

        return await self._write(job)
