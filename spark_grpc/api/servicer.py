"""The SparkService servicer: check, call, map.

Each handler turns its request into validated domain values (``requests``),
calls the store or the core (the follow engine, the consolidation runner),
and maps the records back to protobuf (``mapping``). Domain errors raised
anywhere below become gRPC statuses in one place (``status.reported``).
Memory changes reach watchers through the store, never from here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

from spark_grpc.api import recall, requests
from spark_grpc.api import validation as check
from spark_grpc.api.identity import caller_name
from spark_grpc.api.mapping import CHANGE_KINDS, consumer_proto, event_proto, memory_proto
from spark_grpc.api.status import reported
from spark_grpc.config import ServerConfig
from spark_grpc.core.consolidator import Consolidator
from spark_grpc.core.errors import InvalidArgument, ResourceExhausted, SparkError, shutting_down
from spark_grpc.core.follow import EventSource, MemoryChangeSource, StreamSlots, follow
from spark_grpc.core.models import ConsumerFilter, EventRecord, MemoryQuery
from spark_grpc.core.rules import ConsolidationConfig
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from spark_grpc.store.base import EventStore


class SparkService(spark_pb2_grpc.SparkServiceServicer):
    """Thin: proto in, validated values to the store, proto out."""

    def __init__(
        self,
        store: EventStore,
        *,
        settings: ServerConfig | None = None,
        on_events: Callable[[list[EventRecord]], None] | None = None,
        consolidator: Consolidator | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or ServerConfig()
        self.consolidator = (
            consolidator if consolidator is not None else Consolidator(store, ConsolidationConfig())
        )
        # Called with newly stored events (automatic consolidation).
        self._on_events = on_events
        # Open follow and watch streams.
        self.streams = StreamSlots(self.settings.max_followers)
        self._stopping = False

    def begin_shutdown(self) -> None:
        """End follow and watch streams (UNAVAILABLE: resume later) and
        refuse new ones."""
        self._stopping = True
        self.store.wake_waiters()

    def _ending(self) -> bool:
        return self._stopping or self.store.closed

    def _stored(self, records: list[EventRecord]) -> None:
        if self._on_events is not None and records:
            self._on_events(records)

    # ── events ────────────────────────────────────────────────────────────
    @reported
    async def RecordEvent(self, request, context):  # noqa: N802 (gRPC method name)
        event = requests.new_event(request, self.settings)
        condition = requests.event_condition(request)
        [(record, duplicate)] = await self.store.append([event], condition)
        if not duplicate:
            self._stored([record])
        return spark_pb2.RecordEventResponse(event=event_proto(record), duplicate=duplicate)

    @reported
    async def RecordEvents(self, request, context):  # noqa: N802
        batch = requests.new_events(request, self.settings)
        condition = requests.batch_condition(request)
        try:
            results = await self.store.append(batch, condition)
        except SparkError as error:
            raise error.in_item("events") from None
        self._stored([record for record, duplicate in results if not duplicate])
        return spark_pb2.RecordEventsResponse(events=[event_proto(r) for r, _ in results])

    @reported
    async def ListEvents(self, request, context):  # noqa: N802
        query, limit = requests.event_query(request)
        if request.follow:
            if self._stopping:
                raise shutting_down(
                    f"resume with after_sequence={query.after_sequence} on reconnect"
                )
            start = query.after_sequence
            if request.consumer:
                consumer = await self.store.open_consumer(
                    request.consumer, ConsumerFilter.of(query)
                )
                start = start or consumer.acked_sequence
            with self.streams.slot():
                batches = follow(
                    EventSource(self.store, query),
                    start,
                    page_size=self.settings.page_size,
                    limit=limit,
                    stopping=self._ending,
                )
                async for events, caught_up in batches:
                    for message in self._messages(events, caught_up=caught_up):
                        yield message
            return
        remaining = limit
        while remaining > 0:
            page = await self.store.read_events(query, min(self.settings.page_size, remaining))
            for message in self._messages(page.events):
                yield message
            if not page.more:
                return
            remaining -= len(page.events)
            query = page.next_query

    # ── durable consumers ─────────────────────────────────────────────────
    @reported
    async def AckEvents(self, request, context):  # noqa: N802
        name = requests.consumer_name("consumer", request.consumer)
        sequence = check.not_negative("sequence", request.sequence)
        consumer = await self.store.ack_consumer(name, sequence)
        return spark_pb2.AckEventsResponse(consumer=consumer_proto(consumer))

    @reported
    async def GetConsumer(self, request, context):  # noqa: N802
        name = requests.consumer_name("name", request.name)
        return consumer_proto(await self.store.get_consumer(name))

    @reported
    async def ListConsumers(self, request, context):  # noqa: N802
        consumers = await self.store.list_consumers()
        return spark_pb2.ListConsumersResponse(consumers=[consumer_proto(c) for c in consumers])

    @reported
    async def DeleteConsumer(self, request, context):  # noqa: N802
        name = requests.consumer_name("name", request.name)
        consumer = await self.store.delete_consumer(name)
        return spark_pb2.DeleteConsumerResponse(consumer=consumer_proto(consumer))

    def _messages(
        self, events: list[EventRecord], *, caught_up: bool = False
    ) -> Iterator[spark_pb2.ListEventsResponse]:
        """ListEvents messages holding ``events``, each at most page_size
        events and max_page_bytes (a larger event goes alone); with
        ``caught_up``, the last message says so (an empty one if no events)."""
        page_size, max_bytes = self.settings.page_size, self.settings.max_page_bytes
        if len(events) <= page_size:
            # The usual case, a page of small events, as one message: one
            # size check for the whole message instead of one per event.
            message = spark_pb2.ListEventsResponse(
                events=[event_proto(event) for event in events], caught_up=caught_up
            )
            if message.ByteSize() <= max_bytes:
                if events or caught_up:
                    yield message
                return
        chunk: list[spark_pb2.Event] = []
        size = 0
        for event in events:
            proto = event_proto(event)
            length = proto.ByteSize()
            if chunk and (len(chunk) >= page_size or size + length > max_bytes):
                yield spark_pb2.ListEventsResponse(events=chunk)
                chunk, size = [], 0
            chunk.append(proto)
            size += length
        if chunk or caught_up:
            yield spark_pb2.ListEventsResponse(events=chunk, caught_up=caught_up)

    @reported
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

    # ── memories ──────────────────────────────────────────────────────────
    @reported
    async def StoreMemory(self, request, context):  # noqa: N802
        memory = replace(requests.new_memory(request, self.settings), actor=caller_name())
        record, duplicate = await self.store.store_memory(memory)
        return spark_pb2.StoreMemoryResponse(memory=memory_proto(record), duplicate=duplicate)

    @reported
    async def ListMemories(self, request, context):  # noqa: N802
        limit = requests.memory_limit(request, self.settings)
        query = requests.memory_query(request)
        moment = recall.as_of(request)
        if moment is not None:
            memories = await self.store.list_memories_as_of(query, limit, moment)
        else:
            memories = await self.store.list_memories(query, limit, datetime.now(UTC))
        response = spark_pb2.ListMemoriesResponse(memories=[memory_proto(m) for m in memories])
        size = response.ByteSize()
        if size > self.settings.max_response_bytes:
            raise ResourceExhausted(
                f"the answer would be {size} bytes, more than {self.settings.max_response_bytes};"
                " ask for fewer memories (limit)"
            )
        return response

    @reported
    async def UpdateMemory(self, request, context):  # noqa: N802
        memory_id = check.required_text("id", request.id)
        changes = replace(requests.memory_changes(request, self.settings), actor=caller_name())
        memory = await self.store.update_memory(memory_id, changes)
        return spark_pb2.UpdateMemoryResponse(memory=memory_proto(memory))

    @reported
    async def DeleteMemory(self, request, context):  # noqa: N802
        memory_id = check.required_text("id", request.id)
        memory = await self.store.delete_memory(memory_id, caller_name())
        return spark_pb2.DeleteMemoryResponse(memory=memory_proto(memory))

    # ── search and history ────────────────────────────────────────────────
    @reported
    async def SearchMemories(self, request, context):  # noqa: N802
        return await recall.search_memories(self.store, request, self.settings)

    @reported
    async def SearchEvents(self, request, context):  # noqa: N802
        return await recall.search_events(self.store, request)

    @reported
    async def ListMemoryRevisions(self, request, context):  # noqa: N802
        return await recall.memory_revisions(self.store, request)

    @reported
    async def Consolidate(self, request, context):  # noqa: N802
        agent_id = check.optional_filter(request, "agent_id")
        diff = await self.consolidator.consolidate(agent_id)
        return spark_pb2.ConsolidateResponse(
            created=[memory_proto(m) for m in diff.created],
            updated=[memory_proto(m) for m in diff.updated],
            expired=[memory_proto(m) for m in diff.expired],
        )

    @reported
    async def WatchMemories(self, request, context):  # noqa: N802
        query = requests.memory_query(request)
        after = check.not_negative("after_sequence", request.after_sequence)
        if self._stopping:
            raise shutting_down("watch again later")
        with self.streams.slot():
            # The position is taken before the existing memories are read,
            # so that no change between the read and the watch is missed.
            cursor = after or self.store.memory_commits.sequence
            if request.include_existing:
                async for message in self._existing(query):
                    yield message
            if not after:
                yield spark_pb2.WatchMemoriesResponse(caught_up=True, sequence=cursor)
            changes = follow(
                MemoryChangeSource(self.store, query),
                cursor,
                page_size=self.settings.page_size,
                history=bool(after),
                stopping=self._ending,
            )
            async for batch, caught_up in changes:
                for change in batch:
                    yield spark_pb2.WatchMemoriesResponse(
                        kind=CHANGE_KINDS[change.kind],
                        memory=memory_proto(change.memory),
                        sequence=change.sequence,
                    )
                if caught_up:
                    reached = batch[-1].sequence if batch else cursor
                    yield spark_pb2.WatchMemoriesResponse(caught_up=True, sequence=reached)

    async def _existing(self, query: MemoryQuery) -> AsyncIterator[spark_pb2.WatchMemoriesResponse]:
        existing = await self.store.list_memories(
            query, self.settings.max_memory_limit, datetime.now(UTC)
        )
        for memory in existing:
            yield spark_pb2.WatchMemoriesResponse(
                kind=spark_pb2.MEMORY_CHANGE_KIND_EXISTING, memory=memory_proto(memory)
            )
