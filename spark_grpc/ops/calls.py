"""One observer of every RPC: the metrics, and the access log.

``CallObserver`` is a grpc.aio server interceptor placed before the token
check, so that refused calls are counted and logged too. For each finished
call it records the method, the status code and the duration in the
metrics (when given) and, when the access log is on, logs one line on the
``spark_grpc.access`` logger with the method, code, duration, peer and the
token's name (never the token).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import grpc

from spark_grpc.api.auth import SERVICE_PREFIX, TokenAuthInterceptor, bearer_token
from spark_grpc.core.errors import SparkError
from spark_grpc.ops.metrics import ServerMetrics

access_logger = logging.getLogger("spark_grpc.access")


def method_label(method: str) -> str:
    """``RecordEvent`` for the service's own methods, ``grpc.health.v1.Health/Check``
    for the others."""
    if method.startswith(SERVICE_PREFIX):
        return method[len(SERVICE_PREFIX) :]
    return method.lstrip("/")


class CallObserver(grpc.aio.ServerInterceptor):
    def __init__(
        self,
        metrics: ServerMetrics | None,
        *,
        access_log: bool,
        tokens: Callable[[], TokenAuthInterceptor | None] = lambda: None,
    ) -> None:
        self.metrics = metrics
        self.access_log = access_log
        # The token check, when there is one: its table names the caller.
        self.tokens = tokens

    def _token_name(self, metadata: Any) -> str:
        check = self.tokens()
        if check is None:
            return "-"
        try:
            token = bearer_token(metadata)
        except SparkError:
            return "?"
        if token is None:
            return "-"
        caller = check.tokens.lookup(token)
        return caller.name if caller is not None else "?"

    def _finished(
        self, method: str, code: grpc.StatusCode, started: float, context: Any, token: str
    ) -> None:
        seconds = time.perf_counter() - started
        name = code.name
        if self.metrics is not None:
            self.metrics.observe(method, name, seconds)
        if self.access_log:
            try:
                peer = context.peer()
            except Exception:  # the call is gone
                peer = "?"
            access_logger.info(
                "%s %s %.1fms peer=%s token=%s",
                method,
                name,
                seconds * 1000,
                peer,
                token,
                extra={
                    "rpc_method": method,
                    "code": name,
                    "duration_ms": round(seconds * 1000, 3),
                    "peer": peer,
                    "token_name": token,
                },
            )

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        method = method_label(handler_call_details.method)
        token = (
            self._token_name(handler_call_details.invocation_metadata) if self.access_log else "-"
        )
        observe = self._finished
        options = {
            "request_deserializer": handler.request_deserializer,
            "response_serializer": handler.response_serializer,
        }

        def outcome(exc: BaseException | None, context: Any) -> grpc.StatusCode:
            if exc is None:
                code = context.code()
                return code if isinstance(code, grpc.StatusCode) else grpc.StatusCode.OK
            if isinstance(exc, asyncio.CancelledError | GeneratorExit):
                return grpc.StatusCode.CANCELLED
            code = context.code()
            if isinstance(code, grpc.StatusCode) and code is not grpc.StatusCode.OK:
                return code
            return grpc.StatusCode.UNKNOWN

        @contextlib.contextmanager
        def observed(context: Any) -> Iterator[None]:
            started = time.perf_counter()
            failure: BaseException | None = None
            try:
                yield
            except BaseException as exc:
                failure = exc
                raise
            finally:
                observe(method, outcome(failure, context), started, context, token)

        def unary(inner: Callable) -> Callable:
            async def call(request: Any, context: Any) -> Any:
                with observed(context):
                    result = inner(request, context)
                    return await result if inspect.isawaitable(result) else result

            return call

        def streaming(inner: Callable) -> Callable:
            async def call(request: Any, context: Any) -> Any:
                with observed(context):
                    result = inner(request, context)
                    if hasattr(result, "__aiter__"):
                        async for message in result:
                            yield message
                    elif inspect.isawaitable(result):
                        await result

            return call

        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(unary(handler.unary_unary), **options)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(streaming(handler.unary_stream), **options)
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(unary(handler.stream_unary), **options)
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                streaming(handler.stream_stream), **options
            )
        return handler


def observers(
    config: Any, service: Any, store: Any, checks: list
) -> tuple[ServerMetrics | None, list[grpc.aio.ServerInterceptor]]:
    """The metrics (with --http) and the observer to put before the token
    check (with --http or --access-log), as configured."""
    metrics = ServerMetrics(service, store) if config.http else None
    if metrics is None and not config.access_log:
        return None, []
    observer = CallObserver(
        metrics, access_log=config.access_log, tokens=lambda: checks[0] if checks else None
    )
    return metrics, [observer]
