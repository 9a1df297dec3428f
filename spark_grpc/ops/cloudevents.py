"""Events and memories as CloudEvents 1.0 (JSON format), and back.

An event: ``id``, ``type`` (the event_type), ``source`` ``/spark/events``,
``time`` (created_at), ``datacontenttype`` ``application/json`` and ``data``
(the event's data object), with the extensions ``agentid``, ``taskid``
(when set), ``description``, ``importance`` (a string holding the exact
number: CloudEvents has no floating point type) and ``sequence``.

A memory: ``type`` ``spark.memory``, ``source`` ``/spark/memories``,
``subject`` (the memory's subject), ``time`` (created_at) and ``data``
holding the rest (memory_type, content, confidence, source_events,
expires_at, updated_at, rule, source_event_ids).
"""

from __future__ import annotations

import json
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.gen.spark.v1 import spark_pb2

SPEC_VERSION = "1.0"
EVENT_SOURCE = "/spark/events"
MEMORY_SOURCE = "/spark/memories"
MEMORY_TYPE = "spark.memory"


def _time(stamp: Timestamp) -> str:
    return stamp.ToJsonString()


def event_cloudevent(event: spark_pb2.Event) -> dict[str, Any]:
    try:
        data: Any = json.loads(event.data) if event.data else {}
        content_type = "application/json"
    except ValueError:  # a legacy row holding other text
        data, content_type = event.data, "text/plain"
    cloud: dict[str, Any] = {
        "specversion": SPEC_VERSION,
        "id": event.id,
        "type": event.event_type,
        "source": EVENT_SOURCE,
        "time": _time(event.created_at),
        "datacontenttype": content_type,
        "data": data,
        "description": event.description,
        "importance": repr(event.importance),
        "sequence": event.sequence,
    }
    if event.HasField("agent_id"):
        cloud["agentid"] = event.agent_id
    if event.HasField("task_id"):
        cloud["taskid"] = event.task_id
    return cloud


def memory_cloudevent(memory: spark_pb2.Memory) -> dict[str, Any]:
    return {
        "specversion": SPEC_VERSION,
        "id": memory.id,
        "type": MEMORY_TYPE,
        "source": MEMORY_SOURCE,
        "subject": memory.subject,
        "time": _time(memory.created_at),
        "datacontenttype": "application/json",
        "data": {
            "memory_type": memory.memory_type,
            "content": memory.content,
            "confidence": memory.confidence,
            "source_events": memory.source_events,
            "expires_at": _time(memory.expires_at) if memory.HasField("expires_at") else None,
            "updated_at": _time(memory.updated_at),
            "rule": memory.rule,
            "source_event_ids": list(memory.source_event_ids),
        },
    }


def is_memory(cloud: dict[str, Any]) -> bool:
    return cloud.get("type") == MEMORY_TYPE and cloud.get("source") == MEMORY_SOURCE


def _text(cloud: dict[str, Any], name: str, required: bool = True) -> str | None:
    value = cloud.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value


def event_fields(cloud: dict[str, Any]) -> dict[str, Any]:
    """RecordEvent's fields (as ``SparkClient.record_events`` takes them)."""
    if cloud.get("specversion") != SPEC_VERSION:
        raise ValueError(f"specversion must be 1.0, got {cloud.get('specversion')!r}")
    data = cloud.get("data", {})
    if not isinstance(data, dict):
        raise ValueError("data must be a JSON object to be recorded")
    importance = cloud.get("importance")
    return {
        "id": _text(cloud, "id"),
        "event_type": _text(cloud, "type"),
        "agent_id": _text(cloud, "agentid", required=False),
        "task_id": _text(cloud, "taskid", required=False),
        "description": cloud.get("description") or "",
        "data": json.dumps(data, separators=(",", ":"), ensure_ascii=False),
        "importance": float(importance) if importance is not None else None,
    }


def memory_fields(cloud: dict[str, Any]) -> dict[str, Any]:
    """StoreMemory's fields (as ``SparkClient.store_memory`` takes them)."""
    data = cloud.get("data")
    if not isinstance(data, dict):
        raise ValueError("a memory's data must be a JSON object")
    return {
        "id": _text(cloud, "id"),
        "memory_type": data["memory_type"],
        "content": data["content"],
        "subject": cloud.get("subject") or "",
        "confidence": float(data["confidence"]),
        "source_events": int(data.get("source_events") or 0),
        "expires_at": data.get("expires_at") or None,
    }
