"""PostgreSQL for the bench: a throwaway cluster with PostgreSQL's default
durability, databases in the server's schema, and the raw-SQL figures that
stand beside the server's (COPY into the schema, a full scan).

The cluster is ``tests.pg.PostgresCluster`` started with ``durable=True``:
``fsync``, ``synchronous_commit`` and ``full_page_writes`` stay on, as a
production server has them (the tests turn them off). Everything else is
PostgreSQL's default (``shared_buffers=128MB``) except ``max_connections``.
With ``SPARK_TEST_POSTGRES=postgresql://...`` (as for the tests) a running
server is used instead, with its own settings; the report shows them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg

from spark_grpc.store.postgres import PostgresStore
from tests.pg import PostgresCluster, missing_reason

# The server's columns of spark_events, as the store writes them.
_COLUMNS = "seq, id, event_type, agent_id, task_id, description, data, importance, created_at"
_COPY = f"COPY spark_events ({_COLUMNS}) FROM STDIN"
# The same rows from a file in the seed's schema: its rowid order is the
# order the events were written, which is the sequence the server gives them.
_FROM_SEED = (
    "SELECT rowid, id, event_type, agent_id, task_id, description, data, importance, created_at"
    " FROM spark_events ORDER BY rowid"
)
_SCAN = (
    "SELECT id, event_type, agent_id, task_id, description, data, importance, created_at"
    " FROM spark_events"
)
_SETTINGS = ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")


def _shout(message: str) -> None:
    bar = "!" * 78
    print(f"\n{bar}\n{message}\n{bar}\n", file=sys.stderr, flush=True)


def start_cluster() -> tuple[PostgresCluster | None, str | None]:
    """A throwaway cluster with default durability, or (None, why not).

    Missing binaries are said loudly; with CI=true they are an error
    (``make setup`` installs PostgreSQL there, so the column must run)."""
    reason = missing_reason()
    if reason is None:
        try:
            return PostgresCluster.start(durable=True), None
        except RuntimeError as exc:
            reason = f"the PostgreSQL cluster did not start: {exc}"
    _shout(f"PostgreSQL column SKIPPED: {reason}")
    if os.environ.get("CI") == "true":
        raise SystemExit("CI=true: the bench must measure PostgreSQL too (run `make setup`)")
    return None, reason


def _show(conn: psycopg.Connection, setting: str) -> str:
    row = conn.execute(f"SHOW {setting}").fetchone()
    assert row is not None
    return row[0]


def describe(cluster: PostgresCluster) -> dict[str, Any]:
    """The server's version and durability settings, as it reports them."""
    with psycopg.connect(cluster.admin_url, autocommit=True) as conn:
        found: dict[str, Any] = {
            "version": _show(conn, "server_version").split()[0],
            "cluster": "throwaway"
            if cluster.root is not None
            else "external (SPARK_TEST_POSTGRES)",
        }
        found.update((name, _show(conn, name)) for name in _SETTINGS)
    return found


async def create_schema(url: str) -> None:
    """The server's schema in the empty database at ``url``, made by the
    server's own store (its migrations)."""
    store = PostgresStore(url, pool_size=2)
    await store.open()
    await store.close()


async def copy_seed_database(source: Path, url: str) -> None:
    """Fill the database at ``url`` with the events of the seed-shaped file
    ``source``, as the server would hold them: same ids, times and order,
    sequences 1..N, the log position at N.

    One COPY with the secondary indexes dropped and rebuilt after (as the
    SQLite file's are built last), then VACUUM ANALYZE and a CHECKPOINT, so
    that neither autovacuum nor the checkpointer runs during measurements."""
    await create_schema(url)
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as seed,
        psycopg.connect(url) as conn,
    ):
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = 'spark_events'"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        last = 0
        with conn.cursor().copy(_COPY) as copy:
            for row in seed.execute(_FROM_SEED):
                copy.write_row(row)
                last = row[0]
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute("UPDATE spark_log_position SET last = %s", (last,))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE spark_events")
        conn.execute("CHECKPOINT")


def raw_scan(url: str) -> float:
    """Rows/s of a full scan of the events table into Python tuples."""
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        rows = sum(1 for _ in conn.execute(_SCAN))
        elapsed = time.perf_counter() - started
    return rows / elapsed


class RawWriter:
    """COPY into the server's schema, ``batch`` rows per transaction, each
    transaction numbering its rows under the log-position lock as the store
    does (without the store's Python: no id lookups, no NOTIFY)."""

    def __init__(self, url: str, batch: int) -> None:
        self.url = url
        self.batch = batch

    @classmethod
    async def create(cls, url: str, batch: int) -> RawWriter:
        await create_schema(url)
        return cls(url, batch)

    def insert(self, rows: Sequence[tuple]) -> float:
        """Rows/s of writing ``rows`` (in the seed's column order)."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            started = time.perf_counter()
            for start in range(0, len(rows), self.batch):
                chunk = rows[start : start + self.batch]
                with conn.transaction():
                    cur = conn.cursor()
                    cur.execute("SELECT last FROM spark_log_position FOR UPDATE")
                    row = cur.fetchone()
                    assert row is not None
                    last = row[0]
                    with cur.copy(_COPY) as copy:
                        for offset, row in enumerate(chunk, 1):
                            copy.write_row((last + offset, *row))
                    cur.execute("UPDATE spark_log_position SET last = %s", (last + len(chunk),))
            elapsed = time.perf_counter() - started
        return len(rows) / elapsed
