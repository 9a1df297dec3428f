"""Search and history methods of ``SparkClient`` (a mixin): SearchMemories,
SearchEvents and ListMemoryRevisions, with keyword arguments named like the
requests' fields."""

from __future__ import annotations

from typing import Any

from spark_grpc.gen.spark.v1 import spark_pb2


class RecallMethods:
    """Needs ``_call(method, request)`` and ``_set_optional`` of ``sync``."""

    def _call(self, method: str, request: Any) -> Any:  # pragma: no cover (SparkClient's)
        raise NotImplementedError

    def search_memories(
        self,
        query: str,
        *,
        subject: str = "",
        memory_type: str = "",
        limit: int = 0,
        include_expired: bool = False,
    ) -> list[spark_pb2.MemoryHit]:
        """Memories matching ``query`` (words, "phrases", ``pars*``), best
        first; each hit has ``.memory`` and ``.score``."""
        request = spark_pb2.SearchMemoriesRequest(
            query=query,
            subject=subject,
            memory_type=memory_type,
            limit=limit,
            include_expired=include_expired,
        )
        return list(self._call("SearchMemories", request).hits)

    def search_events(
        self,
        query: str,
        *,
        event_type: str | None = None,
        agent_id: str | None = None,
        task_id: str | None = None,
        min_importance: float = 0.0,
        since: Any = None,
        until: Any = None,
        limit: int = 0,
    ) -> list[spark_pb2.EventHit]:
        """Events whose description or data match ``query``, best first;
        each hit has ``.event`` and ``.score``."""
        from spark_grpc.client.sync import _set_optional

        request = _set_optional(
            spark_pb2.SearchEventsRequest(query=query, min_importance=min_importance, limit=limit),
            event_type=event_type,
            agent_id=agent_id,
            task_id=task_id,
            since=since,
            until=until,
        )
        return list(self._call("SearchEvents", request).hits)

    def list_memory_revisions(self, memory_id: str) -> list[spark_pb2.MemoryRevision]:
        """Every revision of a memory, oldest first (deleted ones too)."""
        request = spark_pb2.ListMemoryRevisionsRequest(memory_id=memory_id)
        return list(self._call("ListMemoryRevisions", request).revisions)
