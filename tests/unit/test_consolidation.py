"""The consolidation rules: each at, just below and just above its thresholds."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spark_grpc.core.models import EventRecord
from spark_grpc.core.rules import (
    AGENT_SLOTS,
    ANOMALY,
    DEFAULT_CONFIG,
    INSIGHT,
    MAX_BID_SATS,
    PATTERN,
    RULE_AGENT_TRACK_RECORD,
    RULE_BID_BEHAVIOUR,
    RULE_FAILURE_STREAK,
    RULE_STALLED_WORK,
    SYSTEM_SLOTS,
    SYSTEM_SUBJECT,
    ConsolidationConfig,
    Finding,
    RuleOutcome,
    bid_amount,
    evaluate_agent,
    evaluate_system,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)
AGENT = "alice"


def event(seq, event_type, agent_id=AGENT, task_id=None, data="{}"):
    return EventRecord(
        id=f"e{seq}",
        event_type=event_type,
        agent_id=agent_id,
        task_id=task_id,
        description="",
        data=data,
        importance=0.5,
        created_at=T0 + timedelta(seconds=seq),
        sequence=seq,
    )


def log(*specs, agent_id=AGENT, start=1):
    """Events numbered from `start`; a spec is an event type or (type, task id[, data])."""
    events = []
    for seq, spec in enumerate(specs, start=start):
        parts = (spec,) if isinstance(spec, str) else spec
        event_type, task_id, data = (*parts, *(None, "{}")[len(parts) - 1 :])
        events.append(event(seq, event_type, agent_id, task_id, data))
    return events


def slot(results, rule, memory_type):
    [match] = [o for o in results if (o.rule, o.memory_type) == (rule, memory_type)]
    return match.finding


def agent_slot(events, rule, memory_type, config=DEFAULT_CONFIG):
    return slot(evaluate_agent(AGENT, events, config), rule, memory_type)


def track_record(events, config=DEFAULT_CONFIG):
    results = evaluate_agent(AGENT, events, config)
    return (
        slot(results, RULE_AGENT_TRACK_RECORD, PATTERN),
        slot(results, RULE_AGENT_TRACK_RECORD, ANOMALY),
    )


def record(completed, failed, filler=0):
    """An agent's log: completions, then failures, then other events."""
    return log(
        *(["task_completed"] * completed + ["task_failed"] * failed + ["task_assigned"] * filler)
    )


def bids(*amounts):
    return log(*[("bid_submitted", None, json.dumps({"bid_sats": a})) for a in amounts])


# ── slots and outcomes ──────────────────────────────────────────────────────


def test_every_agent_slot_is_reported_even_without_events():
    results = evaluate_agent(AGENT, [])
    assert [(o.rule, o.memory_type) for o in results] == list(AGENT_SLOTS)
    assert all(o.subject == AGENT and o.finding is None for o in results)


def test_every_system_slot_is_reported_even_without_events():
    results = evaluate_system([])
    assert results == [RuleOutcome(RULE_STALLED_WORK, SYSTEM_SUBJECT, ANOMALY, None)]
    assert [(o.rule, o.memory_type) for o in results] == list(SYSTEM_SLOTS)


def test_slots_are_distinct():
    assert len(set(AGENT_SLOTS)) == len(AGENT_SLOTS)
    assert {t for _, t in AGENT_SLOTS + SYSTEM_SLOTS} == {PATTERN, INSIGHT, ANOMALY}


def test_findings_match_their_slot():
    events = record(1, 5) + bids(100, 100, 100, 100, 100)
    results = evaluate_agent(AGENT, events)
    assert [o.finding is not None for o in results] == [False, True, True, True]
    for o in results:
        if o.finding is not None:
            assert (o.finding.rule, o.finding.subject, o.finding.memory_type) == (
                o.rule,
                o.subject,
                o.memory_type,
            )


def test_events_of_other_agents_are_ignored():
    mine = record(5, 0)
    theirs = [
        event(100 + i, "task_failed", agent_id=other)
        for i, other in enumerate(["bob", None, "", "Alice"] * 3)
    ]
    assert evaluate_agent(AGENT, mine + theirs) == evaluate_agent(AGENT, mine)
    assert all(o.finding is None for o in evaluate_agent("carol", mine))


# ── agent track record ──────────────────────────────────────────────────────


def test_strong_at_threshold():
    pattern, anomaly = track_record(record(4, 1))  # 4/5 = 0.8
    assert anomaly is None
    assert pattern == Finding(
        subject=AGENT,
        memory_type=PATTERN,
        rule=RULE_AGENT_TRACK_RECORD,
        content="Agent alice has a strong track record: 4/5 tasks completed successfully.",
        confidence=0.85,
        source_events=5,
        source_event_ids=("e1", "e2", "e3", "e4", "e5"),
    )


def test_just_below_strong_is_neither():
    assert track_record(record(3, 1, filler=1)) == (None, None)  # 3/4 = 0.75
    assert track_record(record(7, 2)) == (None, None)  # 7/9 = 0.78


def test_just_above_strong():
    pattern, anomaly = track_record(record(5, 1))  # 5/6 = 0.83
    assert anomaly is None
    assert (
        pattern.content
        == "Agent alice has a strong track record: 5/6 tasks completed successfully."
    )
    assert pattern.confidence == 0.9
    assert pattern.source_events == 6


def test_struggling_at_threshold():
    pattern, anomaly = track_record(record(3, 7))  # 3/10 = 0.3
    assert pattern is None
    assert anomaly == Finding(
        subject=AGENT,
        memory_type=ANOMALY,
        rule=RULE_AGENT_TRACK_RECORD,
        content="Agent alice is struggling: only 3/10 tasks completed successfully.",
        confidence=0.95,
        source_events=10,
        source_event_ids=tuple(f"e{i}" for i in range(1, 11)),
    )


def test_just_above_struggling_is_neither():
    assert track_record(record(1, 2, filler=2)) == (None, None)  # 1/3 = 0.33
    assert track_record(record(4, 6)) == (None, None)  # 0.4


def test_just_below_struggling():
    _, anomaly = track_record(record(1, 3, filler=1))  # 1/4 = 0.25
    assert anomaly.content == "Agent alice is struggling: only 1/4 tasks completed successfully."
    assert anomaly.confidence == 0.8
    _, anomaly = track_record(record(0, 3, filler=2))
    assert anomaly.content == "Agent alice is struggling: only 0/3 tasks completed successfully."


def test_min_events():
    assert track_record(record(4, 0)) == (None, None)  # 4 events
    pattern, _ = track_record(record(4, 0, filler=1))  # 5 events
    assert pattern.content.endswith("4/4 tasks completed successfully.")
    pattern, _ = track_record(record(4, 0, filler=2))  # 6 events
    assert pattern.source_events == 4


def test_min_outcomes():
    assert track_record(record(2, 0, filler=3)) == (None, None)
    assert track_record(record(0, 2, filler=3)) == (None, None)
    pattern, _ = track_record(record(3, 0, filler=2))
    assert pattern.confidence == 0.75
    pattern, _ = track_record(record(4, 0, filler=2))
    assert pattern.confidence == 0.8
    _, anomaly = track_record(record(0, 3, filler=2))
    assert anomaly.source_events == 3


def test_confidence_rises_with_outcomes_and_is_capped():
    events = log("agent_joined", "task_assigned")
    seen = []
    for _ in range(10):
        events.append(event(len(events) + 1, "task_completed"))
        pattern, _ = track_record(events)
        seen.append(None if pattern is None else pattern.confidence)
    assert seen == [None, None, 0.75, 0.8, 0.85, 0.9, 0.95, 0.95, 0.95, 0.95]


def test_only_the_window_counts():
    old_failures = log(*["task_failed"] * 20)
    recent = log(*["task_completed"] * 50, start=21)
    pattern, anomaly = track_record(old_failures + recent)
    assert anomaly is None
    assert pattern.content.endswith("50/50 tasks completed successfully.")
    assert pattern.source_event_ids == tuple(f"e{i}" for i in range(21, 71))
    # One failure inside the window: 49/50 (window 50 ends at e21 .. e70).
    with_failure = old_failures + log("task_failed", *["task_completed"] * 49, start=21)
    pattern, _ = track_record(with_failure)
    assert pattern.content.endswith("49/50 tasks completed successfully.")


def test_window_is_configurable():
    events = record(0, 12) + log(*["task_completed"] * 5, start=13)
    pattern, anomaly = track_record(events, ConsolidationConfig(window=5))
    assert anomaly is None
    assert pattern.source_event_ids == ("e13", "e14", "e15", "e16", "e17")
    pattern, anomaly = track_record(events, ConsolidationConfig(window=17))
    assert pattern is None
    assert anomaly.content.endswith("only 5/17 tasks completed successfully.")


def test_struggling_agent_that_recovers_loses_its_anomaly():
    events = record(0, 5)
    pattern, anomaly = track_record(events)
    assert pattern is None and anomaly is not None
    events += log(*["task_completed"] * 45, start=6)  # 45/50 = 0.9
    pattern, anomaly = track_record(events)
    assert anomaly is None
    assert pattern.content.endswith("45/50 tasks completed successfully.")


def test_configured_success_rates():
    config = ConsolidationConfig.from_overrides({"strong_success_rate": 0.9})
    assert track_record(record(4, 1), config) == (None, None)
    pattern, _ = track_record(record(9, 1), config)
    assert pattern is not None
    config = ConsolidationConfig(struggling_success_rate=0.5)
    _, anomaly = track_record(record(2, 2, filler=1), config)
    assert anomaly is not None


def test_configured_confidence():
    pattern, _ = track_record(record(1, 0, filler=4), ConsolidationConfig(min_outcomes=1))
    assert pattern.confidence == 0.65
    config = ConsolidationConfig(confidence_base=0.5, confidence_step=0.1, confidence_max=0.7)
    pattern, _ = track_record(record(3, 0, filler=2), config)
    assert pattern.confidence == 0.7
    pattern, _ = track_record(record(3, 0, filler=2), ConsolidationConfig(confidence_step=0))
    assert pattern.confidence == 0.6


# ── failure streak ──────────────────────────────────────────────────────────


def failure_streak(events, config=DEFAULT_CONFIG):
    return agent_slot(events, RULE_FAILURE_STREAK, ANOMALY, config)


def test_one_failure_is_no_streak():
    assert failure_streak(log(("task_failed", "t1"))) is None
    assert failure_streak(log(*["task_completed"] * 20, ("task_failed", "t1"))) is None


def test_two_failures_are_a_streak():
    events = log(("task_failed", "t1"), "task_completed", ("task_failed", "t2"))
    assert failure_streak(events) == Finding(
        subject=AGENT,
        memory_type=ANOMALY,
        rule=RULE_FAILURE_STREAK,
        content="Agent alice has 2 recent task failures (tasks t1, t2).",
        confidence=0.7,
        source_events=2,
        source_event_ids=("e1", "e3"),
    )


def test_three_failures():
    events = log(("task_failed", "t1"), ("task_failed", "t1"), ("task_failed", "t9"))
    finding = failure_streak(events)
    assert finding.content == "Agent alice has 3 recent task failures (tasks t1, t9)."
    assert finding.confidence == 0.75
    assert finding.source_events == 3


def test_failures_without_task_ids():
    finding = failure_streak(log("task_failed", ("task_failed", "")))
    assert finding.content == "Agent alice has 2 recent task failures."


def test_many_failed_tasks_are_abbreviated():
    finding = failure_streak(log(*[("task_failed", f"t{i}") for i in range(1, 9)]))
    assert finding.content == (
        "Agent alice has 8 recent task failures (tasks t1, t2, t3, t4, t5 and 3 more)."
    )
    assert finding.confidence == 0.95
    assert finding.source_events == 8


def test_failures_outside_the_window_do_not_count():
    events = log("task_failed", "task_failed") + log(*["task_completed"] * 50, start=3)
    assert failure_streak(events) is None
    # e1 has left the window of 50 (e2 .. e51): one failure remains.
    events = log("task_failed", "task_failed") + log(*["task_completed"] * 49, start=3)
    assert failure_streak(events) is None
    assert failure_streak(events, ConsolidationConfig(window=51)).source_event_ids == ("e1", "e2")


def test_configured_failure_streak():
    config = ConsolidationConfig(failure_streak_min_failures=3)
    assert failure_streak(log("task_failed", "task_failed"), config) is None
    assert failure_streak(log("task_failed", "task_failed", "task_failed"), config) is not None
    config = ConsolidationConfig(failure_streak_min_failures=1)
    finding = failure_streak(log(("task_failed", "t1")), config)
    assert finding.content == "Agent alice has 1 recent task failure (tasks t1)."
    assert finding.confidence == 0.65


# ── bid behaviour ───────────────────────────────────────────────────────────


def bid_insight(events, config=DEFAULT_CONFIG):
    return agent_slot(events, RULE_BID_BEHAVIOUR, INSIGHT, config)


def test_high_bids_need_min_bids():
    assert bid_insight(bids(100, 100, 100, 100)) is None
    assert bid_insight(bids(100, 100, 100, 100, 100)) == Finding(
        subject=AGENT,
        memory_type=INSIGHT,
        rule=RULE_BID_BEHAVIOUR,
        content="Agent alice bids high: 5 bids averaging 100 sats, from 100 to 100 sats.",
        confidence=0.85,
        source_events=5,
        source_event_ids=("e1", "e2", "e3", "e4", "e5"),
    )
    assert bid_insight(bids(*[100] * 6)).confidence == 0.9


def test_average_at_threshold_is_not_high():
    assert bid_insight(bids(70, 70, 70, 70, 70)) is None
    assert bid_insight(bids(60, 80, 70, 65, 75)) is None  # average exactly 70


def test_average_just_above_threshold():
    finding = bid_insight(bids(70, 70, 70, 70, 71))
    assert finding.content == (
        "Agent alice bids high: 5 bids averaging 70.2 sats, from 70 to 71 sats."
    )
    finding = bid_insight(bids(70, 70, 70, 70, 70.05))
    assert finding.content == (
        "Agent alice bids high: 5 bids averaging 70.01 sats, from 70 to 70.05 sats."
    )


def test_average_just_below_threshold():
    assert bid_insight(bids(70, 70, 70, 70, 69)) is None
    assert bid_insight(bids(70, 70, 70, 70, 69.95)) is None


def test_spread_at_threshold_is_not_uneven():
    # Average 40, spread 60 = 1.5 x 40.
    assert bid_insight(bids(10, 70, 40, 40, 40)) is None


def test_spread_just_above_threshold():
    # Average 40, spread 61 > 60.
    finding = bid_insight(bids(10, 71, 40, 40, 39))
    assert finding.content == (
        "Agent alice bids unevenly: 5 bids averaging 40 sats, from 10 to 71 sats."
    )
    # Average 40.1, spread 60.5 > 60.15.
    assert bid_insight(bids(10, 70.5, 40, 40, 40)) is not None


def test_spread_just_below_threshold():
    assert bid_insight(bids(10, 69, 40, 40, 41)) is None  # spread 59, average 40


def test_high_and_uneven():
    finding = bid_insight(bids(10, 200, 80, 80, 80))
    assert finding.content == (
        "Agent alice bids high and unevenly: 5 bids averaging 90 sats, from 10 to 200 sats."
    )


def test_all_zero_bids_are_unremarkable():
    assert bid_insight(bids(0, 0, 0, 0, 0)) is None


def test_configured_bid_thresholds():
    assert bid_insight(bids(60, 60, 60, 60), ConsolidationConfig(min_bids=4)) is None
    config = ConsolidationConfig(min_bids=4, high_bid_average_sats=50)
    assert bid_insight(bids(60, 60, 60, 60), config).source_events == 4
    config = ConsolidationConfig(min_bids=1)
    assert bid_insight(bids(90), config).content == (
        "Agent alice bids high: 1 bid averaging 90 sats, from 90 to 90 sats."
    )
    # Spread 20, average 40.
    config = ConsolidationConfig(bid_spread_ratio=0.49)
    assert bid_insight(bids(30, 50, 40, 40, 40), config) is not None
    assert bid_insight(bids(30, 50, 40, 40, 40), ConsolidationConfig(bid_spread_ratio=0.5)) is None


def test_bids_without_an_amount_do_not_count():
    junk = [
        "{}",
        '{"bid_sats": "100"}',
        '{"bid_sats": true}',
        '{"bid_sats": null}',
        '{"bid_sats": NaN}',
        '{"bid_sats": Infinity}',
        '{"bid_sats": -5}',
        '{"bid_sats": [100]}',
        '{"bid_sats": {"v": 100}}',
        '{"bid_sats": ' + "9" * 5000 + "}",
        '{"bid_sats": 1e300}',
        "[100]",
        "100",
        "not json",
        "",
    ]
    events = log(*[("bid_submitted", None, text) for text in junk])
    assert bid_insight(events) is None
    valid = log(*[("bid_submitted", None, json.dumps({"bid_sats": 100}))] * 4, start=100)
    assert bid_insight(events + valid) is None  # only 4 real bids
    valid += log(("bid_submitted", None, '{"bid_sats": 100, "note": "x"}'), start=104)
    finding = bid_insight(events + valid)
    assert finding.source_event_ids == ("e100", "e101", "e102", "e103", "e104")


def test_other_event_types_with_bid_sats_are_not_bids():
    events = log(*[("task_assigned", None, '{"bid_sats": 100}')] * 5)
    assert bid_insight(events) is None


def test_only_bids_in_the_window_count():
    events = bids(100, 100, 100, 100, 100) + log(*["task_assigned"] * 50, start=6)
    assert bid_insight(events) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"bid_sats": 0}', 0.0),
        ('{"bid_sats": 81}', 81.0),
        ('{"bid_sats": 80.5}', 80.5),
        (json.dumps({"bid_sats": MAX_BID_SATS}), float(MAX_BID_SATS)),
        (json.dumps({"bid_sats": MAX_BID_SATS + 1}), None),
        ('{"bid_sats": -0.5}', None),
        ('{"bid_sats": false}', None),
        ('{"bid_sats": "81"}', None),
        ('{"bid_sats": -Infinity}', None),
        ('{"other": 81}', None),
        ("{bid_sats: 81}", None),
    ],
)
def test_bid_amount(data, expected):
    assert bid_amount(data) == expected


# ── stalled work ────────────────────────────────────────────────────────────


def stalled(events, config=DEFAULT_CONFIG):
    [outcome] = evaluate_system(events, config)
    assert (outcome.rule, outcome.subject, outcome.memory_type) == (
        RULE_STALLED_WORK,
        SYSTEM_SUBJECT,
        ANOMALY,
    )
    return outcome.finding


def open_tasks(n, start=1):
    return log(*[("task_posted", f"t{i}") for i in range(start, start + n)], start=start)


def test_three_open_tasks_are_not_stalled():
    assert stalled(open_tasks(3)) is None


def test_four_open_tasks_are_stalled():
    assert stalled(open_tasks(4)) == Finding(
        subject=SYSTEM_SUBJECT,
        memory_type=ANOMALY,
        rule=RULE_STALLED_WORK,
        content=(
            "Work may be stalled: 4 posted tasks without completion or failure "
            "in the last 50 events (tasks t1, t2, t3, t4)."
        ),
        confidence=0.8,
        source_events=4,
        source_event_ids=("e1", "e2", "e3", "e4"),
    )


def test_many_open_tasks():
    finding = stalled(open_tasks(9))
    assert finding.content.endswith("(tasks t1, t2, t3, t4, t5 and 4 more).")
    assert finding.confidence == 0.95
    assert finding.source_events == 9


def test_completed_and_failed_tasks_are_not_open():
    events = log(
        ("task_posted", "t1"),
        ("task_posted", "t2"),
        ("task_posted", "t3"),
        ("task_posted", "t4"),
        ("task_posted", "t5"),
        ("task_completed", "t1"),
        ("task_failed", "t2"),
    )
    assert stalled(events) is None  # t3, t4, t5
    events += log(("task_posted", "t6"), start=8)
    finding = stalled(events)
    assert finding.source_event_ids == ("e3", "e4", "e5", "e8")
    assert "(tasks t3, t4, t5, t6)" in finding.content


def test_outcomes_of_other_agents_close_tasks_too():
    events = open_tasks(4) + [event(5, "task_completed", agent_id="bob", task_id="t4")]
    assert stalled(events) is None


def test_reposted_tasks_count_once_by_their_latest_post():
    events = log(
        ("task_posted", "t1"),
        ("task_posted", "t1"),
        ("task_posted", "t2"),
        ("task_posted", "t3"),
        ("task_posted", "t1"),
    )
    assert stalled(events) is None
    events += log(("task_posted", "t4"), start=6)
    assert stalled(events).source_event_ids == ("e3", "e4", "e5", "e6")


def test_task_posted_again_after_failing_is_open_again():
    events = open_tasks(3)
    events += log(("task_posted", "t9"), ("task_failed", "t9"), ("task_posted", "t9"), start=4)
    assert stalled(events).source_event_ids == ("e1", "e2", "e3", "e6")


def test_posts_without_task_id_are_ignored():
    events = open_tasks(3) + log(("task_posted", None), ("task_posted", ""), start=4)
    assert stalled(events) is None


def test_posts_outside_the_window_do_not_count():
    events = open_tasks(4) + log(*["agent_joined"] * 47, start=5)  # e1 leaves the window
    assert stalled(events) is None
    assert stalled(events[:-1]) is not None  # 50 events: e1 still in
    assert stalled(events, ConsolidationConfig(window=51)) is not None


def test_outcome_for_a_task_posted_before_the_window_is_harmless():
    events = open_tasks(4, start=1) + log(*["agent_joined"] * 50, start=5)
    events += log(("task_completed", "t1"), start=55)
    assert stalled(events) is None


def test_configured_stalled_threshold():
    config = ConsolidationConfig(stalled_open_tasks=0)
    finding = stalled(open_tasks(1), config)
    assert finding.content == (
        "Work may be stalled: 1 posted task without completion or failure "
        "in the last 50 events (tasks t1)."
    )
    assert stalled(open_tasks(4), ConsolidationConfig(stalled_open_tasks=4)) is None


# ── determinism ─────────────────────────────────────────────────────────────


def mixed_log():
    return (
        record(6, 2)
        + bids(10, 200, 80, 80, 80)
        + log(*[("task_posted", f"t{i}") for i in range(6)], start=100, agent_id="coordinator")
        + log(("task_failed", "x1"), ("task_failed", "x2"), start=200)
    )


def test_same_events_give_equal_findings_in_any_order():
    events = mixed_log()
    agent = evaluate_agent(AGENT, events)
    system = evaluate_system(events)
    assert any(o.finding for o in agent) and system[0].finding is not None
    rng = random.Random(5)
    for _ in range(20):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert evaluate_agent(AGENT, shuffled) == agent
        assert evaluate_agent(AGENT, iter(shuffled)) == agent
        assert evaluate_system(shuffled) == system


def test_evaluation_does_not_mutate_its_input():
    events = list(reversed(mixed_log()))
    before = events[:]
    evaluate_agent(AGENT, events)
    evaluate_system(events)
    assert events == before


def test_ties_in_sequence_are_broken_by_id():
    a = event(1, "task_completed")
    twin = EventRecord(
        id="e0",
        event_type="task_failed",
        agent_id=AGENT,
        task_id=None,
        description="",
        data="{}",
        importance=0.5,
        created_at=T0,
        sequence=1,
    )
    config = ConsolidationConfig(
        window=1, min_events=1, min_outcomes=1, failure_streak_min_failures=1, min_bids=1
    )
    assert evaluate_agent(AGENT, [a, twin], config) == evaluate_agent(AGENT, [twin, a], config)
    pattern = slot(evaluate_agent(AGENT, [twin, a], config), RULE_AGENT_TRACK_RECORD, PATTERN)
    assert pattern.source_event_ids == ("e1",)  # e1 sorts after e0


# ── configuration ───────────────────────────────────────────────────────────


def test_defaults():
    config = ConsolidationConfig()
    assert config == DEFAULT_CONFIG
    assert (config.window, config.min_events, config.min_outcomes) == (50, 5, 3)
    assert (config.strong_success_rate, config.struggling_success_rate) == (0.8, 0.3)
    assert (config.confidence_base, config.confidence_step, config.confidence_max) == (
        0.6,
        0.05,
        0.95,
    )
    assert config.failure_streak_min_failures == 2
    assert (config.min_bids, config.high_bid_average_sats, config.bid_spread_ratio) == (
        5,
        70.0,
        1.5,
    )
    assert config.stalled_open_tasks == 3


def test_from_overrides():
    assert ConsolidationConfig.from_overrides({}) == DEFAULT_CONFIG
    config = ConsolidationConfig.from_overrides(
        {"strong_success_rate": 0.9, "window": 20, "high_bid_average_sats": 100}
    )
    assert config.strong_success_rate == 0.9
    assert config.window == 20
    assert config.high_bid_average_sats == 100.0
    assert isinstance(config.high_bid_average_sats, float)
    assert config.min_events == DEFAULT_CONFIG.min_events


def test_from_overrides_reads_text():
    config = ConsolidationConfig.from_overrides({"strong_success_rate": "0.9", "window": " 20 "})
    assert (config.strong_success_rate, config.window) == (0.9, 20)


def test_unknown_key_is_rejected():
    with pytest.raises(ValueError, match="unknown setting 'strong_rate'"):
        ConsolidationConfig.from_overrides({"strong_rate": 0.9})
    with pytest.raises(ValueError, match="unknown setting 1"):
        ConsolidationConfig.from_overrides({1: 0.9})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("window", 0),
        ("window", -1),
        ("window", 5.0),
        ("window", True),
        ("window", "5.5"),
        ("window", "many"),
        ("window", None),
        ("min_events", -1),
        ("min_outcomes", 0),
        ("strong_success_rate", 1.01),
        ("strong_success_rate", -0.1),
        ("strong_success_rate", math.nan),
        ("strong_success_rate", "nan"),
        ("strong_success_rate", "high"),
        ("strong_success_rate", True),
        ("struggling_success_rate", -0.01),
        ("confidence_base", 1.5),
        ("confidence_step", -0.05),
        ("confidence_max", 1.2),
        ("failure_streak_min_failures", 0),
        ("min_bids", 0),
        ("high_bid_average_sats", -1),
        ("high_bid_average_sats", math.inf),
        ("high_bid_average_sats", 10**400),
        ("high_bid_average_sats", [70]),
        ("bid_spread_ratio", -0.5),
        ("stalled_open_tasks", -1),
        ("stalled_open_tasks", 3.5),
    ],
)
def test_bad_values_are_rejected_naming_the_key(key, value):
    with pytest.raises(ValueError, match=f"consolidation: {key} must be"):
        ConsolidationConfig.from_overrides({key: value})
    if not isinstance(value, str):
        with pytest.raises(ValueError, match=key):
            ConsolidationConfig(**{key: value})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("window", 1),
        ("min_events", 0),
        ("min_outcomes", 1),
        ("strong_success_rate", 1),
        ("struggling_success_rate", 0),
        ("confidence_base", 0),
        ("confidence_step", 1),
        ("confidence_max", 1.0),
        ("high_bid_average_sats", 0),
        ("bid_spread_ratio", 0),
        ("stalled_open_tasks", 0),
    ],
)
def test_boundary_values_are_accepted(key, value):
    overrides = {key: value}
    if key == "window":
        overrides.update(min_events=1, min_outcomes=1, failure_streak_min_failures=1, min_bids=1)
    assert getattr(ConsolidationConfig.from_overrides(overrides), key) == value


def test_struggling_must_be_below_strong():
    with pytest.raises(
        ValueError, match="struggling_success_rate must be below strong_success_rate"
    ):
        ConsolidationConfig.from_overrides({"struggling_success_rate": 0.8})
    with pytest.raises(ValueError, match="struggling_success_rate"):
        ConsolidationConfig(strong_success_rate=0.2)
    assert ConsolidationConfig(struggling_success_rate=0.79).struggling_success_rate == 0.79


@pytest.mark.parametrize(
    "key", ["min_events", "min_outcomes", "failure_streak_min_failures", "min_bids"]
)
def test_counts_cannot_exceed_the_window(key):
    with pytest.raises(ValueError, match=rf"{key} must be at most window \(50\), got 51"):
        ConsolidationConfig.from_overrides({key: 51})
    assert getattr(ConsolidationConfig.from_overrides({key: 50}), key) == 50
    with pytest.raises(ValueError, match=r"at most window \(2\)"):
        ConsolidationConfig.from_overrides({"window": 2})


@pytest.mark.parametrize("agent_id", ["", None, 7])
def test_agent_rules_need_an_agent_id(agent_id):
    with pytest.raises(ValueError, match="agent_id"):
        evaluate_agent(agent_id, record(5, 0))


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_CONFIG.window = 10


# ── properties over arbitrary logs ──────────────────────────────────────────

EVENT_TYPES = [
    "task_posted",
    "task_assigned",
    "task_completed",
    "task_failed",
    "bid_submitted",
    "agent_joined",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-10, max_value=200)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
data_texts = st.one_of(
    st.integers(min_value=0, max_value=200).map(lambda sats: json.dumps({"bid_sats": sats})),
    st.just("{}"),
    st.dictionaries(st.just("bid_sats"), json_values, max_size=1).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=20),
    st.sampled_from(["", "{", "null", "[1, 2]", '{"bid_sats": 1e999}', '{"bid_sats": NaN}']),
)
# Mostly the agent under test and the event types the rules read, so that
# findings are frequent; the rest is noise.
event_rows = st.tuples(
    st.one_of(st.sampled_from(EVENT_TYPES * 3), st.text(max_size=8)),
    st.sampled_from([AGENT, AGENT, AGENT, "bob", None, ""]),
    st.sampled_from([None, "", "t1", "t2", "t3", "t4", "t5", "t6", "t7"]),
    data_texts,
    st.integers(min_value=-5, max_value=80),
) | st.tuples(
    st.just("bid_submitted"),
    st.just(AGENT),
    st.none(),
    st.floats(min_value=0, max_value=300).map(lambda sats: json.dumps({"bid_sats": sats})),
    st.integers(min_value=-5, max_value=80),
)
configs = st.sampled_from(
    [
        DEFAULT_CONFIG,
        ConsolidationConfig(
            window=4, min_events=1, min_outcomes=1, min_bids=1, stalled_open_tasks=0
        ),
        ConsolidationConfig(min_events=2, min_outcomes=1, min_bids=2, stalled_open_tasks=1),
        ConsolidationConfig(confidence_base=1.0, confidence_step=1.0, confidence_max=1.0),
        ConsolidationConfig(confidence_base=0.0, confidence_step=0.0, confidence_max=0.0),
        ConsolidationConfig(
            strong_success_rate=0.01, struggling_success_rate=0.0, bid_spread_ratio=0
        ),
    ]
)


def build(rows):
    return [
        EventRecord(
            id=f"e{i}",
            event_type=event_type,
            agent_id=agent_id,
            task_id=task_id,
            description="",
            data=data,
            importance=0.5,
            created_at=T0,
            sequence=sequence,
        )
        for i, (event_type, agent_id, task_id, data, sequence) in enumerate(rows)
    ]


def check_outcomes(results, slots, subject, events):
    ids = {e.id for e in events}
    assert [(o.rule, o.memory_type) for o in results] == list(slots)
    for o in results:
        assert o.subject == subject
        f = o.finding
        if f is None:
            continue
        assert (f.rule, f.subject, f.memory_type) == (o.rule, o.subject, o.memory_type)
        assert 0.0 <= f.confidence <= 1.0 and math.isfinite(f.confidence)
        assert f.source_events == len(f.source_event_ids) > 0
        assert set(f.source_event_ids) <= ids
        assert f.content and "nan" not in f.content and "inf" not in f.content


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(event_rows, max_size=70), config=configs, seed=st.randoms())
def test_arbitrary_logs_never_raise(rows, config, seed):
    events = build(rows)
    agent = evaluate_agent(AGENT, events, config)
    system = evaluate_system(events, config)
    check_outcomes(agent, AGENT_SLOTS, AGENT, events)
    check_outcomes(system, SYSTEM_SLOTS, SYSTEM_SUBJECT, events)
    seed.shuffle(events)
    assert evaluate_agent(AGENT, events, config) == agent
    assert evaluate_system(events, config) == system


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(event_rows, max_size=30))
def test_arbitrary_logs_for_any_agent_id(rows):
    events = build(rows)
    for agent_id in ("bob", "nobody", " "):
        results = evaluate_agent(agent_id, events)
        assert [(o.rule, o.memory_type) for o in results] == list(AGENT_SLOTS)


@settings(max_examples=200, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(["task_completed", "task_failed", "task_assigned"]), max_size=60)
)
def test_track_record_agrees_with_its_definition(kinds):
    events = log(*kinds)
    recent = kinds[-50:]
    completed, failed = recent.count("task_completed"), recent.count("task_failed")
    total = completed + failed
    pattern, anomaly = track_record(events)
    enough = len(recent) >= 5 and total >= 3
    assert (pattern is not None) == (enough and completed / total >= 0.8)
    assert (anomaly is not None) == (enough and completed / total <= 0.3)
    for finding in (pattern, anomaly):
        if finding is not None:
            assert f" {completed}/{total} tasks" in finding.content
            assert finding.confidence == pytest.approx(min(0.95, 0.6 + 0.05 * total))
            assert finding.source_events == total


@settings(max_examples=200, deadline=None)
@given(amounts=st.lists(st.integers(min_value=0, max_value=200), max_size=12))
def test_bid_behaviour_agrees_with_its_definition(amounts):
    finding = bid_insight(bids(*amounts))
    recent = amounts[-50:]
    if len(recent) < 5:
        assert finding is None
        return
    average = sum(recent) / len(recent)
    spread = max(recent) - min(recent)
    assert (finding is not None) == (average > 70 or spread > 1.5 * average)
