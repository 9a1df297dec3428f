"""Retention bounds the log, in small transactions, while a follower reads
every retained event once; the newest event and the memories stay."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from spark_grpc.client import SparkClient
from spark_grpc.ops.retention import parse_age
from tests.operations.http_support import request
from tests.operations.test_metrics import scrape
from tests.support import start_in_process


def test_parse_age():
    assert parse_age("30d") == timedelta(days=30)
    assert parse_age("12h") == timedelta(hours=12)
    assert parse_age("90m") == timedelta(minutes=90)
    assert parse_age("3600") == timedelta(seconds=3600)
    assert parse_age("0.5s") == timedelta(seconds=0.5)
    assert parse_age("") is None
    for bad in ("30 days", "-1d", "0d", "d"):
        with pytest.raises(ValueError, match="retain_events"):
            parse_age(bad)


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.02)


def test_max_events_bounds_the_log_while_a_follower_reads(spark_db):
    running = start_in_process(
        spark_db,
        auto_consolidate=False,
        retain_max_events=50,
        retention_interval=0.02,
        http="127.0.0.1:0",
    )
    received: list[int] = []
    try:
        with SparkClient(running.address) as spark:
            memory = spark.store_memory("insight", "kept", "a1").memory
            stream = spark.follow_events()
            done = threading.Event()

            def follow() -> None:
                for event in stream:
                    received.append(event.sequence)
                    if event.description == "last":
                        done.set()
                        return

            reader = threading.Thread(target=follow)
            reader.start()
            for n in range(30):
                spark.record_events(
                    [{"event_type": "task_posted", "description": f"e{n}-{i}"} for i in range(10)]
                )
            last = spark.record_event("task_posted", "last").event
            assert done.wait(30)
            reader.join(10)
            stream.cancel()
            wait_for(lambda: spark.count("COUNT_TARGET_EVENTS") == 50)
            retained = [e.sequence for e in spark.list_events(order="ORDER_OLDEST_FIRST")]
            assert retained == list(range(last.sequence - 49, last.sequence + 1))
            # Every event the follower saw, once and in order; every retained one among them.
            assert received == sorted(set(received))
            assert set(retained) <= set(received)
            assert [m.id for m in spark.list_memories()] == [memory.id]
        values = scrape(running)
        assert values[("spark_events_deleted_total", ())] == last.sequence - 50
        assert values[("spark_event_log_head_sequence", ())] == last.sequence
        assert request(running, "/api/counts").json()["events"] == 50
    finally:
        running.stop()


def test_age_bound_keeps_the_newest_event(spark_db):
    running = start_in_process(
        spark_db, auto_consolidate=False, retain_events="1s", retention_interval=0.05
    )
    try:
        with SparkClient(running.address) as spark:
            spark.record_events([{"event_type": "old", "description": str(n)} for n in range(20)])
            wait_for(lambda: spark.count("COUNT_TARGET_EVENTS") == 1, timeout=15)
            [kept] = spark.list_events()
            assert kept.sequence == 20  # the newest stays: it holds the position
            fresh = spark.record_event("new", "fresh").event
            assert fresh.sequence == 21
            time.sleep(0.2)
            assert {e.event_type for e in spark.list_events()} <= {"old", "new"}
            assert spark.list_events(event_type="new")[0].id == fresh.id
    finally:
        running.stop()


def test_a_bad_age_is_refused_before_the_database_is_touched(tmp_path):
    with pytest.raises(ValueError, match="retain_events"):
        start_in_process(tmp_path / "spark.db", retain_events="a month")
    assert not (tmp_path / "spark.db").exists()


def test_retention_keeps_what_a_durable_consumer_has_not_acknowledged(spark_db):
    running = start_in_process(
        spark_db, auto_consolidate=False, retain_max_events=5, retention_interval=0.05
    )
    try:
        with SparkClient(running.address) as spark:
            first = spark.record_event("job", "0").event
            with spark.follow_events(consumer="slow", limit=1) as stream:
                assert next(stream).sequence == first.sequence
            spark.ack_events("slow", first.sequence)
            spark.record_events(
                [{"event_type": "job", "description": str(n)} for n in range(1, 30)]
            )
            # Everything after the consumer's position stays, however many.
            time.sleep(1.0)
            kept = [e.sequence for e in spark.list_events(order="oldest", limit=1000)]
            assert kept == list(range(first.sequence + 1, first.sequence + 30))
            # Once it acknowledges, the bound applies again.
            spark.ack_events("slow", kept[-1])
            wait_for(lambda: spark.count("COUNT_TARGET_EVENTS") <= 5, timeout=15)
    finally:
        running.stop()
