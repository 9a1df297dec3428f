"""The two Python clients against a real server: enums by name or short
string, the follow caught-up callback, memory change kinds, health, and the
asyncio client's streams, cancellation and errors."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import grpc
import pytest

from spark_grpc.aio import AsyncSparkClient
from spark_grpc.client import (
    CountTarget,
    MemoryChangeKind,
    Order,
    SparkClient,
    SparkError,
    SparkRpcError,
)
from spark_grpc.client.requests import enum_value
from tests.support import ServerThread, start_in_process

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServerThread]:
    server = start_in_process(tmp_path_factory.mktemp("clients") / "spark.db")
    yield server
    server.stop()


@pytest.fixture
def spark(served) -> Iterator[SparkClient]:
    with SparkClient(served.address) as client:
        yield client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("oldest", Order.OLDEST_FIRST),
        ("NEWEST", Order.NEWEST_FIRST),
        ("ORDER_OLDEST_FIRST", Order.OLDEST_FIRST),
        ("oldest_first", Order.OLDEST_FIRST),
        (2, Order.OLDEST_FIRST),
        (Order.NEWEST_FIRST, Order.NEWEST_FIRST),
    ],
)
def test_order_by_name_short_string_or_number(value, expected):
    assert enum_value(Order, value, "order") is expected


def test_a_bad_enum_name_is_a_value_error_naming_the_choices():
    with pytest.raises(ValueError, match="order must be one of newest_first, oldest_first"):
        enum_value(Order, "sideways", "order")
    with pytest.raises(ValueError, match="target must be one of events, memories"):
        enum_value(CountTarget, "everything", "target")
    # A number is passed on for the server to judge (proto enums are open).
    assert enum_value(CountTarget, 7, "target") == 7


def test_sync_client_enums_by_short_string(spark):
    for i in range(3):
        spark.record_event("enum_probe", f"e{i}", agent_id="enums")
    oldest = spark.list_events(agent_id="enums", order="oldest")
    newest = spark.list_events(agent_id="enums", order="newest")
    assert [e.description for e in oldest] == ["e0", "e1", "e2"]
    assert newest == list(reversed(oldest))
    assert spark.count("events", "enum_probe") == 3
    assert spark.count(CountTarget.EVENTS, "enum_probe") == 3
    assert spark.count("memories", "enum_probe") == 0


def test_follow_events_calls_back_once_caught_up(spark):
    spark.record_event("caught", "history", agent_id="caught-up")
    seen: list[str] = []
    with spark.follow_events(
        agent_id="caught-up", on_caught_up=lambda: seen.append("caught up")
    ) as stream:
        seen.append(next(stream).description)
        assert seen == ["history"]  # the callback comes after the history
        spark.record_event("caught", "live", agent_id="caught-up")
        seen.append(next(stream).description)
    assert seen == ["history", "caught up", "live"]


def test_watch_memories_kinds_are_an_enum(spark):
    stream = spark.watch_memories(subject="kinds")
    changes: list = []
    ready = threading.Event()

    def read() -> None:
        for change in stream:
            changes.append(change)
            if change.caught_up:
                ready.set()
            if change.kind is MemoryChangeKind.DELETED:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(10)
    made = spark.store_memory("note", "watched", "kinds").memory
    spark.update_memory(made.id, content="watched again")
    spark.delete_memory(made.id)
    reader.join(10)
    stream.cancel()
    kinds = [c.kind for c in changes if not c.caught_up]
    assert kinds == [MemoryChangeKind.CREATED, MemoryChangeKind.UPDATED, MemoryChangeKind.DELETED]
    assert [k.name for k in kinds] == ["CREATED", "UPDATED", "DELETED"]
    assert all(c.memory is not None and c.memory.id == made.id for c in changes[1:])
    assert changes[-1].sequence > changes[1].sequence > 0


def test_health(spark):
    assert spark.health() == "SERVING"


def test_a_zero_timeout_means_no_deadline(served):
    with SparkClient(served.address, timeout=0) as client:
        assert client.timeout is None
        assert client.count("events") >= 0


# ── asyncio ──────────────────────────────────────────────────────────────
def test_async_client_has_the_sync_clients_methods():
    public = {name for name in dir(SparkClient) if not name.startswith("_")}
    assert public <= set(dir(AsyncSparkClient))


def test_async_client_records_lists_counts_and_raises_the_same_error(served):
    async def scenario() -> None:
        async with AsyncSparkClient(served.address) as spark:
            made = await spark.record_event("aio_probe", "one", agent_id="aio", data={"n": 1})
            assert made.event.data == '{"n":1}' and not made.duplicate
            batch = await spark.record_events(
                [{"event_type": "aio_probe", "description": "two", "agent_id": "aio"}]
            )
            assert batch[0].sequence == made.event.sequence + 1
            listed = await spark.list_events(agent_id="aio", order="oldest")
            assert [e.description for e in listed] == ["one", "two"]
            assert await spark.count("events", "aio_probe") == 2
            memory = (await spark.store_memory("note", "aio memory", "aio")).memory
            updated = await spark.update_memory(memory.id, confidence=0.9)
            assert updated.confidence == pytest.approx(0.9)
            assert [m.id for m in await spark.list_memories(subject="aio")] == [memory.id]
            assert (await spark.delete_memory(memory.id)).id == memory.id
            assert (await spark.consolidate("aio")) is not None
            assert await spark.health() == "SERVING"
            with pytest.raises(SparkRpcError) as caught:
                await spark.record_event("aio_probe", importance=1.5)
            assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
            assert caught.value.field == "importance"
            assert SparkError is SparkRpcError

    asyncio.run(scenario())


def test_async_follow_calls_back_and_task_cancellation_ends_the_stream(served):
    async def scenario() -> None:
        async with AsyncSparkClient(served.address) as spark:
            await spark.record_event("aio_follow", "history", agent_id="aio-follow")
            caught_up = asyncio.Event()
            received: list[str] = []

            async def follow() -> None:
                stream = spark.follow_events(agent_id="aio-follow", on_caught_up=caught_up.set)
                async for event in stream:
                    received.append(event.description)

            task = asyncio.create_task(follow())
            await asyncio.wait_for(caught_up.wait(), 10)
            await spark.record_event("aio_follow", "live", agent_id="aio-follow")
            for _ in range(100):
                if len(received) == 2:
                    break
                await asyncio.sleep(0.05)
            assert received == ["history", "live"]
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

            # cancel() from outside the reader ends iteration quietly.
            async with spark.follow_events(agent_id="aio-follow", limit=0) as stream:
                first = await stream.__anext__()
                assert first.description == "history"
                stream.cancel()
                assert [event async for event in stream] == []

    asyncio.run(scenario())


def test_async_watch_memories_yields_kinds(served):
    async def scenario() -> None:
        async with AsyncSparkClient(served.address) as spark:
            await spark.store_memory("note", "existing", "aio-watch")
            kinds = []
            async with spark.watch_memories(subject="aio-watch", include_existing=True) as stream:
                async for change in stream:
                    if change.caught_up:
                        await spark.store_memory("note", "new", "aio-watch")
                        continue
                    kinds.append(change.kind)
                    if len(kinds) == 2:
                        break
            assert kinds == [MemoryChangeKind.EXISTING, MemoryChangeKind.CREATED]

    asyncio.run(scenario())
