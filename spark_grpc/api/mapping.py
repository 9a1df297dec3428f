"""Domain records to protobuf messages (the hot path of every read)."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from spark_grpc.core.models import ChangeKind, ConsumerRecord, EventRecord, MemoryRecord
from spark_grpc.gen.spark.v1 import spark_pb2

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

CHANGE_KINDS = {
    ChangeKind.CREATED: spark_pb2.MEMORY_CHANGE_KIND_CREATED,
    ChangeKind.UPDATED: spark_pb2.MEMORY_CHANGE_KIND_UPDATED,
    ChangeKind.EXPIRED: spark_pb2.MEMORY_CHANGE_KIND_EXPIRED,
    ChangeKind.DELETED: spark_pb2.MEMORY_CHANGE_KIND_DELETED,
}


def _epoch_parts(moment: datetime) -> tuple[int, int]:
    """(seconds, nanos) of a Timestamp, exactly (no float rounding)."""
    delta = moment - _EPOCH
    return delta.days * 86_400 + delta.seconds, delta.microseconds * 1000


def timestamp_proto(moment: datetime) -> Timestamp:
    seconds, nanos = _epoch_parts(moment)
    return Timestamp(seconds=seconds, nanos=nanos)


def event_proto(event: EventRecord) -> spark_pb2.Event:
    # created_at is set in place, which costs a third of building a
    # Timestamp and copying it into the event.
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


def consumer_proto(consumer: ConsumerRecord) -> spark_pb2.Consumer:
    wanted = consumer.filter
    return spark_pb2.Consumer(
        name=consumer.name,
        acked_sequence=consumer.acked_sequence,
        head_sequence=consumer.head_sequence,
        lag=consumer.lag,
        event_type=wanted.event_type,
        agent_id=wanted.agent_id,
        task_id=wanted.task_id,
        min_importance=wanted.min_importance,
        updated_at=timestamp_proto(consumer.updated_at),
    )


def ack_proto(event: EventRecord, duplicate: bool) -> spark_pb2.EventAck:
    proto = spark_pb2.EventAck(
        id=event.id, sequence=event.sequence, duplicate=duplicate, importance=event.importance
    )
    created = proto.created_at
    created.seconds, created.nanos = _epoch_parts(event.created_at)
    return proto
