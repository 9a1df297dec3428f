"""The SparkService servicer: validation and mapping, no SQL.

Each handler turns its request into validated domain values
(``validation``), calls the store, and maps the records back to protobuf.
Domain errors raised anywhere below become gRPC statuses in one place
(``_reported``), with a ``google.rpc.BadRequest`` detail naming the field for
``INVALID_ARGUMENT``.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.protobuf.timestamp_pb2 import Timestamp
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from spark_grpc import validation as check
from spark_grpc.consolidation import ConsolidationConfig
from spark_grpc.consolidator import Consolidator
from spark_grpc.errors import (
    InvalidArgument,
    ResourceExhausted,
    SparkError,
    Unavailable,
    status_for,
)
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from spark_grpc.memory_feed import MemoryChange, MemoryFeed
from spark_grpc.models import EventRecord, MemoryRecord
from spark_grpc.scoring import score_importance
from spark_grpc.store.base import (
    EventQuery,
    EventStore,
    MemoryChanges,
    MemoryQuery,
    NewEvent,
    NewMemory,
    event_fingerprint,
    memory_fingerprint,
)

logger = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

DEFAULT_EVENT_LIMIT = 100  # the seed's get_events default
DEFAULT_MEMORY_LIMIT = 50  # the seed's get_memories default


@dataclass(frozen=True, slots=True)
class ServiceLimits:
    """Bounds on what one call may ask of the server."""

    # Events per ListEvents message.
    page_size: int = 500
    # Items per RecordEvents batch.
    max_batch: int = 10_000
    # Concurrent ListEvents(follow) and WatchMemories streams.
    max_followers: int = 1_000
    # Memories per ListMemories answer (a larger limit is clamped).
    max_memory_limit: int = 10_000
    # Characters in event_type, memory_type, subject, agent_id, task_id.
    max_name_length: int = 256
    # Characters in description and content.
    max_text_length: int = 65_536
    # UTF-8 bytes of an event's data.
    max_data_bytes: int = 1024 * 1024
    # Bytes per ListEvents message (a larger single event goes alone), so
    # that a page of large events stays under every client's receive limit.
    max_page_bytes: int = 1024 * 1024
    # Bytes of a unary answer (ListMemories): gRPC's default receive limit.
    max_response_bytes: int = 4 * 1024 * 1024


DEFAULT_LIMITS = ServiceLimits()


# ── mapping ───────────────────────────────────────────────────────────────
def _epoch_parts(moment: datetime) -> tuple[int, int]:
    """(seconds, nanos) of a Timestamp, exactly (no float rounding)."""
    delta = moment - _EPOCH
    return delta.days * 86_400 + delta.seconds, delta.microseconds * 1000


def timestamp_proto(moment: datetime) -> Timestamp:
    seconds, nanos = _epoch_parts(moment)
    return Timestamp(seconds=seconds, nanos=nanos)


def event_proto(event: EventRecord) -> spark_pb2.Event:
    # The hot path of every read: created_at is set in place, which costs
    # a third of building a Timestamp and copying it into the event.
    proto = spark_pb2.Event(
        id=event.id,
        event_type=event.event_type,
        agent_id=event.agent_id,
        task_id=event.task_id,
        description=event.description,
        data=event.data,
        importance=event.importance,
        sequence=event.sequence,
    )
    created = proto.created_at
    created.seconds, created.nanos = _epoch_parts(event.created_at)
    return proto


def memory_proto(memory: MemoryRecord) -> spark_pb2.Memory:
    return spark_pb2.Memory(
        id=memory.id,
        memory_type=memory.memory_type,
        subject=memory.subject,
        content=memory.content,
        confidence=memory.confidence,
        source_events=memory.source_events,
        created_at=timestamp_proto(memory.created_at),
        expires_at=timestamp_proto(memory.expires_at) if memory.expires_at else None,
        updated_at=timestamp_proto(memory.updated_at),
        rule=memory.rule,
        source_event_ids=memory.source_event_ids,
    )


def event_matches(query: EventQuery, event: EventRecord) -> bool:
    """The store's filter, in memory (for followers fed from recent commits)."""
    return (
        event.importance >= query.min_importance
        and (not query.event_type or event.event_type == query.event_type)
        and (not query.agent_id or event.agent_id == query.agent_id)
        and (not query.task_id or event.task_id == query.task_id)
        and (query.since is None or event.created_at >= query.since)
        and (query.until is None or event.created_at < query.until)
    )


# ── errors ────────────────────────────────────────────────────────────────
def _status(error: SparkError) -> grpc.Status:
    code = status_for(error)
    status = status_pb2.Status(code=code.value[0], message=error.message)
    if isinstance(error, InvalidArgument):
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=error.field, description=error.description
                    )
                ]
            )
        )
        status.details.append(detail)
    return rpc_status.to_status(status)


async def _abort(context: grpc.aio.ServicerContext, error: SparkError) -> None:
    status = _status(error)
    await context.abort(status.code, status.details, status.trailing_metadata)


async def _abort_internal(context: grpc.aio.ServicerContext, method: str) -> None:
    logger.exception("%s failed", method)
    await context.abort(grpc.StatusCode.INTERNAL, "spark: internal error (see the server log)")


def _reported(method: Callable) -> Callable:
    """Report domain errors as gRPC statuses; log anything else as INTERNAL."""
    name = method.__name__
    if inspect.isasyncgenfunction(method):

        @functools.wraps(method)
        async def stream(self: Any, request: Any, context: Any) -> AsyncIterator:
            try:
                async for message in method(self, request, context):
                    yield message
            except SparkError as error:
                await _abort(context, error)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception:
                await _abort_internal(context, name)

        return stream

    @functools.wraps(method)
    async def unary(self: Any, request: Any, context: Any) -> Any:
        try:
            return await method(self, request, context)
        except SparkError as error:
            await _abort(context, error)
        except (asyncio.CancelledError, grpc.aio.AbortError):
            raise
        except Exception:
            await _abort_internal(context, name)

    return unary


# ── request validation ────────────────────────────────────────────────────
def new_event(
    request: spark_pb2.RecordEventRequest,
    prefix: str = "",
    limits: ServiceLimits = DEFAULT_LIMITS,
) -> NewEvent:
    names = limits.max_name_length
    event_type = check.required_text(f"{prefix}event_type", request.event_type)
    check.max_length(f"{prefix}event_type", event_type, names)
    check.max_length(f"{prefix}agent_id", request.agent_id, names)
    check.max_length(f"{prefix}task_id", request.task_id, names)
    check.max_length(f"{prefix}description", request.description, limits.max_text_length)
    check.max_bytes(f"{prefix}data", request.data, limits.max_data_bytes)
    data, value = check.json_object(f"{prefix}data", request.data)
    has_importance = request.HasField("importance")
    importance = (
        check.unit_interval(f"{prefix}importance", request.importance)
        if has_importance
        else score_importance(event_type, value)
    )
    agent_id = request.agent_id if request.HasField("agent_id") else None
    task_id = request.task_id if request.HasField("task_id") else None
    event_id = None
    digest = None
    if request.HasField("id"):
        event_id = check.client_id(f"{prefix}id", request.id)
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


def event_query(request: spark_pb2.ListEventsRequest) -> tuple[EventQuery, int]:
    """The validated query and limit (0 = no limit) of a ListEvents call."""
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


def new_memory(
    request: spark_pb2.StoreMemoryRequest, limits: ServiceLimits = DEFAULT_LIMITS
) -> NewMemory:
    memory_type = check.required_text("memory_type", request.memory_type)
    check.max_length("memory_type", memory_type, limits.max_name_length)
    check.max_length("subject", request.subject, limits.max_name_length)
    content = check.required_text("content", request.content)
    check.max_length("content", content, limits.max_text_length)
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


def memory_changes(
    request: spark_pb2.UpdateMemoryRequest, limits: ServiceLimits = DEFAULT_LIMITS
) -> MemoryChanges:
    content = (
        check.required_text("content", request.content) if request.HasField("content") else None
    )
    if content is not None:
        check.max_length("content", content, limits.max_text_length)
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


# ── the servicer ──────────────────────────────────────────────────────────
class SparkService(spark_pb2_grpc.SparkServiceServicer):
    """Thin: proto in, validated values to the store, proto out."""

    def __init__(
        self,
        store: EventStore,
        *,
        limits: ServiceLimits | None = None,
        on_events: Callable[[list[EventRecord]], None] | None = None,
        consolidator: Consolidator | None = None,
        feed: MemoryFeed | None = None,
    ) -> None:
        self.store = store
        self.limits = limits or ServiceLimits()
        self.feed = feed if feed is not None else MemoryFeed()
        self.consolidator = (
            consolidator
            if consolidator is not None
            else Consolidator(store, ConsolidationConfig(), on_change=self.feed.publish_diff)
        )
        # Called with newly stored events (automatic consolidation).
        self._on_events = on_events
        self._followers = 0
        self._stopping = False

    def begin_shutdown(self) -> None:
        """End follow streams (UNAVAILABLE: resume later) and refuse new ones."""
        self._stopping = True
        self.feed.close()
        self.store.wake_waiters()

    def _stored(self, records: list[EventRecord]) -> None:
        if self._on_events is not None and records:
            self._on_events(records)

    @_reported
    async def RecordEvent(self, request, context):  # noqa: N802 (gRPC method name)
        event = new_event(request, limits=self.limits)
        [(record, duplicate)] = await self.store.append([event])
        if not duplicate:
            self._stored([record])
        return spark_pb2.RecordEventResponse(event=event_proto(record), duplicate=duplicate)

    @_reported
    async def RecordEvents(self, request, context):  # noqa: N802
        if not request.events:
            raise InvalidArgument("events", "must hold at least one event")
        if len(request.events) > self.limits.max_batch:
            raise InvalidArgument(
                "events",
                f"must hold at most {self.limits.max_batch} events, got {len(request.events)}",
            )
        batch = [
            new_event(item, f"events[{i}].", self.limits) for i, item in enumerate(request.events)
        ]
        try:
            results = await self.store.append(batch)
        except SparkError as error:
            index = getattr(error, "index", None)
            if index is not None:
                error.args = (error.message.replace("spark: ", f"spark: events[{index}].", 1),)
            raise
        self._stored([record for record, duplicate in results if not duplicate])
        return spark_pb2.RecordEventsResponse(events=[event_proto(r) for r, _ in results])

    @_reported
    async def ListEvents(self, request, context):  # noqa: N802
        query, limit = event_query(request)
        if request.follow:
            async for message in self._follow(query, limit):
                yield message
            return
        page_size = self.limits.page_size
        remaining = limit
        while remaining > 0:
            page = await self.store.read_events(query, min(page_size, remaining))
            for message in self._messages(page.events):
                yield message
            if not page.more:
                return
            remaining -= len(page.events)
            query = page.next_query

    async def _follow(self, query: EventQuery, limit: int) -> AsyncIterator:
        if self._stopping:
            raise _shutting_down(query.after_sequence)
        if self._followers >= self.limits.max_followers:
            raise ResourceExhausted(
                f"too many follow streams (at most {self.limits.max_followers}); retry later"
            )
        self._followers += 1
        try:
            async for message in self._follow_stream(query, limit):
                yield message
        finally:
            self._followers -= 1

    async def _follow_stream(self, query: EventQuery, limit: int) -> AsyncIterator:
        store = self.store
        page_size = self.limits.page_size
        remaining = limit or -1  # -1: no limit
        cursor = query.after_sequence

        def take(events: list[EventRecord]) -> list[EventRecord]:
            nonlocal remaining
            if remaining >= 0:
                events = events[:remaining]
                remaining -= len(events)
            return events

        # History, oldest first, in pages; the last short page ends it.
        while True:
            mark = store.committed_sequence
            page = await store.read_events(replace(query, after_sequence=cursor), page_size)
            events = take(page.events)
            if events:
                cursor = events[-1].sequence
            if remaining == 0:
                # The limit ends the stream before the history does.
                for message in self._messages(events):
                    yield message
                return
            if not page.more:
                # Every event committed up to `mark` was visible to that read.
                cursor = max(cursor, mark)
                for message in self._messages(events, caught_up=True):
                    yield message
                break
            for message in self._messages(events):
                yield message

        # Live: woken by commits. A follower that keeps up is fed from the
        # store's recent commits; one that fell behind (it stopped reading,
        # and gRPC flow control held this generator at a yield) reads its
        # backlog from the database a page at a time, so the backlog never
        # sits in the server's memory.
        recent = getattr(store, "recent_after", None)
        while True:
            committed = await store.wait_for_commit(cursor)
            if self._stopping or store.closed:
                raise _shutting_down(cursor)
            if committed <= cursor:
                continue
            fresh = recent(cursor, committed) if recent is not None else None
            if fresh is not None:
                events = take([e for e in fresh if event_matches(query, e)])
                cursor = committed
                for message in self._messages(events):
                    yield message
                if remaining == 0:
                    return
                continue
            live = replace(query, after_sequence=cursor, through_sequence=committed)
            while True:
                if self._stopping or store.closed:
                    raise _shutting_down(cursor)
                page = await store.read_events(live, page_size)
                events = take(page.events)
                last_page = not page.more
                cursor = committed if last_page else page.events[-1].sequence
                for message in self._messages(events):
                    yield message
                if remaining == 0:
                    return
                if last_page:
                    break
                live = page.next_query

    def _messages(
        self, events: list[EventRecord], *, caught_up: bool = False
    ) -> Iterator[spark_pb2.ListEventsResponse]:
        """ListEvents messages holding ``events``, each at most page_size
        events and max_page_bytes (a larger event goes alone); with
        ``caught_up``, the last message says so (an empty one if no events)."""
        if len(events) <= self.limits.page_size:
            # The usual case, a page of small events, as one message: one
            # size check for the whole message instead of one per event.
            message = spark_pb2.ListEventsResponse(
                events=[event_proto(event) for event in events], caught_up=caught_up
            )
            if message.ByteSize() <= self.limits.max_page_bytes:
                if events or caught_up:
                    yield message
                return
        chunk: list[spark_pb2.Event] = []
        size = 0
        for event in events:
            proto = event_proto(event)
            length = proto.ByteSize()
            if chunk and (
                len(chunk) >= self.limits.page_size or size + length > self.limits.max_page_bytes
            ):
                yield spark_pb2.ListEventsResponse(events=chunk)
                chunk, size = [], 0
            chunk.append(proto)
            size += length
        if chunk or caught_up:
            yield spark_pb2.ListEventsResponse(events=chunk, caught_up=caught_up)

    @_reported
    async def StoreMemory(self, request, context):  # noqa: N802
        memory, duplicate = await self.store.store_memory(new_memory(request, self.limits))
        if not duplicate:
            self.feed.publish([MemoryChange("created", memory)])
        return spark_pb2.StoreMemoryResponse(memory=memory_proto(memory), duplicate=duplicate)

    @_reported
    async def ListMemories(self, request, context):  # noqa: N802
        if request.limit < 0:
            raise InvalidArgument("limit", f"must not be negative, got {request.limit}")
        limit = min(request.limit or DEFAULT_MEMORY_LIMIT, self.limits.max_memory_limit)
        memories = await self.store.list_memories(memory_query(request), limit, datetime.now(UTC))
        response = spark_pb2.ListMemoriesResponse(memories=[memory_proto(m) for m in memories])
        size = response.ByteSize()
        if size > self.limits.max_response_bytes:
            raise ResourceExhausted(
                f"the answer would be {size} bytes, more than {self.limits.max_response_bytes};"
                " ask for fewer memories (limit)"
            )
        return response

    @_reported
    async def Count(self, request, context):  # noqa: N802
        kind = request.type if request.HasField("type") and request.type else None
        if request.target == spark_pb2.COUNT_TARGET_EVENTS:
            count = await self.store.count_events(kind)
        elif request.target == spark_pb2.COUNT_TARGET_MEMORIES:
            query = MemoryQuery(memory_type=kind, include_expired=request.include_expired)
            count = await self.store.count_memories(query, datetime.now(UTC))
        else:
            raise InvalidArgument(
                "target",
                f"must be COUNT_TARGET_EVENTS or COUNT_TARGET_MEMORIES, got {request.target}",
            )
        return spark_pb2.CountResponse(count=count)

    @_reported
    async def UpdateMemory(self, request, context):  # noqa: N802
        memory_id = check.required_text("id", request.id)
        memory = await self.store.update_memory(memory_id, memory_changes(request, self.limits))
        self.feed.publish([MemoryChange("updated", memory)])
        return spark_pb2.UpdateMemoryResponse(memory=memory_proto(memory))

    @_reported
    async def DeleteMemory(self, request, context):  # noqa: N802
        memory_id = check.required_text("id", request.id)
        memory = await self.store.delete_memory(memory_id)
        self.feed.publish([MemoryChange("deleted", memory)])
        return spark_pb2.DeleteMemoryResponse(memory=memory_proto(memory))

    @_reported
    async def Consolidate(self, request, context):  # noqa: N802
        agent_id = check.optional_filter(request, "agent_id")
        diff = await self.consolidator.consolidate(agent_id)
        return spark_pb2.ConsolidateResponse(
            created=[memory_proto(m) for m in diff.created],
            updated=[memory_proto(m) for m in diff.updated],
            expired=[memory_proto(m) for m in diff.expired],
        )

    @_reported
    async def WatchMemories(self, request, context):  # noqa: N802
        query = memory_query(request)
        if self._stopping:
            raise Unavailable("the server is shutting down")
        if self._followers >= self.limits.max_followers:
            raise ResourceExhausted(
                f"too many streams (at most {self.limits.max_followers}); retry later"
            )
        self._followers += 1
        # Subscribe before reading the existing memories, so no change
        # between the read and the subscription is missed.
        watcher = self.feed.subscribe(query.memory_type, query.subject)
        try:
            if request.include_existing:
                existing = await self.store.list_memories(
                    query, self.limits.max_memory_limit, datetime.now(UTC)
                )
                for memory in existing:
                    yield spark_pb2.WatchMemoriesResponse(
                        kind=spark_pb2.MEMORY_CHANGE_KIND_EXISTING, memory=memory_proto(memory)
                    )
            yield spark_pb2.WatchMemoriesResponse(caught_up=True)
            while True:
                change = await watcher.queue.get()
                if change is None:
                    if watcher.overflowed:
                        raise ResourceExhausted(
                            "the watcher fell too far behind; watch again with include_existing"
                        )
                    raise Unavailable("the server is shutting down; watch again later")
                yield spark_pb2.WatchMemoriesResponse(
                    kind=_CHANGE_KINDS[change.kind], memory=memory_proto(change.memory)
                )
        finally:
            self.feed.unsubscribe(watcher)
            self._followers -= 1


_CHANGE_KINDS = {
    "created": spark_pb2.MEMORY_CHANGE_KIND_CREATED,
    "updated": spark_pb2.MEMORY_CHANGE_KIND_UPDATED,
    "expired": spark_pb2.MEMORY_CHANGE_KIND_EXPIRED,
    "deleted": spark_pb2.MEMORY_CHANGE_KIND_DELETED,
}


def _shutting_down(cursor: int) -> SparkError:
    return Unavailable(
        f"the server is shutting down; resume with after_sequence={cursor} on reconnect"
    )
