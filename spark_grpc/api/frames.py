"""Request frames that do not parse: ``INVALID_ARGUMENT``, never a traceback.

grpc.aio parses a request with the handler's deserializer before the handler
runs; a frame that is not a valid message makes the deserializer raise, and
grpc logs a traceback and answers ``UNKNOWN``. ``RequestFrames`` (the last
interceptor) gives every SparkService handler a deserializer that returns an
``Unparsable`` marker instead of raising, and a behaviour that answers the
marker with ``INVALID_ARGUMENT``. ``skip_body`` is the deserializer of a call
that is denied before its body is read.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

logger = logging.getLogger(__name__)


class Unparsable:
    """A request frame that did not parse, and why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def skip_body(raw: bytes) -> None:
    """Deserializer of a denied call: the body is never parsed."""
    return None


def lenient(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any]:
    def parse(raw: bytes) -> Any:
        if deserializer is None:
            return raw
        try:
            return deserializer(raw)
        except Exception as exc:  # DecodeError and whatever a parser raises
            return Unparsable(f"{type(exc).__name__}: {exc}"[:200])

    return parse


async def refuse(request: Any, context: grpc.aio.ServicerContext) -> None:
    """Abort with INVALID_ARGUMENT when ``request`` did not parse."""
    if isinstance(request, Unparsable):
        logger.info("refused an unparsable request: %s", request.reason)
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            f"spark: the request message does not parse ({request.reason})",
        )


def guarded(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """``handler`` with a lenient deserializer; an unparsable frame is
    answered INVALID_ARGUMENT without reaching the servicer."""
    if handler.request_streaming:
        return handler  # SparkService has no client streams
    kwargs = {
        "request_deserializer": lenient(handler.request_deserializer),
        "response_serializer": handler.response_serializer,
    }
    if not handler.response_streaming:
        unary = handler.unary_unary

        async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
            await refuse(request, context)
            return await unary(request, context)

        return grpc.unary_unary_rpc_method_handler(call, **kwargs)
    behaviour = handler.unary_stream
    if inspect.isasyncgenfunction(behaviour):

        async def stream(request: Any, context: grpc.aio.ServicerContext) -> Any:
            await refuse(request, context)
            async for message in behaviour(request, context):
                yield message

        return grpc.unary_stream_rpc_method_handler(stream, **kwargs)

    async def writes(request: Any, context: grpc.aio.ServicerContext) -> Any:
        await refuse(request, context)
        return await behaviour(request, context)

    return grpc.unary_stream_rpc_method_handler(writes, **kwargs)


class RequestFrames(grpc.aio.ServerInterceptor):
    """Guards the handlers of methods whose name starts with ``prefix``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or not handler_call_details.method.startswith(self.prefix):
            return handler
        return guarded(handler)
