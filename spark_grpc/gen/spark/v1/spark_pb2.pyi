import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Order(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_UNSPECIFIED: _ClassVar[Order]
    ORDER_NEWEST_FIRST: _ClassVar[Order]
    ORDER_OLDEST_FIRST: _ClassVar[Order]

class BatchEcho(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BATCH_ECHO_UNSPECIFIED: _ClassVar[BatchEcho]
    BATCH_ECHO_AUTO: _ClassVar[BatchEcho]
    BATCH_ECHO_FULL: _ClassVar[BatchEcho]
    BATCH_ECHO_NONE: _ClassVar[BatchEcho]

class CountTarget(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COUNT_TARGET_UNSPECIFIED: _ClassVar[CountTarget]
    COUNT_TARGET_EVENTS: _ClassVar[CountTarget]
    COUNT_TARGET_MEMORIES: _ClassVar[CountTarget]

class MemoryChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMORY_CHANGE_KIND_UNSPECIFIED: _ClassVar[MemoryChangeKind]
    MEMORY_CHANGE_KIND_EXISTING: _ClassVar[MemoryChangeKind]
    MEMORY_CHANGE_KIND_CREATED: _ClassVar[MemoryChangeKind]
    MEMORY_CHANGE_KIND_UPDATED: _ClassVar[MemoryChangeKind]
    MEMORY_CHANGE_KIND_EXPIRED: _ClassVar[MemoryChangeKind]
    MEMORY_CHANGE_KIND_DELETED: _ClassVar[MemoryChangeKind]
ORDER_UNSPECIFIED: Order
ORDER_NEWEST_FIRST: Order
ORDER_OLDEST_FIRST: Order
BATCH_ECHO_UNSPECIFIED: BatchEcho
BATCH_ECHO_AUTO: BatchEcho
BATCH_ECHO_FULL: BatchEcho
BATCH_ECHO_NONE: BatchEcho
COUNT_TARGET_UNSPECIFIED: CountTarget
COUNT_TARGET_EVENTS: CountTarget
COUNT_TARGET_MEMORIES: CountTarget
MEMORY_CHANGE_KIND_UNSPECIFIED: MemoryChangeKind
MEMORY_CHANGE_KIND_EXISTING: MemoryChangeKind
MEMORY_CHANGE_KIND_CREATED: MemoryChangeKind
MEMORY_CHANGE_KIND_UPDATED: MemoryChangeKind
MEMORY_CHANGE_KIND_EXPIRED: MemoryChangeKind
MEMORY_CHANGE_KIND_DELETED: MemoryChangeKind

class Event(_message.Message):
    __slots__ = ("id", "event_type", "agent_id", "task_id", "description", "data", "importance", "created_at", "sequence")
    ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    event_type: str
    agent_id: str
    task_id: str
    description: str
    data: str
    importance: float
    created_at: _timestamp_pb2.Timestamp
    sequence: int
    def __init__(self, id: _Optional[str] = ..., event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., description: _Optional[str] = ..., data: _Optional[str] = ..., importance: _Optional[float] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sequence: _Optional[int] = ...) -> None: ...

class Memory(_message.Message):
    __slots__ = ("id", "memory_type", "subject", "content", "confidence", "source_events", "created_at", "expires_at", "updated_at", "rule", "source_event_ids")
    ID_FIELD_NUMBER: _ClassVar[int]
    MEMORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENTS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    created_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    rule: str
    source_event_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., memory_type: _Optional[str] = ..., subject: _Optional[str] = ..., content: _Optional[str] = ..., confidence: _Optional[float] = ..., source_events: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rule: _Optional[str] = ..., source_event_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordEventRequest(_message.Message):
    __slots__ = ("event_type", "agent_id", "task_id", "description", "data", "importance", "id", "condition")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    event_type: str
    agent_id: str
    task_id: str
    description: str
    data: str
    importance: float
    id: str
    condition: AppendCondition
    def __init__(self, event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., description: _Optional[str] = ..., data: _Optional[str] = ..., importance: _Optional[float] = ..., id: _Optional[str] = ..., condition: _Optional[_Union[AppendCondition, _Mapping]] = ...) -> None: ...

class AppendCondition(_message.Message):
    __slots__ = ("event_type", "agent_id", "task_id", "after_sequence")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    event_type: str
    agent_id: str
    task_id: str
    after_sequence: int
    def __init__(self, event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class RecordEventResponse(_message.Message):
    __slots__ = ("event", "duplicate")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    event: Event
    duplicate: bool
    def __init__(self, event: _Optional[_Union[Event, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class RecordEventsRequest(_message.Message):
    __slots__ = ("events", "condition", "echo")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    ECHO_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[RecordEventRequest]
    condition: AppendCondition
    echo: BatchEcho
    def __init__(self, events: _Optional[_Iterable[_Union[RecordEventRequest, _Mapping]]] = ..., condition: _Optional[_Union[AppendCondition, _Mapping]] = ..., echo: _Optional[_Union[BatchEcho, str]] = ...) -> None: ...

class EventAck(_message.Message):
    __slots__ = ("id", "sequence", "duplicate", "created_at", "importance")
    ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    sequence: int
    duplicate: bool
    created_at: _timestamp_pb2.Timestamp
    importance: float
    def __init__(self, id: _Optional[str] = ..., sequence: _Optional[int] = ..., duplicate: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., importance: _Optional[float] = ...) -> None: ...

class RecordEventsResponse(_message.Message):
    __slots__ = ("events", "acks")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    ACKS_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    acks: _containers.RepeatedCompositeFieldContainer[EventAck]
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., acks: _Optional[_Iterable[_Union[EventAck, _Mapping]]] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ("event_type", "agent_id", "task_id", "min_importance", "since", "until", "after_sequence", "limit", "order", "follow", "consumer")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    event_type: str
    agent_id: str
    task_id: str
    min_importance: float
    since: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    after_sequence: int
    limit: int
    order: Order
    follow: bool
    consumer: str
    def __init__(self, event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., min_importance: _Optional[float] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., after_sequence: _Optional[int] = ..., limit: _Optional[int] = ..., order: _Optional[_Union[Order, str]] = ..., follow: _Optional[bool] = ..., consumer: _Optional[str] = ...) -> None: ...

class AckEventsRequest(_message.Message):
    __slots__ = ("consumer", "sequence")
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    consumer: str
    sequence: int
    def __init__(self, consumer: _Optional[str] = ..., sequence: _Optional[int] = ...) -> None: ...

class AckEventsResponse(_message.Message):
    __slots__ = ("consumer",)
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    consumer: Consumer
    def __init__(self, consumer: _Optional[_Union[Consumer, _Mapping]] = ...) -> None: ...

class Consumer(_message.Message):
    __slots__ = ("name", "acked_sequence", "head_sequence", "lag", "event_type", "agent_id", "task_id", "min_importance", "updated_at")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACKED_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LAG_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    name: str
    acked_sequence: int
    head_sequence: int
    lag: int
    event_type: str
    agent_id: str
    task_id: str
    min_importance: float
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., acked_sequence: _Optional[int] = ..., head_sequence: _Optional[int] = ..., lag: _Optional[int] = ..., event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., min_importance: _Optional[float] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetConsumerRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListConsumersRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListConsumersResponse(_message.Message):
    __slots__ = ("consumers",)
    CONSUMERS_FIELD_NUMBER: _ClassVar[int]
    consumers: _containers.RepeatedCompositeFieldContainer[Consumer]
    def __init__(self, consumers: _Optional[_Iterable[_Union[Consumer, _Mapping]]] = ...) -> None: ...

class DeleteConsumerRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteConsumerResponse(_message.Message):
    __slots__ = ("consumer",)
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    consumer: Consumer
    def __init__(self, consumer: _Optional[_Union[Consumer, _Mapping]] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ("events", "caught_up")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    CAUGHT_UP_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    caught_up: bool
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., caught_up: _Optional[bool] = ...) -> None: ...

class StoreMemoryRequest(_message.Message):
    __slots__ = ("memory_type", "subject", "content", "confidence", "source_events", "expires_at", "id")
    MEMORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    expires_at: _timestamp_pb2.Timestamp
    id: str
    def __init__(self, memory_type: _Optional[str] = ..., subject: _Optional[str] = ..., content: _Optional[str] = ..., confidence: _Optional[float] = ..., source_events: _Optional[int] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., id: _Optional[str] = ...) -> None: ...

class StoreMemoryResponse(_message.Message):
    __slots__ = ("memory", "duplicate")
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    duplicate: bool
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class ListMemoriesRequest(_message.Message):
    __slots__ = ("memory_type", "subject", "min_confidence", "limit", "include_expired", "as_of")
    MEMORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    memory_type: str
    subject: str
    min_confidence: float
    limit: int
    include_expired: bool
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, memory_type: _Optional[str] = ..., subject: _Optional[str] = ..., min_confidence: _Optional[float] = ..., limit: _Optional[int] = ..., include_expired: _Optional[bool] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListMemoriesResponse(_message.Message):
    __slots__ = ("memories",)
    MEMORIES_FIELD_NUMBER: _ClassVar[int]
    memories: _containers.RepeatedCompositeFieldContainer[Memory]
    def __init__(self, memories: _Optional[_Iterable[_Union[Memory, _Mapping]]] = ...) -> None: ...

class CountRequest(_message.Message):
    __slots__ = ("target", "type", "include_expired")
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    target: CountTarget
    type: str
    include_expired: bool
    def __init__(self, target: _Optional[_Union[CountTarget, str]] = ..., type: _Optional[str] = ..., include_expired: _Optional[bool] = ...) -> None: ...

class CountResponse(_message.Message):
    __slots__ = ("count",)
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class ConsolidateRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class ConsolidateResponse(_message.Message):
    __slots__ = ("created", "updated", "expired")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    created: _containers.RepeatedCompositeFieldContainer[Memory]
    updated: _containers.RepeatedCompositeFieldContainer[Memory]
    expired: _containers.RepeatedCompositeFieldContainer[Memory]
    def __init__(self, created: _Optional[_Iterable[_Union[Memory, _Mapping]]] = ..., updated: _Optional[_Iterable[_Union[Memory, _Mapping]]] = ..., expired: _Optional[_Iterable[_Union[Memory, _Mapping]]] = ...) -> None: ...

class UpdateMemoryRequest(_message.Message):
    __slots__ = ("id", "content", "confidence", "expires_at", "clear_expires_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CLEAR_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    content: str
    confidence: float
    expires_at: _timestamp_pb2.Timestamp
    clear_expires_at: bool
    def __init__(self, id: _Optional[str] = ..., content: _Optional[str] = ..., confidence: _Optional[float] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., clear_expires_at: _Optional[bool] = ...) -> None: ...

class UpdateMemoryResponse(_message.Message):
    __slots__ = ("memory",)
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ...) -> None: ...

class DeleteMemoryRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class DeleteMemoryResponse(_message.Message):
    __slots__ = ("memory",)
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ...) -> None: ...

class WatchMemoriesRequest(_message.Message):
    __slots__ = ("memory_type", "subject", "include_existing", "after_sequence")
    MEMORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXISTING_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    memory_type: str
    subject: str
    include_existing: bool
    after_sequence: int
    def __init__(self, memory_type: _Optional[str] = ..., subject: _Optional[str] = ..., include_existing: _Optional[bool] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class WatchMemoriesResponse(_message.Message):
    __slots__ = ("kind", "memory", "caught_up", "sequence")
    KIND_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    CAUGHT_UP_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    kind: MemoryChangeKind
    memory: Memory
    caught_up: bool
    sequence: int
    def __init__(self, kind: _Optional[_Union[MemoryChangeKind, str]] = ..., memory: _Optional[_Union[Memory, _Mapping]] = ..., caught_up: _Optional[bool] = ..., sequence: _Optional[int] = ...) -> None: ...

class SearchMemoriesRequest(_message.Message):
    __slots__ = ("query", "subject", "memory_type", "limit", "include_expired")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    MEMORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    query: str
    subject: str
    memory_type: str
    limit: int
    include_expired: bool
    def __init__(self, query: _Optional[str] = ..., subject: _Optional[str] = ..., memory_type: _Optional[str] = ..., limit: _Optional[int] = ..., include_expired: _Optional[bool] = ...) -> None: ...

class MemoryHit(_message.Message):
    __slots__ = ("memory", "score")
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    memory: Memory
    score: float
    def __init__(self, memory: _Optional[_Union[Memory, _Mapping]] = ..., score: _Optional[float] = ...) -> None: ...

class SearchMemoriesResponse(_message.Message):
    __slots__ = ("hits",)
    HITS_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[MemoryHit]
    def __init__(self, hits: _Optional[_Iterable[_Union[MemoryHit, _Mapping]]] = ...) -> None: ...

class SearchEventsRequest(_message.Message):
    __slots__ = ("query", "event_type", "agent_id", "task_id", "min_importance", "since", "until", "limit")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    query: str
    event_type: str
    agent_id: str
    task_id: str
    min_importance: float
    since: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, query: _Optional[str] = ..., event_type: _Optional[str] = ..., agent_id: _Optional[str] = ..., task_id: _Optional[str] = ..., min_importance: _Optional[float] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class EventHit(_message.Message):
    __slots__ = ("event", "score")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    event: Event
    score: float
    def __init__(self, event: _Optional[_Union[Event, _Mapping]] = ..., score: _Optional[float] = ...) -> None: ...

class SearchEventsResponse(_message.Message):
    __slots__ = ("hits",)
    HITS_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[EventHit]
    def __init__(self, hits: _Optional[_Iterable[_Union[EventHit, _Mapping]]] = ...) -> None: ...

class ListMemoryRevisionsRequest(_message.Message):
    __slots__ = ("memory_id",)
    MEMORY_ID_FIELD_NUMBER: _ClassVar[int]
    memory_id: str
    def __init__(self, memory_id: _Optional[str] = ...) -> None: ...

class MemoryRevision(_message.Message):
    __slots__ = ("revision", "kind", "memory", "actor", "changed_at")
    REVISION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    revision: int
    kind: MemoryChangeKind
    memory: Memory
    actor: str
    changed_at: _timestamp_pb2.Timestamp
    def __init__(self, revision: _Optional[int] = ..., kind: _Optional[_Union[MemoryChangeKind, str]] = ..., memory: _Optional[_Union[Memory, _Mapping]] = ..., actor: _Optional[str] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListMemoryRevisionsResponse(_message.Message):
    __slots__ = ("revisions",)
    REVISIONS_FIELD_NUMBER: _ClassVar[int]
    revisions: _containers.RepeatedCompositeFieldContainer[MemoryRevision]
    def __init__(self, revisions: _Optional[_Iterable[_Union[MemoryRevision, _Mapping]]] = ...) -> None: ...
