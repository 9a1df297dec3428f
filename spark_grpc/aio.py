"""``spark_grpc.aio``: the asyncio client (``spark_grpc.client.aio``)."""

from spark_grpc.client.aio import AsyncConsumerStream, AsyncSparkClient, AsyncStream
from spark_grpc.client.errors import SparkRpcError
from spark_grpc.client.requests import CountTarget, MemoryChange, MemoryChangeKind, Order

SparkError = SparkRpcError

__all__ = [
    "AsyncConsumerStream",
    "AsyncSparkClient",
    "AsyncStream",
    "CountTarget",
    "MemoryChange",
    "MemoryChangeKind",
    "Order",
    "SparkError",
    "SparkRpcError",
]
