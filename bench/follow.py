"""Follow latency: from RecordEvent returning to the event reaching a follower."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass

from bench.context import Workspace, scenario
from bench.server import Connected, aio_stub, connected
from bench.stats import STORE_TITLES, ScenarioResult, Target, percentile
from bench.workload import record_request
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

# Pause between writes: a steady trickle, so that latency is not queueing.
PAUSE = 0.002


@dataclass
class _Run:
    # ms from RecordEvent returning to arrival (0 for an early arrival)
    after_reply: list[float]
    # ms from RecordEvent being called to arrival: commit and delivery
    after_call: list[float]
    # events that reached the follower before their writer had its reply
    early: int
    last_sequence: int


async def _follow_run(
    writer: spark_pb2_grpc.SparkServiceStub,
    follower: spark_pb2_grpc.SparkServiceStub,
    after: int,
    count: int,
) -> _Run:
    """Write ``count`` events one at a time while one follower reads them."""
    arrived: dict[int, float] = {}
    caught_up = asyncio.Event()
    all_arrived = asyncio.Event()
    stream = follower.ListEvents(spark_pb2.ListEventsRequest(follow=True, after_sequence=after))

    async def follow() -> None:
        async for message in stream:
            now = time.perf_counter()
            for event in message.events:
                arrived[event.sequence] = now
            if message.caught_up:
                caught_up.set()
            if len(arrived) >= count:
                all_arrived.set()
                return

    reading = asyncio.create_task(follow())
    await asyncio.wait_for(caught_up.wait(), 30)
    called: dict[int, float] = {}
    returned: dict[int, float] = {}
    for i in range(count):
        started = time.perf_counter()
        reply = await writer.RecordEvent(record_request(i))
        returned[reply.event.sequence] = time.perf_counter()
        called[reply.event.sequence] = started
        await asyncio.sleep(PAUSE)
    await asyncio.wait_for(all_arrived.wait(), 30)
    stream.cancel()
    await asyncio.gather(reading, return_exceptions=True)
    deltas = [(arrived[seq] - at) * 1000 for seq, at in returned.items()]
    return _Run(
        after_reply=[max(0.0, delta) for delta in deltas],
        after_call=[(arrived[seq] - at) * 1000 for seq, at in called.items()],
        early=sum(1 for delta in deltas if delta < 0),
        last_sequence=max(returned),
    )


async def _follow(ws: Workspace, result: ScenarioResult) -> None:
    stores = ws.stores
    p50 = result.per_store(
        "p50", "RecordEvent return -> follower: p50", "ms", stores, Target("<", 2.0)
    )
    p99 = result.per_store(
        "p99", "RecordEvent return -> follower: p99", "ms", stores, Target("<", 10.0)
    )
    call_p50 = result.per_store("call_p50", "RecordEvent call -> follower: p50", "ms", stores)
    call_p99 = result.per_store("call_p99", "RecordEvent call -> follower: p99", "ms", stores)
    early = dict.fromkeys(stores, 0)
    async with AsyncExitStack() as stack:
        # Per store: the server, a follower's stub on a channel of its own,
        # and the last sequence followed.
        followed: dict[str, tuple[Connected, spark_pb2_grpc.SparkServiceStub, int]] = {}
        for store in stores:
            running = await stack.enter_async_context(connected(ws.database(store, "follow")))
            channel, follower = aio_stub(running.address)
            await stack.enter_async_context(channel)
            run = await _follow_run(running.stub, follower, 0, 50)  # warm-up
            followed[store] = (running, follower, run.last_sequence)
        for _ in range(ws.scale.runs):
            for store, (running, follower, after) in followed.items():
                run = await _follow_run(running.stub, follower, after, ws.scale.follow_events)
                followed[store] = (running, follower, run.last_sequence)
                p50[store].add(percentile(run.after_reply, 0.5))
                p99[store].add(percentile(run.after_reply, 0.99))
                call_p50[store].add(percentile(run.after_call, 0.5))
                call_p99[store].add(percentile(run.after_call, 0.99))
                early[store] += run.early
    total = ws.scale.runs * ws.scale.follow_events
    result.notes.append(
        f"{ws.scale.follow_events} events per run, one RecordEvent at a time with"
        f" {PAUSE * 1000:.0f} ms between them; writer and follower on two channels;"
        f" {' and '.join(f'{early[store]} ({STORE_TITLES[store]})' for store in stores)}"
        f" of {total} events reached the follower before the writer's reply and count as 0 ms"
    )


follow = scenario("follow", "Follow latency", _follow)
