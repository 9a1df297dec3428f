"""The seed's files, served as they are (issue 2 section 3): a database the
seed module wrote is served unchanged, a database the server wrote is read
by the seed, both can write one file, and sequences are stable."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from spark_grpc.client import SparkClient, from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.follower import Follower
from tests.integration.seed_module import query, seed_at, seed_insert_event
from tests.support import ServerThread, start_in_process

EVENTS = spark_pb2.COUNT_TARGET_EVENTS
MEMORIES = spark_pb2.COUNT_TARGET_MEMORIES
SEED_EVENT_COLUMNS = [
    "id",
    "event_type",
    "agent_id",
    "task_id",
    "description",
    "data",
    "importance",
    "created_at",
]
SEED_MEMORY_COLUMNS = [
    "id",
    "memory_type",
    "subject",
    "content",
    "confidence",
    "source_events",
    "created_at",
    "expires_at",
]
# An ISO timestamp with microseconds, as the server writes them.
WITH_MICROSECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
# Seed rows with chosen timestamps: the seed's isoformat() drops zero microseconds.
OLD_ROW = {"id": "old-whole-second", "event_type": "task_posted", "agent_id": "a0"}
OLD_AT = "2024-05-01T12:00:00+00:00"
MID_ROW = {"id": "mid-half-second", "event_type": "task_assigned", "task_id": "t0"}
MID_AT = "2024-05-01T12:00:00.500000+00:00"


@contextmanager
def serving(db_path) -> Iterator[tuple[ServerThread, SparkClient]]:
    server = start_in_process(db_path, auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            yield server, client
    finally:
        server.stop()


def _when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _same_event(event: spark_pb2.Event, seed_event) -> None:
    assert event.id == seed_event.id
    assert event.event_type == seed_event.event_type
    assert (event.agent_id if event.HasField("agent_id") else None) == seed_event.agent_id
    assert (event.task_id if event.HasField("task_id") else None) == seed_event.task_id
    assert event.description == seed_event.description
    assert event.data == seed_event.data
    assert event.importance == seed_event.importance
    assert from_timestamp(event.created_at) == _when(seed_event.created_at)


def _same_memory(memory: spark_pb2.Memory, seed_memory) -> None:
    assert memory.id == seed_memory.id
    assert (memory.memory_type, memory.subject, memory.content) == (
        seed_memory.memory_type,
        seed_memory.subject,
        seed_memory.content,
    )
    assert memory.confidence == seed_memory.confidence
    assert memory.source_events == seed_memory.source_events
    assert from_timestamp(memory.created_at) == _when(seed_memory.created_at)
    if seed_memory.expires_at is None:
        assert not memory.HasField("expires_at")
    else:
        assert from_timestamp(memory.expires_at) == _when(seed_memory.expires_at)


def _write_seed_database(db_path) -> list[str]:
    """A file as the seed module leaves it; returns the event ids in
    created_at order (which is not the order they were inserted in)."""
    seed_insert_event(db_path, {**MID_ROW, "created_at": MID_AT})
    with seed_at(db_path) as seed:
        ids = [
            seed.record_event("task_posted", "post", agent_id="a1", task_id="t1"),
            seed.record_event("bid_submitted", "bid", "a2", "t1", data='{"bid_sats": 95}'),
            seed.record_event("task_failed", "boom", "a2", "t1", importance=0.42),
            seed.record_event("agent_joined", "hello", data="not json at all"),
            seed.record_event("prediction_result", "", agent_id="", task_id=""),
        ]
        seed.store_memory("pattern", "a1", "a1 is reliable", 0.9, 12)
        seed.store_memory(
            "insight", "system", "bids are low", expires_at="2020-01-01T00:00:00+00:00"
        )
        future = (datetime.now(UTC) + timedelta(days=3)).isoformat()
        seed.store_memory("anomaly", "a2", "a2 failed twice", 0.7, 2, future)
    seed_insert_event(db_path, {**OLD_ROW, "created_at": OLD_AT})
    return [OLD_ROW["id"], MID_ROW["id"], *ids]


def test_seed_database_is_served_unchanged(db_path):
    in_created_order = _write_seed_database(db_path)
    rows_before = query(db_path, "SELECT * FROM spark_events ORDER BY id")
    memories_before = query(
        db_path,
        "SELECT id, memory_type, subject, content, confidence, source_events, created_at,"
        " expires_at FROM spark_memories ORDER BY id",
    )
    with seed_at(db_path) as seed:
        seed_events = seed.get_events()
        seed_memories = seed.get_memories()
        seed_counts = (seed.count_events(), seed.count_events("task_posted"), seed.count_memories())

    with serving(db_path) as (_, client):
        oldest = client.list_events(order="ORDER_OLDEST_FIRST")
        # Sequences are assigned in created_at order.
        assert [e.id for e in oldest] == in_created_order
        assert [e.sequence for e in oldest] == list(range(1, 8))
        newest = client.list_events()
        assert [e.id for e in newest] == [e.id for e in seed_events]
        for event, seed_event in zip(newest, seed_events, strict=True):
            _same_event(event, seed_event)
        assert client.list_events(agent_id="a2", min_importance=0.4)[0].id == in_created_order[4]

        assert client.count(EVENTS) == seed_counts[0] == 7
        assert client.count(EVENTS, "task_posted") == seed_counts[1] == 2
        assert client.count(MEMORIES, include_expired=True) == seed_counts[2] == 3
        assert client.count(MEMORIES) == 2  # one has expired

        everything = client.list_memories(include_expired=True)
        assert [m.id for m in everything] == [m.id for m in seed_memories]
        for memory, seed_memory in zip(everything, seed_memories, strict=True):
            _same_memory(memory, seed_memory)
        live = client.list_memories()
        assert [m.memory_type for m in live] == ["anomaly", "pattern"]

        assert client.record_event("task_completed").event.sequence == 8

    # Serving changed none of the seed's rows.
    memory_columns = (
        "id, memory_type, subject, content, confidence, source_events, created_at, expires_at"
    )
    assert (
        query(db_path, f"SELECT {memory_columns} FROM spark_memories ORDER BY id")
        == memories_before
    )
    # (The server adds a column of its own, the normalised sort key.)
    seed_columns = "id, event_type, agent_id, task_id, description, data, importance, created_at"
    after = {row[0]: row for row in query(db_path, f"SELECT {seed_columns} FROM spark_events")}
    assert [after[row[0]] for row in rows_before] == rows_before
    assert after[OLD_ROW["id"]][7] == OLD_AT


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        ({"since": OLD_AT}, [MID_ROW["id"], OLD_ROW["id"]]),  # since is inclusive
        ({"until": OLD_AT}, []),  # until is exclusive
        ({"since": MID_AT}, [MID_ROW["id"]]),
        ({"until": MID_AT}, [OLD_ROW["id"]]),
        ({"since": OLD_AT, "until": MID_AT}, [OLD_ROW["id"]]),
    ],
)
def test_time_bounds_on_seed_timestamps(db_path, bound, expected):
    # The seed writes `...T12:00:00+00:00` for a whole second; the bound at
    # that very instant must treat it like `...T12:00:00.000000+00:00`.
    seed_insert_event(db_path, {**MID_ROW, "created_at": MID_AT})
    seed_insert_event(db_path, {**OLD_ROW, "created_at": OLD_AT})
    bounds = {name: _when(text) for name, text in bound.items()}
    with serving(db_path) as (_, client):
        assert [e.id for e in client.list_events(**bounds)] == expected
        oldest = client.list_events(order="ORDER_OLDEST_FIRST", **bounds)
        assert [e.id for e in oldest] == expected[::-1]


def test_server_database_is_read_by_the_seed(db_path):
    with serving(db_path) as (_, client):
        client.record_event("task_posted", "post", agent_id="a1", task_id="t1")
        client.record_event("bid_submitted", "bid", agent_id="a2", data={"bid_sats": 99})
        client.record_event("task_failed", "boom", importance=0.33, data='{"why": "disk"}')
        client.record_events(
            [{"event_type": "agent_joined", "agent_id": f"n{i}"} for i in range(3)]
        )
        client.store_memory("pattern", "a1 is reliable", "a1", confidence=0.9, source_events=3)
        client.store_memory("insight", "gone", expires_at=datetime(2021, 6, 1, tzinfo=UTC))
        served_events = client.list_events()
        served_memories = client.list_memories(include_expired=True)

        # Readable while the server has the file open (WAL).
        with seed_at(db_path) as seed:
            assert {e.id for e in seed.get_events()} == {e.id for e in served_events}

    with seed_at(db_path) as seed:
        seed_events = seed.get_events()
        # Batch events share created_at; compare as sets, then one by one.
        assert {e.id for e in seed_events} == {e.id for e in served_events}
        by_id = {e.id: e for e in seed_events}
        for event in served_events:
            _same_event(event, by_id[event.id])
        [bid] = [e for e in served_events if e.event_type == "bid_submitted"]
        assert [e.id for e in seed.get_events(agent_id="a2")] == [bid.id]
        assert seed.count_events() == 6
        assert seed.count_events("agent_joined") == 3
        assert len(seed.get_events(min_importance=0.5)) == 3  # the three agent_joined
        # The seed never hides expired memories.
        assert seed.count_memories() == 2
        seed_memories = seed.get_memories()
        assert [m.id for m in seed_memories] == [m.id for m in served_memories]
        for memory, seed_memory in zip(served_memories, seed_memories, strict=True):
            _same_memory(memory, seed_memory)

    # The seed's tables keep the seed's columns (spark_events gains the
    # server's normalised sort key after them); timestamps are ISO with microseconds.
    columns = [row[1] for row in query(db_path, "PRAGMA table_info(spark_events)")]
    assert columns == [*SEED_EVENT_COLUMNS, "spark_created_key"]
    columns = [row[1] for row in query(db_path, "PRAGMA table_info(spark_memories)")]
    assert columns == [*SEED_MEMORY_COLUMNS, "spark_created_key", "spark_expires_key"]
    stamps = [row[0] for row in query(db_path, "SELECT created_at FROM spark_events")]
    stamps += [
        value
        for row in query(db_path, "SELECT created_at, expires_at FROM spark_memories")
        for value in row
        if value is not None
    ]
    assert len(stamps) == 9
    assert all(WITH_MICROSECONDS.match(stamp) for stamp in stamps), stamps
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_seed_writes_into_a_server_database_after_it_stops(db_path):
    with serving(db_path) as (_, client):
        client.record_event("task_posted", "from the server")
    with seed_at(db_path) as seed:
        seed_id = seed.record_event("task_completed", "from the seed", agent_id="a1")
        seed.store_memory("insight", "system", "from the seed")
    with serving(db_path) as (_, client):
        events = client.list_events(order="ORDER_OLDEST_FIRST")
        assert [(e.description, e.sequence) for e in events] == [
            ("from the server", 1),
            ("from the seed", 2),
        ]
        assert events[1].id == seed_id and events[1].importance == 0.6
        assert [m.content for m in client.list_memories()] == ["from the seed"]
        assert client.record_event("task_posted").event.sequence == 3


def test_seed_writes_while_the_server_runs(db_path):
    with serving(db_path) as (server, client):
        client.record_event("task_posted", "server 1")
        with Follower(server.address) as follow:
            assert len(follow.history()) == 1
            with seed_at(db_path) as seed:
                seed_id = seed.record_event("task_failed", "seed 1", agent_id="a7")
                seed.store_memory("anomaly", "a7", "seen by the server", 0.8)
            # The trigger gave the seed's row the next sequence.
            [listed] = client.list_events(agent_id="a7")
            assert (listed.id, listed.sequence, listed.importance) == (seed_id, 2, 1.0)
            assert client.count(EVENTS) == 2
            assert [m.content for m in client.list_memories()] == ["seen by the server"]
            # The server's next event comes after it, without a conflict.
            mine = client.record_event("task_posted", "server 2").event
            assert mine.sequence == 3
            # A follower gets the seed's event too, in sequence order.
            assert [(e.id, e.sequence) for e in follow.take(2)] == [(seed_id, 2), (mine.id, 3)]
        oldest = client.list_events(order="ORDER_OLDEST_FIRST")
        assert [e.sequence for e in oldest] == [1, 2, 3]
        assert [e.id for e in client.list_events(after_sequence=1)] == [mine.id, seed_id]


def test_a_seed_write_reaches_followers_without_a_server_write(db_path):
    with serving(db_path) as (server, client):
        client.record_event("task_posted", "server 1")
        with (
            Follower(server.address) as everything,
            Follower(server.address, agent_id="a7", after_sequence=1) as filtered,
        ):
            assert len(everything.history()) == 1
            assert filtered.history() == []
            with seed_at(db_path) as seed:
                seed.store_memory("anomaly", "system", "no event in this one")
                seed_ids = [
                    seed.record_event("task_failed", "seed 1", agent_id="a7"),
                    seed.record_event("task_posted", "seed 2", agent_id="a8"),
                ]
            # Nothing else is written: the server notices the seed's commits.
            arrived = everything.take(2, timeout=5)
            assert [(e.id, e.sequence) for e in arrived] == [(seed_ids[0], 2), (seed_ids[1], 3)]
            assert [e.id for e in filtered.take(1, timeout=5)] == [seed_ids[0]]
            # The server's own writes go on after them, to both.
            mine = client.record_event("task_posted", "server 2", agent_id="a7").event
            assert mine.sequence == 4
            assert [e.id for e in everything.take(1)] == [mine.id]
            assert [e.id for e in filtered.take(1)] == [mine.id]


def _sequences(client: SparkClient) -> dict[str, int]:
    return {e.id: e.sequence for e in client.list_events(order="ORDER_OLDEST_FIRST", limit=1000)}


def test_sequences_are_stable_across_restart_and_vacuum(db_path, tmp_path):
    with serving(db_path) as (_, client):
        for i in range(6):
            client.record_event("task_posted", f"single {i}")
        client.record_events([{"event_type": "bid_submitted"}] * 4)
        before = _sequences(client)
    assert sorted(before.values()) == list(range(1, 11))

    with serving(db_path) as (_, client):
        assert _sequences(client) == before
        last = client.record_event("task_completed", "after restart").event
        assert last.sequence == 11

    # Remove some rows behind the server's back, then VACUUM.
    by_seq = {seq: event_id for event_id, seq in before.items()}
    doomed = [by_seq[1], by_seq[2], by_seq[5], last.id]
    with seed_at(db_path) as seed, seed._get_conn() as conn:
        conn.executemany("DELETE FROM spark_events WHERE id = ?", [(i,) for i in doomed])
        conn.commit()
    query(db_path, "VACUUM")
    kept = {event_id: seq for event_id, seq in before.items() if event_id not in doomed}
    with serving(db_path) as (_, client):
        assert _sequences(client) == kept
        # A sequence is never reused, not even the deleted newest one.
        newest = client.record_event("task_posted", "after vacuum").event
        assert newest.sequence == 12
        kept[newest.id] = 12

    # A dump restored into a new file renumbers the implicit rowids of
    # spark_events (what VACUUM is allowed to do too): sequences stay.
    restored = tmp_path / "restored.db"
    rowids = dict(query(db_path, "SELECT id, rowid FROM spark_events"))
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(restored)) as copy:
        # CPython 3.11's iterdump also writes the rows of the FTS5 search
        # tables as INSERTs into the virtual tables (which a restore cannot
        # run, and which their dumped shadow tables already hold); the
        # sqlite3 shell's .dump leaves them out, and so does this copy.
        virtual_rows = ('INSERT INTO "spark_events_fts" ', 'INSERT INTO "spark_memories_fts" ')
        lines = [line for line in source.iterdump() if not line.startswith(virtual_rows)]
        copy.executescript("\n".join(lines))
    assert dict(query(restored, "SELECT id, rowid FROM spark_events")) != rowids
    with serving(restored) as (server, client):
        assert _sequences(client) == kept
        assert client.record_event("task_posted", "after restore").event.sequence == 13
        # The search index came through the copy and keeps up with new rows.
        assert [h.event.sequence for h in client.search_events('"after vacuum"')] == [12]
        assert [h.event.sequence for h in client.search_events('"after restore"')] == [13]
        with Follower(server.address, after_sequence=5) as follow:
            assert [e.sequence for e in follow.history()] == [6, 7, 8, 9, 10, 12, 13]
