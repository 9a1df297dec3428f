"""Follow latency: from RecordEvent returning to the event reaching a follower."""

from __future__ import annotations

import asyncio
import time

from bench.context import Workspace, scenario
from bench.server import aio_stub, connected
from bench.stats import ScenarioResult, Target, percentile
from bench.workload import record_request
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

# Pause between writes: a steady trickle, so that latency is not queueing.
PAUSE = 0.002


async def _follow_run(
    writer: spark_pb2_grpc.SparkServiceStub,
    follower: spark_pb2_grpc.SparkServiceStub,
    after: int,
    count: int,
) -> tuple[list[float], int, int]:
    """Write ``count`` events one at a time while one follower reads them.

    Returns the latencies in ms, how many events reached the follower before
    their writer had its reply (counted as 0 ms), and the last sequence."""
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
    returned: dict[int, float] = {}
    for i in range(count):
        reply = await writer.RecordEvent(record_request(i))
        returned[reply.event.sequence] = time.perf_counter()
        await asyncio.sleep(PAUSE)
    await asyncio.wait_for(all_arrived.wait(), 30)
    stream.cancel()
    await asyncio.gather(reading, return_exceptions=True)
    deltas = [(arrived[seq] - at) * 1000 for seq, at in returned.items()]
    early = sum(1 for delta in deltas if delta < 0)
    return [max(0.0, delta) for delta in deltas], early, max(returned)


async def _follow(ws: Workspace, result: ScenarioResult) -> None:
    p50 = result.figure("p50", "RecordEvent return -> follower: p50", "ms", Target("<", 2.0))
    p99 = result.figure("p99", "RecordEvent return -> follower: p99", "ms", Target("<", 10.0))
    early_total = 0
    async with connected(ws.path("follow.db")) as running:
        channel, follower = aio_stub(running.address)
        async with channel:
            _, _, last = await _follow_run(running.stub, follower, 0, 50)  # warm-up
            for _ in range(ws.scale.runs):
                samples, early, last = await _follow_run(
                    running.stub, follower, last, ws.scale.follow_events
                )
                p50.add(percentile(samples, 0.5))
                p99.add(percentile(samples, 0.99))
                early_total += early
    total = ws.scale.runs * ws.scale.follow_events
    result.notes.append(
        f"{ws.scale.follow_events} events per run, one RecordEvent at a time with"
        f" {PAUSE * 1000:.0f} ms between them; writer and follower on two channels;"
        f" {early_total} of {total} events reached the follower before the writer's reply"
        " and count as 0 ms"
    )


follow = scenario("follow", "Follow latency", _follow)
