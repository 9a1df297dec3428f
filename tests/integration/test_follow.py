"""ListEvents(follow=true): history oldest first, one caught_up message, then
live events as they commit; filters, limit and after_sequence while
following. Streams are read on threads with timeouts (tests/integration/
follower.py), never by sleeping."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from spark_grpc.client import SparkClient
from tests.integration.follower import Follower


def _record(client: SparkClient, count: int, **fields) -> list:
    fields.setdefault("event_type", "task_posted")
    return [client.record_event(description=f"e{i}", **fields).event for i in range(count)]


def test_history_oldest_first_then_caught_up(client: SparkClient, server):
    recorded = _record(client, 5)
    for order in ("ORDER_UNSPECIFIED", "ORDER_OLDEST_FIRST"):
        with Follower(server.address, order=order) as follow:
            assert follow.history() == recorded
            assert follow.caught_up_messages == 1


def test_empty_history_still_sends_caught_up(client: SparkClient, server):
    with Follower(server.address) as follow:
        assert follow.history() == []
        assert follow.caught_up_messages == 1
        [live] = _record(client, 1)
        assert follow.take(1) == [live]
        assert follow.caught_up_messages == 1  # only once


def test_event_recorded_after_the_stream_starts_arrives(client: SparkClient, server):
    _record(client, 2)
    with Follower(server.address) as follow:
        follow.history()
        first = client.record_event("task_failed", "live one", agent_id="a1").event
        assert follow.take(1) == [first]
        batch = client.record_events([{"event_type": "bid_submitted"}] * 3)
        assert follow.take(3) == batch
        assert first.sequence == 3 and [e.sequence for e in batch] == [4, 5, 6]


@pytest.mark.parametrize(
    "filters",
    [
        {"event_type": "task_failed"},
        {"agent_id": "a1"},
        {"task_id": "t1"},
        {"min_importance": 0.9},
        {"event_type": "task_failed", "agent_id": "a1", "task_id": "t1"},
    ],
)
def test_filters_apply_to_history_and_live_events(client: SparkClient, server, filters):
    def both_kinds() -> object:
        client.record_event("task_posted", "other", agent_id="a2", task_id="t2")
        return client.record_event("task_failed", "match", agent_id="a1", task_id="t1").event

    old_match = both_kinds()
    with Follower(server.address, **filters) as follow:
        assert follow.history() == [old_match]
        # A non-matching event is committed first: if it were sent, it would
        # arrive before the match.
        new_match = both_kinds()
        assert follow.take(1) == [new_match]
        later_match = both_kinds()
        assert follow.take(1) == [later_match]


def test_positive_limit_ends_the_stream(client: SparkClient, server):
    [old] = _record(client, 1)
    with Follower(server.address, limit=3) as follow:
        assert follow.history() == [old]
        live = _record(client, 4)
        rest, code = follow.finish()
        assert code == grpc.StatusCode.OK
        assert rest == live[:2]


def test_limit_within_history_ends_the_stream(client: SparkClient, server):
    recorded = _record(client, 5)
    with Follower(server.address, limit=2) as follow:
        events, code = follow.finish()
    assert code == grpc.StatusCode.OK
    assert events == recorded[:2]


def test_client_follow_iterator_ends_at_the_limit(client: SparkClient):
    recorded = _record(client, 4)
    with ThreadPoolExecutor(1) as pool:
        # The iterator has no deadline of its own: a hang fails here.
        assert pool.submit(list, client.follow_events(limit=3)).result(10) == recorded[:3]
        resumed = pool.submit(list, client.follow_events(limit=1, after_sequence=3))
        assert resumed.result(10) == recorded[3:]


def test_after_sequence_resumes_without_gaps_or_repeats(client: SparkClient, server):
    recorded = _record(client, 20)
    with Follower(server.address, after_sequence=7) as follow:
        history = follow.history()
    assert [e.sequence for e in history] == list(range(8, 21))
    assert history == recorded[7:]
    with Follower(server.address, after_sequence=20) as follow:
        assert follow.history() == []


def test_reconnecting_with_the_last_sequence_misses_nothing(client: SparkClient, server):
    _record(client, 3)
    seen = []
    with Follower(server.address) as follow:
        seen += follow.history()
        _record(client, 2)
        seen += follow.take(2)
    # Disconnected: events go on being recorded.
    _record(client, 4, event_type="task_completed")
    with Follower(server.address, after_sequence=seen[-1].sequence) as follow:
        seen += follow.history()
        _record(client, 2)
        seen += follow.take(2)
    assert [e.sequence for e in seen] == list(range(1, 12))
    assert seen == client.list_events(order="ORDER_OLDEST_FIRST")


def test_concurrent_writers_arrive_once_in_sequence_order(client: SparkClient, server):
    writers, per_writer = 6, 40
    with Follower(server.address) as follow, Follower(server.address, agent_id="w3") as only_w3:
        assert follow.history() == [] and only_w3.history() == []
        start = threading.Barrier(writers)

        def write(worker: int) -> list[str]:
            with SparkClient(server.address) as own:
                start.wait(10)
                ids = []
                for i in range(per_writer):
                    if i % 10 == 9:
                        batch = own.record_events([{"event_type": "bid_submitted"}] * 3)
                        ids += [e.id for e in batch]
                    else:
                        event = own.record_event(
                            "task_posted", f"{worker}/{i}", agent_id=f"w{worker}"
                        )
                        ids.append(event.event.id)
                return ids

        with ThreadPoolExecutor(writers) as pool:
            written = [
                future.result(60) for future in [pool.submit(write, w) for w in range(writers)]
            ]
        total = sum(len(ids) for ids in written)

        received = follow.take(total, timeout=30)
        sequences = [e.sequence for e in received]
        assert sequences == list(range(1, total + 1))
        assert sorted(e.id for e in received) == sorted(i for ids in written for i in ids)
        # Nothing more is pending: the next event is the next one recorded.
        [sentinel] = _record(client, 1, agent_id="w3")
        assert follow.take(1) == [sentinel]

        w3 = only_w3.take(per_writer - per_writer // 10 + 1, timeout=30)
        assert {e.agent_id for e in w3} == {"w3"}
        assert [e.sequence for e in w3] == sorted(e.sequence for e in w3)
        assert w3[-1] == sentinel


def test_history_is_sent_in_batches(client: SparkClient, server):
    client.record_events(
        [{"event_type": "bid_submitted", "description": str(i)} for i in range(2000)]
    )
    with Follower(server.address) as follow:
        history = follow.history(timeout=30)
        assert [e.sequence for e in history] == list(range(1, 2001))
        assert follow.message_count < len(history)
        [live] = _record(client, 1)
        assert follow.take(1) == [live]


def test_every_follower_gets_every_event(client: SparkClient, server):
    followers = [Follower(server.address) for _ in range(5)]
    try:
        for follow in followers:
            assert follow.history() == []
        recorded = _record(client, 3)
        for follow in followers:
            assert follow.take(3) == recorded
    finally:
        for follow in followers:
            follow.close()


def test_pages_of_large_events_continue_past_the_page_byte_budget(client):
    # A page holds about 8 MiB of event text; twenty events of ~1 MiB need
    # two pages, and both reads (plain and follow) must go on to the second.
    blob = '{"blob": "' + "x" * (1024 * 1024 - 20) + '"}'
    for _ in range(2):
        client.record_events([{"event_type": "snapshot", "data": blob} for _ in range(10)])
    listed = client.list_events(order="ORDER_OLDEST_FIRST")
    assert [e.sequence for e in listed] == list(range(1, 21))
    with client.follow_events(limit=20) as stream:
        assert [e.sequence for e in stream] == list(range(1, 21))
