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
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from spark_grpc.client.channel import ChannelSettings, timeout_seconds
from spark_grpc.client.errors import SparkRpcError
from spark_grpc.client.requests import (
    MAX_RECEIVE_MESSAGE_BYTES,
    AfterItems,
    CountTarget,
    CountTargetLike,
    Event,
    EventFields,
    Memory,
    MemoryChange,
    Order,
    OrderLike,
    TimestampLike,
    change_items,
    count_request,
    follow_items,
    list_events_request,
    list_memories_request,
    message_items,
    record_event_request,
    record_events_request,
    store_memory_request,
    update_memory_request,
    watch_memories_request,
)
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

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

    def cancel(self) -> None:
        self._cancelled = True
        self._pending.clear()
        self._call.cancel()

    close = cancel

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.cancel()


class AsyncSparkClient:
    """An asyncio client over one channel; ``async with`` it, or ``await
    close()``. Arguments as ``SparkClient``'s."""

    def __init__(
        self,
        address: str = "127.0.0.1:50051",
        *,
        timeout: float | None = 10.0,
        token: str | None = None,
        root_certificates: bytes | None = None,
        private_key: bytes | None = None,
        certificate_chain: bytes | None = None,
        server_name: str | None = None,
        tls: bool = False,
        max_receive_message_bytes: int = MAX_RECEIVE_MESSAGE_BYTES,
        channel: grpc.aio.Channel | None = None,
    ) -> None:
        self.address = address
        self.timeout = timeout_seconds(timeout)
        settings = ChannelSettings(
            token=token,
            root_certificates=root_certificates,
            private_key=private_key,
            certificate_chain=certificate_chain,
            server_name=server_name,
            tls=tls,
            max_receive_message_bytes=max_receive_message_bytes,
        )
        self._metadata = settings.metadata
        self._channel = channel if channel is not None else settings.aio_channel(address)
        self.stub: Any = spark_pb2_grpc.SparkServiceStub(self._channel)

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> AsyncSparkClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _call(self, method: str, request: Any) -> Any:
        try:
            return await getattr(self.stub, method)(
                request, timeout=self.timeout, metadata=self._metadata
            )
        except grpc.aio.AioRpcError as error:
            raise SparkRpcError.from_aio_error(error) from None

    def _stream(
        self,
        method: str,
        request: Any,
        items: Callable[[Any], Iterable[T | AfterItems]],
        timeout: float | None = None,
    ) -> AsyncStream[T]:
        call = getattr(self.stub, method)(request, timeout=timeout, metadata=self._metadata)
        return AsyncStream(call, items)

    # ── events ────────────────────────────────────────────────────────────
    async def record_event(
        self,
        event_type: str,
        description: str = "",
        *,
        agent_id: str | None = None,
        task_id: str | None = None,
        data: str | Mapping[str, Any] | None = None,
        importance: float | None = None,
        id: str | None = None,  # noqa: A002 (the proto field's name)
    ) -> spark_pb2.RecordEventResponse:
        """Record one event; returns the response (``.event``, ``.duplicate``)."""
        request = record_event_request(
            event_type,
            description,
            agent_id=agent_id,
            task_id=task_id,
            data=data,
            importance=importance,
            id=id,
        )
        response: spark_pb2.RecordEventResponse = await self._call("RecordEvent", request)
        return response

    async def record_events(
        self, events: Iterable[EventFields | spark_pb2.RecordEventRequest]
    ) -> list[Event]:
        """Record a batch atomically; each item holds RecordEvent's arguments."""
        return list((await self._call("RecordEvents", record_events_request(events))).events)

    def list_events_stream(
        self, request: spark_pb2.ListEventsRequest, *, timeout: float | None = None
    ) -> AsyncStream[spark_pb2.ListEventsResponse]:
        """The raw ListEvents stream, one message per batch of events."""
        return self._stream("ListEvents", request, message_items, timeout)

    async def list_events(
        self,
        *,
        event_type: str | None = None,
        agent_id: str | None = None,
        task_id: str | None = None,
        min_importance: float = 0.0,
        since: TimestampLike | None = None,
        until: TimestampLike | None = None,
        after_sequence: int = 0,
        limit: int = 0,
        order: OrderLike = Order.UNSPECIFIED,
    ) -> list[Event]:
        """The matching events (newest first unless ``order`` says otherwise)."""
        request = list_events_request(
            event_type=event_type,
            agent_id=agent_id,
            task_id=task_id,
            min_importance=min_importance,
            since=since,
            until=until,
            after_sequence=after_sequence,
            limit=limit,
            order=order,
        )
        events: list[Event] = []
        async for message in self.list_events_stream(request, timeout=self.timeout):
            events.extend(message.events)
        return events

    def follow_events(
        self,
        *,
        event_type: str | None = None,
        agent_id: str | None = None,
        task_id: str | None = None,
        min_importance: float = 0.0,
        since: TimestampLike | None = None,
        until: TimestampLike | None = None,
        after_sequence: int = 0,
        limit: int = 0,
        on_caught_up: Callable[[], None] | None = None,
    ) -> AsyncStream[Event]:
        """Matching history oldest first, then each new event as it commits;
        ``on_caught_up`` is called once the history has been yielded."""
        request = list_events_request(
            event_type=event_type,
            agent_id=agent_id,
            task_id=task_id,
            min_importance=min_importance,
            since=since,
            until=until,
            after_sequence=after_sequence,
            limit=limit,
            follow=True,
        )
        return self._stream("ListEvents", request, follow_items(on_caught_up))

    async def count(
        self,
        target: CountTargetLike = CountTarget.EVENTS,
        type: str | None = None,  # noqa: A002
        include_expired: bool = False,
    ) -> int:
        """How many events or memories (``"events"``, ``"memories"``) match."""
        response = await self._call("Count", count_request(target, type, include_expired))
        count: int = response.count
        return count

    # ── memories ──────────────────────────────────────────────────────────
    async def store_memory(
        self,
        memory_type: str,
        content: str,
        subject: str = "",
        *,
        confidence: float | None = None,
        source_events: int = 0,
        expires_at: TimestampLike | None = None,
        id: str | None = None,  # noqa: A002
    ) -> spark_pb2.StoreMemoryResponse:
        request = store_memory_request(
            memory_type,
            content,
            subject,
            confidence=confidence,
            source_events=source_events,
            expires_at=expires_at,
            id=id,
        )
        response: spark_pb2.StoreMemoryResponse = await self._call("StoreMemory", request)
        return response

    async def list_memories(
        self,
        *,
        memory_type: str | None = None,
        subject: str | None = None,
        min_confidence: float = 0.0,
        limit: int = 0,
        include_expired: bool = False,
    ) -> list[Memory]:
        request = list_memories_request(
            memory_type=memory_type,
            subject=subject,
            min_confidence=min_confidence,
            limit=limit,
            include_expired=include_expired,
        )
        return list((await self._call("ListMemories", request)).memories)

    async def consolidate(self, agent_id: str | None = None) -> spark_pb2.ConsolidateResponse:
        request = spark_pb2.ConsolidateRequest(agent_id=agent_id)
        response: spark_pb2.ConsolidateResponse = await self._call("Consolidate", request)
        return response

    async def update_memory(
        self,
        id: str,  # noqa: A002
        *,
        content: str | None = None,
        confidence: float | None = None,
        expires_at: TimestampLike | None = None,
        clear_expires_at: bool = False,
    ) -> Memory:
        request = update_memory_request(
            id,
            content=content,
            confidence=confidence,
            expires_at=expires_at,
            clear_expires_at=clear_expires_at,
        )
        memory: Memory = (await self._call("UpdateMemory", request)).memory
        return memory

    async def delete_memory(self, id: str) -> Memory:  # noqa: A002
        request = spark_pb2.DeleteMemoryRequest(id=id)
        memory: Memory = (await self._call("DeleteMemory", request)).memory
        return memory

    def watch_memories(
        self,
        *,
        memory_type: str | None = None,
        subject: str | None = None,
        include_existing: bool = False,
        after_sequence: int = 0,
    ) -> AsyncStream[MemoryChange]:
        """Memory changes as they happen (``MemoryChange``), until cancelled."""
        request = watch_memories_request(
            memory_type=memory_type,
            subject=subject,
            include_existing=include_existing,
            after_sequence=after_sequence,
        )
        return self._stream("WatchMemories", request, change_items)

    # ── health ────────────────────────────────────────────────────────────
    async def health(self, service: str = "") -> str:
        """The standard health check's status name (``SERVING``, ...)."""
        stub: Any = health_pb2_grpc.HealthStub(self._channel)
        try:
            reply = await stub.Check(
                health_pb2.HealthCheckRequest(service=service),
                timeout=self.timeout,
                metadata=self._metadata,
            )
        except grpc.aio.AioRpcError as error:
            raise SparkRpcError.from_aio_error(error) from None
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
