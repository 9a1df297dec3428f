"""Every SparkService RPC, called raw: a minimal valid request each, and a
helper that returns the status code a call ends with."""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

pb = spark_pb2

# method -> a request that the method accepts (UpdateMemory, DeleteMemory
# ListMemoryRevisions and the consumer calls name an unknown id or consumer: NOT_FOUND when the
# caller is allowed).
REQUESTS = {
    "RecordEvent": pb.RecordEventRequest(event_type="task_posted"),
    "RecordEvents": pb.RecordEventsRequest(events=[pb.RecordEventRequest(event_type="bid")]),
    "ListEvents": pb.ListEventsRequest(limit=1),
    "StoreMemory": pb.StoreMemoryRequest(memory_type="insight", content="c"),
    "ListMemories": pb.ListMemoriesRequest(),
    "Count": pb.CountRequest(target=pb.COUNT_TARGET_EVENTS),
    "Consolidate": pb.ConsolidateRequest(),
    "UpdateMemory": pb.UpdateMemoryRequest(id="no-such-memory", content="c"),
    "DeleteMemory": pb.DeleteMemoryRequest(id="no-such-memory"),
    "WatchMemories": pb.WatchMemoriesRequest(),
    "AckEvents": pb.AckEventsRequest(consumer="no-such-consumer", sequence=0),
    "GetConsumer": pb.GetConsumerRequest(name="no-such-consumer"),
    "ListConsumers": pb.ListConsumersRequest(),
    "DeleteConsumer": pb.DeleteConsumerRequest(name="no-such-consumer"),
    "SearchMemories": pb.SearchMemoriesRequest(query="anything"),
    "SearchEvents": pb.SearchEventsRequest(query="anything"),
    "ListMemoryRevisions": pb.ListMemoryRevisionsRequest(memory_id="no-such-memory"),
}

STREAMS = {"ListEvents", "WatchMemories"}
# WatchMemories never ends by itself: its first message (caught_up) is success.
ENDLESS = {"WatchMemories"}

SERVICE_METHODS = {method.name for method in pb.DESCRIPTOR.services_by_name["SparkService"].methods}


def bearer(token: str | None) -> Sequence[tuple[str, str]] | None:
    return (("authorization", f"Bearer {token}"),) if token is not None else None


def call_status(
    stub: spark_pb2_grpc.SparkServiceStub,
    method: str,
    request: object | None = None,
    *,
    metadata: Sequence[tuple[str, str]] | None = None,
    timeout: float = 10.0,
) -> tuple[grpc.StatusCode, str]:
    """Call ``method`` and return (status code, details)."""
    request = REQUESTS[method] if request is None else request
    rpc = getattr(stub, method)
    try:
        if method in STREAMS:
            call = rpc(request, metadata=metadata, timeout=timeout)
            try:
                if method in ENDLESS:
                    next(call)
                    return grpc.StatusCode.OK, ""
                for _ in call:
                    pass
            finally:
                call.cancel()
        else:
            rpc(request, metadata=metadata, timeout=timeout)
    except grpc.RpcError as error:
        return error.code(), error.details() or ""
    return grpc.StatusCode.OK, ""
