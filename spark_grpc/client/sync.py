"""Typed Python client of the Spark Memory service.

    with SparkClient("127.0.0.1:50051") as spark:
        spark.record_event("task_posted", "Build the thing", task_id="t1")
        for event in spark.follow_events(event_type="task_failed"):
            ...

Every method is named after its RPC, takes keyword arguments named like the
request's fields and returns the response's payload. Any gRPC error is
raised as ``SparkRpcError``, which carries the status ``code`` and ``details``
(and, for ``INVALID_ARGUMENT``, the offending ``field``).
"""

from __future__ import annotations

import collections
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from spark_grpc.client.recall import RecallMethods
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

Event = spark_pb2.Event
Memory = spark_pb2.Memory
TimestampLike = datetime | Timestamp | str
# Answers can be larger than gRPC's default 4 MiB: a RecordEvents batch
# echoes its events, up to the server's largest request (16 MiB by default).
MAX_RECEIVE_MESSAGE_BYTES = 64 * 1024 * 1024
T = TypeVar("T")


class SparkRpcError(Exception):
    """A call failed; ``code`` is the gRPC status code, ``details`` the
    server's message, ``field`` the request field at fault (for
    ``INVALID_ARGUMENT``), ``reason`` and ``metadata`` the
    ``google.rpc.ErrorInfo`` (for ``FAILED_PRECONDITION``: reason
    ``APPEND_CONDITION_FAILED``, metadata ``conflicting_sequence``)."""

    def __init__(
        self,
        code: grpc.StatusCode,
        details: str,
        field: str | None = None,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.field = field
        self.reason = reason
        self.metadata = dict(metadata or {})

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> SparkRpcError:
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        details = (error.details() if hasattr(error, "details") else None) or str(error)
        field = reason = None
        metadata: dict[str, str] = {}
        try:
            status = rpc_status.from_call(error)  # type: ignore[arg-type]
        except (AttributeError, ValueError):
            status = None
        if status is not None:
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad = error_details_pb2.BadRequest()
                    detail.Unpack(bad)
                    if bad.field_violations:
                        field = bad.field_violations[0].field
                elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    detail.Unpack(info)
                    reason, metadata = info.reason, dict(info.metadata)
        return cls(code, details, field, reason, metadata)


# The name this error had until 0.2 (it is the server's domain error's name
# too); kept for one release.
SparkError = SparkRpcError


class Stream(Generic[T]):
    """A server stream: iterate it for items; ``cancel()`` ends it from any
    thread, after which iteration stops quietly. Errors raise SparkRpcError."""

    def __init__(self, call: Any, items: Callable[[Any], Iterable[T]]) -> None:
        self._call = call
        self._items = items
        self._pending: collections.deque[T] = collections.deque()

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> T:
        while not self._pending:
            self._waiting()
            try:
                message = next(self._call)
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.CANCELLED and self._call.cancelled():
                    raise StopIteration from None
                raise SparkRpcError.from_rpc_error(error) from None
            self._pending.extend(self._items(message))
        return self._pending.popleft()

    def _waiting(self) -> None:
        """Called before waiting for the next message (a hook)."""

    def cancel(self) -> None:
        self._call.cancel()

    def close(self) -> None:
        self.cancel()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


class ConsumerStream(Stream[Event]):
    """A durable consumer's stream: ``ack()`` tells the server that every
    event up to the last one yielded (or ``sequence``) is handled, so that
    the next ``follow_events(consumer=...)`` starts after it, on any server.
    With ``auto_ack`` an event counts as handled once the next one is asked
    for; the stream acknowledges the handled ones before it waits for more,
    and when it is closed."""

    def __init__(self, call: Any, client: SparkClient, consumer: str, auto_ack: bool) -> None:
        super().__init__(call, lambda message: message.events)
        self._client = client
        self.consumer = consumer
        self._auto_ack = auto_ack
        self.last_sequence = 0
        self._handled = 0
        self._acked = 0

    def __next__(self) -> Event:
        self._handled = self.last_sequence
        event = super().__next__()
        self.last_sequence = event.sequence
        return event

    def _waiting(self) -> None:
        if self._auto_ack and self._handled > self._acked:
            self.ack(self._handled)

    def close(self) -> None:
        try:
            self._waiting()
        finally:
            super().close()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ack(self, sequence: int | None = None) -> spark_pb2.Consumer:
        """Acknowledge up to ``sequence`` (default: the last event yielded)."""
        upto = self.last_sequence if sequence is None else sequence
        consumer = self._client.ack_events(self.consumer, upto)
        self._acked = max(self._acked, upto)
        return consumer


def append_condition(
    condition: Mapping[str, Any] | spark_pb2.AppendCondition | None,
) -> spark_pb2.AppendCondition | None:
    """An AppendCondition from its fields (event_type, agent_id, task_id,
    after_sequence) or as it is."""
    if condition is None or isinstance(condition, spark_pb2.AppendCondition):
        return condition
    fields = dict(condition)
    return _set_optional(
        spark_pb2.AppendCondition(
            event_type=fields.pop("event_type", None) or "",
            after_sequence=fields.pop("after_sequence", 0),
        ),
        **fields,
    )


def to_timestamp(value: TimestampLike) -> Timestamp:
    """A protobuf Timestamp from a datetime (naive is UTC), a Timestamp or RFC 3339 text."""
    if isinstance(value, Timestamp):
        return value
    stamp = Timestamp()
    if isinstance(value, str):
        stamp.FromJsonString(value)
        return stamp
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp.FromDatetime(value.astimezone(UTC))
    return stamp


def from_timestamp(value: Timestamp) -> datetime:
    return value.ToDatetime(tzinfo=UTC)


def _data_text(data: str | Mapping[str, Any] | None) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _set_optional(message: Any, **values: Any) -> Any:
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, datetime | Timestamp) or (
            name in ("since", "until", "expires_at", "as_of") and isinstance(value, str)
        ):
            getattr(message, name).CopyFrom(to_timestamp(value))
        else:
            setattr(message, name, value)
    return message


def record_event_request(
    event_type: str,
    description: str = "",
    *,
    agent_id: str | None = None,
    task_id: str | None = None,
    data: str | Mapping[str, Any] | None = None,
    importance: float | None = None,
    id: str | None = None,  # noqa: A002 (the proto field's name)
    condition: Mapping[str, Any] | spark_pb2.AppendCondition | None = None,
) -> spark_pb2.RecordEventRequest:
    request = _set_optional(
        spark_pb2.RecordEventRequest(
            event_type=event_type, description=description, data=_data_text(data)
        ),
        agent_id=agent_id,
        task_id=task_id,
        importance=importance,
        id=id,
    )
    if condition is not None:
        request.condition.CopyFrom(append_condition(condition))
    return request


def list_events_request(
    *,
    event_type: str | None = None,
    agent_id: str | None = None,
    task_id: str | None = None,
    min_importance: float = 0.0,
    since: TimestampLike | None = None,
    until: TimestampLike | None = None,
    after_sequence: int = 0,
    limit: int = 0,
    order: int | str = 0,
    follow: bool = False,
    consumer: str = "",
) -> spark_pb2.ListEventsRequest:
    if isinstance(order, str):
        order = spark_pb2.Order.Value(order)
    return _set_optional(
        spark_pb2.ListEventsRequest(
            min_importance=min_importance,
            after_sequence=after_sequence,
            limit=limit,
            order=order,
            follow=follow,
            consumer=consumer,
        ),
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        since=since,
        until=until,
    )


class SparkClient(RecallMethods):
    """A blocking client over one channel; use it as a context manager."""

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
        """``token`` is sent as ``authorization: Bearer <token>``. TLS is used
        when ``tls`` is set or any certificate is given (``root_certificates``
        None means the system's CAs); ``private_key`` and
        ``certificate_chain`` are the client's own, for mutual TLS."""
        self.address = address
        self.timeout = timeout
        self._metadata = (("authorization", f"Bearer {token}"),) if token else None
        options: list[tuple[str, Any]] = [
            ("grpc.max_receive_message_length", max_receive_message_bytes)
        ]
        if channel is not None:
            self._channel = channel
        elif tls or root_certificates is not None or certificate_chain is not None:
            credentials = grpc.ssl_channel_credentials(
                root_certificates=root_certificates,
                private_key=private_key,
                certificate_chain=certificate_chain,
            )
            if server_name:
                options.append(("grpc.ssl_target_name_override", server_name))
            self._channel = grpc.secure_channel(address, credentials, options=options)
        else:
            self._channel = grpc.insecure_channel(address, options=options)
        self.stub = spark_pb2_grpc.SparkServiceStub(self._channel)

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

    # ── events ────────────────────────────────────────────────────────────
    def record_event(
        self, event_type: str, description: str = "", **fields: Any
    ) -> spark_pb2.RecordEventResponse:
        """Record one event; returns the response (``.event``, ``.duplicate``)."""
        return self._call("RecordEvent", record_event_request(event_type, description, **fields))

    def record_events(
        self,
        events: Iterable[Mapping[str, Any]],
        *,
        condition: Mapping[str, Any] | spark_pb2.AppendCondition | None = None,
    ) -> list[Event]:
        """Record a batch atomically; each item holds RecordEvent's fields.
        With ``condition`` the whole batch is appended only if it holds."""
        request = spark_pb2.RecordEventsRequest(
            events=[record_event_request(**dict(item)) for item in events],
            condition=append_condition(condition),
        )
        return list(self._call("RecordEvents", request).events)

    def list_events_stream(
        self, request: spark_pb2.ListEventsRequest, *, timeout: float | None = None
    ) -> Stream[spark_pb2.ListEventsResponse]:
        """The raw ListEvents stream, one message per batch of events."""
        call = self.stub.ListEvents(request, timeout=timeout, metadata=self._metadata)
        return Stream(call, lambda message: (message,))

    def list_events(self, **filters: Any) -> list[Event]:
        """The matching events (newest first unless ``order`` says otherwise)."""
        if filters.get("follow"):
            raise ValueError("use follow_events() to follow the log")
        request = list_events_request(**filters)
        events: list[Event] = []
        for message in self.list_events_stream(request, timeout=self.timeout):
            events.extend(message.events)
        return events

    def follow_events(self, *, auto_ack: bool = False, **filters: Any) -> Stream[Event]:
        """Matching history oldest first, then each new event as it commits.

        The stream runs until ``cancel()`` (from any thread, or by leaving a
        ``with`` block) or until ``limit`` events were yielded. With
        ``consumer="name"`` it is a ConsumerStream: it starts after the
        consumer's acknowledged position and has ``ack()`` (or acknowledges
        by itself with ``auto_ack``)."""
        request = list_events_request(follow=True, **filters)
        call = self.stub.ListEvents(request, metadata=self._metadata)
        if request.consumer:
            return ConsumerStream(call, self, request.consumer, auto_ack)
        return Stream(call, lambda message: message.events)

    # ── durable consumers ─────────────────────────────────────────────────
    def ack_events(self, consumer: str, sequence: int) -> spark_pb2.Consumer:
        """Move a consumer's position forward; returns it with its lag."""
        request = spark_pb2.AckEventsRequest(consumer=consumer, sequence=sequence)
        return self._call("AckEvents", request).consumer

    def get_consumer(self, name: str) -> spark_pb2.Consumer:
        return self._call("GetConsumer", spark_pb2.GetConsumerRequest(name=name))

    def list_consumers(self) -> list[spark_pb2.Consumer]:
        return list(self._call("ListConsumers", spark_pb2.ListConsumersRequest()).consumers)

    def delete_consumer(self, name: str) -> spark_pb2.Consumer:
        request = spark_pb2.DeleteConsumerRequest(name=name)
        return self._call("DeleteConsumer", request).consumer

    def count(
        self,
        target: int | str = spark_pb2.COUNT_TARGET_EVENTS,
        type: str | None = None,  # noqa: A002
        include_expired: bool = False,
    ) -> int:
        if isinstance(target, str):
            target = spark_pb2.CountTarget.Value(target)
        request = _set_optional(
            spark_pb2.CountRequest(target=target, include_expired=include_expired), type=type
        )
        return self._call("Count", request).count

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
        request = _set_optional(
            spark_pb2.StoreMemoryRequest(
                memory_type=memory_type,
                subject=subject,
                content=content,
                source_events=source_events,
            ),
            confidence=confidence,
            expires_at=expires_at,
            id=id,
        )
        return self._call("StoreMemory", request)

    def list_memories(
        self,
        *,
        memory_type: str | None = None,
        subject: str | None = None,
        min_confidence: float = 0.0,
        limit: int = 0,
        include_expired: bool = False,
        as_of: TimestampLike | None = None,
    ) -> list[Memory]:
        request = _set_optional(
            spark_pb2.ListMemoriesRequest(
                min_confidence=min_confidence, limit=limit, include_expired=include_expired
            ),
            memory_type=memory_type,
            subject=subject,
            as_of=as_of,
        )
        return list(self._call("ListMemories", request).memories)

    def consolidate(self, agent_id: str | None = None) -> spark_pb2.ConsolidateResponse:
        request = _set_optional(spark_pb2.ConsolidateRequest(), agent_id=agent_id)
        return self._call("Consolidate", request)

    def update_memory(
        self,
        id: str,  # noqa: A002
        *,
        content: str | None = None,
        confidence: float | None = None,
        expires_at: TimestampLike | None = None,
        clear_expires_at: bool = False,
    ) -> Memory:
        request = _set_optional(
            spark_pb2.UpdateMemoryRequest(id=id, clear_expires_at=clear_expires_at),
            content=content,
            confidence=confidence,
            expires_at=expires_at,
        )
        return self._call("UpdateMemory", request).memory

    def delete_memory(self, id: str) -> Memory:  # noqa: A002
        return self._call("DeleteMemory", spark_pb2.DeleteMemoryRequest(id=id)).memory

    def watch_memories(
        self,
        *,
        memory_type: str | None = None,
        subject: str | None = None,
        include_existing: bool = False,
        after_sequence: int = 0,
    ) -> Stream[spark_pb2.WatchMemoriesResponse]:
        """Memory changes as they happen, until ``cancel()``; with
        ``after_sequence`` (a change's ``sequence``), first the changes
        after it."""
        request = _set_optional(
            spark_pb2.WatchMemoriesRequest(
                include_existing=include_existing, after_sequence=after_sequence
            ),
            memory_type=memory_type,
            subject=subject,
        )
        call = self.stub.WatchMemories(request, metadata=self._metadata)
        return Stream(call, lambda message: (message,))
