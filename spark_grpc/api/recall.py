"""Requests and answers of search and history: SearchMemories,
SearchEvents, ListMemoryRevisions, and ListMemories with as_of. The
servicer's handlers call these (check, call, map)."""

from __future__ import annotations

from datetime import UTC, datetime

from spark_grpc.api import validation as check
from spark_grpc.api.mapping import CHANGE_KINDS, event_proto, memory_proto, timestamp_proto
from spark_grpc.api.requests import event_query
from spark_grpc.config import ServerConfig
from spark_grpc.core.errors import InvalidArgument, memory_not_found
from spark_grpc.core.models import EventQuery, MemoryQuery
from spark_grpc.core.search import parse_query
from spark_grpc.gen.spark.v1 import spark_pb2
from spark_grpc.store.base import EventStore

DEFAULT_HITS = 10
MAX_HITS = 100


def hit_limit(limit: int) -> int:
    """AIP-158: 0 is the default, above the maximum is clamped."""
    if limit < 0:
        raise InvalidArgument("limit", f"must not be negative, got {limit}")
    return min(limit or DEFAULT_HITS, MAX_HITS)


async def search_memories(
    store: EventStore, request: spark_pb2.SearchMemoriesRequest, settings: ServerConfig
) -> spark_pb2.SearchMemoriesResponse:
    query = parse_query(request.query)
    check.max_length("subject", request.subject, settings.max_name_length)
    check.max_length("memory_type", request.memory_type, settings.max_name_length)
    where = MemoryQuery(
        memory_type=request.memory_type or None,
        subject=request.subject or None,
        include_expired=request.include_expired,
    )
    hits = await store.search_memories(query, where, hit_limit(request.limit), datetime.now(UTC))
    return spark_pb2.SearchMemoriesResponse(
        hits=[spark_pb2.MemoryHit(memory=memory_proto(m), score=score) for m, score in hits]
    )


async def search_events(
    store: EventStore, request: spark_pb2.SearchEventsRequest
) -> spark_pb2.SearchEventsResponse:
    query = parse_query(request.query)
    limit = hit_limit(request.limit)
    # The filters are ListEvents' own, checked by the same code.
    listing = spark_pb2.ListEventsRequest(min_importance=request.min_importance)
    for name in ("event_type", "agent_id", "task_id", "since", "until"):
        if request.HasField(name):
            value = getattr(request, name)
            if name in ("since", "until"):
                getattr(listing, name).CopyFrom(value)
            else:
                setattr(listing, name, value)
    filters, _ = event_query(listing)
    where = EventQuery(
        event_type=filters.event_type,
        agent_id=filters.agent_id,
        task_id=filters.task_id,
        min_importance=filters.min_importance,
        since=filters.since,
        until=filters.until,
    )
    hits = await store.search_events(query, where, limit)
    return spark_pb2.SearchEventsResponse(
        hits=[spark_pb2.EventHit(event=event_proto(e), score=score) for e, score in hits]
    )


async def memory_revisions(
    store: EventStore, request: spark_pb2.ListMemoryRevisionsRequest
) -> spark_pb2.ListMemoryRevisionsResponse:
    memory_id = check.required_text("memory_id", request.memory_id)
    revisions = await store.memory_revisions(memory_id)
    if not revisions:
        raise memory_not_found(memory_id)
    return spark_pb2.ListMemoryRevisionsResponse(
        revisions=[
            spark_pb2.MemoryRevision(
                revision=r.revision,
                kind=CHANGE_KINDS[r.kind],
                memory=memory_proto(r.memory),
                actor=r.actor,
                changed_at=timestamp_proto(r.changed_at),
            )
            for r in revisions
        ]
    )


def as_of(request: spark_pb2.ListMemoriesRequest) -> datetime | None:
    if not request.HasField("as_of"):
        return None
    return check.timestamp("as_of", request.as_of)
