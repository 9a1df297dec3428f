"""Append planning and request fingerprints (core/idempotency.py): how a
batch of new events meets the stored log, and when two requests are one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spark_grpc.core.errors import AlreadyExists
from spark_grpc.core.idempotency import (
    canonical_json,
    check_memory_retry,
    event_fingerprint,
    memory_fingerprint,
    plan_append,
)
from spark_grpc.core.models import EventRecord, MemoryRecord, NewEvent, NewMemory

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def new(event_id: str | None = None, description: str = "d") -> NewEvent:
    # With an explicit importance, as a row stored without a fingerprint is
    # compared (the seed module always stored one).
    digest = event_fingerprint("t", None, None, description, "{}", 0.5) if event_id else None
    return NewEvent("t", None, None, description, "{}", 0.5, id=event_id, fingerprint=digest)


def stored(event_id: str, description: str = "d") -> EventRecord:
    return EventRecord(event_id, "t", None, None, description, "{}", 0.5, NOW, 7)


def ids():
    counter = iter(range(1000))
    return lambda: f"server-{next(counter)}"


def test_events_without_ids_are_all_fresh_with_server_ids():
    plan = plan_append([new(), new()], lambda _: None, ids())
    assert [(index, event_id) for index, event_id, _ in plan.fresh] == [
        (0, "server-0"),
        (1, "server-1"),
    ]
    assert not plan.stored and not plan.repeats


def test_a_stored_id_with_the_same_content_is_a_duplicate():
    row = stored("e1")
    # No fingerprint kept (the seed module wrote the row): one is computed.
    plan = plan_append([new("e1"), new()], lambda i: (row, None) if i == "e1" else None, ids())
    assert plan.stored == {0: row}
    written = {1: stored("server-0")}
    assert plan.results(written) == [(row, True), (written[1], False)]


def test_a_stored_id_with_other_content_names_the_item():
    row = stored("e1", description="original")
    with pytest.raises(AlreadyExists) as conflict:
        plan_append([new(), new("e1", "other")], lambda _: (row, None), ids())
    assert conflict.value.index == 1
    renamed = conflict.value.in_item("events")
    assert renamed.message.startswith("spark: events[1].id 'e1' is already used")


def test_an_id_repeated_within_a_batch_is_written_once():
    plan = plan_append([new("x"), new("x")], lambda _: None, ids())
    assert [index for index, _, _ in plan.fresh] == [0]
    assert plan.repeats == {1: 0}
    first = stored("x")
    assert plan.results({0: first}) == [(first, False), (first, True)]
    with pytest.raises(AlreadyExists):
        plan_append([new("x"), new("x", "changed")], lambda _: None, ids())


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ('{"a": 1, "b": 2}', '{"b":2,"a":1}', True),
        ('{"bid": 90}', '{"bid": 90.0}', True),
        ('{"bid": 90}', '{"bid": 9e1}', True),
        ('{"bid": 90}', '{"bid": "90"}', False),
        ('{"x": 0.1}', '{"x": 0.10000000000000001}', False),
        ("", "{}", True),
        ("not json", "not json", True),
        ("not json", '"not json"', False),
    ],
)
def test_canonical_json_compares_json_values(left, right, same):
    assert (canonical_json(left) == canonical_json(right)) is same


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=5))
def test_key_order_never_changes_a_fingerprint(value):
    import json

    forward = json.dumps(value)
    backward = json.dumps(dict(reversed(list(value.items()))))
    assert event_fingerprint("t", "a", None, "", forward, None) == event_fingerprint(
        "t", "a", None, "", backward, None
    )


def test_an_explicit_importance_differs_from_an_omitted_one():
    assert event_fingerprint("t", None, None, "", "{}", None) != event_fingerprint(
        "t", None, None, "", "{}", 0.5
    )


def test_a_memory_retry_is_accepted_only_with_the_same_content():
    record = MemoryRecord("m1", "note", "s", "text", 0.5, 0, NOW, None, NOW)
    digest = memory_fingerprint("note", "s", "text", None, 0, None)
    same = NewMemory("note", "s", "text", 0.5, 0, None, id="m1", fingerprint=digest)
    check_memory_retry(record, digest, same)
    other = NewMemory(
        "note",
        "s",
        "changed",
        0.5,
        0,
        None,
        id="m1",
        fingerprint=memory_fingerprint("note", "s", "changed", None, 0, None),
    )
    with pytest.raises(AlreadyExists):
        check_memory_retry(record, digest, other)
