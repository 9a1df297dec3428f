"""The seed's event behaviour over gRPC: scoring, each filter, limit, order,
counts; strings stored as given; large reads arrive batched."""

from __future__ import annotations

import json
import math

import grpc
import pytest

from spark_grpc.client import SparkClient, list_events_request
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration import seed_reference
from tests.integration.seed_module import query
from tests.integration.status import fails_with

EVENTS = spark_pb2.COUNT_TARGET_EVENTS

# (event_type, expected importance without data, with data.bid_sats = 81)
SCORES = [
    ("task_posted", 0.4, 0.55),
    ("bid_submitted", 0.2, 0.35),
    ("task_assigned", 0.5, 0.65),
    ("task_completed", 0.6, 0.75),
    ("task_failed", 1.0, 1.0),  # 0.9 + failure boost 0.1, capped at 1.0
    ("agent_joined", 0.5, 0.65),
    ("prediction_result", 0.7, 0.85),
    ("something_new", 0.5, 0.65),  # a type the table does not know
]


@pytest.mark.parametrize(("event_type", "plain", "boosted"), SCORES)
def test_importance_is_scored_like_the_seed(client: SparkClient, event_type, plain, boosted):
    assert seed_reference.score_importance(event_type, {}) == plain
    assert seed_reference.score_importance(event_type, {"bid_sats": 81}) == boosted

    assert client.record_event(event_type, "no data").event.importance == plain
    assert client.record_event(event_type, "empty", data="{}").event.importance == plain
    bid = client.record_event(event_type, "big bid", data={"bid_sats": 81})
    assert bid.event.importance == boosted
    # What was scored is what is stored and listed.
    listed = {e.id: e.importance for e in client.list_events(event_type=event_type)}
    assert listed[bid.event.id] == boosted


@pytest.mark.parametrize(
    ("bid_sats", "boost"),
    [
        (80, False),  # the boost needs more than 80
        (80.5, True),
        (81, True),
        (1e9, True),
        (0, False),
        (-100, False),
        (None, False),
        (True, False),  # the seed compares True as 1
        ("90", False),  # the seed raises TypeError; the server counts it as 0
        ([90], False),
        ({"sats": 90}, False),
    ],
)
def test_bid_boost(client: SparkClient, bid_sats, boost):
    response = client.record_event("task_posted", "bid", data={"bid_sats": bid_sats})
    assert response.event.importance == (0.55 if boost else 0.4)
    if not isinstance(bid_sats, str | list | dict):
        seed_value = seed_reference.score_importance("task_posted", {"bid_sats": bid_sats})
        assert response.event.importance == seed_value


def test_explicit_importance_is_kept(client: SparkClient):
    for value in (0.0, 0.123456789, 1.0):
        stored = client.record_event("task_failed", "explicit", importance=value).event
        assert stored.importance == value
    # 0.0 given explicitly is not "unset": it is not scored as 1.0.
    assert [e.importance for e in client.list_events(order="ORDER_OLDEST_FIRST")] == [
        0.0,
        0.123456789,
        1.0,
    ]


def test_recorded_fields_round_trip(client: SparkClient):
    full = client.record_event(
        "task_assigned", "assigned", agent_id="a1", task_id="t1", data='{"x": [1, 2]}'
    ).event
    bare = client.record_event("task_posted").event
    assert full.event_type == "task_assigned"
    assert full.agent_id == "a1" and full.task_id == "t1"
    assert full.description == "assigned"
    assert full.data == '{"x": [1, 2]}'
    assert full.id and full.sequence == 1 and full.created_at.seconds > 0
    # Absent agent/task stay absent (the seed's NULL), and empty data is "{}".
    assert not bare.HasField("agent_id") and not bare.HasField("task_id")
    assert bare.data == "{}" and bare.description == "" and bare.sequence == 2
    listed = {e.id: e for e in client.list_events()}
    assert listed[full.id] == full
    assert listed[bare.id] == bare


# ── filters ──────────────────────────────────────────────────────────────
FIXTURE = [
    # event_type, agent_id, task_id, data
    ("task_posted", "a1", "t1", {}),
    ("bid_submitted", "a2", "t1", {"bid_sats": 90}),
    ("task_assigned", "a2", "t1", {}),
    ("task_completed", "a2", "t1", {}),
    ("task_posted", "a1", "t2", {}),
    ("task_failed", "a3", "t2", {}),
    ("agent_joined", "a3", None, {}),
    ("prediction_result", None, None, {}),
]


@pytest.fixture
def recorded(client: SparkClient) -> list[spark_pb2.Event]:
    """FIXTURE, recorded one call each (distinct created_at), oldest first."""
    events = []
    for event_type, agent_id, task_id, data in FIXTURE:
        response = client.record_event(
            event_type, f"{event_type} by {agent_id}", agent_id=agent_id, task_id=task_id, data=data
        )
        events.append(response.event)
    return events


def _ids(events) -> list[str]:
    return [e.id for e in events]


def _newest_first(events) -> list[str]:
    return _ids(reversed(events))


@pytest.mark.parametrize(
    ("filters", "positions"),
    [
        ({}, [0, 1, 2, 3, 4, 5, 6, 7]),
        ({"event_type": "task_posted"}, [0, 4]),
        ({"agent_id": "a2"}, [1, 2, 3]),
        ({"task_id": "t2"}, [4, 5]),
        ({"event_type": "task_posted", "agent_id": "a1", "task_id": "t2"}, [4]),
        ({"agent_id": "a3", "task_id": "t1"}, []),
        ({"event_type": "no_such_type"}, []),
        # min_importance is inclusive: task_completed scores exactly 0.6.
        ({"min_importance": 0.6}, [3, 5, 7]),
        ({"min_importance": 1.0}, [5]),
        ({"min_importance": 1.5}, []),
        ({"min_importance": 0.5, "agent_id": "a2"}, [2, 3]),
        # Empty strings mean "no filter", as in the seed.
        ({"event_type": "", "agent_id": "", "task_id": ""}, [0, 1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_each_filter(client: SparkClient, recorded, filters, positions):
    expected = [recorded[i].id for i in reversed(positions)]
    assert _ids(client.list_events(**filters)) == expected
    oldest = client.list_events(order="ORDER_OLDEST_FIRST", **filters)
    assert _ids(oldest) == expected[::-1]


def test_since_is_inclusive_and_until_exclusive(client: SparkClient, recorded):
    stamps = [e.created_at for e in recorded]
    assert len({(s.seconds, s.nanos) for s in stamps}) == len(stamps)
    assert _ids(client.list_events(since=stamps[5])) == _newest_first(recorded[5:])
    assert _ids(client.list_events(until=stamps[2])) == _newest_first(recorded[:2])
    window = client.list_events(since=stamps[1], until=stamps[4])
    assert _ids(window) == _newest_first(recorded[1:4])
    assert client.list_events(since=stamps[3], until=stamps[3]) == []
    with_type = client.list_events(since=stamps[1], event_type="task_posted")
    assert _ids(with_type) == [recorded[4].id]


def test_after_sequence_skips_the_sequences_up_to_it(client: SparkClient, recorded):
    assert [e.sequence for e in recorded] == list(range(1, 9))
    assert _ids(client.list_events(after_sequence=5)) == _newest_first(recorded[5:])
    oldest = client.list_events(after_sequence=5, order="ORDER_OLDEST_FIRST")
    assert _ids(oldest) == _ids(recorded[5:])
    assert client.list_events(after_sequence=8) == []
    assert _ids(client.list_events(after_sequence=2, agent_id="a2")) == [
        recorded[3].id,
        recorded[2].id,
    ]


def test_order(client: SparkClient, recorded):
    newest = client.list_events()
    assert _ids(newest) == _newest_first(recorded)
    assert _ids(client.list_events(order="ORDER_NEWEST_FIRST")) == _ids(newest)
    stamps = [(e.created_at.seconds, e.created_at.nanos) for e in newest]
    assert stamps == sorted(stamps, reverse=True)
    oldest = client.list_events(order="ORDER_OLDEST_FIRST")
    assert [e.sequence for e in oldest] == list(range(1, 9))
    assert _ids(client.list_events(order="ORDER_OLDEST_FIRST", limit=3)) == _ids(recorded[:3])
    assert _ids(client.list_events(limit=3)) == _newest_first(recorded[5:])


def test_limit(client: SparkClient):
    ids = [client.record_event("task_posted", f"n{i}").event.id for i in range(130)]
    # 0 means the seed's default of 100: the newest 100.
    assert _ids(client.list_events(limit=0)) == ids[:29:-1]
    assert _ids(client.list_events()) == ids[:29:-1]
    assert _ids(client.list_events(limit=7)) == ids[:-8:-1]
    assert len(client.list_events(limit=1000)) == 130
    assert _ids(client.list_events(limit=1, order="ORDER_OLDEST_FIRST")) == ids[:1]
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "limit"):
        client.list_events(limit=-1)


def test_counts(client: SparkClient, recorded):
    assert client.count(EVENTS) == 8
    assert client.count("COUNT_TARGET_EVENTS", "task_posted") == 2
    assert client.count(EVENTS, "task_failed") == 1
    assert client.count(EVENTS, "no_such_type") == 0
    assert client.count(EVENTS, "") == 8  # empty means all
    client.record_event("task_posted", "one more")
    assert client.count(EVENTS, "task_posted") == 3
    assert client.count(EVENTS) == 9


# ── strings are stored as given ────────────────────────────────────────────
AWKWARD = [
    "Grüße, 世界, مرحبا, 🚀👩‍💻, e\u0301",
    'it\'s a "quoted" `string` \\ with backslashes',
    "'); DROP TABLE spark_events;--",
    "Robert'); DELETE FROM spark_memories WHERE ('1'='1",
    "  leading and trailing spaces\t\n",
    "nul \x00 inside",
    "\u2028line\u2029separators\r\n",
    "%s %d {0} ?1 :name $1",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_event_strings_round_trip(client: SparkClient, db_path, text):
    data = json.dumps({"note": text, "nested": {"q": text}}, ensure_ascii=False)
    event = client.record_event(
        text, text, agent_id=text, task_id=text, data=data, importance=0.3
    ).event
    assert (event.event_type, event.agent_id, event.task_id, event.description, event.data) == (
        text,
        text,
        text,
        text,
        data,
    )
    [listed] = client.list_events(event_type=text, agent_id=text, task_id=text)
    assert listed == event
    assert client.count(EVENTS, text) == 1
    # Byte for byte in the file, and the tables are all still there.
    rows = query(
        db_path,
        "SELECT event_type, agent_id, task_id, description, data FROM spark_events WHERE id = ?",
        (event.id,),
    )
    assert rows == [(text, text, text, text, data)]
    assert query(db_path, "SELECT COUNT(*) FROM spark_memories") == [(0,)]


@pytest.mark.parametrize("text", AWKWARD)
def test_memory_strings_round_trip(client: SparkClient, db_path, text):
    memory = client.store_memory(text, text, text, confidence=0.7).memory
    assert (memory.memory_type, memory.subject, memory.content) == (text, text, text)
    [listed] = client.list_memories(memory_type=text, subject=text)
    assert listed.content == text and listed.id == memory.id
    rows = query(
        db_path,
        "SELECT memory_type, subject, content FROM spark_memories WHERE id = ?",
        (memory.id,),
    )
    assert rows == [(text, text, text)]


def test_data_is_stored_as_given_not_reformatted(client: SparkClient, db_path):
    text = '{ "b" : 1,\n  "a": [1.50, 2e3, "\\u00e9"], "c": {} }'
    event = client.record_event("task_posted", data=text).event
    assert event.data == text
    assert client.list_events()[0].data == text
    assert query(db_path, "SELECT data FROM spark_events") == [(text,)]


# ── large reads ──────────────────────────────────────────────────────────
def test_large_read_is_batched(client: SparkClient):
    batch = [{"event_type": "bid_submitted", "description": f"bid {i}"} for i in range(2000)]
    stored = client.record_events(batch)
    assert [e.sequence for e in stored] == list(range(1, 2001))

    for order in ("ORDER_NEWEST_FIRST", "ORDER_OLDEST_FIRST"):
        request = list_events_request(limit=2000, order=order)
        messages = list(client.list_events_stream(request, timeout=30))
        events = [e for m in messages for e in m.events]
        assert len(events) == 2000
        assert len({e.id for e in events}) == 2000  # no page repeats or skips a row
        assert 1 <= len(messages) < len(events)
        assert all(len(m.events) > 1 for m in messages[:-1])
        sequences = [e.sequence for e in events]
        if order == "ORDER_OLDEST_FIRST":
            assert sequences == list(range(1, 2001))
        else:
            # One batch shares created_at; newest first still covers each once.
            assert sorted(sequences) == list(range(1, 2001))


def test_float_values_survive_exactly(client: SparkClient):
    value = 1 / 3
    event = client.record_event("task_posted", importance=value).event
    assert event.importance == value
    assert client.list_events(min_importance=value)[0].id == event.id
    assert client.list_events(min_importance=math.nextafter(value, 1)) == []
