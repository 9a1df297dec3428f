"""How the SQLite store writes events (issue 4): the ids it makes are UUIDs
that sort in time order, a batch goes in as a few multi-row statements in
batch order, and a batch refused partway through them leaves nothing."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager

import grpc
import pytest

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.gen.spark.v1 import spark_pb2
from spark_grpc.store.base import new_id as time_ordered_id
from spark_grpc.store.sqlite.writer import insert_rows as _insert_rows
from tests.integration.seed_module import query
from tests.support import start_in_process

EVENTS = spark_pb2.COUNT_TARGET_EVENTS


@contextmanager
def serving(db_path, **settings) -> Iterator[SparkClient]:
    server = start_in_process(db_path, auto_consolidate=False, **settings)
    try:
        with SparkClient(server.address) as client:
            yield client
    finally:
        server.stop()


def _millis(event_id: str) -> int:
    return uuid.UUID(event_id).int >> 80


def test_made_ids_are_version_7_uuids_in_time_order():
    before = time.time_ns() // 1_000_000
    ids = [time_ordered_id() for _ in range(2000)]
    after = time.time_ns() // 1_000_000
    assert len(set(ids)) == len(ids)
    for made in ids:
        parsed = uuid.UUID(made)
        assert str(parsed) == made
        assert (parsed.version, parsed.variant) == (7, uuid.RFC_4122)
        assert before <= _millis(made) <= after
    # An id of a later millisecond sorts after, as text too (the index order).
    assert [_millis(made) for made in ids] == sorted(_millis(made) for made in ids)
    assert all(a < b for a, b in zip(ids, ids[1:], strict=False) if _millis(a) < _millis(b))


@pytest.mark.parametrize(
    ("count", "variables", "sizes"),
    [
        (1000, None, [512, 256, 128, 64, 32, 8]),
        (1, None, [1]),
        (513, None, [512, 1]),
        (5, 7, [2, 2, 1]),  # two columns, at most 7 variables a statement
    ],
)
def test_rows_go_in_as_few_statements_in_order(count, variables, sizes):
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        conn.execute("CREATE TABLE t (n INTEGER, tag TEXT)")
        if variables is not None:
            conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variables)
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        rows = [(n, "row") for n in range(count)]
        _insert_rows(conn, "INSERT INTO t (n, tag)", rows)
        conn.set_trace_callback(None)
        # The callback sees each statement with its values filled in.
        assert [statement.count("'row')") for statement in statements] == sizes
        assert conn.execute("SELECT n, tag FROM t ORDER BY rowid").fetchall() == rows
    with closing(sqlite3.connect(":memory:")) as conn:
        _insert_rows(conn, "INSERT INTO t (n, tag)", [])  # nothing to do: no statement


def test_a_large_batch_is_stored_in_batch_order(db_path):
    items = [{"event_type": "task_posted", "description": f"item {i}"} for i in range(1000)]
    for i in range(0, 1000, 7):
        items[i]["id"] = f"chosen-{i}"  # client ids among the ones the server makes
    with serving(db_path) as client:
        client.record_event("agent_joined")
        events = client.record_events(items)
        assert [e.sequence for e in events] == list(range(2, 1002))
        assert [e.description for e in events] == [f"item {i}" for i in range(1000)]
        made = [e.id for e in events if not e.id.startswith("chosen-")]
        assert len(made) == 857 and all(uuid.UUID(i).version == 7 for i in made)
        # One created_at for the batch; newest first breaks the tie by rowid.
        newest = client.list_events(limit=1000)
        assert [e.id for e in newest] == [e.id for e in reversed(events)]
        oldest = client.list_events(order="ORDER_OLDEST_FIRST", after_sequence=1, limit=1000)
        assert oldest == events
        # Every client id's request was remembered: a retry is all duplicates.
        chosen = [(item, event) for item, event in zip(items, events, strict=True) if "id" in item]
        assert client.record_events([item for item, _ in chosen]) == [e for _, e in chosen]
        assert client.count(EVENTS) == 1001
    stored = [row[0] for row in query(db_path, "SELECT id FROM spark_events ORDER BY rowid")]
    assert stored[1:] == [e.id for e in events]
    prints = "SELECT COUNT(*) FROM spark_request_fingerprints WHERE kind = 'event'"
    assert query(db_path, prints) == [(143,)]
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_a_batch_refused_partway_through_stores_nothing(db_path):
    """A full database refuses a 600-event batch in one of its statements:
    none of its rows stay, and once there is room the same batch gets the
    next sequences, as if the refused attempt had never been."""
    batch = [
        {"event_type": "task_posted", "agent_id": f"a{i % 9}", "description": "d" * 120}
        for i in range(600)
    ]
    with serving(db_path, max_db_bytes=3 * 1024 * 1024) as client:
        # 50 memories of 8 kB fill about 1.8 MB: each is kept three times,
        # as the memory, in the log of memory changes and in its history
        # (three 4 kB pages each time).
        for number in range(50):
            client.store_memory("insight", "m" * 8000, id=f"memory-{number}")
        acknowledged = 0
        with pytest.raises(SparkError) as refused:  # noqa: PT012
            for _ in range(100):
                client.record_events(batch)
                acknowledged += len(batch)
        assert refused.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert acknowledged > 0
        assert client.count(EVENTS) == acknowledged
        listed = client.list_events(order="ORDER_OLDEST_FIRST", limit=100_000)
        assert [e.sequence for e in listed] == list(range(1, acknowledged + 1))
        for number in range(50):
            client.delete_memory(f"memory-{number}")
        events = client.record_events(batch)
        first = acknowledged + 1
        assert [e.sequence for e in events] == list(range(first, first + len(batch)))
        assert client.count(EVENTS) == acknowledged + len(batch)
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
