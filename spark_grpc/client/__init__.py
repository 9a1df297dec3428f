"""Python clients of the Spark Memory service: ``SparkClient`` (``sync``) and
the old module's API over gRPC (``compat``, also importable as
``spark_grpc.compat``). Nothing here imports the server."""

from spark_grpc.client.sync import (
    MAX_RECEIVE_MESSAGE_BYTES,
    ConsumerStream,
    Event,
    Memory,
    SparkClient,
    SparkError,
    SparkRpcError,
    Stream,
    TimestampLike,
    append_condition,
    from_timestamp,
    list_events_request,
    record_event_request,
    to_timestamp,
)

__all__ = [
    "MAX_RECEIVE_MESSAGE_BYTES",
    "Event",
    "ConsumerStream",
    "Memory",
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
