"""The server's Prometheus metrics, in a registry of its own (one per
server, so that several servers in one process do not mix their figures).

Counted as calls happen (by ``calls.CallObserver``):
``spark_rpc_requests_total{method,code}`` and the histogram
``spark_rpc_duration_seconds{method}``. Read from the server when scraped:
``spark_events_appended_total``, ``spark_event_log_head_sequence``,
``spark_followers``, ``spark_memories{memory_type}`` (live memories,
refreshed by ``refresh`` before each scrape), ``spark_consolidation_runs_total``,
``spark_store_errors_total{kind}`` and ``spark_events_deleted_total``.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from spark_grpc.core import store_errors
from spark_grpc.core.models import MemoryQuery

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds: from a cached read (~100 us) to a long follow stream.
DURATION_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    10.0,
    60.0,
)
# At most this many live memories are read to count them by type.
MEMORY_SCAN_LIMIT = 100_000


class ServerMetrics:
    """Every metric of one server. ``service``, ``store`` and ``consolidator``
    are read when scraped; ``followers`` adds the HTTP side's streams."""

    def __init__(self, service, store, *, followers: Callable[[], int] = lambda: 0) -> None:
        self.service = service
        self.store = store
        self.extra_followers = followers
        self.events_deleted = 0
        self.memory_counts: dict[str, int] = {}
        self.registry = CollectorRegistry(auto_describe=False)
        self.requests = Counter(
            "spark_rpc_requests",
            "RPCs finished, by method and status code",
            ["method", "code"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "spark_rpc_duration_seconds",
            "RPC duration in seconds, by method",
            ["method"],
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_ServerState(self))

    def observe(self, method: str, code: str, seconds: float) -> None:
        self.requests.labels(method, code).inc()
        self.duration.labels(method).observe(seconds)

    async def refresh(self) -> None:
        """Count the live memories by type (before a scrape)."""
        memories = await self.store.list_memories(
            MemoryQuery(), MEMORY_SCAN_LIMIT, datetime.now(UTC)
        )
        self.memory_counts = dict(Tally(memory.memory_type for memory in memories))

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _ServerState(Collector):
    def __init__(self, metrics: ServerMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        m = self.metrics
        yield CounterMetricFamily(
            "spark_events_appended",
            "events this server appended (retries of stored events not counted)",
            value=m.service.appended,
        )
        yield GaugeMetricFamily(
            "spark_event_log_head_sequence",
            "the largest committed event sequence",
            value=m.store.committed_sequence,
        )
        yield GaugeMetricFamily(
            "spark_followers",
            "open follow and watch streams (gRPC and HTTP)",
            value=m.service.streams.open + m.extra_followers(),
        )
        memories = GaugeMetricFamily(
            "spark_memories", "live (unexpired) memories, by type", labels=["memory_type"]
        )
        for memory_type, count in sorted(m.memory_counts.items()):
            memories.add_metric([memory_type], count)
        yield memories
        yield CounterMetricFamily(
            "spark_consolidation_runs",
            "runs of the consolidation rules (one subject each)",
            value=m.service.consolidator.runs,
        )
        errors = CounterMetricFamily(
            "spark_store_errors", "database failures, by kind", labels=["kind"]
        )
        for kind in store_errors.KINDS:
            errors.add_metric([kind], store_errors.counts[kind])
        yield errors
        yield CounterMetricFamily(
            "spark_events_deleted",
            "events deleted by retention",
            value=m.events_deleted,
        )
