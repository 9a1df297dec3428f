"""The newest commits of one log, kept in memory for followers that keep up.

A follower woken by a commit asks for the items in (after, through]; it gets
them from here when memory holds every one of them, and reads the database
otherwise (it fell behind, or another process committed). Memory is bounded
by a number of commits and about a number of bytes (the newest commit is
kept whatever its size).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from spark_grpc.core.follow import Positioned

T = TypeVar("T", bound=Positioned)


class RecentCommits(Generic[T]):
    def __init__(
        self, size_of: Callable[[T], int], *, max_commits: int = 512, max_bytes: int = 8 << 20
    ) -> None:
        self._size_of = size_of
        self._max_commits = max_commits
        self._max_bytes = max_bytes
        self._batches: collections.deque[tuple[tuple[T, ...], int]] = collections.deque()
        self._bytes = 0

    def add(self, batch: Sequence[T]) -> None:
        """One commit's items, in sequence order, consecutive."""
        if not batch:
            return
        size = sum(self._size_of(item) for item in batch)
        self._batches.append((tuple(batch), size))
        self._bytes += size
        while len(self._batches) > 1 and (
            len(self._batches) > self._max_commits or self._bytes > self._max_bytes
        ):
            self._bytes -= self._batches.popleft()[1]

    def after(self, after_sequence: int, through: int) -> list[T] | None:
        """The items with a sequence in (after, through], or None when memory
        does not hold every one of them."""
        found: list[tuple[T, ...]] = []
        for batch, _ in reversed(self._batches):
            if batch[-1].sequence <= after_sequence:
                break
            found.append(batch)
        else:
            if not found or found[-1][0].sequence > after_sequence + 1:
                return None
        items: list[T] = []
        expected = after_sequence + 1
        for batch in reversed(found):
            for item in batch:
                if item.sequence <= after_sequence or item.sequence > through:
                    continue
                if item.sequence != expected:
                    return None
                items.append(item)
                expected += 1
        if expected != through + 1:
            return None
        return items
