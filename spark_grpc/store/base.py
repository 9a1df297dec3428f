"""The store interface: everything the service needs from a database.

SQL lives only in the implementations (``sqlite.py``; a PostgreSQL one can
follow the same interface). The service validates requests before they get
here, so a store only reports what the database itself decides: a taken id
(``AlreadyExists``), an unknown id (``NotFound``), a disk that is full
(``ResourceExhausted``) or cannot be written (``Unavailable``).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import decimal
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from spark_grpc.consolidation import RuleOutcome
from spark_grpc.errors import AlreadyExists
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


def event_fingerprint(
    event_type: str,
    agent_id: str | None,
    task_id: str | None,
    description: str,
    data: str,
    importance: float | None,
) -> str:
    """The content digest of an event request (data compared as parsed JSON;
    an omitted importance differs from an explicit one)."""
    return fingerprint(
        "event", event_type, agent_id, task_id, description, canonical_json(data), importance
    )


def canonical_json(text: str) -> Any:
    """JSON text as a value that compares equal for equal JSON: key order
    and white space drop out, and numbers compare by value (``90``,
    ``90.0`` and ``9e1`` are one number). Strings are tagged ``s:`` and
    numbers ``n:`` so that ``"90"`` and ``90`` stay different."""

    def canonical(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: canonical(item) for key, item in value.items()}
        if isinstance(value, list):
            return [canonical(item) for item in value]
        if isinstance(value, str):
            return "s:" + value
        if isinstance(value, decimal.Decimal):
            # Exact: trailing zeros move into the exponent, nothing rounds.
            sign, digits, exponent = value.as_tuple()
            text = "".join(map(str, digits)).rstrip("0") or "0"
            exponent = int(exponent) + len(digits) - len(text)
            return f"n:{'-' if sign and text != '0' else ''}{text}e{exponent if text != '0' else 0}"
        return value  # True, False, None

    try:
        parsed = json.loads(text or "{}", parse_float=decimal.Decimal, parse_int=decimal.Decimal)
    except (ValueError, RecursionError):
        return "s:" + text
    return canonical(parsed)


def memory_fingerprint(
    memory_type: str,
    subject: str,
    content: str,
    confidence: float | None,
    source_events: int,
    expires_at: datetime | None,
) -> str:
    """The content digest of a memory request."""
    expiry = format_timestamp(expires_at) if expires_at is not None else None
    return fingerprint("memory", memory_type, subject, content, confidence, source_events, expiry)


def id_conflict(kind: str, record_id: str, index: int | None) -> AlreadyExists:
    """The error for a client-chosen id reused with other content; ``index``
    is the item of a batch at fault (the service names it)."""
    error = AlreadyExists(
        f"id {record_id!r} is already used by another {kind} with different content"
    )
    error.index = index  # type: ignore[attr-defined]
    return error


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
    # False when the read reached the end of what matches; True when more
    # may follow (the page is full, by rows or by bytes).
    more: bool = False


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


# ── logic both stores share (no SQL) ──────────────────────────────────────
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


@dataclass(slots=True)
class AppendPlan:
    """How a batch of new events meets the stored log: which are new, and
    which repeat a stored event or an earlier item of the batch."""

    # (index in the batch, the event's id, the event), in batch order.
    fresh: list[tuple[int, str, NewEvent]] = field(default_factory=list)
    # index -> the stored event it repeats.
    stored: dict[int, EventRecord] = field(default_factory=dict)
    # index -> the index of the earlier item with the same id.
    repeats: dict[int, int] = field(default_factory=dict)

    def results(self, written: dict[int, EventRecord]) -> list[tuple[EventRecord, bool]]:
        """Each item's event and whether it was a duplicate, given the
        records written for the fresh ones (by index)."""
        size = len(self.fresh) + len(self.stored) + len(self.repeats)
        out: list[tuple[EventRecord, bool]] = []
        for index in range(size):
            if index in written:
                out.append((written[index], False))
            elif index in self.stored:
                out.append((self.stored[index], True))
            else:
                out.append((written[self.repeats[index]], True))
        return out


def plan_append(
    events: list[NewEvent],
    lookup: Callable[[str], tuple[EventRecord, str | None] | None],
    new_id: Callable[[], str],
) -> AppendPlan:
    """Sort a batch into new events and idempotent repeats.

    ``lookup(id)`` gives the stored event with that id and the fingerprint
    stored for it (None for rows written without one, e.g. by the seed
    module), or None. A reused id whose content differs raises AlreadyExists
    naming the item."""
    plan = AppendPlan()
    batch_ids: dict[str, int] = {}
    for index, event in enumerate(events):
        if event.id is None:
            plan.fresh.append((index, new_id(), event))
            continue
        earlier = batch_ids.get(event.id)
        if earlier is not None:
            if events[earlier].fingerprint != event.fingerprint:
                raise id_conflict("event", event.id, index)
            plan.repeats[index] = earlier
            continue
        found = lookup(event.id)
        if found is None:
            batch_ids[event.id] = index
            plan.fresh.append((index, event.id, event))
            continue
        existing, stored = found
        if stored is None:
            stored = event_fingerprint(
                existing.event_type,
                existing.agent_id,
                existing.task_id,
                existing.description,
                existing.data,
                existing.importance,
            )
        if stored != event.fingerprint:
            raise id_conflict("event", event.id, index)
        plan.stored[index] = existing
    return plan


def check_memory_retry(existing: MemoryRecord, stored: str | None, memory: NewMemory) -> None:
    """A StoreMemory with a known id is a retry only with the same content
    (``stored`` is the fingerprint kept for the id, if any)."""
    if stored is None:
        stored = memory_fingerprint(
            existing.memory_type,
            existing.subject,
            existing.content,
            existing.confidence,
            existing.source_events,
            existing.expires_at,
        )
    if stored != memory.fingerprint:
        raise id_conflict("memory", existing.id, None)


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


def plan_outcome(
    live: MemoryRecord | None, outcome: RuleOutcome, now: datetime, ttl: timedelta | None
) -> tuple[str, NewMemory | MemoryChanges] | None:
    """What one rule outcome does to its slot, whose live memory is ``live``:
    ("created", NewMemory), ("updated", MemoryChanges), ("expired",
    MemoryChanges), or None when the slot is already right."""
    finding = outcome.finding
    expires_at = now + ttl if ttl else None
    if finding is None:
        return ("expired", MemoryChanges(expires_at=now)) if live is not None else None
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
        return "created", memory
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
    return "updated", changes


class CommitSignal:
    """What followers wait on: the largest sequence known to be committed,
    and one waiter that every follower shares, woken when it grows (or when
    the store wants followers to look again, e.g. on shutdown)."""

    def __init__(self) -> None:
        self.sequence = 0
        self._waiter: asyncio.Future | None = None

    def advance(self, sequence: int) -> None:
        """Every event up to ``sequence`` is committed (call on the loop)."""
        if sequence > self.sequence:
            self.sequence = sequence
            self.wake()

    def wake(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def wait(self, after_sequence: int, closed: Callable[[], bool]) -> int:
        """Wait for a commit past ``after_sequence`` or a wake; returns the
        committed sequence (the caller checks why it woke)."""
        if self.sequence <= after_sequence and not closed():
            if self._waiter is None:
                self._waiter = asyncio.get_running_loop().create_future()
            await asyncio.shield(self._waiter)
        return self.sequence


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

    def consolidation_lock(self, subject: str | None) -> contextlib.AbstractAsyncContextManager:
        """Held while the rules of one subject (an agent id, or None for the
        system rules) read the log and apply their outcomes, so that runs for
        one subject never overlap, whichever server runs them. A store that
        one process serves needs nothing beyond the caller's own lock."""
        return contextlib.nullcontext()

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
