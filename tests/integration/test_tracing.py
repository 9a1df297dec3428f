"""OpenTelemetry server spans: one per RPC when OTEL_* asks for traces (the
caller's trace continued from its traceparent metadata, RPC and GenAI
attributes, the status), and none when it does not."""

from __future__ import annotations

import grpc
import pytest

pytest.importorskip("opentelemetry.sdk")

from opentelemetry import trace  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (  # noqa: E402
    InMemorySpanExporter,
)

from spark_grpc.api.tracing import wanted  # noqa: E402
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc  # noqa: E402
from tests.support import start_in_process  # noqa: E402

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"


@pytest.fixture(scope="module")
def exporter():
    spans = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(spans))
    return spans


def _calls(address: str) -> None:
    metadata = (("traceparent", f"00-{TRACE_ID}-{PARENT_ID}-01"),)
    with grpc.insecure_channel(address) as channel:
        stub = spark_pb2_grpc.SparkServiceStub(channel)
        stub.RecordEvent(
            spark_pb2.RecordEventRequest(event_type="task_failed", agent_id="agent-7"),
            metadata=metadata,
        )
        stub.StoreMemory(
            spark_pb2.StoreMemoryRequest(memory_type="pattern", content="x"), metadata=metadata
        )
        stub.SearchMemories(spark_pb2.SearchMemoriesRequest(query="x"), metadata=metadata)
        list(stub.ListEvents(spark_pb2.ListEventsRequest(limit=5), metadata=metadata))
        with pytest.raises(grpc.RpcError):
            stub.SearchMemories(spark_pb2.SearchMemoriesRequest(query="*"), metadata=metadata)


def _spans_of_calls(exporter: InMemorySpanExporter, db) -> list:
    """The SparkService spans that the calls of ``_calls`` make on a new server."""
    exporter.clear()
    running = start_in_process(db, auto_consolidate=False)
    try:
        _calls(running.address)
    finally:
        running.stop()
    return [s for s in exporter.get_finished_spans() if s.name.startswith("spark.v1.")]


def test_spans_per_rpc_with_the_callers_trace(exporter, spark_db, monkeypatch):
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    spans = _spans_of_calls(exporter, spark_db)
    names = [span.name.rsplit("/", 1)[-1] for span in spans]
    assert names == [
        "RecordEvent",
        "StoreMemory",
        "SearchMemories",
        "ListEvents",
        "SearchMemories",
    ]
    for span in spans:
        assert span.kind == trace.SpanKind.SERVER
        assert format(span.context.trace_id, "032x") == TRACE_ID
        assert format(span.parent.span_id, "016x") == PARENT_ID
        assert span.attributes["rpc.system"] == "grpc"
        assert span.attributes["rpc.service"] == "spark.v1.SparkService"
    record, store, search, listing, refused = spans
    assert record.attributes["gen_ai.agent.id"] == "agent-7"
    assert store.attributes["gen_ai.operation.name"] == "create_memory"
    assert search.attributes["gen_ai.operation.name"] == "search_memory"
    assert search.attributes["rpc.grpc.status_code"] == 0
    assert listing.attributes["rpc.grpc.status_code"] == 0
    assert refused.attributes["rpc.grpc.status_code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert refused.status.status_code == trace.StatusCode.ERROR
    assert "query" in refused.status.description


def test_no_spans_without_otel_variables(exporter, db_path, monkeypatch):
    for name in ("OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    assert _spans_of_calls(exporter, db_path) == []


def test_which_variables_turn_traces_on():
    assert not wanted({})
    assert wanted({"OTEL_TRACES_EXPORTER": "otlp"})
    assert not wanted({"OTEL_TRACES_EXPORTER": "none"})
    assert wanted({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4317"})
    assert not wanted({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"})
