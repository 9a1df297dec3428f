"""Fan-out of memory changes to WatchMemories streams.

Each watcher has a bounded queue. Publishing never blocks: a watcher whose
queue is full is cut off (its stream ends with RESOURCE_EXHAUSTED) rather
than allowed to grow the server's memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from spark_grpc.models import MemoryRecord
from spark_grpc.store.base import MemoryDiff


@dataclass(frozen=True, slots=True)
class MemoryChange:
    kind: str  # "created", "updated", "expired", "deleted"
    memory: MemoryRecord


class Watcher:
    """One WatchMemories stream's subscription."""

    def __init__(self, capacity: int, memory_type: str | None, subject: str | None) -> None:
        self.queue: asyncio.Queue[MemoryChange | None] = asyncio.Queue(capacity)
        self.memory_type = memory_type
        self.subject = subject
        self.overflowed = False

    def wants(self, memory: MemoryRecord) -> bool:
        return (not self.memory_type or memory.memory_type == self.memory_type) and (
            not self.subject or memory.subject == self.subject
        )


class MemoryFeed:
    """Publishes memory changes to every matching watcher."""

    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = capacity
        self._watchers: set[Watcher] = set()

    def __len__(self) -> int:
        return len(self._watchers)

    def subscribe(self, memory_type: str | None, subject: str | None) -> Watcher:
        watcher = Watcher(self.capacity, memory_type, subject)
        self._watchers.add(watcher)
        return watcher

    def unsubscribe(self, watcher: Watcher) -> None:
        self._watchers.discard(watcher)

    def publish(self, changes: Iterable[MemoryChange]) -> None:
        for change in changes:
            for watcher in list(self._watchers):
                if watcher.overflowed or not watcher.wants(change.memory):
                    continue
                try:
                    watcher.queue.put_nowait(change)
                except asyncio.QueueFull:
                    watcher.overflowed = True
                    self._close(watcher)

    def publish_diff(self, diff: MemoryDiff) -> None:
        self.publish(
            [MemoryChange("created", m) for m in diff.created]
            + [MemoryChange("updated", m) for m in diff.updated]
            + [MemoryChange("expired", m) for m in diff.expired]
        )

    def close(self) -> None:
        """End every watch (the server is shutting down)."""
        for watcher in list(self._watchers):
            self._close(watcher)

    def _close(self, watcher: Watcher) -> None:
        self._watchers.discard(watcher)
        # Make room for the end marker, dropping what the watcher missed.
        while watcher.queue.full():
            watcher.queue.get_nowait()
        watcher.queue.put_nowait(None)
