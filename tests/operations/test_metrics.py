"""/metrics: the values after known calls."""

from __future__ import annotations

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.core import store_errors
from tests.operations.http_support import http_server, request


def scrape(running) -> dict[tuple[str, tuple], float]:
    answer = request(running, "/metrics")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/plain")
    values = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return values


def test_metrics_count_known_calls(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        for n in range(3):
            spark.record_event("task_posted", f"task {n}", agent_id="a1", task_id=f"t{n}")
        spark.record_event("task_posted", "again", id="fixed-1")
        spark.record_event("task_posted", "again", id="fixed-1")  # a duplicate
        with pytest.raises(SparkError) as caught:
            spark.record_event("", "no type")
        assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
        spark.store_memory("insight", "a1 is fast", "a1")
        spark.store_memory("pattern", "a1 bids high", "a1")
        spark.store_memory("pattern", "a2 bids low", "a2")
        spark.consolidate("a1")
        assert spark.count("COUNT_TARGET_EVENTS") == 4

        values = scrape(running)
        requests_ = {
            labels: value
            for (name, labels), value in values.items()
            if name == "spark_rpc_requests_total"
        }
        assert requests_[(("code", "OK"), ("method", "RecordEvent"))] == 5
        assert requests_[(("code", "INVALID_ARGUMENT"), ("method", "RecordEvent"))] == 1
        assert requests_[(("code", "OK"), ("method", "StoreMemory"))] == 3
        assert requests_[(("code", "OK"), ("method", "Consolidate"))] == 1
        assert requests_[(("code", "OK"), ("method", "Count"))] == 1
        assert values[("spark_rpc_duration_seconds_count", (("method", "RecordEvent"),))] == 6
        assert values[("spark_rpc_duration_seconds_sum", (("method", "RecordEvent"),))] > 0
        # The duplicate is not appended twice.
        assert values[("spark_events_appended_total", ())] == 4
        assert values[("spark_event_log_head_sequence", ())] == 4
        assert values[("spark_memories", (("memory_type", "insight"),))] == 1
        assert values[("spark_memories", (("memory_type", "pattern"),))] == 2
        assert values[("spark_consolidation_runs_total", ())] == 1
        assert values[("spark_followers", ())] == 0
        for kind in store_errors.KINDS:
            assert ("spark_store_errors_total", (("kind", kind),)) in values
        assert values[("spark_events_deleted_total", ())] == 0


def test_followers_count_open_streams(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        with spark.follow_events() as stream:
            spark.record_event("task_posted", "wake the follower")
            next(iter(stream))
            assert scrape(running)[("spark_followers", ())] == 1
        # Closed streams are no longer counted (the server notices the cancel).
        for _ in range(50):
            if scrape(running)[("spark_followers", ())] == 0:
                break
        assert scrape(running)[("spark_followers", ())] == 0


def test_store_errors_are_counted_by_kind():
    from spark_grpc.core.errors import AlreadyExists, ResourceExhausted, Unavailable

    assert store_errors.kind_of(ResourceExhausted("the database disk is full")) == "full"
    assert store_errors.kind_of(Unavailable("the database cannot be written (read-only)")) == (
        "read_only"
    )
    assert store_errors.kind_of(Unavailable("the database is busy; retry")) == "busy"
    assert store_errors.kind_of(Unavailable("the call was cancelled")) is None
    assert store_errors.kind_of(AlreadyExists("taken")) is None

    @store_errors.counted
    def translate(exc):
        return ResourceExhausted("the database disk is full") if isinstance(exc, OSError) else exc

    before = store_errors.counts["full"]
    translate(OSError("disk"))
    error = ResourceExhausted("passed through")
    assert translate(error) is error  # an error already translated is not counted again
    assert store_errors.counts["full"] == before + 1
