"""OpenTelemetry server spans, one per RPC, when the standard ``OTEL_*``
variables ask for traces; nothing at all otherwise (no interceptor, no
import of OpenTelemetry).

Tracing is on when ``OTEL_TRACES_EXPORTER`` names an exporter (not
``none``) or an OTLP endpoint is set (``OTEL_EXPORTER_OTLP_ENDPOINT`` or
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``), and ``OTEL_SDK_DISABLED`` is not
``true``. A tracer provider already installed (by ``opentelemetry-instrument``
or the embedding program) is used as it is; otherwise one is made with the
exporters named (``console``; ``otlp`` when an OTLP exporter package is
installed), for ``OTEL_SERVICE_NAME`` (default ``spark-memory``).

Each span continues the caller's trace (W3C ``traceparent`` in the gRPC
metadata), is named ``spark.v1.SparkService/<Method>``, carries the RPC
semantic conventions (``rpc.system``, ``rpc.service``, ``rpc.method``,
``rpc.grpc.status_code``) and, where they apply, the GenAI ones:
``gen_ai.operation.name`` for memory operations (``search_memory``,
``create_memory``, ...) and ``gen_ai.agent.id`` for an event's agent.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import grpc

from spark_grpc.api.handlers import run_within

logger = logging.getLogger(__name__)

SERVICE = "spark.v1.SparkService"

# gen_ai.operation.name per RPC (GenAI semantic conventions, memory operations).
MEMORY_OPERATIONS = {
    "SearchMemories": "search_memory",
    "ListMemories": "search_memory",
    "StoreMemory": "create_memory",
    "UpdateMemory": "update_memory",
    "DeleteMemory": "delete_memory",
    "ListMemoryRevisions": "get_memory",
}


def wanted(environ: Any = os.environ) -> bool:
    """Whether the OTEL_* variables ask for traces."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporters = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporters:
        return exporters != "none"
    return bool(
        environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def tracing_interceptors() -> list[grpc.aio.ServerInterceptor]:
    """[the span interceptor] when traces are wanted, else []."""
    if not wanted():
        return []
    try:
        from opentelemetry import trace  # noqa: F401
    except ImportError:
        logger.warning(
            "OTEL_* asks for traces but OpenTelemetry is not installed:"
            " pip install 'spark-grpc[otel]'"
        )
        return []
    return [SpanInterceptor(tracer())]


def tracer() -> Any:
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider

    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider(
            resource=Resource.create(
                {"service.name": os.environ.get("OTEL_SERVICE_NAME", "spark-memory")}
            )
        )
        for name in os.environ.get("OTEL_TRACES_EXPORTER", "otlp").split(","):
            processor = _processor(name.strip().lower())
            if processor is not None:
                provider.add_span_processor(processor)
        trace.set_tracer_provider(provider)
    return provider.get_tracer("spark_grpc")


def _processor(name: str) -> Any:
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        ConsoleSpanExporter,
        SimpleSpanProcessor,
    )

    if name == "console":
        return SimpleSpanProcessor(ConsoleSpanExporter())
    if name == "otlp":
        try:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        except ImportError:
            logger.warning("OTEL_TRACES_EXPORTER=otlp needs opentelemetry-exporter-otlp")
            return None
        return BatchSpanProcessor(OTLPSpanExporter())
    if name != "none":
        logger.warning("unknown OTEL_TRACES_EXPORTER %r: no spans exported", name)
    return None


def _request_attributes(method: str, request: Any) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    operation = MEMORY_OPERATIONS.get(method)
    if operation is not None:
        attributes["gen_ai.operation.name"] = operation
    if method == "RecordEvent" and request.HasField("agent_id") and request.agent_id:
        attributes["gen_ai.agent.id"] = request.agent_id
    return attributes


class SpanInterceptor(grpc.aio.ServerInterceptor):
    """A server span around each SparkService call."""

    def __init__(self, tracer: Any) -> None:
        self.tracer = tracer

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = await continuation(details)
        full = details.method
        if handler is None or not full.startswith(f"/{SERVICE}/") or handler.request_streaming:
            return handler
        method = full.rsplit("/", 1)[-1]
        metadata = {
            key: value
            for key, value in (details.invocation_metadata or ())
            if isinstance(value, str)
        }

        @contextmanager
        def traced(request: Any, context: grpc.aio.ServicerContext) -> Iterator[None]:
            with self._span(method, metadata, request) as span:
                try:
                    yield
                finally:
                    _finish(span, context)

        return run_within(handler, traced)

    def _span(self, method: str, metadata: dict[str, str], request: Any) -> Any:
        from opentelemetry import propagate, trace

        attributes = {
            "rpc.system": "grpc",
            "rpc.service": SERVICE,
            "rpc.method": method,
            **_request_attributes(method, request),
        }
        return self.tracer.start_as_current_span(
            f"{SERVICE}/{method}",
            context=propagate.extract(metadata),
            kind=trace.SpanKind.SERVER,
            attributes=attributes,
            record_exception=False,
            set_status_on_exception=False,
        )


def _finish(span: Any, context: grpc.aio.ServicerContext) -> None:
    from opentelemetry.trace import Status, StatusCode

    code = context.code() if hasattr(context, "code") else None
    if code is None:
        code = grpc.StatusCode.OK
    value = code.value[0] if isinstance(code, grpc.StatusCode) else int(code)
    span.set_attribute("rpc.grpc.status_code", value)
    if value != 0:
        span.set_status(Status(StatusCode.ERROR, context.details() or None))
