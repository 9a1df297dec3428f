"""The seed module's function API, served over gRPC.

An existing caller migrates by changing one import::

    from spark_grpc import compat as spark_memory   # was: import spark_memory

Signatures, defaults and return values are the seed's. The server's address
comes from ``SPARK_GRPC_ADDR`` (default ``127.0.0.1:50051``); a token, if the
server wants one, from ``SPARK_TOKEN``; TLS from ``SPARK_GRPC_TLS_CA`` (and
``SPARK_GRPC_TLS_CERT`` / ``SPARK_GRPC_TLS_KEY`` for mutual TLS,
``SPARK_GRPC_TLS_SERVER_NAME``), as for the ``spark-grpc`` command. ``get_memories`` and
``count_memories`` include expired memories, as the seed's did.
"""

from __future__ import annotations

import atexit
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from spark_grpc.client.channel import (
    ADDRESS_VARIABLE,
    DEFAULT_ADDRESS,
    TLS_VARIABLES,
    TOKEN_VARIABLE,
    environment_settings,
)
from spark_grpc.client.requests import from_timestamp
from spark_grpc.client.sync import SparkClient

# The seed's scoring rules are part of its API (a pure function).
from spark_grpc.core.scoring import score_importance  # noqa: F401
from spark_grpc.gen.spark.v1 import spark_pb2

# The seed's importance thresholds.
IMPORTANCE_LOW = 0.3
IMPORTANCE_MEDIUM = 0.6
IMPORTANCE_HIGH = 0.8


@dataclass
class SparkEvent:
    """A single captured swarm event (the seed's dataclass)."""

    id: str
    event_type: str
    agent_id: str | None
    task_id: str | None
    description: str
    data: str
    importance: float
    created_at: str


@dataclass
class SparkMemory:
    """A consolidated memory (the seed's dataclass)."""

    id: str
    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    created_at: str
    expires_at: str | None


_lock = threading.Lock()
_clients: dict[tuple[str | None, ...], SparkClient] = {}
_VARIABLES = (ADDRESS_VARIABLE, TOKEN_VARIABLE, *TLS_VARIABLES.values())


def _client() -> SparkClient:
    """One shared client per address, token and TLS setting, made on first use."""
    key = tuple(os.environ.get(variable) for variable in _VARIABLES)
    with _lock:
        client = _clients.get(key)
        if client is None:
            address = key[0] or DEFAULT_ADDRESS
            client = _clients[key] = SparkClient(address, **environment_settings())
        return client


@atexit.register
def close() -> None:
    """Close the shared clients (also run at exit)."""
    with _lock:
        for client in _clients.values():
            client.close()
        _clients.clear()


def _text(moment: spark_pb2.Event) -> str:
    # The seed's stored form: ISO 8601 in UTC, always with microseconds.
    return from_timestamp(moment).astimezone(UTC).isoformat(timespec="microseconds")


def _event(event: spark_pb2.Event) -> SparkEvent:
    return SparkEvent(
        id=event.id,
        event_type=event.event_type,
        agent_id=event.agent_id if event.HasField("agent_id") else None,
        task_id=event.task_id if event.HasField("task_id") else None,
        description=event.description,
        data=event.data,
        importance=event.importance,
        created_at=_text(event.created_at),
    )


def _memory(memory: spark_pb2.Memory) -> SparkMemory:
    return SparkMemory(
        id=memory.id,
        memory_type=memory.memory_type,
        subject=memory.subject,
        content=memory.content,
        confidence=memory.confidence,
        source_events=memory.source_events,
        created_at=_text(memory.created_at),
        expires_at=_text(memory.expires_at) if memory.HasField("expires_at") else None,
    )


def record_event(
    event_type: str,
    description: str,
    agent_id: str | None = None,
    task_id: str | None = None,
    data: str = "{}",
    importance: float | None = None,
) -> str:
    """Record a swarm event. Returns the event id."""
    response = _client().record_event(
        event_type,
        description,
        agent_id=agent_id,
        task_id=task_id,
        data=data,
        importance=importance,
    )
    return response.event.id


def get_events(
    event_type: str | None = None,
    agent_id: str | None = None,
    task_id: str | None = None,
    limit: int = 100,
    min_importance: float = 0.0,
) -> list[SparkEvent]:
    """Query events with optional filters, newest first."""
    if limit <= 0:
        # The seed's SQL `LIMIT 0` returns nothing (and a negative one all).
        if limit == 0:
            return []
        limit = 2**31 - 1
    events = _client().list_events(
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        limit=limit,
        min_importance=min_importance,
        order="ORDER_NEWEST_FIRST",
    )
    return [_event(event) for event in events]


def count_events(event_type: str | None = None) -> int:
    """Count events, optionally filtered by type."""
    return _client().count("COUNT_TARGET_EVENTS", event_type or None)


def store_memory(
    memory_type: str,
    subject: str,
    content: str,
    confidence: float = 0.5,
    source_events: int = 0,
    expires_at: str | None = None,
) -> str:
    """Store a consolidated memory. Returns the memory id."""
    expiry = None
    if expires_at is not None:
        expiry = datetime.fromisoformat(expires_at)
        if expiry.tzinfo is None:
            expiry = expiry.replace(tzinfo=UTC)
    response = _client().store_memory(
        memory_type,
        content,
        subject,
        confidence=confidence,
        source_events=source_events,
        expires_at=expiry,
    )
    return response.memory.id


def get_memories(
    memory_type: str | None = None,
    subject: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 50,
) -> list[SparkMemory]:
    """Query memories with optional filters, newest first (expired included)."""
    if limit <= 0:
        if limit == 0:
            return []
        limit = 2**31 - 1
    memories = _client().list_memories(
        memory_type=memory_type,
        subject=subject,
        min_confidence=min_confidence,
        limit=limit,
        include_expired=True,
    )
    return [_memory(memory) for memory in memories]


def count_memories(memory_type: str | None = None) -> int:
    """Count memories (expired included), optionally filtered by type."""
    return _client().count("COUNT_TARGET_MEMORIES", memory_type or None, include_expired=True)
