"""Ingest: RecordEvent (unary, 64 in flight) against the seed's record_event,
and RecordEvents (1,000 per call) against raw sqlite3 executemany.

Both run the server as shipped and, to show what automatic consolidation
costs, a second server started with ``--no-auto-consolidate``; each on
SQLite and, beside it, on PostgreSQL, against the same baselines.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path

import grpc

from bench import postgres
from bench.context import BATCH, UNARY_CONCURRENCY, Workspace, scenario
from bench.seed import INSERT_EVENT, SeedModule
from bench.server import Connected, connected, connected_echo
from bench.stats import POSTGRES, SQLITE, Figure, ScenarioResult, Target
from bench.workload import event_fields, record_batch, record_request, seed_rows
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from spark_grpc.store.sqlite import SQLiteStore

RECORD_EVENTS = "/spark.v1.SparkService/RecordEvents"
INSERT_SEQUENCE = "INSERT INTO spark_event_sequence (seq, event_id) VALUES (?, ?)"

# Servers measured beside the one as shipped, to show what a setting costs:
# (figure key, label, serve flags).
Variant = tuple[str, str, tuple[str, ...]]
NO_RULES: Variant = ("server_no_rules", "  same, --no-auto-consolidate", ("--no-auto-consolidate",))
FULL_SYNC: Variant = ("server_full_sync", "  same, --synchronous FULL", ("--synchronous", "FULL"))


async def _servers(
    stack: AsyncExitStack, ws: Workspace, name: str, figures: dict[str, Figure], *flags: str
) -> list[tuple[Connected, Figure]]:
    """A server with ``flags`` for each store of ``figures``, each on a new
    database, paired with the figure it is measured for."""
    started = []
    for store, figure in figures.items():
        db = ws.database(store, f"{name}-{figure.key}")
        started.append((await stack.enter_async_context(connected(db, *flags)), figure))
    return started


# ── unary ─────────────────────────────────────────────────────────────────
async def _record_unary(
    stub: spark_pb2_grpc.SparkServiceStub,
    requests: Sequence[spark_pb2.RecordEventRequest],
    count: int,
) -> float:
    """Events/s of ``count`` RecordEvent calls, UNARY_CONCURRENCY in flight."""
    issued = 0

    async def caller() -> None:
        nonlocal issued
        while issued < count:
            request = requests[issued % len(requests)]
            issued += 1
            await stub.RecordEvent(request)

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(UNARY_CONCURRENCY)))
    return count / (time.perf_counter() - started)


def _seed_record(seed: SeedModule, start: int, count: int, budget: float) -> float:
    """Events/s of ``count`` calls of the seed's record_event, one thread,
    stopping early after ``budget`` seconds (its fsync per call is at the
    mercy of the disk)."""
    fields = [event_fields(i) for i in range(start, start + count)]
    started = time.perf_counter()
    done = 0
    for item in fields:
        seed.record_event(item.event_type, item.description, item.agent_id, item.task_id, item.data)
        done += 1
        if time.perf_counter() - started > budget:
            break
    return done / (time.perf_counter() - started)


async def _unary(ws: Workspace, result: ScenarioResult) -> None:
    scale = ws.scale
    stores = ws.stores
    server_rate = result.per_store("server", "RecordEvent, 64 in flight", "events/s", stores)
    no_rules = result.per_store(NO_RULES[0], NO_RULES[1], "events/s", stores)
    # SQLite's setting; PostgreSQL keeps its own default durability.
    full_sync = result.per_store(FULL_SYNC[0], FULL_SYNC[1], "events/s", (SQLITE,))
    echo_rate = result.figure("echo", "grpc.aio server doing nothing", "events/s")
    seed_rate = result.figure("seed", "seed record_event, 1 thread", "events/s")
    ratio = result.per_store("ratio", "server / seed", "x", stores, Target(">=", 5.0))
    requests = [record_request(i) for i in range(1_000)]
    seed = SeedModule(ws.path("seed-unary.db"))
    async with AsyncExitStack() as stack:
        # Measured in this order in every run: the stores side by side.
        servers = await _servers(stack, ws, "unary", server_rate)
        servers += await _servers(stack, ws, "unary", no_rules, *NO_RULES[2])
        servers += await _servers(stack, ws, "unary", full_sync, *FULL_SYNC[2])
        servers.append((await stack.enter_async_context(connected_echo()), echo_rate))
        for running, _ in servers:
            await _record_unary(running.stub, requests, min(500, scale.unary_events))  # warm-up
        _seed_record(seed, 0, 20, scale.seed_seconds)
        for run in range(scale.runs):
            for running, rate in servers:
                rate.add(await _record_unary(running.stub, requests, scale.unary_events))
            start = run * scale.seed_events
            seed_rate.add(_seed_record(seed, start, scale.seed_events, scale.seed_seconds))
            for store in stores:
                ratio[store].add(server_rate[store].runs[-1] / seed_rate.runs[-1])
    result.notes.append(
        f"{scale.unary_events:,} RecordEvent calls per run on one grpc.aio channel;"
        f" seed: {scale.seed_events:,} record_event calls per run, or as many as"
        f" {scale.seed_seconds:.1f} s allow (connection, schema, insert and commit per call,"
        " as the seed does, at SQLite's default synchronous=FULL: an fsync per call)"
    )


# ── batched ───────────────────────────────────────────────────────────────
async def _record_batched(channel: grpc.aio.Channel, batches: Sequence[bytes]) -> float:
    """Events/s of RecordEvents calls, one at a time, BATCH events each.

    Requests are serialized beforehand (building them is the client's work,
    not the server's); every reply is parsed, as a real client would."""
    call = channel.unary_unary(
        RECORD_EVENTS, response_deserializer=spark_pb2.RecordEventsResponse.FromString
    )
    started = time.perf_counter()
    stored = 0
    for payload in batches:
        reply = await call(payload)
        stored += len(reply.events)
    return stored / (time.perf_counter() - started)


class _RawWriter:
    """sqlite3 executemany, BATCH rows per transaction, WAL with
    synchronous=NORMAL (the server's setting), into a file that grows run
    after run as the server's does."""

    def __init__(self, path: Path, *, server_schema: bool) -> None:
        self.path = path
        self.server_schema = server_schema
        self._next_seq = 1

    @classmethod
    async def create(cls, path: Path, *, server_schema: bool) -> _RawWriter:
        """A writer into a new file with the seed's schema, or the server's
        (made by the server's own store)."""
        if server_schema:
            store = SQLiteStore(path)
            await store.open()
            await store.close()
        else:
            SeedModule(path).create_schema()
        return cls(path, server_schema=server_schema)

    def insert(self, rows: Sequence[tuple]) -> float:
        """Rows/s of writing ``rows``; with the server's schema, each event
        also gets its row in the sequence table, as the server writes it."""
        with sqlite3.connect(str(self.path), isolation_level=None) as conn:
            conn.execute("PRAGMA synchronous=NORMAL")
            started = time.perf_counter()
            for start in range(0, len(rows), BATCH):
                chunk = rows[start : start + BATCH]
                conn.execute("BEGIN IMMEDIATE")
                if self.server_schema:
                    first = self._next_seq
                    self._next_seq += len(chunk)
                    conn.executemany(
                        INSERT_SEQUENCE, [(first + i, row[0]) for i, row in enumerate(chunk)]
                    )
                conn.executemany(INSERT_EVENT, chunk)
                conn.execute("COMMIT")
            elapsed = time.perf_counter() - started
        conn.close()
        return len(rows) / elapsed


async def _batched(ws: Workspace, result: ScenarioResult) -> None:
    scale = ws.scale
    stores = ws.stores
    server_rate = result.per_store(
        "server", f"RecordEvents, {BATCH:,} per call", "events/s", stores
    )
    no_rules = result.per_store(NO_RULES[0], NO_RULES[1], "events/s", stores)
    raw_rate = result.figure("raw", f"executemany, {BATCH:,}/tx, seed schema", "events/s")
    ceiling = result.per_store(
        "raw_server_schema", f"raw SQL, {BATCH:,}/tx, server schema", "events/s", stores
    )
    ratio = result.per_store(
        "ratio", "server / executemany (seed schema)", "%", stores, Target(">=", 60.0)
    )
    total = scale.batches * BATCH
    seed_schema = await _RawWriter.create(ws.path("raw-batched.db"), server_schema=False)
    # Each store's own schema, written with raw SQL: sqlite3 executemany, or
    # COPY (what the PostgreSQL store itself sends).
    writers: dict[str, _RawWriter | postgres.RawWriter] = {
        SQLITE: await _RawWriter.create(ws.path("raw-batched-server.db"), server_schema=True)
    }
    if POSTGRES in stores:
        url = ws.database(POSTGRES, "raw-batched-server")
        writers[POSTGRES] = await postgres.RawWriter.create(url, BATCH)
    async with AsyncExitStack() as stack:
        servers = await _servers(stack, ws, "batched", server_rate)
        servers += await _servers(stack, ws, "batched", no_rules, *NO_RULES[2])
        warm_up = [record_batch(0, BATCH).SerializeToString()]
        for running, _ in servers:
            await _record_batched(running.channel, warm_up)
        for run in range(scale.runs):
            first = run * total
            batches = [
                record_batch(start, BATCH).SerializeToString()
                for start in range(first, first + total, BATCH)
            ]
            for running, rate in servers:
                rate.add(await _record_batched(running.channel, batches))
            raw_rate.add(seed_schema.insert(seed_rows(first, total)))
            for store, writer in writers.items():
                ceiling[store].add(writer.insert(seed_rows(first, total)))
            for store in stores:
                ratio[store].add(100.0 * server_rate[store].runs[-1] / raw_rate.runs[-1])
    result.notes.append(
        f"{total:,} events per run, one call in flight; the raw baselines write the same rows"
        " into files that grow run by run as the server's does: one in the seed's schema, one"
        " in the server's (events plus the sequence table, the trigger that gives the seed's"
        " inserts a sequence, and the (column, created_at) indexes)"
        + (
            "; on PostgreSQL the server-schema baseline is COPY of the same rows, numbered"
            " under the log-position lock as the store does"
            if POSTGRES in stores
            else ""
        )
    )


unary = scenario("ingest_unary", "Ingest, unary", _unary)
batched = scenario("ingest_batched", "Ingest, batched", _batched)
