"""What a change does to a memory, and what a rule outcome does to its slot:
the planning that both stores share (they only read and write the rows)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from spark_grpc.core.models import (
    ChangeKind,
    EventRecord,
    MemoryChanges,
    MemoryRecord,
    NewEvent,
    NewMemory,
)
from spark_grpc.core.rules import RuleOutcome


def new_event_record(event_id: str, event: NewEvent, created: datetime, seq: int) -> EventRecord:
    return EventRecord(
        id=event_id,
        event_type=event.event_type,
        agent_id=event.agent_id,
        task_id=event.task_id,
        description=event.description,
        data=event.data,
        importance=event.importance,
        created_at=created,
        sequence=seq,
    )


def new_memory_record(memory_id: str, memory: NewMemory, now: datetime) -> MemoryRecord:
    return MemoryRecord(
        id=memory_id,
        memory_type=memory.memory_type,
        subject=memory.subject,
        content=memory.content,
        confidence=memory.confidence,
        source_events=memory.source_events,
        created_at=now,
        expires_at=memory.expires_at,
        updated_at=now,
        rule=memory.rule,
        source_event_ids=memory.source_event_ids,
    )


def changed_memory(current: MemoryRecord, changes: MemoryChanges, now: datetime) -> MemoryRecord:
    """``current`` with ``changes`` applied (None keeps a value)."""

    def pick(new: Any, old: Any) -> Any:
        return old if new is None else new

    expires_at = None if changes.clear_expires_at else pick(changes.expires_at, current.expires_at)
    return replace(
        current,
        content=pick(changes.content, current.content),
        confidence=pick(changes.confidence, current.confidence),
        source_events=pick(changes.source_events, current.source_events),
        source_event_ids=pick(changes.source_event_ids, current.source_event_ids),
        expires_at=expires_at,
        updated_at=now,
    )


def holds_slot(memory: MemoryRecord, now: datetime) -> bool:
    """Whether a memory keeps its rule slot: it was made by a rule and has
    not expired. An expired one gives the slot up, so that the rule can
    store a new live memory when it fires again."""
    return bool(memory.rule) and (memory.expires_at is None or memory.expires_at > now)


@dataclass(frozen=True, slots=True)
class SlotAction:
    """What one rule outcome does: create ``new`` in an empty slot, or apply
    ``changes`` to the slot's ``live`` memory (kind UPDATED or EXPIRED)."""

    kind: ChangeKind
    live: MemoryRecord | None = None
    new: NewMemory | None = None
    changes: MemoryChanges | None = None


def plan_outcome(
    live: MemoryRecord | None, outcome: RuleOutcome, now: datetime, ttl: timedelta | None
) -> SlotAction | None:
    """What one rule outcome does to its slot, whose live memory is ``live``,
    or None when the slot is already right."""
    finding = outcome.finding
    expires_at = now + ttl if ttl else None
    if finding is None:
        if live is None:
            return None
        return SlotAction(ChangeKind.EXPIRED, live, changes=MemoryChanges(expires_at=now))
    if live is None:
        memory = NewMemory(
            memory_type=finding.memory_type,
            subject=finding.subject,
            content=finding.content,
            confidence=finding.confidence,
            source_events=finding.source_events,
            expires_at=expires_at,
            rule=finding.rule,
            source_event_ids=tuple(finding.source_event_ids),
        )
        return SlotAction(ChangeKind.CREATED, new=memory)
    same = (
        live.content == finding.content
        and live.confidence == finding.confidence
        and live.source_events == finding.source_events
        and live.source_event_ids == tuple(finding.source_event_ids)
    )
    if same and expires_at is None:
        return None
    changes = MemoryChanges(
        content=finding.content,
        confidence=finding.confidence,
        source_events=finding.source_events,
        source_event_ids=tuple(finding.source_event_ids),
        expires_at=expires_at,
    )
    return SlotAction(ChangeKind.UPDATED, live, changes=changes)
