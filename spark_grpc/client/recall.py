"""Search and history: the request builders of SearchMemories, SearchEvents
and ListMemoryRevisions, and how their answers become results (declared as
methods of both clients in ``sync`` and ``aio``)."""

from __future__ import annotations

from spark_grpc.client.requests import TimestampLike, _times
from spark_grpc.gen.spark.v1 import spark_pb2


def search_memories_request(
    query: str,
    *,
    subject: str = "",
    memory_type: str = "",
    limit: int = 0,
    include_expired: bool = False,
) -> spark_pb2.SearchMemoriesRequest:
    """Memories matching ``query`` (words, "phrases", ``pars*``), best first;
    each hit has ``.memory`` and ``.score``."""
    return spark_pb2.SearchMemoriesRequest(
        query=query,
        subject=subject,
        memory_type=memory_type,
        limit=limit,
        include_expired=include_expired,
    )


def search_events_request(
    query: str,
    *,
    event_type: str | None = None,
    agent_id: str | None = None,
    task_id: str | None = None,
    min_importance: float = 0.0,
    since: TimestampLike | None = None,
    until: TimestampLike | None = None,
    limit: int = 0,
) -> spark_pb2.SearchEventsRequest:
    """Events whose description or data match ``query``, best first; each
    hit has ``.event`` and ``.score``."""
    request = spark_pb2.SearchEventsRequest(
        query=query,
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        min_importance=min_importance,
        limit=limit,
    )
    _times(request, since=since, until=until)
    return request


def list_memory_revisions_request(memory_id: str) -> spark_pb2.ListMemoryRevisionsRequest:
    """Every revision of a memory, oldest first (a deleted one's too)."""
    return spark_pb2.ListMemoryRevisionsRequest(memory_id=memory_id)


def memory_hits(response: spark_pb2.SearchMemoriesResponse) -> list[spark_pb2.MemoryHit]:
    return list(response.hits)


def event_hits(response: spark_pb2.SearchEventsResponse) -> list[spark_pb2.EventHit]:
    return list(response.hits)


def revisions_of(
    response: spark_pb2.ListMemoryRevisionsResponse,
) -> list[spark_pb2.MemoryRevision]:
    return list(response.revisions)
