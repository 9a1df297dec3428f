"""The store interface, and what every store does alike.

SQL lives only in the implementations (``sqlite/``, ``postgres/``). The API
validates requests before they get here, so a store only reports what the
database itself decides: a taken id (``AlreadyExists``), an unknown id
(``NotFound``), a disk that is full (``ResourceExhausted``) or cannot be
written (``Unavailable``).

Every change is published by the store after its commit: appended events
advance ``event_commits``, memory changes (created, updated, expired,
deleted, whoever made them) are numbered in a log of their own and advance
``memory_commits``. Followers and watchers wait on those signals and read
what they missed with ``read_events`` / ``read_memory_changes``; a store
shared by several servers makes every server's commits known to the others.
"""

from __future__ import annotations

import abc
import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from spark_grpc.core.commits import CommitSignal
from spark_grpc.core.errors import FailedPrecondition, InvalidArgument
from spark_grpc.core.models import (
    AppendCondition,
    ConsumerFilter,
    ConsumerRecord,
    EventPage,
    EventQuery,
    EventRecord,
    MemoryChange,
    MemoryChanges,
    MemoryDiff,
    MemoryQuery,
    MemoryRecord,
    MemoryRevision,
    NewEvent,
    NewMemory,
)
from spark_grpc.core.rules import RuleOutcome
from spark_grpc.core.search import SearchQuery
from spark_grpc.core.timestamps import format_timestamp, parse_timestamp

# About how many characters of description and data one page of events holds
# unless the caller asks for another bound.
PAGE_BYTES = 1024 * 1024

# How many waiting write jobs one transaction may take (group commit).
MAX_GROUP = 256

Job = TypeVar("Job")
# What take_group's `next_job` returns when nothing more is waiting.
NOTHING = object()


def take_group(first: Job, next_job: Callable[[], Any]) -> tuple[list[Job], bool]:
    """The jobs one transaction commits: ``first`` and whatever is waiting
    (``next_job()``: a job, None for "stop after these", or NOTHING), at most
    MAX_GROUP. Returns the jobs and whether a stop was asked for."""
    jobs = [first]
    while len(jobs) < MAX_GROUP:
        job = next_job()
        if job is NOTHING:
            break
        if job is None:
            return jobs, True
        jobs.append(job)
    return jobs, False


def new_id() -> str:
    """A new record id: a UUID version 7 (RFC 9562), 48 bits of Unix
    milliseconds then 74 random bits, in the usual 36-character form.

    Ids made one after another sort one after another, so the records a
    server names land at the right-hand edge of the id indexes instead of at
    random pages: a commit of 1,000 events dirties a few index pages where
    random (version 4) ids dirtied most of them."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (
        (millis & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76  # version
        | (rand >> 68) << 64  # 12 random bits
        | 0b10 << 62  # variant
        | rand & 0x3FFF_FFFF_FFFF_FFFF  # 62 random bits
    )
    return str(uuid.UUID(int=value))


def event_filters(
    event_type: str | None,
    agent_id: str | None,
    task_id: str | None,
    *,
    mark: str,
    prefix: str = "",
) -> tuple[list[str], list]:
    """The WHERE clauses (and their parameters) of the filters that reads,
    conditions and consumers share: a None filter matches anything, an empty
    one matches events without that field, any other value matches it
    exactly. ``mark`` is the dialect's placeholder, ``prefix`` a table
    alias with its dot."""
    clauses: list[str] = []
    params: list = []
    for column, value in (("event_type", event_type), ("agent_id", agent_id), ("task_id", task_id)):
        if value is None:
            continue
        if value == "":
            clauses.append(f"({prefix}{column} IS NULL OR {prefix}{column} = '')")
        else:
            clauses.append(f"{prefix}{column} = {mark}")
            params.append(value)
    return clauses, params


# ── memory snapshots (the rows of the memory change log) ──────────────────
def memory_snapshot(memory: MemoryRecord) -> dict[str, Any]:
    """A memory as a JSON object, kept with each change of it (a deleted
    memory's last state lives only there)."""
    return {
        "id": memory.id,
        "memory_type": memory.memory_type,
        "subject": memory.subject,
        "content": memory.content,
        "confidence": memory.confidence,
        "source_events": memory.source_events,
        "created_at": format_timestamp(memory.created_at),
        "expires_at": format_timestamp(memory.expires_at) if memory.expires_at else None,
        "updated_at": format_timestamp(memory.updated_at),
        "rule": memory.rule,
        "source_event_ids": list(memory.source_event_ids),
    }


def memory_from_snapshot(value: dict[str, Any] | str) -> MemoryRecord:
    snapshot = json.loads(value) if isinstance(value, str) else value
    expires = snapshot.get("expires_at")
    return MemoryRecord(
        id=snapshot["id"],
        memory_type=snapshot["memory_type"],
        subject=snapshot["subject"],
        content=snapshot["content"],
        confidence=float(snapshot["confidence"]),
        source_events=int(snapshot["source_events"]),
        created_at=parse_timestamp(snapshot["created_at"]),
        expires_at=parse_timestamp(expires) if expires else None,
        updated_at=parse_timestamp(snapshot["updated_at"]),
        rule=snapshot.get("rule") or "",
        source_event_ids=tuple(snapshot.get("source_event_ids") or ()),
    )


def memories_as_of(
    states: list[MemoryRecord], query: MemoryQuery, limit: int, as_of: datetime
) -> list[MemoryRecord]:
    """ListMemories at ``as_of``, from every memory's state then: the
    filters applied, expiry judged at ``as_of``, newest first."""
    kept = [
        memory
        for memory in states
        if memory.confidence >= query.min_confidence
        and (not query.memory_type or memory.memory_type == query.memory_type)
        and (not query.subject or memory.subject == query.subject)
        and (query.rule is None or memory.rule == query.rule)
        and (query.include_expired or memory.expires_at is None or memory.expires_at > as_of)
    ]
    kept.sort(key=lambda memory: (memory.created_at, memory.id), reverse=True)
    return kept[:limit]


def consumer_filter_differs(name: str, stored: ConsumerFilter) -> FailedPrecondition:
    return FailedPrecondition(
        f"consumer {name!r} follows other filters ({_describe(stored)});"
        " use the same filters, another name, or DeleteConsumer first",
        reason="CONSUMER_FILTERS_DIFFER",
        metadata={"consumer": name},
    )


def _describe(stored: ConsumerFilter) -> str:
    parts = [
        f"{name}={value!r}"
        for name, value in (
            ("event_type", stored.event_type),
            ("agent_id", stored.agent_id),
            ("task_id", stored.task_id),
        )
        if value is not None
    ]
    if stored.min_importance:
        parts.append(f"min_importance={stored.min_importance:g}")
    return ", ".join(parts) or "no filters"


def ack_beyond_head(sequence: int, head: int) -> InvalidArgument:
    return InvalidArgument("sequence", f"must not be above the log's head {head}, got {sequence}")


def diff_of(changes: list[MemoryChange]) -> MemoryDiff:
    """A consolidation's answer, from the changes it committed."""
    diff = MemoryDiff()
    for change in changes:
        getattr(diff, change.kind.value).append(change.memory)
    return diff


class EventStore(abc.ABC):
    """The log and the memories, behind one interface."""

    def __init__(self) -> None:
        self._closed = False
        # Advanced after each commit of events, and of memory changes.
        self.event_commits = CommitSignal()
        self.memory_commits = CommitSignal()

    @abc.abstractmethod
    async def open(self) -> None:
        """Create or upgrade the schema and start serving."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Finish pending writes, wake every waiter, release the database."""

    @property
    def closed(self) -> bool:
        return self._closed

    def wake_waiters(self) -> None:
        """Wake every follower and watcher (so that they see a shutdown)."""
        self.event_commits.wake()
        self.memory_commits.wake()

    # ── events ────────────────────────────────────────────────────────────
    @property
    def committed_sequence(self) -> int:
        """The largest event sequence known to be committed."""
        return self.event_commits.sequence

    @abc.abstractmethod
    async def append(
        self, events: list[NewEvent], condition: AppendCondition | None = None
    ) -> list[tuple[EventRecord, bool]]:
        """Append a batch atomically; returns each event and whether it was a
        duplicate of one already stored. Returns only after the commit.

        With a ``condition``, raises FailedPrecondition (writing nothing)
        when an event matching it has a sequence above its after_sequence,
        checked in the appending transaction; a batch whose every item is a
        duplicate is answered as such without looking at the condition."""

    @abc.abstractmethod
    async def read_events(
        self, query: EventQuery, limit: int, max_bytes: int = PAGE_BYTES
    ) -> EventPage:
        """One page of matching events: at most ``limit`` (> 0), and no more
        once their description and data hold ``max_bytes`` characters (a
        page holds at least one event)."""

    @abc.abstractmethod
    async def count_events(self, event_type: str | None) -> int: ...

    @abc.abstractmethod
    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]:
        """The last ``limit`` events (of one agent, when given), oldest first."""

    async def delete_oldest_events(self, limit: int, before: datetime | None = None) -> int:
        """Retention: delete at most ``limit`` of the oldest events (with
        ``before``, of those created before it), in one short transaction;
        never the newest event, which holds the log's position. Returns how
        many were deleted."""
        raise NotImplementedError(f"{type(self).__name__} has no retention")

    def recent_events_after(self, after_sequence: int, through: int) -> list[EventRecord] | None:
        """The committed events with a sequence in (after, through] from
        memory, or None when memory does not hold them all (then followers
        read the database). A store may keep none."""
        return None

    # ── durable consumers ─────────────────────────────────────────────────
    @abc.abstractmethod
    async def open_consumer(self, name: str, filter: ConsumerFilter) -> ConsumerRecord:  # noqa: A002
        """The consumer of that name, created with ``filter`` if new;
        FailedPrecondition when it exists with another filter."""

    @abc.abstractmethod
    async def ack_consumer(self, name: str, sequence: int) -> ConsumerRecord:
        """Move the position forward to ``sequence`` (never back); NotFound,
        or InvalidArgument above the log's head. Durable when it returns;
        the answer has the lag."""

    @abc.abstractmethod
    async def get_consumer(self, name: str) -> ConsumerRecord:
        """With the head and the exact lag; NotFound otherwise."""

    @abc.abstractmethod
    async def list_consumers(self) -> list[ConsumerRecord]:
        """Every consumer by name, with the head and the exact lag."""

    @abc.abstractmethod
    async def delete_consumer(self, name: str) -> ConsumerRecord: ...

    # ── memories ──────────────────────────────────────────────────────────
    @abc.abstractmethod
    async def store_memory(self, memory: NewMemory) -> tuple[MemoryRecord, bool]: ...

    @abc.abstractmethod
    async def list_memories(
        self,
        query: MemoryQuery,
        limit: int,
        now: datetime,
        *,
        max_bytes: int = 0,
        after_id: str | None = None,
    ) -> list[MemoryRecord]:
        """Matching memories, newest first, at most ``limit``. With
        ``max_bytes``, reading stops at the first memory that takes their
        ``memory_bytes`` past it (it is the last one returned). With
        ``after_id``, the memories with a larger id, in id order (pages)."""

    @abc.abstractmethod
    async def count_memories(self, query: MemoryQuery, now: datetime) -> int: ...

    @abc.abstractmethod
    async def update_memory(self, memory_id: str, changes: MemoryChanges) -> MemoryRecord: ...

    @abc.abstractmethod
    async def delete_memory(self, memory_id: str, actor: str = "") -> MemoryRecord:
        """Delete it (``actor``: who, for its history); NotFound otherwise."""

    @abc.abstractmethod
    async def delete_expired_memories(self, before: datetime) -> int:
        """Delete memories that expired before ``before`` (each a DELETED
        change); returns how many."""

    # ── memory changes ────────────────────────────────────────────────────
    @abc.abstractmethod
    async def read_memory_changes(
        self, after_sequence: int, through: int, limit: int, max_bytes: int = 0
    ) -> list[MemoryChange]:
        """Committed memory changes with a sequence above ``after_sequence``
        (and at most ``through``, unless 0), oldest first, at most ``limit``
        (and, with ``max_bytes``, as in ``list_memories``)."""

    @abc.abstractmethod
    async def prune_memory_changes(self, before: datetime) -> int:
        """Forget memory changes made before ``before``; returns how many."""

    def recent_memory_changes_after(
        self, after_sequence: int, through: int
    ) -> list[MemoryChange] | None:
        """As ``recent_events_after``, for memory changes."""
        return None

    # ── search and history ────────────────────────────────────────────────
    @abc.abstractmethod
    async def search_memories(
        self, query: SearchQuery, where: MemoryQuery, limit: int, now: datetime
    ) -> list[tuple[MemoryRecord, float]]:
        """Memories matching every term (and the filters), best first, with
        a score that is larger for a better match."""

    @abc.abstractmethod
    async def search_events(
        self, query: SearchQuery, where: EventQuery, limit: int
    ) -> list[tuple[EventRecord, float]]:
        """Events whose description or data match every term, best first."""

    @abc.abstractmethod
    async def memory_revisions(self, memory_id: str) -> list[MemoryRevision]:
        """Every revision of a memory, oldest first (empty if none)."""

    @abc.abstractmethod
    async def list_memories_as_of(
        self, query: MemoryQuery, limit: int, as_of: datetime
    ) -> list[MemoryRecord]:
        """The memories as they were at ``as_of``, from their revisions."""

    # ── consolidation ─────────────────────────────────────────────────────
    def consolidation_lock(self, subject: str | None) -> contextlib.AbstractAsyncContextManager:
        """Held while the rules of one subject (an agent id, or None for the
        system rules) read the log and apply their outcomes, so that runs for
        one subject never overlap, whichever server runs them. A store that
        one process serves needs nothing beyond the caller's own lock."""
        return contextlib.nullcontext()

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
