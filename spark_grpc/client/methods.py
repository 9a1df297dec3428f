"""The RPC methods of both Python clients, declared once.

A client method is its request builder (``spark_grpc.client.requests``),
which gives it its signature, its types and its docstring, plus how the
response becomes the result. ``Unary`` makes it a blocking method of
``SparkClient``, ``AsyncUnary`` a coroutine of ``AsyncSparkClient``;
``Streaming`` and ``AsyncStreaming`` return the client's stream of items.
Each client says how it calls: ``_call`` (one response), ``_collect`` (every
message of a server stream) and ``_open`` (a stream, left open)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

from grpc_health.v1 import health_pb2

from spark_grpc.gen.spark.v1 import spark_pb2

if TYPE_CHECKING:
    from spark_grpc.client.aio import AsyncStream
    from spark_grpc.client.requests import StreamCall
    from spark_grpc.client.sync import Stream

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class _Method(Generic[P]):
    """An RPC name, its request builder and the stub that serves it."""

    name = ""

    def __init__(self, method: str, build: Callable[P, Any], stub: str) -> None:
        self.method = method
        self.build = build
        self.stub = stub
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def _named(self, call: Callable[..., Any]) -> Any:
        functools.update_wrapper(call, self.build)
        call.__name__ = call.__qualname__ = self.name
        return call


class Unary(_Method[P], Generic[P, R]):
    """A blocking call; ``answer`` picks the result from the response (or,
    with ``via="_collect"``, from the list of a stream's messages)."""

    def __init__(
        self,
        method: str,
        build: Callable[P, Any],
        answer: Callable[[Any], R],
        *,
        stub: str = "stub",
        via: str = "_call",
    ) -> None:
        super().__init__(method, build, stub)
        self.answer = answer
        self.via = via

    @overload
    def __get__(self, client: None, owner: type) -> Unary[P, R]: ...
    @overload
    def __get__(self, client: object, owner: type) -> Callable[P, R]: ...
    def __get__(self, client: object | None, owner: type) -> Any:
        if client is None:
            return self
        invoke = getattr(client, self.via)
        stub = getattr(client, self.stub)

        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return self.answer(invoke(stub, self.method, self.build(*args, **kwargs)))

        return self._named(call)


class AsyncUnary(Unary[P, R]):
    """``Unary`` as a coroutine."""

    @overload  # type: ignore[override]
    def __get__(self, client: None, owner: type) -> AsyncUnary[P, R]: ...
    @overload
    def __get__(self, client: object, owner: type) -> Callable[P, Awaitable[R]]: ...
    def __get__(self, client: object | None, owner: type) -> Any:
        if client is None:
            return self
        invoke = getattr(client, self.via)
        stub = getattr(client, self.stub)

        async def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return self.answer(await invoke(stub, self.method, self.build(*args, **kwargs)))

        return self._named(call)


class Streaming(_Method[P], Generic[P, T]):
    """A blocking client's server stream, left open: a ``Stream`` of items."""

    def __init__(self, method: str, build: Callable[P, StreamCall[T]]) -> None:
        super().__init__(method, build, "stub")

    @overload
    def __get__(self, client: None, owner: type) -> Streaming[P, T]: ...
    @overload
    def __get__(self, client: object, owner: type) -> Callable[P, Stream[T]]: ...
    def __get__(self, client: object | None, owner: type) -> Any:
        if client is None:
            return self
        open_stream = getattr(client, "_open")  # noqa: B009 (the clients' own protocol)

        def call(*args: P.args, **kwargs: P.kwargs) -> Stream[T]:
            stream: Stream[T] = open_stream(self.method, self.build(*args, **kwargs))
            return stream

        return self._named(call)


class AsyncStreaming(Streaming[P, T]):
    """An asyncio client's server stream, left open: an ``AsyncStream``
    (the client's ``_open`` makes it; only the declared type differs)."""

    @overload  # type: ignore[override]
    def __get__(self, client: None, owner: type) -> AsyncStreaming[P, T]: ...
    @overload
    def __get__(self, client: object, owner: type) -> Callable[P, AsyncStream[T]]: ...
    def __get__(self, client: object | None, owner: type) -> Any:
        return super().__get__(client, owner)


# ── answers: how a response becomes a method's result ─────────────────────
def recorded(response: spark_pb2.RecordEventResponse) -> spark_pb2.RecordEventResponse:
    return response


def stored(response: spark_pb2.StoreMemoryResponse) -> spark_pb2.StoreMemoryResponse:
    return response


def consolidated(response: spark_pb2.ConsolidateResponse) -> spark_pb2.ConsolidateResponse:
    return response


def events_of(response: spark_pb2.RecordEventsResponse) -> list[spark_pb2.Event]:
    return list(response.events)


def events_of_pages(messages: list[spark_pb2.ListEventsResponse]) -> list[spark_pb2.Event]:
    return [event for message in messages for event in message.events]


def memories_of(response: spark_pb2.ListMemoriesResponse) -> list[spark_pb2.Memory]:
    return list(response.memories)


def memory_of(response: spark_pb2.UpdateMemoryResponse) -> spark_pb2.Memory:
    return response.memory


def consumer_of(
    response: spark_pb2.AckEventsResponse | spark_pb2.DeleteConsumerResponse,
) -> spark_pb2.Consumer:
    return response.consumer


def consumer(response: spark_pb2.Consumer) -> spark_pb2.Consumer:
    return response


def consumers_of(response: spark_pb2.ListConsumersResponse) -> list[spark_pb2.Consumer]:
    return list(response.consumers)


def count_of(response: spark_pb2.CountResponse) -> int:
    return response.count


def status_name(response: health_pb2.HealthCheckResponse) -> str:
    """The health check's status as its name (``SERVING``, ...)."""
    return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
