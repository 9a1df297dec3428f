"""The SparkService servicer: check, call, map.

Each handler turns its request into validated domain values (``requests``),
calls the store or the core (the follow engine, the consolidation runner),
and maps the records back to protobuf (``mapping``). Domain errors raised
anywhere below become gRPC statuses in one place (``status.reported``).
Memory changes reach watchers through the store, never from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

import grpc

from spark_grpc.api import recall, requests
from spark_grpc.api import validation as check
from spark_grpc.api.auth import SERVICE_PREFIX
from spark_grpc.api.identity import caller_name
from spark_grpc.api.mapping import (
    CHANGE_KINDS,
    ack_proto,
    consumer_proto,
    event_proto,
    memory_proto,
)
from spark_grpc.api.status import reported
from spark_grpc.api.streams import StreamWriter
from spark_grpc.config import ServerConfig
from spark_grpc.core.consolidator import Consolidator
from spark_grpc.core.errors import (
    InvalidArgument,
    ResourceExhausted,
    SparkError,
    resume_after,
    shutting_down,
)
from spark_grpc.core.follow import EventSource, MemoryChangeSource, StreamSlots, follow
from spark_grpc.core.models import ConsumerFilter, EventRecord, MemoryQuery, memory_bytes
from spark_grpc.core.rules import ConsolidationConfig
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from spark_grpc.store.base import EventStore


def _text_size_of(event: EventRecord) -> int:
    return len(event.description) + len(event.data)


def _text_size(events: list[EventRecord]) -> int:
    """A lower bound of the bytes of ``events`` in a message."""
    return sum(map(_text_size_of, events))


def _allowed() -> SparkError | None:
    return None


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
        # Open server streams (ListEvents, WatchMemories).
        self.streams = StreamSlots(self.settings.max_followers)
        self._stopping = False
        # Events this server appended (not duplicates), for the metrics.
        self.appended = 0
        # With tokens: (method, metadata) -> why an open stream's caller is
        # no longer allowed (TokenAuthInterceptor.admission).
        self.admission: Callable[..., Callable[[], SparkError | None]] | None = None

    def tokens_reloaded(self) -> None:
        """Open streams look again whether their callers are allowed."""
        self.store.wake_waiters()

    def begin_shutdown(self) -> None:
        """End follow and watch streams (UNAVAILABLE: resume later) and
        refuse new ones."""
        self._stopping = True
        self.store.wake_waiters()

    def _ending(self) -> bool:
        return self._stopping or self.store.closed

    def _stored(self, records: list[EventRecord]) -> None:
        self.appended += len(records)
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
        response = spark_pb2.RecordEventsResponse(acks=[ack_proto(r, d) for r, d in results])
        echo = request.echo
        if echo == spark_pb2.BATCH_ECHO_NONE:
            return response
        if echo != spark_pb2.BATCH_ECHO_FULL:
            # AUTO: echo only what a client with default limits can receive.
            room = self.settings.max_response_bytes - response.ByteSize()
            if sum(_text_size_of(r) for r, _ in results) > room:
                return response
        response.events.extend(event_proto(r) for r, _ in results)
        if echo != spark_pb2.BATCH_ECHO_FULL and response.ByteSize() > (
            self.settings.max_response_bytes
        ):
            del response.events[:]
        return response

    # ── streams ───────────────────────────────────────────────────────────
    def _stream(
        self, context: grpc.aio.ServicerContext, method: str, resume: Callable[[], str]
    ) -> tuple[StreamWriter, Callable[[], bool], Callable[[int], Exception]]:
        """The writer of one server stream, and what its follow engine checks:
        whether to stop, and the error that says why (a revoked token, or a
        shutdown naming the resume point)."""
        why_not: Callable[[], SparkError | None] = _allowed
        if self.admission is not None:
            why_not = self.admission(SERVICE_PREFIX + method, context.invocation_metadata())
        writer = StreamWriter(
            context, stall_seconds=self.settings.stall_seconds, why_not=why_not, resume=resume
        )

        def stopping() -> bool:
            return self._ending() or why_not() is not None

        def reason(cursor: int) -> Exception:
            return why_not() or shutting_down(resume_after(cursor))

        return writer, stopping, reason

    @reported
    async def ListEvents(self, request, context):  # noqa: N802
        query, limit = requests.event_query(request)
        if request.follow and self._stopping:
            raise shutting_down(resume_after(query.after_sequence))
        start = query.after_sequence
        if request.follow and request.consumer:
            consumer = await self.store.open_consumer(request.consumer, ConsumerFilter.of(query))
            start = start or consumer.acked_sequence
        sent = start

        def resume() -> str:
            if request.follow or not query.newest_first:
                return resume_after(sent)
            return "ask again with a smaller limit or read oldest first with after_sequence"

        writer, stopping, reason = self._stream(context, "ListEvents", resume)
        max_bytes = self.settings.max_page_bytes
        with self.streams.slot():
            if request.follow:
                batches = follow(
                    EventSource(self.store, query, max_bytes),
                    start,
                    page_size=self.settings.page_size,
                    limit=limit,
                    stopping=stopping,
                    reason=reason,
                )
                async for events, caught_up in batches:
                    for message in self._messages(events, caught_up=caught_up):
                        # A message handed to gRPC reaches the client before
                        # any status that ends the stream: it counts as sent.
                        if message.events:
                            sent = message.events[-1].sequence
                        await writer.send(message)
                return
            remaining = limit
            while remaining > 0:
                page = await self.store.read_events(
                    query, min(self.settings.page_size, remaining), max_bytes
                )
                for message in self._messages(page.events):
                    if message.events:
                        sent = max(sent, message.events[-1].sequence)
                    await writer.send(message)
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
        if len(events) <= page_size and _text_size(events) <= max_bytes:
            # The usual case, a page of small events, as one message: one
            # size check for the whole message instead of one per event.
            message = spark_pb2.ListEventsResponse(
                events=[event_proto(event) for event in events], caught_up=caught_up
            )
            if message.ByteSize() <= max_bytes:
                if events or caught_up:
                    yield message
                return
            del message  # not kept while the pieces are written
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
        most = self.settings.max_response_bytes
        moment = recall.as_of(request)
        # The store stops reading once the memories pass the bound, so a
        # refused answer is never built whole.
        if moment is not None:
            memories = await self.store.list_memories_as_of(query, limit, moment)
        else:
            memories = await self.store.list_memories(
                query, limit, datetime.now(UTC), max_bytes=most
            )
        estimate = sum(map(memory_bytes, memories))
        response = None
        if estimate <= most:
            response = spark_pb2.ListMemoriesResponse(memories=[memory_proto(m) for m in memories])
        size = response.ByteSize() if response is not None else estimate
        if size > most:
            raise ResourceExhausted(
                f"the answer would be more than {most} bytes ({len(memories)} memories read"
                " before it was refused); ask for fewer memories (limit)"
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
        # The position is taken before the existing memories are read,
        # so that no change between the read and the watch is missed.
        cursor = after or self.store.memory_commits.sequence
        sent = cursor if after else 0

        def resume() -> str:
            if sent:
                return f"resume with after_sequence={sent}"
            return "watch again with include_existing"

        writer, stopping, reason = self._stream(context, "WatchMemories", resume)
        max_bytes = self.settings.max_page_bytes
        with self.streams.slot():
            if request.include_existing:
                await self._existing(query, writer)
            if not after:
                sent = cursor
                await writer.send(spark_pb2.WatchMemoriesResponse(caught_up=True, sequence=cursor))
            changes = follow(
                MemoryChangeSource(self.store, query, max_bytes),
                cursor,
                page_size=self.settings.page_size,
                history=bool(after),
                stopping=stopping,
                reason=reason,
            )
            async for batch, caught_up in changes:
                for change in batch:
                    sent = change.sequence  # see ListEvents
                    await writer.send(
                        spark_pb2.WatchMemoriesResponse(
                            kind=CHANGE_KINDS[change.kind],
                            memory=memory_proto(change.memory),
                            sequence=change.sequence,
                        )
                    )
                if caught_up:
                    sent = batch[-1].sequence if batch else cursor
                    await writer.send(
                        spark_pb2.WatchMemoriesResponse(caught_up=True, sequence=sent)
                    )

    async def _existing(self, query: MemoryQuery, writer: StreamWriter) -> None:
        """The memories that match, in pages of bounded size (by id)."""
        after_id = ""
        now = datetime.now(UTC)
        while True:
            page = await self.store.list_memories(
                query,
                self.settings.page_size,
                now,
                max_bytes=self.settings.max_page_bytes,
                after_id=after_id,
            )
            if not page:
                return
            for memory in page:
                await writer.send(
                    spark_pb2.WatchMemoriesResponse(
                        kind=spark_pb2.MEMORY_CHANGE_KIND_EXISTING, memory=memory_proto(memory)
                    )
                )
            after_id = page[-1].id
