"""Typed blocking Python client of the Spark Memory service.

    with SparkClient("127.0.0.1:50051") as spark:
        spark.record_event("task_posted", "Build the thing", task_id="t1")
        for event in spark.follow_events(event_type="task_failed"):
            ...

Every method is named after its RPC, takes typed keyword arguments named like
the request's fields and returns the response's payload; enums are accepted
as members, numbers, names or short strings (``count("events")``,
``order="oldest"``). Any gRPC error is raised as ``SparkRpcError``, which
carries the status ``code`` and ``details`` (and, for ``INVALID_ARGUMENT``, the
offending ``field``). ``spark_grpc.aio.AsyncSparkClient`` is the same client
for asyncio.
"""

from __future__ import annotations

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

# The name this error had until 0.2 (it is the server's domain error's name
# too); kept for one release.
SparkError = SparkRpcError
T = TypeVar("T")


class Stream(Generic[T]):
    """A server stream: iterate it for items; ``cancel()`` ends it from any
    thread, after which iteration stops quietly. Errors raise SparkRpcError."""

    def __init__(self, call: Any, items: Callable[[Any], Iterable[T | AfterItems]]) -> None:
        self._call = call
        self._items = items
        self._pending: collections.deque[T | AfterItems] = collections.deque()

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> T:
        while True:
            while not self._pending:
                try:
                    message = next(self._call)
                except grpc.RpcError as error:
                    if self._call.cancelled():
                        raise StopIteration from None
                    raise SparkRpcError.from_rpc_error(error) from None
                self._pending.extend(self._items(message))
            entry = self._pending.popleft()
            if isinstance(entry, AfterItems):
                entry.callback()
                continue
            return entry

    def cancel(self) -> None:
        self._pending.clear()
        self._call.cancel()

    close = cancel

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


class SparkClient:
    """A blocking client over one channel; use it as a context manager.

    ``timeout`` is each unary call's deadline in seconds (None or 0: none);
    the connection arguments are ``ChannelSettings``'."""

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
        channel: grpc.Channel | None = None,
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
        self.tls = settings.credentials is not None
        self._metadata = settings.metadata
        self._channel = channel if channel is not None else settings.channel(address)
        self.stub: Any = spark_pb2_grpc.SparkServiceStub(self._channel)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> SparkClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(
                request, timeout=self.timeout, metadata=self._metadata
            )
        except grpc.RpcError as error:
            raise SparkRpcError.from_rpc_error(error) from None

    def _stream(
        self,
        method: str,
        request: Any,
        items: Callable[[Any], Iterable[T | AfterItems]],
        timeout: float | None = None,
    ) -> Stream[T]:
        call = getattr(self.stub, method)(request, timeout=timeout, metadata=self._metadata)
        return Stream(call, items)

    # ── events ────────────────────────────────────────────────────────────
    def record_event(
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
        response: spark_pb2.RecordEventResponse = self._call("RecordEvent", request)
        return response

    def record_events(
        self, events: Iterable[EventFields | spark_pb2.RecordEventRequest]
    ) -> list[Event]:
        """Record a batch atomically; each item holds RecordEvent's arguments."""
        return list(self._call("RecordEvents", record_events_request(events)).events)

    def list_events_stream(
        self, request: spark_pb2.ListEventsRequest, *, timeout: float | None = None
    ) -> Stream[spark_pb2.ListEventsResponse]:
        """The raw ListEvents stream, one message per batch of events."""
        return self._stream("ListEvents", request, message_items, timeout)

    def list_events(
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
        for message in self.list_events_stream(request, timeout=self.timeout):
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
    ) -> Stream[Event]:
        """Matching history oldest first, then each new event as it commits.

        ``on_caught_up`` is called once the history has been yielded. The
        stream runs until ``cancel()`` (from any thread, or by leaving a
        ``with`` block) or until ``limit`` events were yielded."""
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

    def count(
        self,
        target: CountTargetLike = CountTarget.EVENTS,
        type: str | None = None,  # noqa: A002
        include_expired: bool = False,
    ) -> int:
        """How many events or memories (``"events"``, ``"memories"``) match."""
        count: int = self._call("Count", count_request(target, type, include_expired)).count
        return count

    # ── memories ──────────────────────────────────────────────────────────
    def store_memory(
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
        response: spark_pb2.StoreMemoryResponse = self._call("StoreMemory", request)
        return response

    def list_memories(
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
        return list(self._call("ListMemories", request).memories)

    def consolidate(self, agent_id: str | None = None) -> spark_pb2.ConsolidateResponse:
        request = spark_pb2.ConsolidateRequest(agent_id=agent_id)
        response: spark_pb2.ConsolidateResponse = self._call("Consolidate", request)
        return response

    def update_memory(
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
        memory: Memory = self._call("UpdateMemory", request).memory
        return memory

    def delete_memory(self, id: str) -> Memory:  # noqa: A002
        memory: Memory = self._call("DeleteMemory", spark_pb2.DeleteMemoryRequest(id=id)).memory
        return memory

    def watch_memories(
        self,
        *,
        memory_type: str | None = None,
        subject: str | None = None,
        include_existing: bool = False,
        after_sequence: int = 0,
    ) -> Stream[MemoryChange]:
        """Memory changes as they happen (``MemoryChange``: ``kind``,
        ``memory``, ``sequence``, ``caught_up``), until ``cancel()``;
        ``after_sequence`` resumes after the last change received."""
        request = watch_memories_request(
            memory_type=memory_type,
            subject=subject,
            include_existing=include_existing,
            after_sequence=after_sequence,
        )
        return self._stream("WatchMemories", request, change_items)

    # ── health ────────────────────────────────────────────────────────────
    def health(self, service: str = "") -> str:
        """The standard health check's status name (``SERVING``, ...)."""
        stub: Any = health_pb2_grpc.HealthStub(self._channel)
        try:
            reply = stub.Check(
                health_pb2.HealthCheckRequest(service=service),
                timeout=self.timeout,
                metadata=self._metadata,
            )
        except grpc.RpcError as error:
            raise SparkRpcError.from_rpc_error(error) from None
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
