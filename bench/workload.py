"""The events the benchmarks write and read: a swarm's mix, made deterministically.

Event ``i`` has one of the seed's seven event types, one of 64 agents, a task
shared by five events and a small JSON payload, so filters select realistic
fractions: one event type is 1/7 of the log, one agent 1/64.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.seed import INSERT_EVENT, SeedModule, score_importance
from spark_grpc.gen.spark.v1 import spark_pb2

EVENT_TYPES = (
    "task_posted",
    "bid_submitted",
    "task_assigned",
    "task_completed",
    "task_failed",
    "agent_joined",
    "prediction_result",
)
AGENTS = 64
# The filter values that the query benchmark asks for.
QUERY_EVENT_TYPE = "task_failed"
QUERY_AGENT_ID = "agent-07"


@dataclass(frozen=True, slots=True)
class EventFields:
    event_type: str
    agent_id: str
    task_id: str
    description: str
    data: str


def event_fields(i: int) -> EventFields:
    event_type = EVENT_TYPES[i % len(EVENT_TYPES)]
    agent_id = f"agent-{i % AGENTS:02d}"
    task_id = f"task-{i // 5}"
    data = json.dumps({"bid_sats": i % 100, "attempt": i % 3}, separators=(",", ":"))
    return EventFields(event_type, agent_id, task_id, f"{event_type} by {agent_id}", data)


def record_request(i: int) -> spark_pb2.RecordEventRequest:
    fields = event_fields(i)
    return spark_pb2.RecordEventRequest(
        event_type=fields.event_type,
        agent_id=fields.agent_id,
        task_id=fields.task_id,
        description=fields.description,
        data=fields.data,
    )


def record_batch(start: int, count: int) -> spark_pb2.RecordEventsRequest:
    return spark_pb2.RecordEventsRequest(
        events=[record_request(i) for i in range(start, start + count)]
    )


def seed_row(i: int, created_at: str) -> tuple:
    """Event ``i`` as a row of the seed's ``spark_events``, with a fresh id."""
    fields = event_fields(i)
    importance = score_importance(fields.event_type, json.loads(fields.data))
    return (
        str(uuid.uuid4()),
        fields.event_type,
        fields.agent_id,
        fields.task_id,
        fields.description,
        fields.data,
        importance,
        created_at,
    )


def seed_rows(start: int, count: int) -> list[tuple]:
    now = datetime.now(UTC).isoformat()
    return [seed_row(i, now) for i in range(start, start + count)]


def _timestamps(count: int) -> Iterator[str]:
    """``count`` increasing timestamps in the seed's format, one per millisecond,
    ending now."""
    moment = datetime.now(UTC) - timedelta(milliseconds=count)
    step = timedelta(milliseconds=1)
    for _ in range(count):
        moment += step
        yield moment.isoformat()


def build_seed_database(path: Path, count: int, chunk: int = 20_000) -> None:
    """A database in the seed's schema holding ``count`` events, written with
    raw SQL (the seed's indexes built last), as the seed module would have
    left it."""
    seed = SeedModule(path)
    seed.create_schema(event_indexes=False)
    with sqlite3.connect(str(path), isolation_level=None) as conn:
        conn.execute("PRAGMA synchronous=OFF")
        stamps = _timestamps(count)
        conn.execute("BEGIN")
        for start in range(0, count, chunk):
            size = min(chunk, count - start)
            rows = [seed_row(i, next(stamps)) for i in range(start, start + size)]
            conn.executemany(INSERT_EVENT, rows)
        conn.execute("COMMIT")
    conn.close()
    seed.create_schema()
    with sqlite3.connect(str(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
