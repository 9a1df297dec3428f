"""Retention: keep the event log within an age and/or a count.

``--retain-events 30d`` deletes events created more than 30 days ago;
``--retain-max-events N`` deletes the oldest events beyond the newest N.
Every ``--retention-interval`` seconds a background task deletes what is
beyond the bounds, ``BATCH`` events per transaction and yielding between
transactions, so that writers and followers never wait for long. The
newest event is always kept (it holds the log's position); memories are
never touched and keep the ids of the events they came from.

There are no durable consumers yet, so nothing holds retention back: a
follower whose position falls behind the boundary goes on from the oldest
retained event (it never sees the deleted ones, and loses nothing else).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

logger = logging.getLogger("spark_grpc")

BATCH = 500
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_age(text: str) -> timedelta | None:
    """``30d``, ``12h``, ``90m``, ``3600s`` or ``2w`` (a bare number is
    seconds); empty means no bound. ValueError otherwise."""
    text = text.strip().lower()
    if not text:
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smhdw]?)", text)
    if not match:
        raise ValueError(f"retain_events must be like 30d, 12h, 90m or 3600s, got {text!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds <= 0:
        raise ValueError(f"retain_events must be more than 0, got {text!r}")
    return timedelta(seconds=seconds)


class Retention:
    def __init__(
        self,
        store,
        *,
        max_age: timedelta | None,
        max_events: int,
        batch: int = BATCH,
        on_deleted: Callable[[int], None] = lambda count: None,
    ) -> None:
        self.store = store
        self.max_age = max_age
        self.max_events = max_events
        self.batch = batch
        self.on_deleted = on_deleted
        self.deleted = 0

    def _note(self, count: int) -> None:
        self.deleted += count
        self.on_deleted(count)

    async def run_once(self) -> int:
        """Delete everything beyond the bounds now; returns how many."""
        total = 0
        if self.max_age is not None:
            before = datetime.now(UTC) - self.max_age
            while True:
                count = await self.store.delete_oldest_events(self.batch, before)
                self._note(count)
                total += count
                if count < self.batch:
                    break
                await asyncio.sleep(0)  # let writers and readers in
        if self.max_events > 0:
            excess = await self.store.count_events(None) - self.max_events
            while excess > 0:
                count = await self.store.delete_oldest_events(min(self.batch, excess))
                self._note(count)
                total += count
                excess -= count
                if count == 0:
                    break
                await asyncio.sleep(0)
        return total

    async def run_forever(self, interval: float) -> None:
        while True:
            try:
                deleted = await self.run_once()
                if deleted:
                    logger.info("retention deleted %d events", deleted)
            except Exception:
                logger.exception("retention failed")
            await asyncio.sleep(interval)


def start_retention(running, config, metrics=None) -> Retention:
    """Run retention in the background of a started server."""

    def counted(count: int) -> None:
        if metrics is not None:
            metrics.events_deleted += count

    retention = Retention(
        running.store,
        max_age=parse_age(config.retain_events),
        max_events=config.retain_max_events,
        on_deleted=counted,
    )
    running.retention = retention
    running._retainer = asyncio.get_running_loop().create_task(
        retention.run_forever(config.retention_interval)
    )
    return retention
