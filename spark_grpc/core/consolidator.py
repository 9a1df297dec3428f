"""Running the consolidation rules against the store.

``Consolidator.consolidate`` reads the recent events a rule needs, evaluates
the pure rules (``rules``) and lets the store apply the outcomes in
one transaction. ``note_events`` schedules that in the background after a
task outcome is recorded: runs for one subject never overlap, a run
requested while one is going is folded into a single follow-up run, and a
subject's runs start at most once per ``interval`` (so a busy agent's rules
cost one run per interval, not one per outcome).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from datetime import UTC, datetime, timedelta
from typing import Protocol

from spark_grpc.core.models import EventRecord, MemoryDiff
from spark_grpc.core.rules import (
    OUTCOME_TYPES,
    TASK_POSTED,
    ConsolidationConfig,
    RuleOutcome,
    evaluate_agent,
    evaluate_system,
)

logger = logging.getLogger(__name__)

# The key of the system-wide rules among the per-agent keys.
_SYSTEM = None


class RuleStore(Protocol):
    """What the runner needs of a store (``EventStore`` has it all)."""

    async def recent_events(self, *, agent_id: str | None, limit: int) -> list[EventRecord]: ...

    async def agent_ids(self) -> list[str]: ...

    def consolidation_lock(self, subject: str | None) -> contextlib.AbstractAsyncContextManager: ...

    async def apply_rule_outcomes(
        self, outcomes: list[RuleOutcome], now: datetime, ttl: timedelta | None
    ) -> MemoryDiff: ...


class Consolidator:
    """Runs the rules of one subject at a time; the store publishes the
    memory changes they make."""

    def __init__(
        self,
        store: RuleStore,
        config: ConsolidationConfig,
        *,
        ttl: timedelta | None = None,
        interval: float = 0.0,
    ) -> None:
        self.store = store
        self.config = config
        self.ttl = ttl
        # A subject's background runs start at most once per `interval`
        # seconds; outcomes recorded meanwhile are folded into the next run.
        self.interval = interval
        self._last_start: dict[str | None, float] = {}
        # Subjects with a background run going, and those wanting another.
        self._running: dict[str | None, asyncio.Task] = {}
        self._again: set[str | None] = set()
        # subject -> (its lock, how many runs hold or wait for it)
        self._locks: dict[str | None, tuple[asyncio.Lock, int]] = {}
        # Runs of the rules (one subject each), for the metrics.
        self.runs = 0

    async def consolidate(self, agent_id: str | None = None) -> MemoryDiff:
        """Run the rules now: one agent's, or every agent's and the system's."""
        if agent_id is not None:
            return await self._run(agent_id)
        total = MemoryDiff()
        for agent in await self.store.agent_ids():
            total.merge(await self._run(agent))
        total.merge(await self._run(_SYSTEM))
        return total

    async def _run(self, key: str | None) -> MemoryDiff:
        # One run per subject at a time, also between Consolidate calls and
        # background runs; the store's lock extends that to other servers
        # sharing the database (a run never applies outcomes read before
        # another server's newer run).
        # A subject's lock lives only while runs of it are going or waiting,
        # so that per-agent state does not grow with every agent ever seen.
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock, self.store.consolidation_lock(key):
                self.runs += 1
                events = await self.store.recent_events(agent_id=key, limit=self.config.window)
                if key is None:
                    outcomes = evaluate_system(events, self.config)
                else:
                    outcomes = evaluate_agent(key, events, self.config)
                return await self.store.apply_rule_outcomes(outcomes, datetime.now(UTC), self.ttl)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def tracked_subjects(self) -> int:
        """How many subjects this runner keeps state for (bounded by the
        runs going on and the subjects started within one interval)."""
        return len(self._locks) + len(self._last_start) + len(self._running)

    def _forget_old_starts(self, now: float) -> None:
        """A start older than the interval no longer delays anything."""
        if len(self._last_start) > 256:
            for key in [k for k, t in self._last_start.items() if now - t >= self.interval]:
                del self._last_start[key]

    # ── automatic runs ────────────────────────────────────────────────────
    def note_events(self, events: list[EventRecord]) -> None:
        """Schedule the rules that these newly stored events may change."""
        keys: set[str | None] = set()
        for event in events:
            if event.event_type in OUTCOME_TYPES:
                if event.agent_id:
                    keys.add(event.agent_id)
                keys.add(_SYSTEM)
            elif event.event_type == TASK_POSTED:
                keys.add(_SYSTEM)
        for key in keys:
            self._schedule(key)

    def _schedule(self, key: str | None) -> None:
        if key in self._running:
            self._again.add(key)
            return
        task = asyncio.get_running_loop().create_task(self._background(key))
        self._running[key] = task

    async def _background(self, key: str | None) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                wait = self._last_start.get(key, -math.inf) + self.interval - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._again.discard(key)
                self._forget_old_starts(loop.time())
                self._last_start[key] = loop.time()
                try:
                    await self._run(key)
                except Exception:
                    logger.exception("consolidation of %s failed", key or "the system")
                if key not in self._again:
                    break
        finally:
            self._running.pop(key, None)

    async def idle(self) -> None:
        """Wait until no background run is going (tests, shutdown)."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)

    async def stop(self) -> None:
        for task in list(self._running.values()):
            task.cancel()
        await asyncio.gather(*self._running.values(), return_exceptions=True)
