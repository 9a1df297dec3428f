"""Proto messages as the plain JSON objects that MCP tools answer with:
field names as in the proto, timestamps in RFC 3339, numbers as numbers."""

from __future__ import annotations

from typing import Any

from spark_grpc.client import from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2


def _time(message: Any, field: str) -> str | None:
    if not message.HasField(field):
        return None
    return from_timestamp(getattr(message, field)).isoformat()


def event_record(event: spark_pb2.Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "sequence": event.sequence,
        "event_type": event.event_type,
        "agent_id": event.agent_id if event.HasField("agent_id") else None,
        "task_id": event.task_id if event.HasField("task_id") else None,
        "description": event.description,
        "data": event.data,
        "importance": event.importance,
        "created_at": _time(event, "created_at"),
    }


def memory_record(memory: spark_pb2.Memory) -> dict[str, Any]:
    return {
        "id": memory.id,
        "memory_type": memory.memory_type,
        "subject": memory.subject,
        "content": memory.content,
        "confidence": memory.confidence,
        "source_events": memory.source_events,
        "created_at": _time(memory, "created_at"),
        "updated_at": _time(memory, "updated_at"),
        "expires_at": _time(memory, "expires_at"),
        "rule": memory.rule,
        "source_event_ids": list(memory.source_event_ids),
    }


KIND_NAMES = {
    spark_pb2.MEMORY_CHANGE_KIND_CREATED: "created",
    spark_pb2.MEMORY_CHANGE_KIND_UPDATED: "updated",
    spark_pb2.MEMORY_CHANGE_KIND_EXPIRED: "expired",
    spark_pb2.MEMORY_CHANGE_KIND_DELETED: "deleted",
}


def revision_record(revision: spark_pb2.MemoryRevision) -> dict[str, Any]:
    return {
        "revision": revision.revision,
        "kind": KIND_NAMES.get(revision.kind, "unknown"),
        "memory": memory_record(revision.memory),
        "actor": revision.actor,
        "changed_at": _time(revision, "changed_at"),
    }
