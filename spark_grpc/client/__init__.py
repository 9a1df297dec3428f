"""Python clients of the Spark Memory service: ``SparkClient`` (blocking,
``sync``), ``AsyncSparkClient`` (asyncio, ``aio``; also ``spark_grpc.aio``)
and the old module's API over gRPC (``compat``, also importable as
``spark_grpc.compat``). Nothing here imports the server."""

from spark_grpc.client.errors import SparkRpcError
from spark_grpc.client.requests import (
    MAX_RECEIVE_MESSAGE_BYTES,
    ConditionLike,
    CountTarget,
    Event,
    EventFields,
    Memory,
    MemoryChange,
    MemoryChangeKind,
    Order,
    TimestampLike,
    append_condition,
    from_timestamp,
    list_events_request,
    record_event_request,
    to_timestamp,
)
from spark_grpc.client.sync import ConsumerStream, SparkClient, SparkError, Stream

__all__ = [
    "MAX_RECEIVE_MESSAGE_BYTES",
    "ConditionLike",
    "ConsumerStream",
    "CountTarget",
    "Event",
    "EventFields",
    "Memory",
    "MemoryChange",
    "MemoryChangeKind",
    "Order",
    "SparkClient",
    "SparkError",
    "SparkRpcError",
    "Stream",
    "TimestampLike",
    "append_condition",
    "from_timestamp",
    "list_events_request",
    "record_event_request",
    "to_timestamp",
]
