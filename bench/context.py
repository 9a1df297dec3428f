"""How big each benchmark is (full or quick), where its databases go, and on
which stores the server runs."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.postgres import copy_seed_database
from bench.stats import POSTGRES, SQLITE, ScenarioResult
from bench.workload import build_seed_database
from tests.pg import PostgresCluster


@dataclass(frozen=True)
class Scale:
    runs: int
    # ingest, unary: RecordEvent calls per run (server), record_event calls
    # (seed) and the seconds they may take at most
    unary_events: int
    seed_events: int
    seed_seconds: float
    # ingest, batched: RecordEvents calls of BATCH events per run
    batches: int
    # read: events in the database, all read by each run
    read_events: int
    # query latency: events in the database, calls per filter per run
    query_events: int
    query_calls: int
    seed_query_calls: int
    # follow latency: events written (and followed) per run
    follow_events: int
    # memory: events streamed per run, client pause per message (seconds)
    stream_events: int
    stream_pause: float


FULL = Scale(
    runs=5,
    unary_events=8_000,
    seed_events=1_000,
    seed_seconds=2.0,
    batches=40,
    read_events=200_000,
    query_events=1_000_000,
    query_calls=400,
    seed_query_calls=1,
    follow_events=500,
    stream_events=1_000_000,
    stream_pause=0.004,
)
QUICK = Scale(
    runs=3,
    unary_events=800,
    seed_events=100,
    seed_seconds=0.4,
    batches=3,
    read_events=20_000,
    query_events=30_000,
    query_calls=60,
    seed_query_calls=1,
    follow_events=60,
    stream_events=30_000,
    stream_pause=0.004,
)
# Events per RecordEvents call, and per raw executemany transaction.
BATCH = 1_000
# Concurrent RecordEvent calls on the one channel.
UNARY_CONCURRENCY = 64


@dataclass
class Workspace:
    """A scratch folder for one bench invocation, and the PostgreSQL cluster
    when there is one. Every scenario gets its own databases, except that
    the large seed-shaped database is built once and shared by the read-only
    scenarios that use it (on PostgreSQL: a copy of the same events)."""

    root: Path
    scale: Scale
    postgres: PostgresCluster | None = None
    build_seconds: dict[str, float] = field(default_factory=dict)
    postgres_databases: list[str] = field(default_factory=list)
    _copies: dict[str, str] = field(default_factory=dict)

    @property
    def stores(self) -> tuple[str, ...]:
        """The stores the server is measured on, SQLite first."""
        return (SQLITE, POSTGRES) if self.postgres is not None else (SQLITE,)

    def path(self, name: str) -> Path:
        return self.root / name

    def database(self, store: str, name: str) -> str:
        """A new, empty database for the server: a file, or a PostgreSQL URL."""
        if store == SQLITE:
            return str(self.path(f"{name}.db"))
        assert self.postgres is not None
        url = self.postgres.new_database("bench_" + re.sub(r"[^a-z0-9]+", "_", name.lower()))
        self.postgres_databases.append(url)
        return url

    async def large_database(self, store: str, name: str, events: int) -> str:
        """``seed_database(name, events)``, or on PostgreSQL the same events
        copied into the server's schema (built on first use)."""
        path = self.seed_database(name, events)
        if store == SQLITE:
            return str(path)
        if name not in self._copies:
            started = time.perf_counter()
            url = self.database(store, name.removesuffix(".db"))
            await copy_seed_database(path, url)
            self._copies[name] = url
            self.build_seconds[f"{name}@{store}"] = time.perf_counter() - started
        return self._copies[name]

    def seed_database(self, name: str, events: int) -> Path:
        """The file ``name`` in the seed's schema with ``events`` events,
        built on first use."""
        path = self.path(name)
        if name not in self.build_seconds:
            started = time.perf_counter()
            build_seed_database(path, events)
            self.build_seconds[name] = time.perf_counter() - started
        return path


def scenario(
    name: str, title: str, body: Callable[[Workspace, ScenarioResult], Awaitable[None]]
) -> Callable[[Workspace], ScenarioResult]:
    """A scenario's entry point: ``body`` fills in the result on a fresh event loop."""

    def run(ws: Workspace) -> ScenarioResult:
        result = ScenarioResult(name, title)
        asyncio.run(body(ws, result))
        return result

    return run
