"""Memory: server RSS while it streams a large read to a client that reads
slowly, on SQLite and, beside it, on PostgreSQL holding the same events."""

from __future__ import annotations

import asyncio
import threading
from contextlib import AsyncExitStack

from bench.context import Workspace, scenario
from bench.reads import LARGE_DATABASE
from bench.server import Connected, connected, memory_kib, reset_peak
from bench.stats import POSTGRES, ScenarioResult, Target
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

SAMPLE_INTERVAL = 0.02


class _RssSampler:
    """The highest VmRSS of a process seen while running (a fallback for
    kernels that do not let VmHWM be reset)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, memory_kib(self.pid)["VmRSS"])
            self._stop.wait(SAMPLE_INTERVAL)

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def _slow_read(stub: spark_pb2_grpc.SparkServiceStub, count: int, pause: float) -> int:
    request = spark_pb2.ListEventsRequest(limit=count, order=spark_pb2.ORDER_OLDEST_FIRST)
    received = 0
    async for message in stub.ListEvents(request):
        received += len(message.events)
        await asyncio.sleep(pause)
    return received


async def _stream(running: Connected, count: int, pause: float) -> tuple[int, int, bool]:
    """Stream ``count`` events slowly from one server: its RSS before the
    stream and at its peak during it (KiB), and whether the peak is VmHWM."""
    pid = running.pid
    before = memory_kib(pid)["VmRSS"]
    exact = reset_peak(pid)
    with _RssSampler(pid) as sampler:
        received = await _slow_read(running.stub, count, pause)
    if received != count:
        raise RuntimeError(f"streamed {received} events of {count}")
    return before, max(memory_kib(pid)["VmHWM"] if exact else 0, sampler.peak_kib), exact


async def _memory(ws: Workspace, result: ScenarioResult) -> None:
    scale = ws.scale
    stores = ws.stores
    growth = result.per_store("growth", "peak RSS growth", "MB", stores, Target("<", 100.0))
    peak = result.per_store("peak", "peak RSS", "MB", stores)
    exact = True
    async with AsyncExitStack() as stack:
        servers = {}
        for store in stores:
            db = await ws.large_database(store, LARGE_DATABASE, scale.query_events)
            servers[store] = await stack.enter_async_context(connected(db))
        for running in servers.values():
            await _slow_read(running.stub, 5_000, 0.0)  # warm-up
        for _ in range(scale.runs):
            # The stores stream at once: what is measured is each server's
            # memory, not its speed.
            streams = [
                _stream(running, scale.stream_events, scale.stream_pause)
                for running in servers.values()
            ]
            for store, (before, top, peak_exact) in zip(
                servers, await asyncio.gather(*streams), strict=True
            ):
                growth[store].add((top - before) / 1024)
                peak[store].add(top / 1024)
                exact = exact and peak_exact
    result.notes.append(
        f"one oldest-first ListEvents of {scale.stream_events:,} events per run; the client"
        f" sleeps {scale.stream_pause * 1000:.0f} ms after each message; growth is the peak"
        " RSS during the stream less the RSS before it ("
        + ("VmHWM, reset before each run" if exact else f"VmRSS sampled every {SAMPLE_INTERVAL}s")
        + ")"
        + (
            "; both stores stream at once; on PostgreSQL this is the spark-grpc process only,"
            " not the database server's backends and shared buffers"
            if POSTGRES in stores
            else ""
        )
    )


memory = scenario("memory", "Memory while streaming", _memory)
