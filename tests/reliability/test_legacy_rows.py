"""Every row the seed module, or a looser schema, could store is served
(issue 11, point 2): odd values are read as documented defaults, text that is
not UTF-8 with replacement characters, NULL ids get stable synthetic ids,
and timestamps in any ISO or SQLite form filter and sort by the instant they
name. The file's rows stay as written, and the seed keeps reading and writing
it."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import grpc
import pytest

from spark_grpc.client import SparkClient
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.integration.seed_module import query, seed_at
from tests.support import start_in_process

pb = spark_pb2


class NotUtf8(bytes):
    """Bytes stored as TEXT (what a str column holds after a careless write)."""


def _raw_insert(path, table: str, row: dict) -> None:
    with closing(sqlite3.connect(str(path))) as conn:
        names = ", ".join(row)
        marks = ", ".join(
            "CAST(? AS TEXT)" if isinstance(value, NotUtf8) else "?" for value in row.values()
        )
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
        conn.commit()


def _raw_rows(path) -> list[tuple]:
    with closing(sqlite3.connect(str(path))) as conn:
        conn.text_factory = bytes
        return conn.execute(
            "SELECT id, importance, description, data FROM spark_events ORDER BY rowid"
        ).fetchall()


def _looser_file(path) -> None:
    """A file as a looser schema (no NOT NULL) lets the seed's SQL store it."""
    with closing(sqlite3.connect(str(path))) as conn:
        conn.executescript(
            """
            CREATE TABLE spark_events (id TEXT PRIMARY KEY, event_type TEXT, agent_id TEXT,
                task_id TEXT, description TEXT DEFAULT '', data TEXT DEFAULT '{}',
                importance REAL DEFAULT 0.5, created_at TEXT);
            CREATE TABLE spark_memories (id TEXT PRIMARY KEY, memory_type TEXT,
                subject TEXT DEFAULT 'system', content TEXT, confidence REAL DEFAULT 0.5,
                source_events INTEGER DEFAULT 0, created_at TEXT, expires_at TEXT);
            """
        )


@pytest.fixture
def odd_file(tmp_path):
    db = tmp_path / "spark.db"
    _looser_file(db)
    with seed_at(db) as seed:
        # What the seed's own record_event(..., importance="high") stores.
        seed.record_event("task_failed", "high", agent_id="a1", importance="high")
        seed.record_event("task_completed", "fine", agent_id="a1", task_id="t1")
        seed.store_memory("pattern", "a1", "seed memory", confidence=0.7)
    rows = [
        # importance NULL: used to be missing from every listing.
        {"id": "null-importance", "event_type": "bid", "importance": None,
         "created_at": "2024-01-02T05:00:00+00:00", "agent_id": "a2"},
        # description and data holding bytes that are not UTF-8.
        {"id": "bad-bytes", "event_type": "bid", "description": NotUtf8(b"caf\xe9"),
         "data": NotUtf8(b'{"x": "\xff"}'), "created_at": "2024-01-02 03:00:00", "agent_id": "a3"},
        # agent_id stored as bytes.
        {"id": "blob-agent", "event_type": "task_completed", "agent_id": b"agent-b",
         "created_at": "2024-01-02T04:30:00+02:00"},
        # NULL id.
        {"id": None, "event_type": "bid", "created_at": "2024-01-02T06:00:00Z"},
    ]  # fmt: skip
    for row in rows:
        _raw_insert(db, "spark_events", row)
    _raw_insert(db, "spark_memories", {
        "id": "text-numbers", "memory_type": "insight", "subject": "a1", "content": "odd",
        "confidence": "sure", "source_events": "many",
        "created_at": "2024-01-02T03:00:00+00:00",
    })  # fmt: skip
    _raw_insert(db, "spark_memories", {
        "id": None, "memory_type": "insight", "subject": "a1", "content": NotUtf8(b"\xfe\xff"),
        "confidence": None, "created_at": "2024-01-03 00:00:00",
    })  # fmt: skip
    return db


def test_every_odd_row_is_served(odd_file, caplog):
    caplog.set_level(logging.WARNING, logger="spark_grpc")
    before = _raw_rows(odd_file)
    server = start_in_process(odd_file, auto_consolidate=False)
    try:
        with SparkClient(server.address) as spark:
            events = spark.list_events(limit=100)
            by_id = {e.id: e for e in events}
            assert len(events) == 6 == spark.count(pb.COUNT_TARGET_EVENTS)
            assert by_id["null-importance"].importance == 0.5
            high = [e for e in events if e.description == "high"]
            assert high[0].importance == 0.5
            assert by_id["bad-bytes"].description == "caf\ufffd"
            assert by_id["blob-agent"].agent_id == "agent-b"
            assert any(e.id.startswith("legacy-event-") for e in events)
            # Oldest first and following read the same rows.
            assert len(spark.list_events(limit=100, order="ORDER_OLDEST_FIRST")) == 6
            # Consolidate runs over the blob agent id too.
            with grpc.insecure_channel(server.address) as channel:
                stub = spark_pb2_grpc.SparkServiceStub(channel)
                stub.Consolidate(pb.ConsolidateRequest(), timeout=10)
                watch = stub.WatchMemories(pb.WatchMemoriesRequest(include_existing=True))
                seen = []
                for message in watch:
                    if message.caught_up:
                        break
                    seen.append(message.memory)
                watch.cancel()
            memories = {m.id: m for m in spark.list_memories(include_expired=True, limit=100)}
            assert memories["text-numbers"].confidence == 0.5
            assert memories["text-numbers"].source_events == 0
            legacy = [m for m in memories.values() if m.id.startswith("legacy-memory-")]
            assert legacy and legacy[0].content == "\ufffd\ufffd"
            assert {m.id for m in seen} >= {"text-numbers", legacy[0].id}
            # Filters compare what is served.
            assert "null-importance" in {e.id for e in spark.list_events(min_importance=0.5)}
            assert "text-numbers" in {m.id for m in spark.list_memories(min_confidence=0.5)}
    finally:
        server.stop()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "bad-bytes" not in logged  # rows are named by rowid, content never logged
    assert "row 2 read with repairs" in logged or "rowid" in logged or "row " in logged
    # Each repaired row once.
    lines = [r.getMessage() for r in caplog.records if "read with repairs" in r.getMessage()]
    assert len(lines) == len(set(lines))
    # The rows stay as written (only NULL ids were given their synthetic id).
    after = _raw_rows(odd_file)
    assert [r for r in after if not (r[0] or b"").startswith(b"legacy-")] == [
        r for r in before if r[0] is not None
    ]
    # The seed still reads and writes the file.
    with seed_at(odd_file) as seed:
        seed.record_event("task_posted", "after the server")
        assert seed.count_events() == 7


TIMES = [
    ("plain", "2024-01-02 03:00:00"),  # SQLite's datetime() form, UTC
    ("offset", "2024-01-02T04:30:00+02:00"),  # 02:30 UTC
    ("zulu", "2024-01-02T03:30:00.250Z"),
    ("micro", "2024-01-02T02:45:00.123456+00:00"),
    ("date", "2024-01-02"),  # midnight
]


def test_timestamps_in_every_form_filter_and_sort_by_their_instant(tmp_path):
    db = tmp_path / "spark.db"
    with seed_at(db) as seed:
        seed.count_events()  # the seed creates its tables
    for name, text in TIMES:
        _raw_insert(
            db,
            "spark_events",
            {"id": name, "event_type": "bid", "created_at": text, "importance": 0.5},
        )
    server = start_in_process(db, auto_consolidate=False)
    try:
        with SparkClient(server.address) as spark:
            newest = [e.id for e in spark.list_events(limit=10)]
            assert newest == ["zulu", "plain", "micro", "offset", "date"]
            since = datetime(2024, 1, 2, 2, 40, tzinfo=UTC)
            until = datetime(2024, 1, 2, 3, 15, tzinfo=UTC)
            window = {e.id for e in spark.list_events(since=since, until=until)}
            assert window == {"micro", "plain"}
            # A page boundary inside these rows keeps the order.
            assert [e.id for e in spark.list_events(limit=2)] == newest[:2]
    finally:
        server.stop()
    # The seed's inserts made after the server ran get the key by trigger.
    with seed_at(db) as seed:
        seed.record_event("task_posted", "later")
    assert query(db, "SELECT COUNT(*) FROM spark_events WHERE spark_created_key IS NULL") == [(0,)]


def test_memory_timestamps_in_every_form_order_and_expire_by_their_instant(tmp_path):
    db = tmp_path / "spark.db"
    with seed_at(db) as seed:
        seed.count_memories()
    rows = [
        ("m-plain", "2024-01-02 03:00:00", "2999-01-01 00:00:00"),
        ("m-offset", "2024-01-02T04:30:00+02:00", None),  # 02:30 UTC
        ("m-zulu", "2024-01-02T03:30:00Z", ""),
        # Expired an hour ago, written in the SQLite form: text comparison
        # with the server's ISO form would call it live today.
        ("m-gone", "2024-01-02T01:00:00+00:00", None),
    ]
    for memory_id, created, expires in rows:
        if memory_id == "m-gone":
            hour_ago = datetime.now(UTC).timestamp() - 3600
            expires = datetime.fromtimestamp(hour_ago, UTC).strftime("%Y-%m-%d %H:%M:%S")
        _raw_insert(
            db,
            "spark_memories",
            {"id": memory_id, "memory_type": "insight", "subject": "s", "content": "c",
             "confidence": 0.5, "source_events": 0, "created_at": created,
             "expires_at": expires},
        )  # fmt: skip
    server = start_in_process(db, auto_consolidate=False)
    try:
        with SparkClient(server.address) as spark:
            assert [m.id for m in spark.list_memories()] == ["m-zulu", "m-plain", "m-offset"]
            everything = spark.list_memories(include_expired=True)
            assert [m.id for m in everything] == ["m-zulu", "m-plain", "m-offset", "m-gone"]
            assert spark.count(pb.COUNT_TARGET_MEMORIES) == 3
    finally:
        server.stop()
