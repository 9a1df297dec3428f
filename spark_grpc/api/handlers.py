"""Run an RPC's behaviour inside a context manager, for interceptors that
need to be around the handler itself (the caller's name, a trace span),
which ``intercept_service`` alone is not."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import grpc

Around = Callable[[Any, grpc.aio.ServicerContext], AbstractContextManager]


def run_within(handler: grpc.RpcMethodHandler | None, around: Around) -> Any:
    """``handler`` with each call's behaviour run inside ``around(request,
    context)``; unary-request handlers only (the shapes SparkService has),
    others are returned as they are."""
    if handler is None or handler.request_streaming:
        return handler
    kwargs = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.response_streaming:
        streaming = handler.unary_stream
        if not inspect.isasyncgenfunction(streaming):
            # A stream written with context.write (api.streams): a coroutine.
            async def written(request, context):
                with around(request, context):
                    return await streaming(request, context)

            return grpc.unary_stream_rpc_method_handler(written, **kwargs)

        async def stream(request, context):
            with around(request, context):
                async for message in streaming(request, context):
                    yield message

        return grpc.unary_stream_rpc_method_handler(stream, **kwargs)
    unary = handler.unary_unary

    async def call(request, context):
        with around(request, context):
            return await unary(request, context)

    return grpc.unary_unary_rpc_method_handler(call, **kwargs)
