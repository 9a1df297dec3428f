"""Requests to validated domain values: each function takes a request
message (and the server's settings) and returns what the store takes, or
raises ``InvalidArgument`` naming the field. No I/O here."""

from __future__ import annotations

from typing import Any

from spark_grpc.api import validation as check
from spark_grpc.config import ServerConfig
from spark_grpc.core.errors import InvalidArgument
from spark_grpc.core.idempotency import event_fingerprint, memory_fingerprint
from spark_grpc.core.models import (
    AppendCondition,
    EventQuery,
    MemoryChanges,
    MemoryQuery,
    NewEvent,
    NewMemory,
)
from spark_grpc.core.scoring import score_importance
from spark_grpc.gen.spark.v1 import spark_pb2

DEFAULT_EVENT_LIMIT = 100  # the seed's get_events default
DEFAULT_MEMORY_LIMIT = 50  # the seed's get_memories default


def new_event(request: spark_pb2.RecordEventRequest, settings: ServerConfig) -> NewEvent:
    names = settings.max_name_length
    event_type = check.required_text("event_type", request.event_type)
    check.max_length("event_type", event_type, names)
    check.max_length("agent_id", request.agent_id, names)
    check.max_length("task_id", request.task_id, names)
    check.max_length("description", request.description, settings.max_text_length)
    check.max_bytes("data", request.data, settings.max_data_bytes)
    data, value = check.json_object("data", request.data, settings.max_data_depth)
    has_importance = request.HasField("importance")
    importance = (
        check.unit_interval("importance", request.importance)
        if has_importance
        else score_importance(event_type, value)
    )
    agent_id = request.agent_id if request.HasField("agent_id") else None
    task_id = request.task_id if request.HasField("task_id") else None
    event_id = None
    digest = None
    if request.HasField("id"):
        event_id = check.client_id("id", request.id)
        digest = event_fingerprint(
            event_type,
            agent_id,
            task_id,
            request.description,
            data,
            importance if has_importance else None,
        )
    return NewEvent(
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        description=request.description,
        data=data,
        importance=importance,
        id=event_id,
        fingerprint=digest,
    )


def append_condition(message: spark_pb2.AppendCondition, field: str) -> AppendCondition:
    """An append's condition; ``field`` is its name in the request."""
    after = check.not_negative(f"{field}.after_sequence", message.after_sequence)
    return AppendCondition(
        event_type=message.event_type or None,
        agent_id=message.agent_id if message.HasField("agent_id") else None,
        task_id=message.task_id if message.HasField("task_id") else None,
        after_sequence=after,
    )


def event_condition(request: spark_pb2.RecordEventRequest) -> AppendCondition | None:
    if not request.HasField("condition"):
        return None
    return append_condition(request.condition, "condition")


def batch_condition(request: spark_pb2.RecordEventsRequest) -> AppendCondition | None:
    for index, item in enumerate(request.events):
        if item.HasField("condition"):
            raise InvalidArgument(
                f"events[{index}].condition",
                "is not allowed in a batch; set RecordEventsRequest.condition",
            )
    if not request.HasField("condition"):
        return None
    return append_condition(request.condition, "condition")


def new_events(request: spark_pb2.RecordEventsRequest, settings: ServerConfig) -> list[NewEvent]:
    """A batch's events; an error names its item (``events[3].importance``)."""
    if not request.events:
        raise InvalidArgument("events", "must hold at least one event")
    if len(request.events) > settings.max_batch:
        raise InvalidArgument(
            "events", f"must hold at most {settings.max_batch} events, got {len(request.events)}"
        )
    batch = []
    for index, item in enumerate(request.events):
        try:
            batch.append(new_event(item, settings))
        except InvalidArgument as error:
            raise error.in_item("events", index) from None
    return batch


def consumer_name(field: str, value: str) -> str:
    """A durable consumer's name: 1-128 visible ASCII characters."""
    return check.client_id(field, check.required_text(field, value))


def event_query(request: spark_pb2.ListEventsRequest) -> tuple[EventQuery, int]:
    """The validated query and limit (0 = no limit) of a ListEvents call."""
    if request.consumer:
        consumer_name("consumer", request.consumer)
        if not request.follow:
            raise InvalidArgument("consumer", "needs follow=true")
    if request.limit < 0:
        raise InvalidArgument("limit", f"must not be negative, got {request.limit}")
    check.not_negative("after_sequence", request.after_sequence)
    if request.order not in spark_pb2.Order.values():
        raise InvalidArgument("order", f"is not a known Order, got {request.order}")
    if request.follow and request.order == spark_pb2.ORDER_NEWEST_FIRST:
        raise InvalidArgument("order", "must not be ORDER_NEWEST_FIRST when follow is set")
    since = check.timestamp("since", request.since) if request.HasField("since") else None
    until = check.timestamp("until", request.until) if request.HasField("until") else None
    if since is not None and until is not None and since > until:
        raise InvalidArgument("since", f"must not be after until ({since} > {until})")
    newest_first = request.order != spark_pb2.ORDER_OLDEST_FIRST and not request.follow
    limit = request.limit or (0 if request.follow else DEFAULT_EVENT_LIMIT)
    query = EventQuery(
        event_type=check.optional_filter(request, "event_type"),
        agent_id=check.optional_filter(request, "agent_id"),
        task_id=check.optional_filter(request, "task_id"),
        min_importance=check.minimum("min_importance", request.min_importance),
        since=since,
        until=until,
        after_sequence=request.after_sequence,
        newest_first=newest_first,
    )
    return query, limit


def new_memory(request: spark_pb2.StoreMemoryRequest, settings: ServerConfig) -> NewMemory:
    memory_type = check.required_text("memory_type", request.memory_type)
    check.max_length("memory_type", memory_type, settings.max_name_length)
    check.max_length("subject", request.subject, settings.max_name_length)
    content = check.required_text("content", request.content)
    check.max_length("content", content, settings.max_text_length)
    subject = request.subject or "system"
    has_confidence = request.HasField("confidence")
    confidence = check.unit_interval("confidence", request.confidence) if has_confidence else 0.5
    source_events = check.not_negative("source_events", request.source_events)
    expires_at = (
        check.timestamp("expires_at", request.expires_at)
        if request.HasField("expires_at")
        else None
    )
    memory_id = None
    digest = None
    if request.HasField("id"):
        memory_id = check.client_id("id", request.id)
        digest = memory_fingerprint(
            memory_type,
            subject,
            content,
            confidence if has_confidence else None,
            source_events,
            expires_at,
        )
    return NewMemory(
        memory_type=memory_type,
        subject=subject,
        content=content,
        confidence=confidence,
        source_events=source_events,
        expires_at=expires_at,
        id=memory_id,
        fingerprint=digest,
    )


def memory_query(request: Any) -> MemoryQuery:
    """The filter of ListMemories or WatchMemories."""
    min_confidence = getattr(request, "min_confidence", 0.0)
    return MemoryQuery(
        memory_type=check.optional_filter(request, "memory_type"),
        subject=check.optional_filter(request, "subject"),
        min_confidence=check.minimum("min_confidence", min_confidence),
        include_expired=getattr(request, "include_expired", False),
    )


def memory_limit(request: spark_pb2.ListMemoriesRequest, settings: ServerConfig) -> int:
    """AIP-158: 0 is the default, above the maximum is clamped."""
    if request.limit < 0:
        raise InvalidArgument("limit", f"must not be negative, got {request.limit}")
    return min(request.limit or DEFAULT_MEMORY_LIMIT, settings.max_memory_limit)


def memory_changes(request: spark_pb2.UpdateMemoryRequest, settings: ServerConfig) -> MemoryChanges:
    content = (
        check.required_text("content", request.content) if request.HasField("content") else None
    )
    if content is not None:
        check.max_length("content", content, settings.max_text_length)
    confidence = (
        check.unit_interval("confidence", request.confidence)
        if request.HasField("confidence")
        else None
    )
    has_expiry = request.HasField("expires_at")
    if has_expiry and request.clear_expires_at:
        raise InvalidArgument("clear_expires_at", "cannot be combined with expires_at")
    expires_at = check.timestamp("expires_at", request.expires_at) if has_expiry else None
    return MemoryChanges(
        content=content,
        confidence=confidence,
        expires_at=expires_at,
        clear_expires_at=request.clear_expires_at,
    )
