"""The asyncio client: record, then follow the log until caught up, with a
timeout that cancels the stream. Run a server first (`make run`), then:

    .venv/bin/python examples/async_follow.py [HOST:PORT]
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys

from spark_grpc.aio import AsyncSparkClient, Order


async def main(address: str) -> None:
    async with AsyncSparkClient(address) as spark:
        await spark.record_event("task_completed", "parsed", agent_id="a1", task_id="t1")
        newest = await spark.list_events(agent_id="a1", order=Order.NEWEST_FIRST, limit=1)
        print("newest:", newest[0].sequence, newest[0].event_type)

        caught_up = asyncio.Event()

        async def follow() -> None:
            async for event in spark.follow_events(agent_id="a1", on_caught_up=caught_up.set):
                print("followed:", event.sequence, event.event_type)

        task = asyncio.create_task(follow())
        await asyncio.wait_for(caught_up.wait(), timeout=10)
        task.cancel()  # cancelling the task cancels the stream
        with contextlib.suppress(asyncio.CancelledError):
            await task
        print("events:", await spark.count("events"))


if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SPARK_GRPC_ADDR")
    asyncio.run(main(address or "127.0.0.1:50051"))
