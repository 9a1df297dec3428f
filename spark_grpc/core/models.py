"""The domain values that pass between the API, the rules and the store.

Records (``EventRecord``, ``MemoryRecord``) are what is stored; ``New*``,
``*Query`` and ``MemoryChanges`` are validated requests; ``MemoryChange`` is
one published change of a memory. Timestamps are timezone-aware UTC
datetimes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class EventRecord:
    """One event of the log, as stored. Treat it as immutable: it is not
    frozen only because a frozen dataclass costs about 2 us more to build,
    and every event a read streams is built once."""

    id: str
    event_type: str
    agent_id: str | None
    task_id: str | None
    description: str
    data: str  # JSON object as text (legacy rows may hold other text)
    importance: float
    created_at: datetime
    sequence: int


@dataclass(frozen=True, slots=True)
class MemoryRecord:
    """One memory, as stored."""

    id: str
    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    created_at: datetime
    expires_at: datetime | None
    updated_at: datetime
    rule: str = ""
    source_event_ids: tuple[str, ...] = field(default=())


# ── events ────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append, validated by the API."""

    event_type: str
    agent_id: str | None
    task_id: str | None
    description: str
    data: str
    importance: float
    # The client's id, or None for a server-chosen one.
    id: str | None = None
    # The request's content digest; set when id is set.
    fingerprint: str | None = None


@dataclass(frozen=True, slots=True)
class EventQuery:
    """A validated ListEvents filter."""

    event_type: str | None = None
    agent_id: str | None = None
    task_id: str | None = None
    min_importance: float = 0.0
    since: datetime | None = None
    until: datetime | None = None
    after_sequence: int = 0
    # Up to this sequence (inclusive); 0 means no bound.
    through_sequence: int = 0
    # Newest first (by created_at) or oldest first (by sequence).
    newest_first: bool = True
    # Newest first only: where the next page starts. Opaque: only the store
    # that made it (in EventPage.next_query) reads it.
    before: object | None = None

    def matches(self, event: EventRecord) -> bool:
        """The store's filter, in memory (for followers fed from recent
        commits); the sequence bounds are the caller's business."""
        return (
            event.importance >= self.min_importance
            and (not self.event_type or event.event_type == self.event_type)
            and (not self.agent_id or event.agent_id == self.agent_id)
            and (not self.task_id or event.task_id == self.task_id)
            and (self.since is None or event.created_at >= self.since)
            and (self.until is None or event.created_at < self.until)
        )


@dataclass(frozen=True, slots=True)
class AppendCondition:
    """An append's condition: no event matching these filters may have a
    sequence above ``after_sequence`` (the dynamic consistency boundary of
    the caller's decision)."""

    event_type: str | None = None
    agent_id: str | None = None
    task_id: str | None = None
    after_sequence: int = 0

    def matches(self, event_type: str, agent_id: str | None, task_id: str | None) -> bool:
        """Whether an event with these fields matches (an empty agent_id or
        task_id in the condition matches events without one)."""
        return (
            (not self.event_type or event_type == self.event_type)
            and (self.agent_id is None or (agent_id or "") == self.agent_id)
            and (self.task_id is None or (task_id or "") == self.task_id)
        )


@dataclass(frozen=True, slots=True)
class ConsumerFilter:
    """What a durable consumer follows (ListEvents' filters)."""

    event_type: str | None = None
    agent_id: str | None = None
    task_id: str | None = None
    min_importance: float = 0.0

    @classmethod
    def of(cls, query: EventQuery) -> ConsumerFilter:
        return cls(query.event_type, query.agent_id, query.task_id, query.min_importance)

    def query(self) -> EventQuery:
        return EventQuery(
            event_type=self.event_type,
            agent_id=self.agent_id,
            task_id=self.task_id,
            min_importance=self.min_importance,
        )


@dataclass(frozen=True, slots=True)
class ConsumerRecord:
    """A durable consumer: its filters and acknowledged position, and (when
    read with them) the log's head and the exact lag."""

    name: str
    filter: ConsumerFilter
    acked_sequence: int
    updated_at: datetime
    head_sequence: int = 0
    lag: int = 0


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a read, and the query that reads the next page."""

    events: list[EventRecord]
    next_query: EventQuery
    # False when the read reached the end of what matches; True when more
    # may follow (the page is full, by rows or by bytes).
    more: bool = False


# ── memories ──────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class NewMemory:
    """A memory to store, validated by the API (or made by a rule)."""

    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    expires_at: datetime | None
    id: str | None = None
    fingerprint: str | None = None
    rule: str = ""
    source_event_ids: tuple[str, ...] = ()
    # Who stores it (a token's name), for the memory's history.
    actor: str = ""


@dataclass(frozen=True, slots=True)
class MemoryQuery:
    """A validated ListMemories / Count / WatchMemories filter."""

    memory_type: str | None = None
    subject: str | None = None
    min_confidence: float = 0.0
    include_expired: bool = False
    rule: str | None = None

    def matches(self, memory: MemoryRecord) -> bool:
        """Type and subject, in memory (for watchers of memory changes)."""
        return (not self.memory_type or memory.memory_type == self.memory_type) and (
            not self.subject or memory.subject == self.subject
        )


@dataclass(frozen=True, slots=True)
class MemoryChanges:
    """Changes to one memory; None keeps the current value."""

    content: str | None = None
    confidence: float | None = None
    source_events: int | None = None
    source_event_ids: tuple[str, ...] | None = None
    expires_at: datetime | None = None
    clear_expires_at: bool = False
    # Who makes the change (a token's name), for the memory's history.
    actor: str = ""


@dataclass(frozen=True, slots=True)
class MemoryDiff:
    """What one consolidation changed."""

    created: list[MemoryRecord] = field(default_factory=list)
    updated: list[MemoryRecord] = field(default_factory=list)
    expired: list[MemoryRecord] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.expired)

    def merge(self, other: MemoryDiff) -> None:
        self.created.extend(other.created)
        self.updated.extend(other.updated)
        self.expired.extend(other.expired)


class ChangeKind(enum.Enum):
    """How a memory changed (WatchMemories' MemoryChangeKind)."""

    CREATED = "created"
    UPDATED = "updated"
    EXPIRED = "expired"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class MemoryChange:
    """One committed change of a memory, at its position in the store's
    log of memory changes (``sequence``: strictly increasing, stable)."""

    sequence: int
    kind: ChangeKind
    memory: MemoryRecord


def memory_bytes(memory: MemoryRecord) -> int:
    """About how many bytes a memory takes in a message (characters of its
    text, plus room for the numbers and framing): what bounds a page."""
    return (
        len(memory.content)
        + len(memory.subject)
        + len(memory.memory_type)
        + len(memory.id)
        + len(memory.rule)
        + sum(len(item) + 2 for item in memory.source_event_ids)
        + 96
    )


@dataclass(frozen=True, slots=True)
class MemoryRevision:
    """One change of a memory, kept for good: the memory after it (for a
    deletion, its last state), who made it (a token's name, or empty), and
    when."""

    revision: int
    kind: ChangeKind
    memory: MemoryRecord
    actor: str
    changed_at: datetime
