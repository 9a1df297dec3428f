"""Every error of issue 2 section 2: INVALID_ARGUMENT with the field named in
the message and in a google.rpc.BadRequest detail, and nothing written."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.client import SparkClient, list_events_request
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.seed_module import query
from tests.integration.status import fails_with

INVALID = grpc.StatusCode.INVALID_ARGUMENT
NOW = datetime(2026, 1, 1, tzinfo=UTC)
NAN = math.nan
LONG_ID = "x" * 129


def _record(**fields):
    fields.setdefault("event_type", "task_posted")
    return lambda client: client.record_event(**fields)


def _remember(**fields):
    fields.setdefault("memory_type", "insight")
    fields.setdefault("content", "something learnt")
    return lambda client: client.store_memory(**fields)


def _list(**filters):
    return lambda client: client.list_events(**filters)


def _follow(**filters):
    request = list_events_request(follow=True, **filters)
    return lambda client: next(iter(client.list_events_stream(request)))


def _memories(**filters):
    return lambda client: client.list_memories(**filters)


CASES = {
    # RecordEvent
    "empty event_type": (_record(event_type=""), "event_type"),
    "data is an array": (_record(data="[1, 2]"), "data"),
    "data is a string": (_record(data='"text"'), "data"),
    "data is a number": (_record(data="42"), "data"),
    "data is null": (_record(data="null"), "data"),
    "data is invalid JSON": (_record(data="{not json"), "data"),
    "data holds NaN": (_record(data='{"x": NaN}'), "data"),
    "data holds Infinity": (_record(data='{"x": -Infinity}'), "data"),
    "data nests too deep": (_record(data='{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"), "data"),
    "importance above 1": (_record(importance=1.5), "importance"),
    "importance below 0": (_record(importance=-0.01), "importance"),
    "importance NaN": (_record(importance=NAN), "importance"),
    "importance infinite": (_record(importance=math.inf), "importance"),
    "event id too long": (_record(id=LONG_ID), "id"),
    "event id not ASCII": (_record(id="héllo"), "id"),
    "event id with a space": (_record(id="two words"), "id"),
    "event id with a control character": (_record(id="tab\there"), "id"),
    "event id empty": (_record(id=""), "id"),
    # StoreMemory
    "empty memory_type": (_remember(memory_type=""), "memory_type"),
    "empty content": (_remember(content=""), "content"),
    "confidence above 1": (_remember(confidence=1.01), "confidence"),
    "confidence below 0": (_remember(confidence=-1.0), "confidence"),
    "confidence NaN": (_remember(confidence=NAN), "confidence"),
    "negative source_events": (_remember(source_events=-1), "source_events"),
    "memory id too long": (_remember(id=LONG_ID), "id"),
    "memory id not ASCII": (_remember(id="ümlaut"), "id"),
    "memory id with a space": (_remember(id="a b"), "id"),
    "expires_at out of range": (_remember(expires_at=Timestamp(seconds=10**12)), "expires_at"),
    # ListEvents
    "negative limit": (_list(limit=-1), "limit"),
    "negative after_sequence": (_list(after_sequence=-1), "after_sequence"),
    "since after until": (
        _list(since=NOW, until=NOW - timedelta(microseconds=1)),
        ("since", "until"),
    ),
    "min_importance NaN": (_list(min_importance=NAN), "min_importance"),
    "unknown order": (_list(order=7), "order"),
    "since out of range": (_list(since=Timestamp(seconds=-(10**12))), "since"),
    "until with bad nanos": (_list(until=Timestamp(seconds=1, nanos=-5)), "until"),
    "follow newest first": (_follow(order="ORDER_NEWEST_FIRST"), ("order", "follow")),
    "follow with negative limit": (_follow(limit=-1), "limit"),
    "follow with negative after_sequence": (_follow(after_sequence=-3), "after_sequence"),
    # ListMemories
    "negative memory limit": (_memories(limit=-1), "limit"),
    "min_confidence NaN": (_memories(min_confidence=NAN), "min_confidence"),
    # Count
    "count target unspecified": (
        lambda client: client.count(spark_pb2.COUNT_TARGET_UNSPECIFIED),
        "target",
    ),
    "count target unknown": (lambda client: client.count(99), "target"),
    # RecordEvents
    "empty batch": (lambda client: client.record_events([]), "events"),
}


def _table_sizes(db_path) -> dict[str, int]:
    tables = [
        name for (name,) in query(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {name: query(db_path, f'SELECT COUNT(*) FROM "{name}"')[0][0] for name in tables}


@pytest.mark.parametrize(("call", "field"), list(CASES.values()), ids=list(CASES))
def test_bad_request_is_invalid_argument_naming_the_field(
    client: SparkClient, db_path, call, field
):
    client.record_event("task_posted", "already here", id="kept-event")
    client.store_memory("insight", "already here", id="kept-memory")
    events = client.count(spark_pb2.COUNT_TARGET_EVENTS)
    memories = client.count(spark_pb2.COUNT_TARGET_MEMORIES, include_expired=True)
    sizes = _table_sizes(db_path)

    with fails_with(INVALID, field):
        call(client)

    assert client.count(spark_pb2.COUNT_TARGET_EVENTS) == events == 1
    assert client.count(spark_pb2.COUNT_TARGET_MEMORIES, include_expired=True) == memories == 1
    assert _table_sizes(db_path) == sizes


def test_message_states_the_rule(client: SparkClient):
    with fails_with(INVALID, "importance") as failure:
        client.record_event("task_posted", importance=1.5)
    assert failure.error.details.startswith("spark: importance")
    assert "[0, 1]" in failure.error.details and "1.5" in failure.error.details


@pytest.mark.parametrize(
    "event_id",
    [
        "x" * 128,
        "!",
        "".join(chr(c) for c in range(0x21, 0x7F)),  # every visible ASCII character
        "550e8400-e29b-41d4-a716-446655440000",
    ],
)
def test_ids_at_the_edge_are_accepted(client: SparkClient, event_id):
    event = client.record_event("task_posted", id=event_id).event
    assert event.id == event_id
    memory = client.store_memory("insight", "edge", id=event_id).memory
    assert memory.id == event_id


def test_values_at_the_edge_are_accepted(client: SparkClient):
    assert client.record_event("task_posted", importance=0.0).event.importance == 0.0
    assert client.record_event("task_posted", importance=1.0).event.importance == 1.0
    assert client.store_memory("insight", "c", confidence=0.0).memory.confidence == 0.0
    assert client.store_memory("insight", "c", confidence=1.0).memory.confidence == 1.0
    assert client.list_events(since=NOW, until=NOW) == []  # equal bounds are fine
    assert client.list_events(min_importance=-5) != []
    assert client.list_events(min_importance=math.inf) == []
    assert client.list_memories(min_confidence=math.inf) == []
