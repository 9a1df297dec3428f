"""The seed's memory behaviour over gRPC: defaults, filters, min_confidence,
limit, newest-first order, expiry, and Count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from spark_grpc.client import SparkClient, from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.seed_module import query
from tests.integration.status import fails_with

MEMORIES = spark_pb2.COUNT_TARGET_MEMORIES
PAST = datetime(2020, 1, 1, tzinfo=UTC)


def _ids(memories) -> list[str]:
    return [m.id for m in memories]


def test_defaults_and_fields(client: SparkClient, db_path):
    plain = client.store_memory("insight", "agents bid low").memory
    assert plain.subject == "system"  # empty subject means "system"
    assert plain.confidence == 0.5
    assert plain.source_events == 0
    assert not plain.HasField("expires_at")
    expiry = datetime.now(UTC) + timedelta(days=1)
    full = client.store_memory(
        "pattern", "a1 fails at night", "a1", confidence=0.0, source_events=12, expires_at=expiry
    ).memory
    assert (full.memory_type, full.subject, full.content) == ("pattern", "a1", "a1 fails at night")
    assert full.confidence == 0.0  # explicit 0 is not the default 0.5
    assert full.source_events == 12
    assert from_timestamp(full.expires_at) == expiry
    listed = {m.id: m for m in client.list_memories()}
    assert listed[plain.id].subject == "system"
    assert listed[full.id].source_events == 12
    assert from_timestamp(listed[full.id].expires_at) == expiry
    rows = query(
        db_path, "SELECT subject, confidence FROM spark_memories WHERE id = ?", (plain.id,)
    )
    assert rows == [("system", 0.5)]


@pytest.fixture
def stored(client: SparkClient) -> list[spark_pb2.Memory]:
    specs = [
        ("pattern", "a1", 0.9),
        ("insight", "system", 0.5),
        ("anomaly", "a2", 0.3),
        ("pattern", "a2", 0.6),
        ("insight", "a1", 0.75),
    ]
    return [
        client.store_memory(kind, f"{kind} about {subject}", subject, confidence=c).memory
        for kind, subject, c in specs
    ]


@pytest.mark.parametrize(
    ("filters", "positions"),
    [
        ({}, [0, 1, 2, 3, 4]),
        ({"memory_type": "pattern"}, [0, 3]),
        ({"subject": "a1"}, [0, 4]),
        ({"subject": "system"}, [1]),
        ({"memory_type": "insight", "subject": "a1"}, [4]),
        ({"min_confidence": 0.6}, [0, 3, 4]),  # inclusive
        ({"min_confidence": 0.91}, []),
        ({"min_confidence": 0.5, "subject": "a2"}, [3]),
        ({"memory_type": "", "subject": ""}, [0, 1, 2, 3, 4]),
    ],
)
def test_filters_newest_first(client: SparkClient, stored, filters, positions):
    assert _ids(client.list_memories(**filters)) == [stored[i].id for i in reversed(positions)]


def test_limit(client: SparkClient):
    ids = [client.store_memory("insight", f"m{i}").memory.id for i in range(55)]
    assert _ids(client.list_memories()) == ids[:4:-1]  # 0 means the seed's 50
    assert _ids(client.list_memories(limit=0)) == ids[:4:-1]
    assert _ids(client.list_memories(limit=3)) == ids[:-4:-1]
    assert len(client.list_memories(limit=500)) == 55
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "limit"):
        client.list_memories(limit=-1)


def test_expired_memories_are_hidden_unless_asked_for(client: SparkClient):
    live = client.store_memory("insight", "forever").memory
    later = client.store_memory(
        "insight", "tomorrow", expires_at=datetime.now(UTC) + timedelta(days=1)
    ).memory
    gone = client.store_memory("insight", "expired", expires_at=PAST).memory
    just_gone = client.store_memory(
        "pattern", "a moment ago", expires_at=datetime.now(UTC) - timedelta(seconds=1)
    ).memory

    assert set(_ids(client.list_memories())) == {live.id, later.id}
    everything = client.list_memories(include_expired=True)
    assert _ids(everything) == [just_gone.id, gone.id, later.id, live.id]
    assert _ids(client.list_memories(memory_type="pattern")) == []
    assert _ids(client.list_memories(memory_type="pattern", include_expired=True)) == [just_gone.id]

    assert client.count(MEMORIES) == 2
    assert client.count(MEMORIES, include_expired=True) == 4
    assert client.count(MEMORIES, "pattern") == 0
    assert client.count(MEMORIES, "pattern", include_expired=True) == 1
    assert client.count(MEMORIES, "insight") == 2
    assert client.count(MEMORIES, "") == 2


def test_count(client: SparkClient, stored):
    assert client.count(MEMORIES) == 5
    assert client.count("COUNT_TARGET_MEMORIES", "insight") == 2
    assert client.count(MEMORIES, "nothing") == 0
    # Events and memories are counted apart.
    assert client.count(spark_pb2.COUNT_TARGET_EVENTS) == 0
    client.record_event("insight")
    assert client.count(MEMORIES, "insight") == 2
    assert client.count(spark_pb2.COUNT_TARGET_EVENTS, "insight") == 1
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "target"):
        client.count(spark_pb2.COUNT_TARGET_UNSPECIFIED)
