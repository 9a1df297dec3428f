"""Idempotent retries with client-chosen ids, and atomic batches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from spark_grpc.client import SparkClient
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.status import fails_with
from tests.support import start_in_process

EVENTS = spark_pb2.COUNT_TARGET_EVENTS
MEMORIES = spark_pb2.COUNT_TARGET_MEMORIES
EXISTS = grpc.StatusCode.ALREADY_EXISTS
INVALID = grpc.StatusCode.INVALID_ARGUMENT

ORIGINAL = {
    "event_type": "task_completed",
    "description": "done",
    "agent_id": "a1",
    "task_id": "t1",
    "data": '{"bid_sats": 90, "tags": ["x", "y"]}',
}


def test_retry_with_same_content_is_a_duplicate(client: SparkClient):
    first = client.record_event(id="req-1", **ORIGINAL)
    assert not first.duplicate
    again = client.record_event(id="req-1", **ORIGINAL)
    assert again.duplicate
    assert again.event == first.event  # the stored event: same sequence, same created_at
    assert client.count(EVENTS) == 1
    assert [e.id for e in client.list_events()] == ["req-1"]
    # The next event still gets the next sequence: the retry took none.
    assert client.record_event("task_posted").event.sequence == 2


@pytest.mark.parametrize(
    "data",
    [
        '{"tags": ["x", "y"], "bid_sats": 90}',  # other key order
        '{ "bid_sats" : 90 ,\n  "tags" : [ "x" , "y" ] }',  # other whitespace
        '{"bid_sats": 90, "tags": ["\\u0078", "y"]}',  # the same string, escaped
    ],
)
def test_data_is_compared_as_parsed_json(client: SparkClient, data):
    first = client.record_event(id="req-json", **ORIGINAL)
    retry = client.record_event(id="req-json", **{**ORIGINAL, "data": data})
    assert retry.duplicate
    assert retry.event.data == first.event.data == ORIGINAL["data"]  # stored as first given
    assert client.count(EVENTS) == 1


@pytest.mark.parametrize("number", ["90.0", "9e1"])
def test_data_numbers_compare_by_value(client: SparkClient, number):
    # JSON has one number type: 90 and 90.0 are the same value (and equal
    # once parsed), so a client that re-serialises its data differently on
    # a retry still sends the same content.
    client.record_event(id="req-number", **ORIGINAL)
    data = ORIGINAL["data"].replace("90", number)
    retry = client.record_event(id="req-number", **{**ORIGINAL, "data": data})
    assert retry.duplicate
    assert client.count(EVENTS) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"description": "done!"},
        {"event_type": "task_failed"},
        {"agent_id": "a2"},
        {"agent_id": None},  # omitted now, given before
        {"task_id": "t2"},
        {"data": '{"bid_sats": 91, "tags": ["x", "y"]}'},
        {"data": '{"bid_sats": 90, "tags": ["y", "x"]}'},  # array order matters
        {"importance": 0.5},
    ],
)
def test_same_id_with_other_content_is_already_exists(client: SparkClient, change):
    first = client.record_event(id="req-2", **ORIGINAL).event
    with fails_with(EXISTS) as failure:
        client.record_event(id="req-2", **{**ORIGINAL, **change})
    assert "req-2" in failure.error.details
    assert client.count(EVENTS) == 1
    [stored] = client.list_events()
    assert stored == first


def test_omitted_importance_differs_from_an_explicit_one(client: SparkClient):
    scored = client.record_event("task_posted", "x", id="scored").event
    assert scored.importance == 0.4
    # The same value, given explicitly, is other content.
    with fails_with(EXISTS):
        client.record_event("task_posted", "x", id="scored", importance=0.4)
    explicit = client.record_event("task_posted", "x", id="explicit", importance=0.4).event
    with fails_with(EXISTS):
        client.record_event("task_posted", "x", id="explicit")
    assert client.record_event("task_posted", "x", id="explicit", importance=0.4).duplicate
    assert client.record_event("task_posted", "x", id="scored").duplicate
    assert explicit.importance == 0.4
    assert client.count(EVENTS) == 2


def test_retry_is_recognised_after_a_restart(db_path):
    server = start_in_process(db_path, auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            first = client.record_event(id="req-restart", **ORIGINAL).event
            client.store_memory("insight", "kept", id="mem-restart", confidence=0.7)
    finally:
        server.stop()
    server = start_in_process(db_path, auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            retry = client.record_event(id="req-restart", **ORIGINAL)
            assert retry.duplicate and retry.event == first
            with fails_with(EXISTS):
                client.record_event(id="req-restart", **{**ORIGINAL, "description": "other"})
            assert client.store_memory(
                "insight", "kept", id="mem-restart", confidence=0.7
            ).duplicate
            assert client.count(EVENTS) == 1
    finally:
        server.stop()


# ── StoreMemory ──────────────────────────────────────────────────────────
EXPIRY = datetime(2099, 1, 1, tzinfo=UTC)
MEMORY = {
    "memory_type": "pattern",
    "content": "a1 fails at night",
    "subject": "a1",
    "confidence": 0.8,
    "source_events": 4,
    "expires_at": EXPIRY,
}


def test_store_memory_retry_is_a_duplicate(client: SparkClient):
    first = client.store_memory(id="mem-1", **MEMORY)
    assert not first.duplicate
    again = client.store_memory(id="mem-1", **MEMORY)
    assert again.duplicate
    assert again.memory == first.memory
    assert client.count(MEMORIES) == 1
    assert [m.id for m in client.list_memories()] == ["mem-1"]


@pytest.mark.parametrize(
    "change",
    [
        {"content": "a1 fails at noon"},
        {"memory_type": "insight"},
        {"subject": "a2"},
        {"subject": ""},  # that is "system"
        {"confidence": 0.81},
        {"confidence": None},  # omitted now (0.5), given before
        {"source_events": 5},
        {"expires_at": EXPIRY + timedelta(seconds=1)},
        {"expires_at": None},
    ],
)
def test_store_memory_same_id_other_content_is_already_exists(client: SparkClient, change):
    first = client.store_memory(id="mem-2", **MEMORY).memory
    with fails_with(EXISTS) as failure:
        client.store_memory(id="mem-2", **{**MEMORY, **change})
    assert "mem-2" in failure.error.details
    assert client.list_memories(include_expired=True) == [first]


def test_store_memory_omitted_confidence_differs_from_explicit(client: SparkClient):
    assert client.store_memory("insight", "c", id="default").memory.confidence == 0.5
    with fails_with(EXISTS):
        client.store_memory("insight", "c", id="default", confidence=0.5)
    assert client.store_memory("insight", "c", id="default").duplicate
    assert client.count(MEMORIES) == 1


# ── atomic batches ───────────────────────────────────────────────────────
def _batch(count: int, **item) -> list[dict]:
    return [{"event_type": "task_posted", "description": f"item {i}", **item} for i in range(count)]


def test_batch_is_stored_in_order_with_consecutive_sequences(client: SparkClient):
    client.record_event("agent_joined")
    items = _batch(5)
    items[2] = {"event_type": "task_failed", "agent_id": "a9", "data": {"bid_sats": 100}}
    events = client.record_events(items)
    assert [e.sequence for e in events] == [2, 3, 4, 5, 6]
    assert [e.description for e in events] == ["item 0", "item 1", "", "item 3", "item 4"]
    assert events[2].importance == 1.0 and events[2].agent_id == "a9"
    assert len({(e.created_at.seconds, e.created_at.nanos) for e in events}) == 1
    listed = client.list_events(order="ORDER_OLDEST_FIRST", after_sequence=1)
    assert listed == events


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"importance": 1.5}, "events[3].importance"),
        ({"importance": float("nan")}, "events[3].importance"),
        ({"data": "[1]"}, "events[3].data"),
        ({"event_type": ""}, "events[3].event_type"),
        ({"id": "no spaces allowed"}, "events[3].id"),
    ],
)
def test_bad_item_fails_the_whole_batch(client: SparkClient, bad, field):
    items = _batch(6)
    items[3] = {**items[3], **bad}
    with fails_with(INVALID, field):
        client.record_events(items)
    assert client.count(EVENTS) == 0
    # Nothing was stored, so a good batch starts at sequence 1.
    assert client.record_events(_batch(2))[0].sequence == 1


def test_conflicting_id_fails_the_whole_batch(client: SparkClient):
    client.record_event("task_posted", "original", id="taken")
    items = _batch(4)
    items[2] = {"event_type": "task_posted", "description": "other content", "id": "taken"}
    with fails_with(EXISTS) as failure:
        client.record_events(items)
    assert "events[2]" in failure.error.details and "taken" in failure.error.details
    assert client.count(EVENTS) == 1
    assert [e.description for e in client.list_events()] == ["original"]


def test_conflicting_ids_inside_one_batch_fail_it(client: SparkClient):
    items = _batch(4)
    items[1] = {**items[1], "id": "twice"}
    items[3] = {**items[3], "id": "twice"}  # same id, other description
    with fails_with(EXISTS):
        client.record_events(items)
    assert client.count(EVENTS) == 0


def test_batch_retry_is_a_duplicate(client: SparkClient):
    items = [{**item, "id": f"batch-{i}"} for i, item in enumerate(_batch(3))]
    first = client.record_events(items)
    again = client.record_events(items)
    assert again == first
    assert client.count(EVENTS) == 3
    # A batch mixing a retry and a new event stores only the new one.
    mixed = client.record_events([items[0], {"event_type": "task_posted", "id": "batch-new"}])
    assert mixed[0] == first[0] and mixed[1].sequence == 4
    assert client.count(EVENTS) == 4


def test_empty_batch_is_invalid(client: SparkClient):
    with fails_with(INVALID, "events"):
        client.record_events([])
    assert client.count(EVENTS) == 0
