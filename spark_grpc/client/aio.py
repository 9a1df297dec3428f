"""The asyncio Python client: ``AsyncSparkClient`` has ``SparkClient``'s
methods, as coroutines, and its streams are async iterators.

    async with AsyncSparkClient("127.0.0.1:50051") as spark:
        await spark.record_event("task_posted", "Build the thing", task_id="t1")
        async with spark.follow_events(event_type="task_failed") as stream:
            async for event in stream:
                ...

Cancelling the task that awaits a call or reads a stream cancels the RPC.
Errors are the same ``SparkRpcError``."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Generic, TypeVar, Unpack, cast

import grpc
from grpc_health.v1 import health_pb2_grpc

from spark_grpc.client.channel import ChannelSettings, Connection, timeout_seconds
from spark_grpc.client.errors import SparkRpcError
from spark_grpc.client.methods import (
    AsyncStreaming,
    AsyncUnary,
    consolidated,
    consumer,
    consumer_of,
    consumers_of,
    count_of,
    events_of,
    events_of_pages,
    memories_of,
    memory_of,
    recorded,
    status_name,
    stored,
)
from spark_grpc.client.recall import (
    event_hits,
    list_memory_revisions_request,
    memory_hits,
    revisions_of,
    search_events_request,
    search_memories_request,
)
from spark_grpc.client.requests import (
    AckPosition,
    AfterItems,
    StreamCall,
    ack_events_request,
    consolidate_request,
    count_request,
    delete_consumer_request,
    delete_memory_request,
    follow_events_call,
    get_consumer_request,
    health_request,
    list_consumers_request,
    list_events_request,
    list_memories_request,
    message_items,
    record_event_request,
    record_events_request,
    store_memory_request,
    update_memory_request,
    watch_memories_call,
)
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

Event = spark_pb2.Event

T = TypeVar("T")


class AsyncStream(Generic[T]):
    """A server stream as an async iterator; ``cancel()`` (or leaving an
    ``async with`` block) ends it, after which iteration stops quietly."""

    def __init__(self, call: Any, items: Callable[[Any], Iterable[T | AfterItems]]) -> None:
        self._call = call
        self._items = items
        self._pending: collections.deque[T | AfterItems] = collections.deque()
        self._cancelled = False

    def __aiter__(self) -> AsyncStream[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            if self._cancelled:
                raise StopAsyncIteration
            while not self._pending:
                await self._before_read()
                message = await self._read()
                self._pending.extend(self._items(message))
            entry = self._pending.popleft()
            if isinstance(entry, AfterItems):
                entry.callback()
                continue
            return entry

    async def _read(self) -> Any:
        if self._cancelled:
            raise StopAsyncIteration
        try:
            message = await self._call.read()
        except asyncio.CancelledError:
            if self._cancelled:
                raise StopAsyncIteration from None
            self._call.cancel()  # the reading task was cancelled: so is the RPC
            raise
        except grpc.aio.AioRpcError as error:
            if self._cancelled:
                raise StopAsyncIteration from None
            raise SparkRpcError.from_aio_error(error) from None
        if message is grpc.aio.EOF:
            raise StopAsyncIteration
        return message

    async def _before_read(self) -> None:
        """Awaited before waiting for the next message (a hook)."""

    def cancel(self) -> None:
        self._cancelled = True
        self._pending.clear()
        self._call.cancel()

    async def close(self) -> None:
        self.cancel()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class AsyncConsumerStream(AsyncStream[Event]):
    """``ConsumerStream`` for asyncio: ``await ack()``; with ``auto_ack``,
    handled events are acknowledged before the stream waits for more and
    when it is closed (``await close()`` or leaving ``async with``)."""

    def __init__(
        self,
        call: Any,
        items: Callable[[Any], Iterable[Any]],
        ack: Callable[[int], Awaitable[spark_pb2.Consumer]],
        auto_ack: bool,
    ) -> None:
        super().__init__(call, items)
        self._ack = ack
        self._position = AckPosition(auto_ack)

    @property
    def last_sequence(self) -> int:
        """The sequence of the last event yielded."""
        return self._position.last

    async def __anext__(self) -> Event:
        self._position.asked_next()
        event = await super().__anext__()
        self._position.last = event.sequence
        return event

    async def _before_read(self) -> None:
        due = self._position.due()
        if due is not None:
            await self.ack(due)

    async def ack(self, sequence: int | None = None) -> spark_pb2.Consumer:
        """Acknowledge up to ``sequence`` (default: the last event yielded)."""
        upto = self._position.target(sequence)
        consumer = await self._ack(upto)
        self._position.done(upto)
        return consumer

    async def close(self) -> None:
        try:
            await self._before_read()
        finally:
            self.cancel()


class AsyncSparkClient:
    """An asyncio client over one channel; ``async with`` it, or ``await
    close()``. Arguments as ``SparkClient``'s."""

    def __init__(
        self,
        address: str = "127.0.0.1:50051",
        *,
        timeout: float | None = 10.0,
        channel: grpc.aio.Channel | None = None,
        **connection: Unpack[Connection],
    ) -> None:
        self.address = address
        self.timeout = timeout_seconds(timeout)
        settings = ChannelSettings(connection)
        self._metadata = settings.metadata
        self._channel = channel if channel is not None else settings.aio_channel(address)
        self.stub: Any = spark_pb2_grpc.SparkServiceStub(self._channel)
        self.health_stub: Any = health_pb2_grpc.HealthStub(self._channel)

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> AsyncSparkClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _call(self, stub: Any, method: str, request: Any) -> Any:
        try:
            return await getattr(stub, method)(
                request, timeout=self.timeout, metadata=self._metadata
            )
        except grpc.aio.AioRpcError as error:
            raise SparkRpcError.from_aio_error(error) from None

    async def _collect(self, stub: Any, method: str, request: Any) -> list[Any]:
        if getattr(request, "follow", False):
            raise ValueError("use follow_events() to follow the log")
        call = getattr(stub, method)(request, timeout=self.timeout, metadata=self._metadata)
        return [message async for message in AsyncStream(call, message_items)]

    def _open(self, method: str, call: StreamCall[T]) -> AsyncStream[T]:
        rpc = getattr(self.stub, method)(call.request, metadata=self._metadata)
        if call.consumer:
            consumer = call.consumer

            async def ack(sequence: int) -> spark_pb2.Consumer:
                return await self.ack_events(consumer, sequence)

            stream: Any = AsyncConsumerStream(rpc, call.items, ack, call.auto_ack)
            return cast(AsyncStream[T], stream)
        return AsyncStream(rpc, call.items)

    def list_events_stream(
        self, request: spark_pb2.ListEventsRequest, *, timeout: float | None = None
    ) -> AsyncStream[spark_pb2.ListEventsResponse]:
        """The raw ListEvents stream, one message per batch of events."""
        call = self.stub.ListEvents(request, timeout=timeout, metadata=self._metadata)
        return AsyncStream(call, message_items)

    record_event = AsyncUnary("RecordEvent", record_event_request, recorded)
    record_events = AsyncUnary("RecordEvents", record_events_request, events_of)
    list_events = AsyncUnary("ListEvents", list_events_request, events_of_pages, via="_collect")
    follow_events = AsyncStreaming("ListEvents", follow_events_call)
    count = AsyncUnary("Count", count_request, count_of)
    store_memory = AsyncUnary("StoreMemory", store_memory_request, stored)
    list_memories = AsyncUnary("ListMemories", list_memories_request, memories_of)
    consolidate = AsyncUnary("Consolidate", consolidate_request, consolidated)
    update_memory = AsyncUnary("UpdateMemory", update_memory_request, memory_of)
    delete_memory = AsyncUnary("DeleteMemory", delete_memory_request, memory_of)
    watch_memories = AsyncStreaming("WatchMemories", watch_memories_call)
    ack_events = AsyncUnary("AckEvents", ack_events_request, consumer_of)
    get_consumer = AsyncUnary("GetConsumer", get_consumer_request, consumer)
    list_consumers = AsyncUnary("ListConsumers", list_consumers_request, consumers_of)
    delete_consumer = AsyncUnary("DeleteConsumer", delete_consumer_request, consumer_of)
    search_memories = AsyncUnary("SearchMemories", search_memories_request, memory_hits)
    search_events = AsyncUnary("SearchEvents", search_events_request, event_hits)
    list_memory_revisions = AsyncUnary(
        "ListMemoryRevisions", list_memory_revisions_request, revisions_of
    )
    health = AsyncUnary("Check", health_request, status_name, stub="health_stub")
