"""Limits and deadlines: string, data, batch and message sizes; the cap on
follow streams; cancelled and timed-out calls stop their work; a follower
that stops reading is held by flow control, not buffered by the server."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from dataclasses import fields

import grpc
import pytest

from spark_grpc.client import SparkClient, SparkError, list_events_request
from spark_grpc.config import ServerConfig
from spark_grpc.core.models import NewEvent
from spark_grpc.gen.spark.v1 import spark_pb2 as pb
from spark_grpc.gen.spark.v1 import spark_pb2_grpc
from spark_grpc.store.sqlite import SQLiteStore
from tests.support import ServerProcess, start_in_process

SMALL = {
    "max_name_length": 8,
    "max_text_length": 32,
    "max_data_bytes": 64,
    "max_batch": 3,
    "max_message_bytes": 64 * 1024,
    "max_followers": 2,
}


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("limits") / "spark.db"
    running = start_in_process(db, auto_consolidate=False, **SMALL)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def spark(small_server):
    with SparkClient(small_server.address) as client:
        yield client


def _invalid(call, field: str) -> SparkError:
    with pytest.raises(SparkError) as failed:
        call()
    error = failed.value
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT, error
    assert error.field == field and field in error.details
    return error


def test_every_limit_is_a_serve_flag_and_a_variable(tmp_path):
    """One settings object: each limit field is a `serve` flag and a SPARK_*
    variable named after it, and the running service reads it from there."""
    from spark_grpc import config as settings

    names = {f.name for f in fields(ServerConfig) if f.name.startswith("max_")}
    assert names >= {"max_batch", "max_followers", "max_name_length", "max_text_length"}
    for item in settings.settings():
        if item.name in names:
            assert settings.flag(item) == "--" + item.name.replace("_", "-")
            assert settings.variable(item) == "SPARK_" + item.name.upper()
    running = start_in_process(tmp_path / "spark.db", max_batch=5)
    try:
        assert running.running.service.settings.max_batch == 5
    finally:
        running.stop()


def test_limits_come_from_the_environment():
    config = ServerConfig.from_sources({}, {"SPARK_MAX_FOLLOWERS": "7", "SPARK_MAX_BATCH": "9"})
    assert (config.max_followers, config.max_batch) == (7, 9)


@pytest.mark.parametrize(
    "fields_, field",
    [
        ({"event_type": "t" * 9}, "event_type"),
        ({"agent_id": "a" * 9}, "agent_id"),
        ({"task_id": "t" * 9}, "task_id"),
        ({"description": "d" * 33}, "description"),
        ({"data": '{"k": "' + "v" * 60 + '"}'}, "data"),
        ({"data": '{"k": "' + "é" * 30 + '"}'}, "data"),  # 66 bytes in UTF-8
        ({"id": "i" * 129}, "id"),
    ],
)
def test_record_event_limits_name_the_field(spark, fields_, field):
    request = {"event_type": "t", **fields_}
    error = _invalid(lambda: spark.record_event(**request), field)
    assert "at most" in error.details


def test_values_at_the_limits_are_accepted(spark):
    event = spark.record_event(
        "t" * 8,
        "d" * 32,
        agent_id="a" * 8,
        task_id="t" * 8,
        data='{"k":"' + "v" * 56 + '"}',
    ).event
    assert (len(event.description), len(event.data)) == (32, 64)
    memory = spark.store_memory("m" * 8, "c" * 32, "s" * 8).memory
    assert len(memory.content) == 32


def test_batch_items_name_their_index(spark):
    items = [{"event_type": "ok"}, {"event_type": "ok", "description": "d" * 40}]
    _invalid(lambda: spark.record_events(items), "events[1].description")


def test_batch_size_is_limited(spark):
    _invalid(lambda: spark.record_events([{"event_type": "ok"}] * 4), "events")
    assert len(spark.record_events([{"event_type": "ok"}] * 3)) == 3


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda s: s.store_memory("m" * 9, "c"), "memory_type"),
        (lambda s: s.store_memory("m", "c", "s" * 9), "subject"),
        (lambda s: s.store_memory("m", "c" * 33), "content"),
    ],
)
def test_memory_limits_name_the_field(spark, call, field):
    _invalid(lambda: call(spark), field)


def test_update_memory_content_is_limited(spark):
    memory = spark.store_memory("m", "c").memory
    _invalid(lambda: spark.update_memory(memory.id, content="c" * 33), "content")


def test_an_oversized_message_is_resource_exhausted(spark):
    with pytest.raises(SparkError) as failed:
        spark.record_event("t", data='{"k": "' + "x" * 100_000 + '"}')
    assert failed.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert spark.count() >= 0  # still serving


def test_large_events_are_split_across_list_messages(tmp_path):
    # Default limits: 40 events of ~200 KiB are 8 MiB, more than gRPC's
    # default 4 MiB receive limit in one message; the server splits them.
    running = start_in_process(tmp_path / "spark.db", auto_consolidate=False)
    try:
        blob = '{"k": "' + "x" * 200_000 + '"}'
        with SparkClient(running.address) as spark:
            spark.record_events([{"event_type": "big", "data": blob}] * 40)
        with grpc.insecure_channel(running.address) as channel:  # default 4 MiB limit
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            messages = list(stub.ListEvents(pb.ListEventsRequest(limit=40), timeout=30))
        assert sum(len(m.events) for m in messages) == 40
        assert all(m.ByteSize() <= 1024 * 1024 + 210_000 for m in messages)
        assert len(messages) >= 8
    finally:
        running.stop()


def test_a_list_memories_answer_too_large_is_resource_exhausted(tmp_path):
    running = start_in_process(tmp_path / "spark.db", auto_consolidate=False)
    try:
        with SparkClient(running.address) as spark:
            for number in range(70):  # 70 x 64 KiB: more than 4 MiB together
                spark.store_memory("insight", f"{number:02d}" + "c" * 65_000)
            with pytest.raises(SparkError) as failed:
                spark.list_memories(limit=70)
            assert failed.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert "limit" in failed.value.details
            assert len(spark.list_memories(limit=50)) == 50
    finally:
        running.stop()


# ── follow streams: the cap, deadlines, cancellation ─────────────────────
def _open_follow(stub) -> grpc.Future:
    call = stub.ListEvents(pb.ListEventsRequest(follow=True))
    first = next(call)
    assert first.caught_up
    return call


def _wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def test_follow_streams_are_capped_and_slots_come_back(small_server):
    service = small_server.running.service
    with grpc.insecure_channel(small_server.address) as channel:
        stub = spark_pb2_grpc.SparkServiceStub(channel)
        first = _open_follow(stub)
        watch = stub.WatchMemories(pb.WatchMemoriesRequest())
        assert next(watch).caught_up  # watchers count too
        for extra in (
            lambda: next(stub.ListEvents(pb.ListEventsRequest(follow=True), timeout=5)),
            lambda: next(stub.WatchMemories(pb.WatchMemoriesRequest(), timeout=5)),
        ):
            with pytest.raises(grpc.RpcError) as refused:
                extra()
            assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert "at most 2" in refused.value.details()
        first.cancel()
        _wait_for(lambda: service.streams.open == 1)
        again = _open_follow(stub)
        again.cancel()
        watch.cancel()
        _wait_for(lambda: service.streams.open == 0)


def test_a_follow_deadline_ends_the_stream_and_frees_its_slot(small_server):
    service = small_server.running.service
    with grpc.insecure_channel(small_server.address) as channel:
        stub = spark_pb2_grpc.SparkServiceStub(channel)
        call = stub.ListEvents(pb.ListEventsRequest(follow=True), timeout=0.5)
        with pytest.raises(grpc.RpcError) as ended:
            for _ in call:
                pass
        assert ended.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    _wait_for(lambda: service.streams.open == 0)


def test_cli_flags_set_the_limits(tmp_path):
    with (
        ServerProcess(
            tmp_path / "spark.db", "--max-followers", "1", "--max-data-bytes", "10"
        ) as server,
        grpc.insecure_channel(server.address) as channel,
    ):
        stub = spark_pb2_grpc.SparkServiceStub(channel)
        with pytest.raises(grpc.RpcError) as too_big:
            stub.RecordEvent(pb.RecordEventRequest(event_type="t", data='{"k": "0123456789"}'))
        assert too_big.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        follow = _open_follow(stub)
        with pytest.raises(grpc.RpcError) as refused:
            next(stub.ListEvents(pb.ListEventsRequest(follow=True), timeout=5))
        assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        follow.cancel()
        assert server.terminate() == 0


# A query that runs for some seconds (15-40 here) unless interrupted.
_SLOW_SQL = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000)"
    " SELECT count(*) FROM c"
)


def test_a_cancelled_read_stops_its_query(tmp_path):
    async def scenario() -> float:
        store = SQLiteStore(tmp_path / "spark.db", readers=1)
        await store.open()
        try:
            slow = asyncio.ensure_future(store._read(lambda c: c.execute(_SLOW_SQL).fetchone()))
            await asyncio.sleep(0.3)
            slow.cancel()  # what grpc.aio does when the client cancels or its deadline passes
            started = time.monotonic()
            # The only reader is free again at once, not after the query.
            assert await asyncio.wait_for(store.count_events(None), 10) == 0
            return time.monotonic() - started
        finally:
            await store.close()

    assert asyncio.run(scenario()) < 2.0


def test_a_write_whose_caller_gave_up_is_not_run(tmp_path):
    async def scenario() -> int:
        store = SQLiteStore(tmp_path / "spark.db")
        await store.open()
        try:
            release = threading.Event()
            blocker = asyncio.ensure_future(store._write(lambda tx: release.wait(10)))
            await asyncio.sleep(0.1)  # the writer is busy with the blocker
            event = NewEvent("task_posted", None, None, "", "{}", 0.4)
            abandoned = asyncio.ensure_future(store.append([event]))
            await asyncio.sleep(0.1)
            abandoned.cancel()
            release.set()
            await blocker
            await store.append([NewEvent("after", None, None, "", "{}", 0.5)])
            return await store.count_events("task_posted")
        finally:
            await store.close()

    assert asyncio.run(scenario()) == 0


# ── a follower that stops reading ────────────────────────────────────────
def _memory_kib(pid: int) -> dict[str, int]:
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    return values


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/PID/status")
def test_a_stalled_follower_does_not_grow_server_memory_and_resumes(tmp_path):
    """~48 MiB of events are committed while a follower reads nothing. The
    server's peak memory grows far less than that (gRPC flow control holds
    the stream; the backlog stays in the database), and when the follower
    reads again it gets every event once, in sequence order."""
    batches, per_batch, size, warm_batches = 48, 500, 2000, 12
    payload = '{"pad": "' + "x" * size + '"}'
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        with SparkClient(server.address, timeout=60) as spark:
            # Warm up every path the test uses (and fill the store's cache of
            # recent commits), so that the baseline includes them.
            for _ in range(warm_batches):
                spark.record_events([{"event_type": "warm", "data": payload}] * per_batch)
            with spark.follow_events(limit=warm_batches * per_batch) as warm:
                assert len(list(warm)) == warm_batches * per_batch
            baseline = _memory_kib(server.proc.pid)

            channel = grpc.insecure_channel(server.address)
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            call = stub.ListEvents(
                list_events_request(follow=True, after_sequence=warm_batches * per_batch)
            )
            assert next(call).caught_up  # the follower is live, then stops reading
            for number in range(batches):
                spark.record_events(
                    [
                        {"event_type": "load", "data": payload, "id": f"b{number}-{i}"}
                        for i in range(per_batch)
                    ]
                )
            time.sleep(0.5)  # let the server push what flow control allows
            stalled = _memory_kib(server.proc.pid)

            received: list[int] = []
            for message in call:
                received.extend(event.sequence for event in message.events)
                if len(received) >= batches * per_batch:
                    break
            call.cancel()
            channel.close()
            resumed = _memory_kib(server.proc.pid)
        assert server.terminate() == 0

    backlog_kib = batches * per_batch * size // 1024
    grown_kib = resumed["VmHWM"] - baseline["VmHWM"]
    assert grown_kib < backlog_kib // 3, (baseline, stalled, resumed, backlog_kib)
    first = warm_batches * per_batch + 1
    assert received == list(range(first, first + batches * per_batch))
