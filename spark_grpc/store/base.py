"""The store interface: everything the service needs from a database.

SQL lives only in the implementations (``sqlite.py``; a PostgreSQL one can
follow the same interface). The service validates requests before they get
here, so a store only reports what the database itself decides: a taken id
(``AlreadyExists``), an unknown id (``NotFound``), a disk that is full
(``ResourceExhausted``) or cannot be written (``Unavailable``).
"""

from __future__ import annotations

import abc
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from spark_grpc.consolidation import RuleOutcome
from spark_grpc.models import EventRecord, MemoryRecord


def format_timestamp(moment: datetime) -> str:
    """The stored form of a timestamp: the seed's ISO format, always with
    microseconds (``2026-11-25T14:37:07.000000+00:00``)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str) -> datetime:
    """Read a stored timestamp, with or without microseconds; a naive one is UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def fingerprint(*parts: object) -> str:
    """A stable digest of a request's content, for idempotent retries."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append, validated by the service."""

    event_type: str
    agent_id: str | None
    task_id: str | None
    description: str
    data: str
    importance: float
    # The client's id, or None for a server-chosen UUID.
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
    # Newest first only: continue after this (created_at text, row key).
    before: tuple[str, int] | None = None


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a read, and the query that reads the next page."""

    events: list[EventRecord]
    next_query: EventQuery


@dataclass(frozen=True, slots=True)
class NewMemory:
    """A memory to store, validated by the service."""

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


@dataclass(frozen=True, slots=True)
class MemoryQuery:
    """A validated ListMemories / Count filter."""

    memory_type: str | None = None
    subject: str | None = None
    min_confidence: float = 0.0
    include_expired: bool = False
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class MemoryChanges:
    """Changes to one memory; None keeps the current value."""

    content: str | None = None
    confidence: float | None = None
    source_events: int | None = None
    source_event_ids: tuple[str, ...] | None = None
    expires_at: datetime | None = None
    clear_expires_at: bool = False


@dataclass(frozen=True, slots=True)
class MemoryDiff:
    """What one consolidation changed."""

    created: list[MemoryRecord] = field(default_factory=list)
    updated: list[MemoryRecord] = field(default_factory=list)
    expired: list[MemoryRecord] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.expired)


class EventStore(abc.ABC):
    """The log and the memories, behind one interface."""

    @abc.abstractmethod
    async def open(self) -> None:
        """Create or upgrade the schema and start serving."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Finish pending writes, wake every waiter, release the database."""

    # ── events ────────────────────────────────────────────────────────────
    @abc.abstractmethod
    async def append(self, events: list[NewEvent]) -> list[tuple[EventRecord, bool]]:
        """Append a batch atomically; returns each event and whether it was a
        duplicate of one already stored. Returns only after the commit."""

    @abc.abstractmethod
    async def read_events(self, query: EventQuery, limit: int) -> EventPage:
        """One page of matching events (at most ``limit``, which is > 0)."""

    @abc.abstractmethod
    async def count_events(self, event_type: str | None) -> int: ...

    @abc.abstractmethod
    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]:
        """The last ``limit`` events (of one agent, when given), oldest first."""

    @property
    @abc.abstractmethod
    def committed_sequence(self) -> int:
        """The largest sequence known to be committed."""

    @abc.abstractmethod
    async def wait_for_commit(self, after_sequence: int) -> int:
        """Return ``committed_sequence`` once it is above ``after_sequence``,
        or earlier when woken by ``wake_waiters`` or ``close``; callers loop."""

    @abc.abstractmethod
    def wake_waiters(self) -> None:
        """Wake every ``wait_for_commit`` (so followers see a shutdown)."""

    @property
    @abc.abstractmethod
    def closed(self) -> bool: ...

    # ── memories ──────────────────────────────────────────────────────────
    @abc.abstractmethod
    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]: ...

    @abc.abstractmethod
    async def list_memories(
        self, query: MemoryQuery, limit: int, now: datetime
    ) -> list[MemoryRecord]: ...

    @abc.abstractmethod
    async def count_memories(self, query: MemoryQuery, now: datetime) -> int: ...

    @abc.abstractmethod
    async def get_memory(self, memory_id: str) -> MemoryRecord:
        """The memory with that id; NotFound otherwise."""

    @abc.abstractmethod
    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord: ...

    @abc.abstractmethod
    async def delete_memory(self, memory_id: str) -> MemoryRecord: ...

    @abc.abstractmethod
    async def delete_expired_memories(self, before: datetime) -> int:
        """Delete memories that expired before ``before``; returns how many."""

    # ── consolidation ─────────────────────────────────────────────────────
    @abc.abstractmethod
    async def agent_ids(self) -> list[str]:
        """Every agent id that has events."""

    @abc.abstractmethod
    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff:
        """Make the live memories agree with the outcomes, in one transaction:
        a finding with no live memory in its slot is created, one that differs
        from the live memory updates it, and a slot without a finding expires
        its live memory. ``ttl`` (if any) sets created and updated memories'
        expiry."""
