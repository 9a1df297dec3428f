"""What a rule outcome does to its slot (core/outcomes.plan_outcome), and
how a memory changes (changed_memory, holds_slot)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from spark_grpc.core.models import ChangeKind, MemoryChanges, MemoryRecord
from spark_grpc.core.outcomes import changed_memory, holds_slot, plan_outcome
from spark_grpc.core.rules import Finding, RuleOutcome

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
FINDING = Finding("a1", "pattern", "agent_track_record", "a1 is strong", 0.8, 5, ("e1", "e2"))


def outcome(finding: Finding | None = FINDING) -> RuleOutcome:
    return RuleOutcome("agent_track_record", "a1", "pattern", finding)


def live(**changes) -> MemoryRecord:
    values = dict(
        id="m1",
        memory_type="pattern",
        subject="a1",
        content="a1 is strong",
        confidence=0.8,
        source_events=5,
        created_at=NOW - timedelta(hours=1),
        expires_at=None,
        updated_at=NOW - timedelta(hours=1),
        rule="agent_track_record",
        source_event_ids=("e1", "e2"),
    )
    values.update(changes)
    return MemoryRecord(**values)


def test_a_finding_in_an_empty_slot_creates_a_memory():
    action = plan_outcome(None, outcome(), NOW, ttl=timedelta(minutes=5))
    assert action is not None and action.kind is ChangeKind.CREATED
    assert action.new is not None
    assert (action.new.content, action.new.rule, action.new.source_event_ids) == (
        "a1 is strong",
        "agent_track_record",
        ("e1", "e2"),
    )
    assert action.new.expires_at == NOW + timedelta(minutes=5)


def test_the_same_finding_leaves_the_slot_alone_without_a_ttl():
    assert plan_outcome(live(), outcome(), NOW, ttl=None) is None


def test_the_same_finding_renews_the_ttl():
    action = plan_outcome(live(), outcome(), NOW, ttl=timedelta(seconds=30))
    assert action is not None and action.kind is ChangeKind.UPDATED
    assert action.changes is not None
    assert action.changes.expires_at == NOW + timedelta(seconds=30)


def test_a_changed_finding_updates_the_live_memory():
    action = plan_outcome(live(confidence=0.6), outcome(), NOW, ttl=None)
    assert action is not None and action.kind is ChangeKind.UPDATED
    assert action.live is not None and action.live.id == "m1"
    assert action.changes is not None and action.changes.confidence == 0.8


def test_no_finding_expires_the_live_memory_and_leaves_an_empty_slot_alone():
    action = plan_outcome(live(), outcome(None), NOW, ttl=None)
    assert action is not None and action.kind is ChangeKind.EXPIRED
    assert action.changes == MemoryChanges(expires_at=NOW)
    assert plan_outcome(None, outcome(None), NOW, ttl=None) is None


def test_changed_memory_keeps_what_is_not_changed():
    current = live(expires_at=NOW + timedelta(days=1))
    updated = changed_memory(current, MemoryChanges(content="new"), NOW)
    assert (updated.content, updated.confidence, updated.expires_at) == (
        "new",
        0.8,
        NOW + timedelta(days=1),
    )
    assert updated.updated_at == NOW
    cleared = changed_memory(current, MemoryChanges(clear_expires_at=True), NOW)
    assert cleared.expires_at is None


def test_only_a_live_rule_memory_holds_its_slot():
    assert holds_slot(live(), NOW)
    assert not holds_slot(live(rule=""), NOW)
    assert not holds_slot(live(expires_at=NOW), NOW)
    assert holds_slot(live(expires_at=NOW + timedelta(seconds=1)), NOW)
