"""What both Python clients share: the enums, the request builders (typed
keyword arguments, enums as names or short strings, times as datetimes,
Timestamps or RFC 3339 text) and the shapes of stream items.

Nothing here does I/O: ``SparkClient`` (blocking) and ``AsyncSparkClient``
(asyncio) build the same requests and read the same answers."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Required, TypedDict, TypeVar, cast

from google.protobuf.timestamp_pb2 import Timestamp
from grpc_health.v1 import health_pb2

from spark_grpc.gen.spark.v1 import spark_pb2

Event = spark_pb2.Event
Memory = spark_pb2.Memory
TimestampLike = datetime | Timestamp | str
# Answers can be larger than gRPC's default 4 MiB: a RecordEvents batch
# echoes its events, up to the server's largest request (16 MiB by default).
MAX_RECEIVE_MESSAGE_BYTES = 64 * 1024 * 1024


class Order(enum.IntEnum):
    """ListEvents order; ``"newest"`` and ``"oldest"`` are accepted too."""

    UNSPECIFIED = spark_pb2.ORDER_UNSPECIFIED
    NEWEST_FIRST = spark_pb2.ORDER_NEWEST_FIRST
    OLDEST_FIRST = spark_pb2.ORDER_OLDEST_FIRST


class CountTarget(enum.IntEnum):
    """What Count counts; ``"events"`` and ``"memories"`` are accepted too."""

    UNSPECIFIED = spark_pb2.COUNT_TARGET_UNSPECIFIED
    EVENTS = spark_pb2.COUNT_TARGET_EVENTS
    MEMORIES = spark_pb2.COUNT_TARGET_MEMORIES


class MemoryChangeKind(enum.IntEnum):
    """How a memory changed (WatchMemories); equal to the proto's numbers."""

    UNSPECIFIED = spark_pb2.MEMORY_CHANGE_KIND_UNSPECIFIED
    EXISTING = spark_pb2.MEMORY_CHANGE_KIND_EXISTING
    CREATED = spark_pb2.MEMORY_CHANGE_KIND_CREATED
    UPDATED = spark_pb2.MEMORY_CHANGE_KIND_UPDATED
    EXPIRED = spark_pb2.MEMORY_CHANGE_KIND_EXPIRED
    DELETED = spark_pb2.MEMORY_CHANGE_KIND_DELETED


OrderLike = Order | int | str
CountTargetLike = CountTarget | int | str
E = TypeVar("E", bound=enum.IntEnum)
T = TypeVar("T")
_PREFIXES = {Order: "ORDER_", CountTarget: "COUNT_TARGET_", MemoryChangeKind: "MEMORY_CHANGE_KIND_"}


def enum_value(kind: type[E], value: E | int | str, what: str) -> E | int:
    """``value`` as a member of ``kind``: a member, its number, its name, the
    proto's name (``ORDER_OLDEST_FIRST``) or a unique short form, in any case
    (``"oldest"``, ``"events"``). A number that is no member is passed on as
    it is (proto enums are open: the server says whether it knows it); a name
    that is none is a ValueError naming ``what`` and the choices."""
    if not isinstance(value, str):
        number = int(value)
        return kind(number) if number in kind._value2member_map_ else number
    name = value.strip().upper().replace("-", "_").removeprefix(_PREFIXES.get(kind, ""))
    if name in kind.__members__:
        return kind[name]
    matches = [m for n, m in kind.__members__.items() if n.startswith(name + "_")]
    if name and len(matches) == 1:
        return matches[0]
    choices = ", ".join(n.lower() for n in kind.__members__ if n != "UNSPECIFIED")
    raise ValueError(f"{what} must be one of {choices}, got {value!r}")


# An AppendCondition, or its fields as a mapping.
ConditionLike = Mapping[str, Any] | spark_pb2.AppendCondition


class EventFields(TypedDict, total=False):
    """One event of ``record_events``: RecordEvent's arguments."""

    event_type: Required[str]
    description: str
    agent_id: str | None
    task_id: str | None
    data: str | Mapping[str, Any] | None
    importance: float | None
    id: str | None
    condition: ConditionLike | None


@dataclass(frozen=True, slots=True)
class MemoryChange:
    """One WatchMemories message: ``kind`` is a ``MemoryChangeKind``
    (UNSPECIFIED only on the ``caught_up`` message, which has no memory)."""

    kind: MemoryChangeKind
    memory: Memory | None
    sequence: int
    caught_up: bool
    message: spark_pb2.WatchMemoriesResponse

    @classmethod
    def of(cls, message: spark_pb2.WatchMemoriesResponse) -> MemoryChange:
        return cls(
            kind=MemoryChangeKind(message.kind),
            memory=message.memory if message.HasField("memory") else None,
            sequence=message.sequence,
            caught_up=message.caught_up,
            message=message,
        )


# ── times ─────────────────────────────────────────────────────────────────
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


def _times(message: Any, **values: TimestampLike | None) -> None:
    for name, value in values.items():
        if value is not None:
            getattr(message, name).CopyFrom(to_timestamp(value))


# ── requests ──────────────────────────────────────────────────────────────
def append_condition(condition: ConditionLike) -> spark_pb2.AppendCondition:
    """An AppendCondition from its fields (``event_type``, ``agent_id``,
    ``task_id``, ``after_sequence``), or as it is."""
    if isinstance(condition, spark_pb2.AppendCondition):
        return condition
    fields = dict(condition)
    return spark_pb2.AppendCondition(
        event_type=fields.pop("event_type", None) or "",
        after_sequence=fields.pop("after_sequence", 0),
        **fields,
    )


def record_event_request(
    event_type: str,
    description: str = "",
    *,
    agent_id: str | None = None,
    task_id: str | None = None,
    data: str | Mapping[str, Any] | None = None,
    importance: float | None = None,
    id: str | None = None,  # noqa: A002 (the proto field's name)
    condition: ConditionLike | None = None,
) -> spark_pb2.RecordEventRequest:
    """Record one event (``id``: a client-chosen id makes retries idempotent;
    ``condition``: append only if no event matching it has a sequence above
    its ``after_sequence``, else ``FAILED_PRECONDITION``)."""
    return spark_pb2.RecordEventRequest(
        event_type=event_type,
        description=description,
        data=_data_text(data),
        agent_id=agent_id,
        task_id=task_id,
        importance=importance,
        id=id,
        condition=append_condition(condition) if condition is not None else None,
    )


def record_events_request(
    events: Iterable[EventFields | spark_pb2.RecordEventRequest],
    *,
    condition: ConditionLike | None = None,
) -> spark_pb2.RecordEventsRequest:
    """Record a batch atomically; each item holds RecordEvent's arguments
    (without a condition: ``condition`` holds for the whole batch)."""
    items = [
        item if isinstance(item, spark_pb2.RecordEventRequest) else record_event_request(**item)
        for item in events
    ]
    return spark_pb2.RecordEventsRequest(
        events=items,
        condition=append_condition(condition) if condition is not None else None,
        # The full echo: these clients raise their receive limit (to 64 MiB).
        echo=spark_pb2.BATCH_ECHO_FULL,
    )


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
    order: OrderLike = Order.UNSPECIFIED,
    follow: bool = False,
) -> spark_pb2.ListEventsRequest:
    """The matching events, newest first unless ``order`` (``"oldest"``) says
    otherwise; ``follow_events`` follows the log."""
    request = spark_pb2.ListEventsRequest(
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        min_importance=min_importance,
        after_sequence=after_sequence,
        limit=limit,
        order=cast(spark_pb2.Order, int(enum_value(Order, order, "order"))),
        follow=follow,
    )
    _times(request, since=since, until=until)
    return request


def count_request(
    target: CountTargetLike = CountTarget.EVENTS,
    type: str | None = None,  # noqa: A002 (the proto field's name)
    include_expired: bool = False,
) -> spark_pb2.CountRequest:
    """How many events or memories (``"events"``, ``"memories"``) match."""
    return spark_pb2.CountRequest(
        target=cast(spark_pb2.CountTarget, int(enum_value(CountTarget, target, "target"))),
        type=type,
        include_expired=include_expired,
    )


def store_memory_request(
    memory_type: str,
    content: str,
    subject: str = "",
    *,
    confidence: float | None = None,
    source_events: int = 0,
    expires_at: TimestampLike | None = None,
    id: str | None = None,  # noqa: A002
) -> spark_pb2.StoreMemoryRequest:
    """Store a memory (a client-chosen ``id`` makes retries idempotent)."""
    request = spark_pb2.StoreMemoryRequest(
        memory_type=memory_type,
        subject=subject,
        content=content,
        source_events=source_events,
        confidence=confidence,
        id=id,
    )
    _times(request, expires_at=expires_at)
    return request


def list_memories_request(
    *,
    memory_type: str | None = None,
    subject: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 0,
    include_expired: bool = False,
    as_of: TimestampLike | None = None,
) -> spark_pb2.ListMemoriesRequest:
    """The matching memories, newest first; expired ones only if asked;
    with ``as_of``, as they were at that moment (from their history)."""
    request = spark_pb2.ListMemoriesRequest(
        memory_type=memory_type,
        subject=subject,
        min_confidence=min_confidence,
        limit=limit,
        include_expired=include_expired,
    )
    _times(request, as_of=as_of)
    return request


def update_memory_request(
    id: str,  # noqa: A002
    *,
    content: str | None = None,
    confidence: float | None = None,
    expires_at: TimestampLike | None = None,
    clear_expires_at: bool = False,
) -> spark_pb2.UpdateMemoryRequest:
    """Change a memory's content, confidence or expiry."""
    request = spark_pb2.UpdateMemoryRequest(
        id=id, clear_expires_at=clear_expires_at, content=content, confidence=confidence
    )
    _times(request, expires_at=expires_at)
    return request


def consolidate_request(agent_id: str | None = None) -> spark_pb2.ConsolidateRequest:
    """Run the rules now, for one agent or (None) all."""
    return spark_pb2.ConsolidateRequest(agent_id=agent_id)


def delete_memory_request(id: str) -> spark_pb2.DeleteMemoryRequest:  # noqa: A002
    return spark_pb2.DeleteMemoryRequest(id=id)


def health_request(service: str = "") -> health_pb2.HealthCheckRequest:
    """The standard health check, of the server ("") or one service."""
    return health_pb2.HealthCheckRequest(service=service)


@dataclass(frozen=True, slots=True)
class StreamCall(Generic[T]):
    """A server-streaming request, and how its messages become items; with
    ``consumer``, a durable consumer's follow (acknowledging by itself with
    ``auto_ack``)."""

    request: Any
    items: Callable[[Any], list[T | AfterItems]]
    consumer: str = ""
    auto_ack: bool = False


def follow_events_call(
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
    consumer: str = "",
    auto_ack: bool = False,
) -> StreamCall[Event]:
    """Matching history oldest first, then each new event as it commits.

    ``on_caught_up`` is called once the history has been yielded. The
    stream runs until cancelled or until ``limit`` events were yielded.
    With ``consumer`` it starts after that durable consumer's acknowledged
    position and can ``ack()``; with ``auto_ack`` an event counts as handled
    once the next one is asked for, and handled events are acknowledged
    before the stream waits for more and when it is closed."""
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
    request.consumer = consumer
    return StreamCall(request, follow_items(on_caught_up), consumer, auto_ack)


def ack_events_request(consumer: str, sequence: int) -> spark_pb2.AckEventsRequest:
    """Move a durable consumer's position forward to ``sequence``."""
    return spark_pb2.AckEventsRequest(consumer=consumer, sequence=sequence)


def get_consumer_request(name: str) -> spark_pb2.GetConsumerRequest:
    """A durable consumer, with its position and exact lag."""
    return spark_pb2.GetConsumerRequest(name=name)


def list_consumers_request() -> spark_pb2.ListConsumersRequest:
    """Every durable consumer, by name."""
    return spark_pb2.ListConsumersRequest()


def delete_consumer_request(name: str) -> spark_pb2.DeleteConsumerRequest:
    """Forget a durable consumer; returns it as it was."""
    return spark_pb2.DeleteConsumerRequest(name=name)


def watch_memories_call(
    *,
    memory_type: str | None = None,
    subject: str | None = None,
    include_existing: bool = False,
    after_sequence: int = 0,
) -> StreamCall[MemoryChange]:
    """Memory changes as they happen (``MemoryChange``: ``kind``, ``memory``,
    ``sequence``, ``caught_up``), until cancelled; ``after_sequence``
    resumes after the last change received."""
    request = spark_pb2.WatchMemoriesRequest(
        memory_type=memory_type,
        subject=subject,
        include_existing=include_existing,
        after_sequence=after_sequence,
    )
    return StreamCall(request, change_items)


# ── stream items ──────────────────────────────────────────────────────────
class AfterItems:
    """A stream entry that is not an item: ``callback`` runs when the
    reader reaches it (after the items before it were handed out)."""

    __slots__ = ("callback",)

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback


def follow_items(
    on_caught_up: Callable[[], None] | None,
) -> Callable[[spark_pb2.ListEventsResponse], list[Event | AfterItems]]:
    """A follow message's events, then the caught-up callback if it says so."""

    def items(message: spark_pb2.ListEventsResponse) -> list[Event | AfterItems]:
        entries: list[Event | AfterItems] = list(message.events)
        if message.caught_up and on_caught_up is not None:
            entries.append(AfterItems(on_caught_up))
        return entries

    return items


def change_items(message: spark_pb2.WatchMemoriesResponse) -> list[MemoryChange | AfterItems]:
    return [MemoryChange.of(message)]


def message_items(message: Any) -> list[Any]:
    return [message]


class AckPosition:
    """What a durable consumer's stream has yielded, handled and
    acknowledged (both clients' consumer streams keep one)."""

    __slots__ = ("auto", "last", "handled", "acked")

    def __init__(self, auto: bool) -> None:
        self.auto = auto
        self.last = 0  # the last event yielded
        self.handled = 0  # the last one the caller asked past
        self.acked = 0

    def asked_next(self) -> None:
        """The caller asks for another event: the last one is handled."""
        self.handled = self.last

    def due(self) -> int | None:
        """What auto-ack should acknowledge now, if anything."""
        return self.handled if self.auto and self.handled > self.acked else None

    def target(self, sequence: int | None) -> int:
        return self.last if sequence is None else sequence

    def done(self, sequence: int) -> None:
        self.acked = max(self.acked, sequence)
