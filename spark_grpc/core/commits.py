"""What followers wait on: the newest committed position of a log."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class CommitSignal:
    """The largest sequence known to be committed, and one waiter that every
    follower shares, woken when it grows (or when the store wants followers
    to look again, e.g. on shutdown). Used on the event loop only."""

    def __init__(self) -> None:
        self.sequence = 0
        self._waiter: asyncio.Future | None = None

    def advance(self, sequence: int) -> None:
        """Everything up to ``sequence`` is committed."""
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
