"""Records as JSON objects (the shape of every /api answer and SSE event)."""

from __future__ import annotations

import json
from typing import Any

from spark_grpc.core.models import EventRecord, MemoryChange, MemoryRecord
from spark_grpc.core.timestamps import format_timestamp
from spark_grpc.store.base import memory_snapshot


def event_json(event: EventRecord) -> dict[str, Any]:
    try:
        data: Any = json.loads(event.data) if event.data else {}
    except ValueError:
        data = event.data  # a legacy row holding other text
    return {
        "id": event.id,
        "sequence": event.sequence,
        "event_type": event.event_type,
        "agent_id": event.agent_id,
        "task_id": event.task_id,
        "description": event.description,
        "data": data,
        "importance": event.importance,
        "created_at": format_timestamp(event.created_at),
    }


def memory_json(memory: MemoryRecord) -> dict[str, Any]:
    """The same object the store keeps with each change of a memory."""
    return memory_snapshot(memory)


def change_json(change: MemoryChange) -> dict[str, Any]:
    return {
        "sequence": change.sequence,
        "kind": change.kind.value,
        "memory": memory_json(change.memory),
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
