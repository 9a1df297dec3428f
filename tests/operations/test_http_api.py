"""/healthz and the JSON reads under /api."""

from __future__ import annotations

from spark_grpc.client import SparkClient
from tests.operations.http_support import http_server, request


def test_healthz_follows_grpc_health(spark_db):
    with http_server(spark_db) as running:
        answer = request(running, "/healthz")
        assert (answer.status, answer.json()) == (200, {"status": "SERVING"})
        running.run(running.running.health.enter_graceful_shutdown())
        answer = request(running, "/healthz")
        assert answer.status == 503
        assert answer.json()["status"] == "NOT_SERVING"


def test_events_with_the_list_events_filters(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        spark.record_event("task_posted", "p1", agent_id="a1", task_id="t1", importance=0.2)
        spark.record_event("task_failed", "f1", agent_id="a1", task_id="t1", importance=0.9)
        spark.record_event("task_failed", "f2", agent_id="a2", task_id="t2", importance=0.8)
        spark.record_event("bid_submitted", "b1", agent_id="a2", data={"bid_sats": 40})

        def descriptions(path: str) -> list[str]:
            answer = request(running, path)
            assert answer.status == 200, answer.text
            return [event["description"] for event in answer.json()["events"]]

        assert descriptions("/api/events") == ["b1", "f2", "f1", "p1"]
        assert descriptions("/api/events?order=oldest_first&limit=2") == ["p1", "f1"]
        assert descriptions("/api/events?event_type=task_failed") == ["f2", "f1"]
        assert descriptions("/api/events?agent_id=a1") == ["f1", "p1"]
        assert descriptions("/api/events?task_id=t2") == ["f2"]
        assert descriptions("/api/events?min_importance=0.85") == ["f1"]
        assert descriptions("/api/events?after_sequence=3&order=oldest_first") == ["b1"]
        assert (
            descriptions("/api/events?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z") == []
        )
        [bid] = request(running, "/api/events?event_type=bid_submitted").json()["events"]
        assert bid["data"] == {"bid_sats": 40}
        assert bid["sequence"] == 4

        for path, field in (
            ("/api/events?limit=-1", "limit"),
            ("/api/events?min_importance=nan", "min_importance"),
            ("/api/events?limit=many", "limit"),
            ("/api/events?since=yesterday", "since"),
        ):
            answer = request(running, path)
            assert answer.status == 400, path
            assert answer.json()["field"] == field


def test_memories_counts_and_agents(spark_db):
    with http_server(spark_db) as running, SparkClient(running.address) as spark:
        spark.store_memory("insight", "a1 is fast", "a1", confidence=0.9)
        spark.store_memory("pattern", "a2 bids high", "a2", confidence=0.4)
        for description, kind in (
            ("p", "task_posted"),
            ("ok", "task_completed"),
            ("bad", "task_failed"),
            ("bad again", "task_failed"),
        ):
            spark.record_event(kind, description, agent_id="a1")
        spark.record_event("bid_submitted", "bid", agent_id="a1", data={"bid_sats": 30})
        spark.record_event("bid_submitted", "bid", agent_id="a1", data={"bid_sats": 50})
        spark.record_event("task_completed", "ok", agent_id="a2")

        memories = request(running, "/api/memories").json()["memories"]
        assert sorted(m["subject"] for m in memories) == ["a1", "a2"]
        confident = request(running, "/api/memories?min_confidence=0.5").json()["memories"]
        assert [m["content"] for m in confident] == ["a1 is fast"]
        assert request(running, "/api/memories?subject=a2").json()["memories"][0][
            "memory_type"
        ] == ("pattern")

        counts = request(running, "/api/counts").json()
        assert counts == {"events": 7, "memories": 2, "head_sequence": 7}
        assert request(running, "/api/counts?event_type=task_failed").json()["events"] == 2

        agents = {a["agent_id"]: a for a in request(running, "/api/agents").json()["agents"]}
        a1 = agents["a1"]
        assert a1["events"] == 6
        assert (a1["completed"], a1["failed"]) == (1, 2)
        assert a1["success_rate"] == 1 / 3
        assert a1["failure_streak"] == 2
        assert a1["average_bid"] == 40
        assert a1["last_sequence"] == 6
        assert agents["a2"]["success_rate"] == 1.0
        assert agents["a2"]["average_bid"] is None
        assert request(running, "/api/agents?window=0").status == 400


def test_the_page_and_its_files_are_served(spark_db):
    with http_server(spark_db) as running:
        page = request(running, "/")
        assert page.status == 200
        assert "text/html" in page.headers["content-type"]
        assert "/static/app.js" in page.text
        for path in ("/static/app.js", "/static/style.css"):
            assert request(running, path).status == 200
        # Nothing from elsewhere: no CDN.
        assert "http://" not in page.text.replace("http://www.w3.org", "")
        assert "https://" not in page.text
        assert request(running, "/static/../../server.py").status in (403, 404)
