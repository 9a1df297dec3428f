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
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, Unpack, cast

import grpc
from grpc_health.v1 import health_pb2_grpc

from spark_grpc.client.channel import ChannelSettings, Connection, timeout_seconds
from spark_grpc.client.errors import SparkRpcError
from spark_grpc.client.methods import (
    Streaming,
    Unary,
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
                self._before_read()
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

    def _before_read(self) -> None:
        """Called before waiting for the next message (a hook)."""

    def cancel(self) -> None:
        self._pending.clear()
        self._call.cancel()

    def close(self) -> None:
        self.cancel()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ConsumerStream(Stream[Event]):
    """A durable consumer's follow: ``ack()`` tells the server that every
    event up to the last one yielded (or ``sequence``) is handled, so that
    the next ``follow_events(consumer=...)`` starts after it, on any server.
    With ``auto_ack`` an event counts as handled once the next one is asked
    for: handled events are acknowledged before the stream waits for more,
    and when it is closed."""

    def __init__(
        self,
        call: Any,
        items: Callable[[Any], Iterable[Any]],
        ack: Callable[[int], spark_pb2.Consumer],
        auto_ack: bool,
    ) -> None:
        super().__init__(call, items)
        self._ack = ack
        self._position = AckPosition(auto_ack)

    @property
    def last_sequence(self) -> int:
        """The sequence of the last event yielded."""
        return self._position.last

    def __next__(self) -> Event:
        self._position.asked_next()
        event = super().__next__()
        self._position.last = event.sequence
        return event

    def _before_read(self) -> None:
        due = self._position.due()
        if due is not None:
            self.ack(due)

    def ack(self, sequence: int | None = None) -> spark_pb2.Consumer:
        """Acknowledge up to ``sequence`` (default: the last event yielded)."""
        upto = self._position.target(sequence)
        consumer = self._ack(upto)
        self._position.done(upto)
        return consumer

    def close(self) -> None:
        try:
            self._before_read()
        finally:
            self.cancel()


class SparkClient:
    """A blocking client over one channel; use it as a context manager.

    ``timeout`` is each unary call's deadline in seconds (None or 0: none);
    the other keyword arguments are a ``Connection`` (token, TLS)."""

    def __init__(
        self,
        address: str = "127.0.0.1:50051",
        *,
        timeout: float | None = 10.0,
        channel: grpc.Channel | None = None,
        **connection: Unpack[Connection],
    ) -> None:
        self.address = address
        self.timeout = timeout_seconds(timeout)
        settings = ChannelSettings(connection)
        self.tls = settings.credentials is not None
        self._metadata = settings.metadata
        self._channel = channel if channel is not None else settings.channel(address)
        self.stub: Any = spark_pb2_grpc.SparkServiceStub(self._channel)
        self.health_stub: Any = health_pb2_grpc.HealthStub(self._channel)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> SparkClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, stub: Any, method: str, request: Any) -> Any:
        try:
            return getattr(stub, method)(request, timeout=self.timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise SparkRpcError.from_rpc_error(error) from None

    def _collect(self, stub: Any, method: str, request: Any) -> list[Any]:
        if getattr(request, "follow", False):
            raise ValueError("use follow_events() to follow the log")
        call = getattr(stub, method)(request, timeout=self.timeout, metadata=self._metadata)
        return list(Stream(call, message_items))

    def _open(self, method: str, call: StreamCall[T]) -> Stream[T]:
        rpc = getattr(self.stub, method)(call.request, metadata=self._metadata)
        if call.consumer:
            consumer = call.consumer
            stream: Any = ConsumerStream(
                rpc, call.items, lambda sequence: self.ack_events(consumer, sequence), call.auto_ack
            )
            return cast(Stream[T], stream)
        return Stream(rpc, call.items)

    def list_events_stream(
        self, request: spark_pb2.ListEventsRequest, *, timeout: float | None = None
    ) -> Stream[spark_pb2.ListEventsResponse]:
        """The raw ListEvents stream, one message per batch of events."""
        call = self.stub.ListEvents(request, timeout=timeout, metadata=self._metadata)
        return Stream(call, message_items)

    record_event = Unary("RecordEvent", record_event_request, recorded)
    record_events = Unary("RecordEvents", record_events_request, events_of)
    list_events = Unary("ListEvents", list_events_request, events_of_pages, via="_collect")
    follow_events = Streaming("ListEvents", follow_events_call)
    count = Unary("Count", count_request, count_of)
    store_memory = Unary("StoreMemory", store_memory_request, stored)
    list_memories = Unary("ListMemories", list_memories_request, memories_of)
    consolidate = Unary("Consolidate", consolidate_request, consolidated)
    update_memory = Unary("UpdateMemory", update_memory_request, memory_of)
    delete_memory = Unary("DeleteMemory", delete_memory_request, memory_of)
    watch_memories = Streaming("WatchMemories", watch_memories_call)
    ack_events = Unary("AckEvents", ack_events_request, consumer_of)
    get_consumer = Unary("GetConsumer", get_consumer_request, consumer)
    list_consumers = Unary("ListConsumers", list_consumers_request, consumers_of)
    delete_consumer = Unary("DeleteConsumer", delete_consumer_request, consumer_of)
    search_memories = Unary("SearchMemories", search_memories_request, memory_hits)
    search_events = Unary("SearchEvents", search_events_request, event_hits)
    list_memory_revisions = Unary(
        "ListMemoryRevisions", list_memory_revisions_request, revisions_of
    )
    health = Unary("Check", health_request, status_name, stub="health_stub")
