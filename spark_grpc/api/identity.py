"""Who is calling: the name of the caller's token, for the history of the
memories it changes.

The token interceptor (``auth``) runs each admitted call's handler with
``CALLER`` set to the token's name; a handler reads it with ``caller_name()``
and passes it down to the store explicitly. Without token checks it is
empty.
"""

from __future__ import annotations

from contextvars import ContextVar

import grpc

CALLER: ContextVar[str] = ContextVar("spark_caller", default="")


def caller_name() -> str:
    return CALLER.get()


def as_caller(handler: grpc.RpcMethodHandler | None, name: str) -> grpc.RpcMethodHandler | None:
    """``handler`` with its behaviour run as ``name`` (unary-response and
    server-streaming methods, the shapes SparkService has)."""
    if handler is None or handler.request_streaming:
        return handler
    kwargs = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.response_streaming:
        streaming = handler.unary_stream

        async def stream(request, context):
            CALLER.set(name)
            async for message in streaming(request, context):
                yield message

        return grpc.unary_stream_rpc_method_handler(stream, **kwargs)
    unary = handler.unary_unary

    async def call(request, context):
        CALLER.set(name)
        return await unary(request, context)

    return grpc.unary_unary_rpc_method_handler(call, **kwargs)
