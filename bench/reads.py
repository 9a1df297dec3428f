"""Reads: ListEvents throughput against a raw scan, and the latency of a
newest-first page of 100 against the seed's get_events; on SQLite and, beside
it, on PostgreSQL holding the same events."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path

from bench import postgres
from bench.context import Workspace, scenario
from bench.seed import SeedModule
from bench.server import Connected, connected, connected_echo
from bench.stats import POSTGRES, SQLITE, ScenarioResult, Target, percentile
from bench.workload import QUERY_AGENT_ID, QUERY_EVENT_TYPE
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

_SCAN = (
    "SELECT id, event_type, agent_id, task_id, description, data, importance, created_at"
    " FROM spark_events"
)
# name -> the filter of a newest-first page, as ListEvents fields
FILTERS: dict[str, dict[str, str]] = {
    "all": {},
    "event_type": {"event_type": QUERY_EVENT_TYPE},
    "agent_id": {"agent_id": QUERY_AGENT_ID},
}
PAGE = 100
# The query and memory scenarios share this file (see Workspace).
LARGE_DATABASE = "large.db"


async def _list_all(stub: spark_pb2_grpc.SparkServiceStub, count: int) -> float:
    """Events/s of one oldest-first ListEvents of ``count`` events."""
    request = spark_pb2.ListEventsRequest(limit=count, order=spark_pb2.ORDER_OLDEST_FIRST)
    received = 0
    started = time.perf_counter()
    async for message in stub.ListEvents(request):
        received += len(message.events)
    elapsed = time.perf_counter() - started
    if received != count:
        raise RuntimeError(f"ListEvents returned {received} events, expected {count}")
    return count / elapsed


def _raw_scan(path: Path) -> float:
    """Rows/s of a full sqlite3 scan of the events table into Python tuples."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        started = time.perf_counter()
        rows = sum(1 for _ in conn.execute(_SCAN))
        elapsed = time.perf_counter() - started
    conn.close()
    return rows / elapsed


async def _servers(stack: AsyncExitStack, databases: dict[str, str]) -> dict[str, Connected]:
    """A server on each store's database, SQLite first."""
    return {
        store: await stack.enter_async_context(connected(db)) for store, db in databases.items()
    }


async def _read(ws: Workspace, result: ScenarioResult) -> None:
    count = ws.scale.read_events
    stores = ws.stores
    server_rate = result.per_store(
        "server", "ListEvents to a Python client", "events/s", stores, Target(">=", 200_000.0)
    )
    echo_rate = result.figure("echo", "grpc.aio stream of prebuilt pages", "events/s")
    raw_rate = result.per_store("raw", "full scan into Python tuples", "events/s", stores)
    ratio = result.per_store("ratio", "server / sqlite3 full scan", "%", stores, Target(">=", 25.0))
    databases = {store: await ws.large_database(store, "read.db", count) for store in stores}
    scans: dict[str, Callable[[], float]] = {SQLITE: lambda: _raw_scan(Path(databases[SQLITE]))}
    if POSTGRES in stores:
        scans[POSTGRES] = lambda: postgres.raw_scan(databases[POSTGRES])
    async with AsyncExitStack() as stack:
        servers = await _servers(stack, databases)
        echo = await stack.enter_async_context(connected_echo())
        for running in (*servers.values(), echo):
            await _list_all(running.stub, min(count, 10_000))  # warm-up
        for _ in range(ws.scale.runs):
            for store, running in servers.items():
                server_rate[store].add(await _list_all(running.stub, count))
            echo_rate.add(await _list_all(echo.stub, count))
            for store, scan in scans.items():
                raw_rate[store].add(scan())
            for store in stores:
                ratio[store].add(100.0 * server_rate[store].runs[-1] / raw_rate[SQLITE].runs[-1])
    result.notes.append(
        f"one oldest-first ListEvents of all {count:,} events per run, counted by a grpc.aio"
        " client; the raw scan reads the same rows with sqlite3"
        + (" (and psycopg, from PostgreSQL)" if POSTGRES in stores else "")
        + "; the ratio of either store is to the sqlite3 scan"
    )


async def _page_latencies(
    stub: spark_pb2_grpc.SparkServiceStub, fields: dict[str, str], calls: int
) -> list[float]:
    """Milliseconds per newest-first ListEvents(limit=100), one call at a time."""
    request = spark_pb2.ListEventsRequest(limit=PAGE, **fields)
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        received = 0
        async for message in stub.ListEvents(request):
            received += len(message.events)
        samples.append((time.perf_counter() - started) * 1000)
        if received != PAGE:
            raise RuntimeError(f"a page held {received} events, expected {PAGE}")
    return samples


def _timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


async def _query(ws: Workspace, result: ScenarioResult) -> None:
    scale = ws.scale
    stores = ws.stores
    db = ws.seed_database(LARGE_DATABASE, scale.query_events)
    seed = SeedModule(db)
    # The seed on its own schema, before the server adds its indexes.
    seed_ms: dict[str, list[float]] = {name: [] for name in FILTERS}
    for _ in range(scale.runs):
        for name, fields in FILTERS.items():
            for _ in range(scale.seed_query_calls):
                seed_ms[name].append(_timed_ms(lambda f=fields: seed.get_events(**f)))
    # PostgreSQL's copy is read from the file before the server opens it.
    databases = {
        store: await ws.large_database(store, LARGE_DATABASE, scale.query_events)
        for store in stores
    }
    async with AsyncExitStack() as stack:
        opened = time.perf_counter()
        servers = {SQLITE: await stack.enter_async_context(connected(databases[SQLITE]))}
        result.notes.append(
            f"{scale.query_events:,} events written with raw SQL in the seed's schema in"
            f" {ws.build_seconds[LARGE_DATABASE]:.1f} s; the server's first open of the"
            f" file (sequences, indexes) took {time.perf_counter() - opened:.1f} s"
        )
        if POSTGRES in stores:
            servers[POSTGRES] = await stack.enter_async_context(connected(databases[POSTGRES]))
            result.notes.append(
                "PostgreSQL holds the same events (ids, times, order), copied from that file"
                " into the server's schema with one COPY, its indexes built after, in"
                f" {ws.build_seconds[f'{LARGE_DATABASE}@{POSTGRES}']:.1f} s"
            )
        for running in servers.values():
            for fields in FILTERS.values():
                await _page_latencies(running.stub, fields, 20)  # warm-up
        for name, fields in FILTERS.items():
            p50 = result.per_store(f"{name}_p50", f"{name}: p50", "ms", stores, Target("<", 2.0))
            p99 = result.per_store(f"{name}_p99", f"{name}: p99", "ms", stores)
            base = result.figure(f"{name}_seed", f"{name}: seed get_events", "ms")
            speedup = result.per_store(f"{name}_ratio", f"{name}: seed / server p50", "x", stores)
            for run in range(scale.runs):
                for store, running in servers.items():
                    samples = await _page_latencies(running.stub, fields, scale.query_calls)
                    p50[store].add(percentile(samples, 0.5))
                    p99[store].add(percentile(samples, 0.99))
                calls = scale.seed_query_calls
                base.add(percentile(seed_ms[name][run * calls : (run + 1) * calls], 0.5))
                for store in stores:
                    speedup[store].add(base.runs[-1] / p50[store].runs[-1])
    result.notes.append(
        f"{scale.query_calls} sequential calls per filter per run; filters:"
        f" event_type={QUERY_EVENT_TYPE} (1/7 of events), agent_id={QUERY_AGENT_ID} (1/64);"
        f" the seed's get_events ran {scale.seed_query_calls} time(s) per filter per run"
        " on the same file before the server first opened it"
    )


read = scenario("read", "Read", _read)
query = scenario("query", "Query latency, newest 100", _query)
