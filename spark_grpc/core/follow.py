"""The follow engine: history, a caught-up marker, then the live tail of a
log, for ListEvents(follow) and WatchMemories alike.

A follower reads what it missed from the database a page at a time (its
backlog never sits in the server's memory), then waits on the log's
``CommitSignal``. Woken by a commit, it takes the new items from the store's
recent commits when memory holds them all, and from the database otherwise:
a follower that stopped reading (gRPC flow control holds it at a ``yield``)
simply reads its backlog later, at its own pace.

``StreamSlots`` bounds how many such streams are open at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from typing import Generic, Protocol, TypeVar

from spark_grpc.core.commits import CommitSignal
from spark_grpc.core.errors import ResourceExhausted, resume_after, shutting_down
from spark_grpc.core.models import (
    EventPage,
    EventQuery,
    EventRecord,
    MemoryChange,
    MemoryQuery,
    memory_bytes,
)


class Positioned(Protocol):
    @property
    def sequence(self) -> int: ...


T = TypeVar("T", bound=Positioned)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Matching items of one read, oldest first; ``reached`` is the last
    position the read covered (matching or not); ``more`` says that the
    read stopped before the end."""

    items: list[T]
    reached: int
    more: bool


class Source(Protocol[T]):
    """One log as a follower sees it."""

    @property
    def signal(self) -> CommitSignal: ...

    async def page(self, after: int, through: int, size: int) -> Page[T]:
        """Matching items in (after, through] (through 0: no bound)."""

    def recent(self, after: int, through: int) -> list[T] | None:
        """Every item in (after, through] from memory, matching or not, or
        None when memory does not hold them all."""

    def matches(self, item: T) -> bool: ...


async def follow(
    source: Source[T],
    cursor: int,
    *,
    page_size: int,
    limit: int = 0,
    history: bool = True,
    stopping: Callable[[], bool],
    reason: Callable[[int], Exception] | None = None,
) -> AsyncIterator[tuple[list[T], bool]]:
    """Yield ``(items, caught_up)`` after position ``cursor``: with
    ``history``, the matching items already committed, the last batch of
    them flagged ``caught_up`` (possibly empty); then each new batch as it
    commits, until ``limit`` items (0: no limit) have been yielded. When
    ``stopping()`` turns true, raises ``reason(cursor)``, by default
    UNAVAILABLE naming the resume point."""
    remaining = limit or -1  # -1: no limit
    signal = source.signal

    def take(items: list[T]) -> list[T]:
        nonlocal remaining
        if remaining >= 0:
            items = items[:remaining]
            remaining -= len(items)
        return items

    def interrupted() -> Exception:
        if reason is not None:
            return reason(cursor)
        return shutting_down(resume_after(cursor))

    if history:
        # Pages, oldest first; the last short page ends the history.
        while True:
            mark = signal.sequence
            page = await source.page(cursor, 0, page_size)
            items = take(page.items)
            if remaining == 0:
                # The limit ends the stream before the history does.
                yield items, False
                return
            cursor = max(cursor, page.reached)
            if not page.more:
                # Everything committed up to `mark` was visible to that read.
                cursor = max(cursor, mark)
                yield items, True
                break
            if items:
                yield items, False

    while True:
        committed = await signal.wait(cursor, stopping)
        if stopping():
            raise interrupted()
        if committed <= cursor:
            continue
        fresh = source.recent(cursor, committed)
        if fresh is not None:
            items = take([item for item in fresh if source.matches(item)])
            cursor = committed
            if items:
                yield items, False
            if remaining == 0:
                return
            continue
        after = cursor
        while True:
            if stopping():
                raise interrupted()
            page = await source.page(after, committed, page_size)
            items = take(page.items)
            cursor = page.reached if page.more else committed
            if items:
                yield items, False
            if remaining == 0:
                return
            if not page.more:
                break
            after = page.reached


class StreamSlots:
    """How many server streams (ListEvents with or without follow,
    WatchMemories) may be open at once."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.open = 0

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """Held for the life of one stream; RESOURCE_EXHAUSTED when full."""
        if self.open >= self.maximum:
            raise ResourceExhausted(f"too many streams (at most {self.maximum}); retry later")
        self.open += 1
        try:
            yield
        finally:
            self.open -= 1


def change_bytes(change: MemoryChange) -> int:
    """About how many bytes a memory change takes in a message."""
    return memory_bytes(change.memory)


# ── the two logs a store keeps ────────────────────────────────────────────
class EventReader(Protocol):
    event_commits: CommitSignal

    async def read_events(
        self, query: EventQuery, limit: int, max_bytes: int = ...
    ) -> EventPage: ...

    def recent_events_after(
        self, after_sequence: int, through: int
    ) -> list[EventRecord] | None: ...


class MemoryChangeReader(Protocol):
    memory_commits: CommitSignal

    async def read_memory_changes(
        self, after_sequence: int, through: int, limit: int, max_bytes: int = ...
    ) -> list[MemoryChange]: ...

    def recent_memory_changes_after(
        self, after_sequence: int, through: int
    ) -> list[MemoryChange] | None: ...


class EventSource:
    """The event log, filtered by a ListEvents query."""

    def __init__(self, store: EventReader, query: EventQuery, max_bytes: int) -> None:
        self._store = store
        self._query = query
        self._max_bytes = max_bytes
        self.matches = query.matches

    @property
    def signal(self) -> CommitSignal:
        return self._store.event_commits

    async def page(self, after: int, through: int, size: int) -> Page[EventRecord]:
        query = replace(self._query, after_sequence=after, through_sequence=through)
        page = await self._store.read_events(query, size, self._max_bytes)
        reached = page.events[-1].sequence if page.events else after
        return Page(page.events, reached, page.more)

    def recent(self, after: int, through: int) -> list[EventRecord] | None:
        return self._store.recent_events_after(after, through)


class MemoryChangeSource:
    """The log of memory changes, filtered by a WatchMemories query."""

    def __init__(self, store: MemoryChangeReader, query: MemoryQuery, max_bytes: int) -> None:
        self._store = store
        self._query = query
        self._max_bytes = max_bytes

    @property
    def signal(self) -> CommitSignal:
        return self._store.memory_commits

    def matches(self, change: MemoryChange) -> bool:
        return self._query.matches(change.memory)

    async def page(self, after: int, through: int, size: int) -> Page[MemoryChange]:
        changes = await self._store.read_memory_changes(after, through, size, self._max_bytes)
        reached = changes[-1].sequence if changes else after
        # A page cut short by its bytes says "more" too: at worst one more
        # read finds nothing.
        full = len(changes) >= size or sum(map(change_bytes, changes)) >= self._max_bytes
        return Page([c for c in changes if self.matches(c)], reached, bool(changes) and full)

    def recent(self, after: int, through: int) -> list[MemoryChange] | None:
        return self._store.recent_memory_changes_after(after, through)
