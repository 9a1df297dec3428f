"""Coordination primitives (issue 14), on both stores: conditional appends
(FAILED_PRECONDITION with the conflicting sequence, nothing written,
idempotency first) and durable consumers (server-side positions with an
exact lag, resumed exactly after the last ack, across restarts)."""

from __future__ import annotations

import random

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spark_grpc.client import SparkClient, SparkRpcError
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.coordinators import ASSIGNED, assert_one_winner_per_task, race_to_assign
from tests.support import start_in_process


def refused(call) -> SparkRpcError:
    with pytest.raises(SparkRpcError) as failure:
        call()
    return failure.value


# ── conditional appends ───────────────────────────────────────────────────
def test_a_condition_that_holds_appends_and_one_that_fails_writes_nothing(client: SparkClient):
    posted = client.record_event("task_posted", agent_id="boss", task_id="t1").event
    # Nothing assigned t1 after what the caller read: the append goes in.
    first = client.record_event(
        "task_assigned",
        agent_id="a1",
        task_id="t1",
        condition={**ASSIGNED, "task_id": "t1", "after_sequence": posted.sequence},
    ).event
    # A second coordinator that read the same state loses, told by whom.
    error = refused(
        lambda: client.record_event(
            "task_assigned",
            agent_id="a2",
            task_id="t1",
            condition={**ASSIGNED, "task_id": "t1", "after_sequence": posted.sequence},
        )
    )
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.reason == "APPEND_CONDITION_FAILED"
    assert error.metadata == {"conflicting_sequence": str(first.sequence)}
    assert client.count("COUNT_TARGET_EVENTS") == 2
    # Other tasks and other types do not match the condition.
    other = client.record_event(
        "task_assigned", task_id="t2", condition={**ASSIGNED, "task_id": "t2"}
    )
    assert not other.duplicate
    after_all = client.record_event(
        "task_assigned",
        task_id="t1",
        condition={**ASSIGNED, "task_id": "t1", "after_sequence": first.sequence},
    )
    assert after_all.event.sequence > other.event.sequence


def test_a_failed_condition_fails_the_whole_batch(client: SparkClient):
    taken = client.record_event("task_assigned", agent_id="a1", task_id="t9").event
    batch = [{"event_type": "task_assigned", "task_id": "t9"}, {"event_type": "note"}]
    error = refused(lambda: client.record_events(batch, condition={"task_id": "t9"}))
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.metadata["conflicting_sequence"] == str(taken.sequence)
    assert client.count("COUNT_TARGET_EVENTS") == 1
    # An item may not carry a condition of its own.
    item_error = refused(
        lambda: client.record_events([{"event_type": "x", "condition": {"task_id": "t9"}}])
    )
    assert item_error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert item_error.field == "events[0].condition"


def test_a_retry_of_a_stored_append_is_a_duplicate_though_the_condition_now_fails(
    client: SparkClient,
):
    condition = {**ASSIGNED, "task_id": "t3"}
    stored = client.record_event("task_assigned", task_id="t3", id="assign-t3", condition=condition)
    again = client.record_event("task_assigned", task_id="t3", id="assign-t3", condition=condition)
    assert again.duplicate and again.event.sequence == stored.event.sequence
    batch = [{"event_type": "task_assigned", "task_id": "t4", "id": "assign-t4"}]
    first = client.record_events(batch, condition={**ASSIGNED, "task_id": "t4"})
    retried = client.record_events(batch, condition={**ASSIGNED, "task_id": "t4"})
    assert [e.sequence for e in retried] == [e.sequence for e in first]
    assert client.count("COUNT_TARGET_EVENTS") == 2


def test_a_negative_after_sequence_names_the_field(client: SparkClient):
    error = refused(lambda: client.record_event("x", condition={"after_sequence": -1}))
    assert error.field == "condition.after_sequence"


@pytest.mark.sqlite_only
def test_32_coordinators_assign_each_task_exactly_once(client: SparkClient, server):
    losses = race_to_assign([server.address], tasks=200, writers=32)
    assert_one_winner_per_task(client, losses, writers=32)


# ── durable consumers ─────────────────────────────────────────────────────
def test_a_consumer_resumes_exactly_after_its_last_ack(client: SparkClient):
    for n in range(5):
        client.record_event("task_failed", agent_id="a1", task_id=f"t{n}")
    client.record_event("task_posted", agent_id="a1")  # not matching
    with client.follow_events(consumer="alerts", event_type="task_failed") as stream:
        seen = [next(stream) for _ in range(3)]
        stream.ack()
    assert [e.task_id for e in seen] == ["t0", "t1", "t2"]
    consumer = client.get_consumer("alerts")
    assert (consumer.acked_sequence, consumer.lag) == (seen[-1].sequence, 2)
    assert consumer.event_type == "task_failed" and not consumer.HasField("agent_id")
    client.record_event("task_failed", agent_id="a2", task_id="t5")
    with client.follow_events(consumer="alerts", event_type="task_failed") as stream:
        rest = [next(stream).task_id for _ in range(3)]
    assert rest == ["t3", "t4", "t5"]


def test_auto_ack_acknowledges_what_was_handled(client: SparkClient):
    for n in range(4):
        client.record_event("note", task_id=f"n{n}")
    handled = []
    with client.follow_events(consumer="auto", auto_ack=True) as stream:
        for event in stream:
            handled.append(event.sequence)
            if len(handled) == 4:
                break
        client.record_event("note", task_id="n4")
        handled.append(next(stream).sequence)  # asking for it acks the first four
    consumer = client.get_consumer("auto")
    assert consumer.acked_sequence == handled[3]
    assert consumer.lag == 1


def test_acks_move_forward_only_and_never_beyond_the_head(client: SparkClient):
    events = [client.record_event("note").event for _ in range(3)]
    with client.follow_events(consumer="c1") as stream:
        next(stream)
    assert client.ack_events("c1", events[2].sequence).lag == 0
    assert client.ack_events("c1", events[0].sequence).acked_sequence == events[2].sequence
    error = refused(lambda: client.ack_events("c1", events[2].sequence + 10))
    assert (error.code, error.field) == (grpc.StatusCode.INVALID_ARGUMENT, "sequence")
    assert refused(lambda: client.ack_events("nobody", 1)).code == grpc.StatusCode.NOT_FOUND


def test_a_consumer_keeps_its_filters(client: SparkClient):
    with client.follow_events(consumer="typed", event_type="a", limit=1) as stream:
        client.record_event("a")
        next(stream)
    error = refused(lambda: next(iter(client.follow_events(consumer="typed", event_type="b"))))
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.reason == "CONSUMER_FILTERS_DIFFER"
    assert "event_type='a'" in error.details
    # A consumer only follows: a plain read naming one is refused.
    plain = spark_pb2.ListEventsRequest(consumer="typed")
    assert refused(lambda: list(client.list_events_stream(plain))).field == "consumer"


def test_list_and_delete_consumers(client: SparkClient):
    client.record_event("note")
    for name in ("b-consumer", "a-consumer"):
        with client.follow_events(consumer=name) as stream:
            next(stream)
    assert [c.name for c in client.list_consumers()] == ["a-consumer", "b-consumer"]
    assert all(c.lag == 1 and c.head_sequence == 1 for c in client.list_consumers())
    assert client.delete_consumer("a-consumer").name == "a-consumer"
    assert [c.name for c in client.list_consumers()] == ["b-consumer"]
    assert refused(lambda: client.get_consumer("a-consumer")).code == grpc.StatusCode.NOT_FOUND


def test_a_consumers_position_survives_a_restart(spark_db):
    server = start_in_process(spark_db, auto_consolidate=False)
    try:
        with SparkClient(server.address) as client:
            events = [client.record_event("note", task_id=f"n{n}").event for n in range(3)]
            client.record_event("note")  # a consumer must exist before it is acked
            with client.follow_events(consumer="durable") as stream:
                next(stream)
            client.ack_events("durable", events[1].sequence)
    finally:
        server.stop()
    server = start_in_process(spark_db, auto_consolidate=False)
    try:
        with (
            SparkClient(server.address) as client,
            client.follow_events(consumer="durable") as stream,
        ):
            assert next(stream).sequence == events[2].sequence
    finally:
        server.stop()


@pytest.mark.sqlite_only
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("append"), st.sampled_from(["a", "b"]), st.integers(1, 3)),
            st.tuples(st.just("ack"), st.integers(0, 40)),
        ),
        max_size=12,
    )
)
def test_lag_equals_a_recount(client: SparkClient, steps):
    name = f"p{random.getrandbits(48)}"
    client.record_event("a")
    with client.follow_events(consumer=name, event_type="a", limit=1) as stream:
        next(stream)  # the consumer now exists (created by its first follow)
    for step in steps:
        if step[0] == "append":
            client.record_events([{"event_type": step[1]}] * step[2])
        else:
            head = client.count("COUNT_TARGET_EVENTS")
            client.ack_events(name, min(step[1], head))
        consumer = client.get_consumer(name)
        matching = client.list_events(
            event_type="a", after_sequence=consumer.acked_sequence, limit=100_000
        )
        assert consumer.lag == len(matching)


def test_the_asyncio_client_follows_as_a_consumer_and_appends_with_conditions(server):
    import asyncio

    from spark_grpc.aio import AsyncSparkClient

    async def scenario() -> tuple[list[int], int, int, int | None]:
        async with AsyncSparkClient(server.address) as spark:
            for n in range(3):
                await spark.record_event("aio_note", task_id=f"n{n}")
            seen = []
            async with spark.follow_events(
                consumer="aio", event_type="aio_note", auto_ack=True
            ) as stream:
                async for event in stream:
                    seen.append(event.sequence)
                    if len(seen) == 2:
                        break
            # Closing acknowledged the first (the second was not asked past).
            consumer = await spark.get_consumer("aio")
            await spark.record_event("x", task_id="t", condition={"task_id": "t"})
            try:
                await spark.record_event("x", task_id="t", condition={"task_id": "t"})
                conflict = None
            except SparkRpcError as error:
                conflict = error.conflicting_sequence
            return seen, consumer.acked_sequence, consumer.lag, conflict

    seen, acked, lag, conflict = asyncio.run(scenario())
    assert acked == seen[0] and lag == 2
    assert conflict == seen[0] + 3  # the event recorded with the first condition
