"""How the client commands print: one readable line per record, or with
``--json`` one JSON object per line, with numbers as numbers (a sequence is
not a string) and an event's ``data`` as the JSON object it holds."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from spark_grpc.client import MemoryChange, from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2

_INT64 = {
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_FIXED64,
    FieldDescriptor.TYPE_SFIXED64,
}


def plain(message: Message) -> dict[str, Any]:
    """A message as a JSON-ready dict: proto field names, 64-bit integers as
    numbers, ``Event.data`` parsed."""
    return _fix(message, json_format.MessageToDict(message, preserving_proto_field_name=True))


def _fix(message: Message, value: dict[str, Any]) -> dict[str, Any]:
    for field in message.DESCRIPTOR.fields:
        if field.name not in value:
            continue
        item = getattr(message, field.name)
        if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.name != "Timestamp":
            if field.is_repeated:
                value[field.name] = [
                    _fix(m, v) for m, v in zip(item, value[field.name], strict=True)
                ]
            else:
                value[field.name] = _fix(item, value[field.name])
        elif field.type in _INT64:
            value[field.name] = int(item)
        elif isinstance(message, spark_pb2.Event) and field.name == "data":
            # Text that is not JSON (written by the old module) stays text.
            with contextlib.suppress(ValueError):
                value["data"] = json.loads(item)
    return value


def json_line(message: Message | dict[str, Any]) -> str:
    body = message if isinstance(message, dict) else plain(message)
    return json.dumps(body, ensure_ascii=False, separators=(", ", ": "))


def event_line(event: spark_pb2.Event) -> str:
    """``#SEQ TIME TYPE [IMPORTANCE] agent=A task=T DESCRIPTION DATA``"""
    when = from_timestamp(event.created_at).isoformat(timespec="milliseconds")
    text = f"#{event.sequence} {when} {event.event_type} [{event.importance:.2f}]"
    if event.HasField("agent_id"):
        text += f" agent={event.agent_id}"
    if event.HasField("task_id"):
        text += f" task={event.task_id}"
    if event.description:
        text += f" {event.description}"
    if event.data and event.data != "{}":
        text += f" {event.data}"
    return text


def memory_line(memory: spark_pb2.Memory) -> str:
    """``ID TIME TYPE SUBJECT [CONFIDENCE] CONTENT (expires TIME)``"""
    when = from_timestamp(memory.created_at).isoformat(timespec="seconds")
    text = (
        f"{memory.id} {when} {memory.memory_type} {memory.subject or '-'}"
        f" [{memory.confidence:.2f}] {memory.content}"
    )
    if memory.HasField("expires_at"):
        text += f" (expires {from_timestamp(memory.expires_at).isoformat(timespec='seconds')})"
    return text


def change_line(change: MemoryChange) -> str:
    """``#SEQ KIND MEMORY-LINE``"""
    assert change.memory is not None
    return f"#{change.sequence} {change.kind.name.lower()} {memory_line(change.memory)}"


def consumer_line(consumer: spark_pb2.Consumer) -> str:
    filters = " ".join(
        f"{name}={getattr(consumer, name)}"
        for name in ("event_type", "agent_id", "task_id")
        if consumer.HasField(name)
    )
    text = (
        f"{consumer.name} acked={consumer.acked_sequence} lag={consumer.lag}"
        f" head={consumer.head_sequence}"
    )
    return f"{text} {filters}" if filters else text


def emit(as_json: bool, message: Message | dict[str, Any], line: str) -> None:
    print(json_line(message) if as_json else line, flush=True)
