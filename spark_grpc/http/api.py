"""``/api/...``: JSON reads of the log and the memories.

Query parameters are the ListEvents / ListMemories fields
(``event_type``, ``agent_id``, ``task_id``, ``min_importance``, ``since``,
``until``, ``after_sequence``, ``limit``, ``order``; ``memory_type``,
``subject``, ``min_confidence``, ``include_expired``), checked by the same
validation as the gRPC requests: a bad one is a 400 naming the field.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime

from aiohttp import web
from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.api import requests
from spark_grpc.core.errors import InvalidArgument
from spark_grpc.core.models import MemoryQuery
from spark_grpc.gen.spark.v1 import spark_pb2
from spark_grpc.http.agents import agent_stats
from spark_grpc.http.encode import event_json, memory_json

# Events per agent that /api/agents reads (the newest).
DEFAULT_AGENT_WINDOW = 1000
MAX_AGENT_WINDOW = 100_000
MAX_EVENT_LIMIT = 10_000


def _number(params: Mapping[str, str], name: str, kind: type = int) -> float | int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        noun = "an integer" if kind is int else "a number"
        raise InvalidArgument(name, f"must be {noun}, got {raw!r}") from None


def _flag(params: Mapping[str, str], name: str) -> bool:
    return params.get(name, "").lower() in ("1", "true", "yes", "on")


def _timestamp(params: Mapping[str, str], name: str) -> Timestamp | None:
    raw = params.get(name)
    if not raw:
        return None
    stamp = Timestamp()
    try:
        stamp.FromJsonString(raw.replace(" ", "+"))
    except ValueError:
        raise InvalidArgument(name, f"must be an RFC 3339 time, got {raw!r}") from None
    return stamp


def events_request(params: Mapping[str, str]) -> spark_pb2.ListEventsRequest:
    """A ListEventsRequest from query parameters (validated later, as gRPC's)."""
    request = spark_pb2.ListEventsRequest()
    for name in ("event_type", "agent_id", "task_id"):
        if params.get(name):
            setattr(request, name, params[name])
    for name, kind in (("min_importance", float), ("after_sequence", int), ("limit", int)):
        value = _number(params, name, kind)
        if value is not None:
            setattr(request, name, value)
    for name in ("since", "until"):
        stamp = _timestamp(params, name)
        if stamp is not None:
            getattr(request, name).CopyFrom(stamp)
    order = params.get("order", "")
    if order in ("oldest_first", "ORDER_OLDEST_FIRST"):
        request.order = spark_pb2.ORDER_OLDEST_FIRST
    elif order not in ("", "newest_first", "ORDER_NEWEST_FIRST"):
        raise InvalidArgument("order", f"must be newest_first or oldest_first, got {order!r}")
    return request


def memory_query(params: Mapping[str, str]) -> MemoryQuery:
    request = spark_pb2.ListMemoriesRequest(include_expired=_flag(params, "include_expired"))
    for name in ("memory_type", "subject"):
        if params.get(name):
            setattr(request, name, params[name])
    confidence = _number(params, "min_confidence", float)
    if confidence is not None:
        request.min_confidence = confidence
    return requests.memory_query(request)


def bad_request(error: InvalidArgument) -> web.Response:
    return web.json_response({"error": error.message, "field": error.field}, status=400)


class JsonApi:
    def __init__(self, store, settings) -> None:
        self.store = store
        self.settings = settings

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/events", self.events),
            web.get("/api/memories", self.memories),
            web.get("/api/counts", self.counts),
            web.get("/api/agents", self.agents),
        ]

    async def events(self, request: web.Request) -> web.Response:
        try:
            query, limit = requests.event_query(events_request(request.query))
        except InvalidArgument as error:
            return bad_request(error)
        limit = min(limit, MAX_EVENT_LIMIT)
        found = []
        while len(found) < limit:
            page = await self.store.read_events(
                query, min(self.settings.page_size, limit - len(found))
            )
            found.extend(page.events)
            if not page.more:
                break
            query = page.next_query
        return web.json_response(
            {
                "events": [event_json(event) for event in found],
                "head_sequence": self.store.committed_sequence,
            }
        )

    async def memories(self, request: web.Request) -> web.Response:
        try:
            query = memory_query(request.query)
            limit = _number(request.query, "limit") or 0
            limit = requests.memory_limit(spark_pb2.ListMemoriesRequest(limit=limit), self.settings)
        except InvalidArgument as error:
            return bad_request(error)
        found = await self.store.list_memories(query, limit, datetime.now(UTC))
        return web.json_response(
            {
                "memories": [memory_json(memory) for memory in found],
                "memory_sequence": self.store.memory_commits.sequence,
            }
        )

    async def counts(self, request: web.Request) -> web.Response:
        event_type = request.query.get("event_type") or None
        memory_type = request.query.get("memory_type") or None
        now = datetime.now(UTC)
        events, memories = await asyncio.gather(
            self.store.count_events(event_type),
            self.store.count_memories(MemoryQuery(memory_type=memory_type), now),
        )
        return web.json_response(
            {
                "events": events,
                "memories": memories,
                "head_sequence": self.store.committed_sequence,
            }
        )

    async def agents(self, request: web.Request) -> web.Response:
        """Statistics of every agent over its newest ``window`` events."""
        try:
            window = _number(request.query, "window")
            window = DEFAULT_AGENT_WINDOW if window is None else window
            if not 1 <= window <= MAX_AGENT_WINDOW:
                raise InvalidArgument("window", f"must be within [1, {MAX_AGENT_WINDOW}]")
        except InvalidArgument as error:
            return bad_request(error)
        head = self.store.committed_sequence
        stats = []
        for agent_id in sorted(await self.store.agent_ids()):
            events = await self.store.recent_events(agent_id=agent_id, limit=int(window))
            stats.append(agent_stats(agent_id, events).as_json())
        return web.json_response({"agents": stats, "window": window, "head_sequence": head})
