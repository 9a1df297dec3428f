"""SearchMemories and SearchEvents on both stores: ranking, exact tokens,
the query syntax, filters, hostile query text, and rows written by the
seed module."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from spark_grpc.client import SparkClient
from tests.integration.seed_module import seed_at
from tests.integration.status import fails_with
from tests.support import start_in_process

PAST = datetime(2020, 1, 1, tzinfo=UTC)


def _contents(hits) -> list[str]:
    return [hit.memory.content for hit in hits]


def test_memory_search_ranks_and_matches_exact_tokens(client: SparkClient):
    client.store_memory("pattern", "agent-7 drops tasks with ECONNRESET", "agent-7")
    client.store_memory("pattern", "agent 7 is reliable", "agent-8")
    client.store_memory("insight", "the parser fails on E_CONN.reset:42 payloads", "system")
    client.store_memory("insight", "bids are low on weekends", "system")
    hits = client.search_memories("ECONNRESET")
    assert _contents(hits) == ["agent-7 drops tasks with ECONNRESET"]
    assert hits[0].score > 0
    # An agent id is matched as written, first.
    assert _contents(client.search_memories("agent-7"))[0] == "agent-7 drops tasks with ECONNRESET"
    assert _contents(client.search_memories("E_CONN.reset:42")) == [
        "the parser fails on E_CONN.reset:42 payloads"
    ]
    assert _contents(client.search_memories("pars*")) == [
        "the parser fails on E_CONN.reset:42 payloads"
    ]
    assert _contents(client.search_memories('"bids are low"')) == ["bids are low on weekends"]
    assert client.search_memories('"low are bids"') == []
    # Every word must match; case does not matter.
    assert _contents(client.search_memories("WEEKENDS bids")) == ["bids are low on weekends"]
    assert client.search_memories("weekends nothing") == []
    scores = [hit.score for hit in client.search_memories("agent")]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2


def test_memory_search_filters_and_follows_changes(client: SparkClient):
    first = client.store_memory("pattern", "deploys break on fridays", "a1").memory
    client.store_memory("insight", "deploys break on fridays", "a2", expires_at=PAST)
    assert [h.memory.id for h in client.search_memories("fridays")] == [first.id]
    assert len(client.search_memories("fridays", include_expired=True)) == 2
    assert client.search_memories("fridays", subject="a2") == []
    assert client.search_memories("fridays", memory_type="insight") == []
    assert len(client.search_memories("fridays", memory_type="pattern", subject="a1")) == 1
    client.update_memory(first.id, content="deploys are fine now")
    assert client.search_memories("fridays") == []
    assert [h.memory.id for h in client.search_memories("fine")] == [first.id]
    client.delete_memory(first.id)
    assert client.search_memories("fine") == []
    for index in range(15):
        client.store_memory("pattern", f"crowded word {index}", "a3")
    assert len(client.search_memories("crowded")) == 10  # the default limit
    assert len(client.search_memories("crowded", limit=12)) == 12


def test_event_search_over_description_and_data(client: SparkClient):
    client.record_event("task_failed", "timeout while parsing", agent_id="a1", task_id="t1")
    client.record_event(
        "task_failed", "crashed", agent_id="a2", data={"error": "ConnectionResetError: peer"}
    )
    client.record_event("task_posted", "parse the logs", agent_id="a1", importance=0.1)
    hits = client.search_events("ConnectionResetError")
    assert [h.event.description for h in hits] == ["crashed"]
    assert hits[0].event.sequence > 0
    assert len(client.search_events("pars*")) == 2
    assert [h.event.description for h in client.search_events("pars*", min_importance=0.5)] == [
        "timeout while parsing"
    ]
    assert len(client.search_events("pars*", agent_id="a1", event_type="task_posted")) == 1
    assert client.search_events("pars*", task_id="t9") == []
    future = datetime.now(UTC) + timedelta(hours=1)
    assert client.search_events("pars*", since=future) == []
    assert len(client.search_events("pars*", until=future)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "*",
        '""',
        "-- ; ()",
        "x" * 1001,
        " ".join(["w"] * 40),
    ],
)
def test_queries_without_words_are_invalid(client: SparkClient, text: str):
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "query"):
        client.search_memories(text)
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "query"):
        client.search_events(text)


@pytest.mark.parametrize(
    "text",
    [
        'NEAR(a b) OR "x',
        "content:secret",
        "a AND OR NOT b",
        "^start",
        "x' OR 1=1 --",
        "a & b | !c <-> d:*",
        "\x00nul",
        "{col} : * ( ) + -",
        "日本語 テキスト",
    ],
)
def test_hostile_queries_are_plain_text(client: SparkClient, text: str):
    client.store_memory("pattern", "a plain memory", "a1")
    client.search_memories(text)  # answers, whatever it finds
    client.search_events(text)


def test_limits_are_checked(client: SparkClient):
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "limit"):
        client.search_memories("x", limit=-1)
    with fails_with(grpc.StatusCode.INVALID_ARGUMENT, "since"):
        client.search_events("x", since=datetime.now(UTC), until=PAST)


def test_rows_of_the_seed_module_are_found(db_path):
    """Rows the old module writes directly, before and while the server runs."""
    with seed_at(db_path) as seed:
        seed.record_event("task_failed", "legacy outage on node-12", agent_id="a1")
        seed.store_memory("pattern", "a1", "legacy insight about node-12")
    running = start_in_process(db_path, auto_consolidate=False)
    try:
        with SparkClient(running.address) as client:
            assert _contents(client.search_memories("node-12")) == ["legacy insight about node-12"]
            with seed_at(db_path) as seed:
                seed.record_event("task_failed", "second outage on node-13", agent_id="a1")
                seed.store_memory("pattern", "a1", "another insight about node-13")
            assert len(client.search_events("outage")) == 2
            hits = client.search_events("node-13")
            assert [h.event.description for h in hits] == ["second outage on node-13"]
            assert hits[0].event.sequence > 0
            assert _contents(client.search_memories("node-13")) == ["another insight about node-13"]
    finally:
        running.stop()
