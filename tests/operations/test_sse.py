"""Server-Sent Events: what is recorded after connecting arrives; a
reconnect with Last-Event-ID misses nothing and repeats nothing."""

from __future__ import annotations

from spark_grpc.client import SparkClient
from tests.operations.http_support import http_server, sse


def test_an_event_recorded_after_connecting_arrives(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        spark.record_event("task_posted", "before")
        with sse(running, "/api/events/stream") as stream:
            assert stream.status == 200
            assert stream.response.getheader("Content-Type") == "text/event-stream"
            # From the head: nothing old, a caught-up marker first.
            first = stream.next()
            assert first.event == "caught_up"
            recorded = spark.record_event("task_completed", "after", agent_id="a1").event
            [event] = stream.take(1)
            assert event.id == str(recorded.sequence)
            assert event.data["sequence"] == recorded.sequence
            assert event.data["description"] == "after"
            assert event.data["agent_id"] == "a1"
            assert event.data["event_type"] == "task_completed"


def test_reconnect_with_last_event_id_misses_nothing(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        first = [spark.record_event("task_posted", f"e{n}").event.sequence for n in range(5)]
        with sse(running, "/api/events/stream?after_sequence=0") as stream:
            seen = stream.take(3)
        assert [int(e.id) for e in seen] == first[:3]
        # Recorded while disconnected.
        later = [spark.record_event("task_posted", f"f{n}").event.sequence for n in range(4)]
        with sse(running, "/api/events/stream", {"Last-Event-ID": seen[-1].id}) as stream:
            rest = stream.take(len(first) - 3 + len(later))
            # And what commits after the reconnect.
            newest = spark.record_event("task_posted", "live").event.sequence
            [live] = stream.take(1)
        assert [int(e.id) for e in rest] == first[3:] + later
        assert int(live.id) == newest


def test_filters_and_tail(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        for n in range(6):
            spark.record_event("task_failed" if n % 2 else "task_posted", f"e{n}", agent_id="a1")
        with sse(running, "/api/events/stream?tail=4&event_type=task_failed") as stream:
            history = stream.until("caught_up")
            spark.record_event("task_posted", "not this one")
            spark.record_event("task_failed", "this one", importance=0.9)
            [live] = stream.take(1)
        events = [e for e in history if e.event == "event"]
        # The last 4 positions hold two failures (sequences 4 and 6).
        assert [e.data["sequence"] for e in events] == [4, 6]
        assert live.data["description"] == "this one"


def test_bad_filter_is_a_400_naming_the_field(spark_db):
    from tests.operations.http_support import request

    with http_server(spark_db) as running:
        answer = request(running, "/api/events/stream?min_importance=nan")
        assert answer.status == 400
        assert answer.json()["field"] == "min_importance"


def test_memory_stream_existing_then_changes_and_resume(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        kept = spark.store_memory("insight", "a1 is fast", "a1").memory
        with sse(running, "/api/memories/stream?existing=1") as stream:
            history = stream.until("caught_up")
            assert [e.data["id"] for e in history if e.event == "existing"] == [kept.id]
            position = history[-1].id
            made = spark.store_memory("pattern", "a2 bids high", "a2").memory
            [change] = stream.take(1, "change")
            assert change.data["kind"] == "created"
            assert change.data["memory"]["id"] == made.id
            assert change.data["memory"]["subject"] == "a2"
        # Changes while away arrive on reconnect, without the existing ones again.
        spark.update_memory(made.id, content="a2 bids very high")
        spark.delete_memory(kept.id)
        with sse(running, "/api/memories/stream?existing=1", {"Last-Event-ID": change.id}) as again:
            changes = again.take(2, "change")
        assert [(c.data["kind"], c.data["memory"]["id"]) for c in changes] == [
            ("updated", made.id),
            ("deleted", kept.id),
        ]
        assert int(position) < int(change.id)


def test_streams_end_when_the_server_stops(spark_db):
    with http_server(spark_db) as running, sse(running, "/api/events/stream") as stream:
        stream.next()  # caught_up
        running.stop()
        try:
            while True:
                stream.next(timeout=5)
        except (EOFError, ConnectionError):
            pass


def test_open_streams_count_as_followers(spark_db):
    from tests.operations.test_metrics import scrape

    with (
        http_server(spark_db) as running,
        sse(running, "/api/events/stream") as events,
        sse(running, "/api/memories/stream") as memories,
    ):
        events.next()
        memories.next()
        assert scrape(running)[("spark_followers", ())] == 2
