"""Search latency at scale: ``python -m bench.search`` (SQLite; add
``--postgres URL`` for a PostgreSQL database too).

Builds a store of ``--memories`` memories (100k) and ``--events`` events
(1M) with plain SQL (the search triggers index them, as for the seed
module's rows), starts the real server over it, and measures, one call at a
time from a grpc.aio client:

* SearchMemories p50 / p99 for 200 exact terms (each memory holds a unique
  agent id such as ``agent-04711``) and for 200 two-word queries of common
  words; the exact-term check counts the queries whose memory is ranked 1st;
* SearchEvents p50 / p99 for 200 exact error codes and 200 common words.

Targets (issue 15): memories p50 < 5 ms, events p50 < 20 ms, every exact
term at rank 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.server import connected
from bench.stats import percentile
from spark_grpc.core.timestamps import format_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2
from spark_grpc.store.sqlite import SQLiteStore

WORDS = [f"w{n}" for n in range(2000)] + [
    "agent", "task", "failed", "timeout", "parser", "bid", "slow", "fast", "night", "retry",
]  # fmt: skip
QUERIES = 200


def _text(rng: random.Random, words: int) -> str:
    # Zipf-like: a few words are common, most are rare.
    last = len(WORDS) - 1
    return " ".join(WORDS[min(int(rng.paretovariate(1.2)) - 1, last)] for _ in range(words))


def _memory_rows(rng: random.Random, memories: int):
    for i in range(memories):
        yield f"m{i}", f"agent-{i % 500:03d}", f"{_text(rng, 12)} agent-{i:05d}"


def _event_rows(rng: random.Random, events: int):
    for i in range(events):
        data = json.dumps({"error": f"E{i:07d}", "note": _text(rng, 3)})
        yield f"e{i}", f"agent-{i % 500:03d}", _text(rng, 8), data


def build_postgres(url: str, memories: int, events: int, seed: int = 7) -> None:
    """The same data in a PostgreSQL database, by COPY (the search indexes
    built after the load)."""
    import psycopg

    from bench.postgres import create_schema

    asyncio.run(create_schema(url))
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with psycopg.connect(url) as conn:
        conn.execute("DROP INDEX spark_memories_search")
        conn.execute("DROP INDEX spark_events_search")
        with conn.cursor().copy(
            "COPY spark_memories (id, memory_type, subject, content, created_at, updated_at)"
            " FROM STDIN"
        ) as copy:
            for memory_id, subject, content in _memory_rows(rng, memories):
                copy.write_row((memory_id, "pattern", subject, content, now, now))
        with conn.cursor().copy(
            "COPY spark_events (seq, id, event_type, agent_id, description, data, importance,"
            " created_at) FROM STDIN"
        ) as copy:
            for seq, (event_id, agent, description, data) in enumerate(
                _event_rows(rng, events), start=1
            ):
                copy.write_row((seq, event_id, "task_failed", agent, description, data, 0.5, now))
        conn.execute("UPDATE spark_log_position SET last = %s", (events,))
        conn.execute("CREATE INDEX spark_memories_search ON spark_memories USING gin (search)")
        conn.execute("CREATE INDEX spark_events_search ON spark_events USING gin (search)")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")


def build_sqlite(path: Path, memories: int, events: int, seed: int = 7) -> None:
    async def schema() -> None:
        store = SQLiteStore(path)
        await store.open()
        await store.close()

    asyncio.run(schema())
    rng = random.Random(seed)
    now = format_timestamp(datetime.now(UTC))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO spark_memories (id, memory_type, subject, content, confidence,"
            " source_events, created_at) VALUES (?, 'pattern', ?, ?, 0.5, 0, ?)",
            ((*row, now) for row in _memory_rows(rng, memories)),
        )
    with conn:
        conn.executemany(
            "INSERT INTO spark_events (id, event_type, agent_id, description, data,"
            " importance, created_at) VALUES (?, 'task_failed', ?, ?, ?, 0.5, ?)",
            ((*row, now) for row in _event_rows(rng, events)),
        )
    conn.close()


async def measure(db: str, memories: int, events: int) -> dict[str, float]:
    rng = random.Random(11)
    figures: dict[str, float] = {}
    async with connected(db, "--no-auto-consolidate") as server:
        stub = server.stub
        await stub.Count(spark_pb2.CountRequest(target=spark_pb2.COUNT_TARGET_EVENTS))

        async def timed(call, request) -> tuple[float, object]:
            start = time.perf_counter()
            reply = await call(request)
            return (time.perf_counter() - start) * 1000, reply

        exact, common, rank1 = [], [], 0
        for i in rng.sample(range(memories), QUERIES):
            ms, reply = await timed(
                stub.SearchMemories, spark_pb2.SearchMemoriesRequest(query=f"agent-{i:05d}")
            )
            exact.append(ms)
            rank1 += bool(reply.hits) and reply.hits[0].memory.id == f"m{i}"
        for _ in range(QUERIES):
            query = f"{rng.choice(WORDS[:50])} {rng.choice(WORDS[:50])}"
            ms, _ = await timed(stub.SearchMemories, spark_pb2.SearchMemoriesRequest(query=query))
            common.append(ms)
        figures |= {
            "memories exact p50 ms": percentile(exact, 0.5),
            "memories exact p99 ms": percentile(exact, 0.99),
            "memories common p50 ms": percentile(common, 0.5),
            "memories common p99 ms": percentile(common, 0.99),
            "exact term at rank 1": rank1,
        }
        exact, common, rank1 = [], [], 0
        for i in rng.sample(range(events), QUERIES):
            ms, reply = await timed(
                stub.SearchEvents, spark_pb2.SearchEventsRequest(query=f"E{i:07d}")
            )
            exact.append(ms)
            rank1 += bool(reply.hits) and reply.hits[0].event.id == f"e{i}"
        for _ in range(QUERIES):
            ms, _ = await timed(
                stub.SearchEvents, spark_pb2.SearchEventsRequest(query=rng.choice(WORDS[:50]))
            )
            common.append(ms)
        figures |= {
            "events exact p50 ms": percentile(exact, 0.5),
            "events exact p99 ms": percentile(exact, 0.99),
            "events common p50 ms": percentile(common, 0.5),
            "events common p99 ms": percentile(common, 0.99),
            "event exact term at rank 1": rank1,
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search")
    parser.add_argument("--memories", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.store == "postgres":
        from bench.postgres import start_cluster

        cluster, reason = start_cluster()
        if cluster is None:
            print(f"no PostgreSQL: {reason}")
            return 1
        try:
            url = cluster.new_database()
            build_postgres(url, args.memories, args.events)
            print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
            figures = asyncio.run(measure(url, args.memories, args.events))
        finally:
            cluster.stop()
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "search.db"
            build_sqlite(path, args.memories, args.events)
            size = path.stat().st_size / 1e6
            print(f"built in {time.perf_counter() - start:.0f} s ({size:,.0f} MB)", flush=True)
            figures = asyncio.run(measure(str(path), args.memories, args.events))
    for name, value in figures.items():
        print(f"{name:30} {value:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
