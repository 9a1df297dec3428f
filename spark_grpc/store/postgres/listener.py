"""Hearing of every replica's commits: LISTEN on one connection of its own.

Each commit that appends events sends ``NOTIFY spark_events`` with its last
sequence, and each commit that changes memories ``NOTIFY
spark_memory_changes``; the listener advances the store's signals, which
wake its followers and watchers, and they read by position from the
database. It also re-reads both counters every ``recheck_seconds`` and after
each reconnect, so a lost notification delays a change, never loses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import psycopg

from spark_grpc.core.commits import CommitSignal
from spark_grpc.store.postgres.schema import CHANNEL, MEMORY_CHANNEL

logger = logging.getLogger(__name__)


async def log_heads(conn: psycopg.AsyncConnection) -> tuple[int, int]:
    """The newest event sequence and memory change sequence."""
    cur = await conn.execute(
        "SELECT (SELECT last FROM spark_log_position),"
        " (SELECT last FROM spark_memory_change_position)"
    )
    row = await cur.fetchone()
    assert row is not None
    return row[0], row[1]


async def listen(
    url: str,
    signals: dict[str, CommitSignal],
    *,
    closed: Callable[[], bool],
    listening: asyncio.Event,
    recheck_seconds: float,
    connect_timeout: float,
    on_trouble: Callable[[], None] | None = None,
) -> None:
    """Run until cancelled: advance ``signals[channel]`` by what each
    channel announces (and by the counters, on a timer)."""
    events, changes = signals[CHANNEL], signals[MEMORY_CHANNEL]

    async def recheck(conn: psycopg.AsyncConnection) -> None:
        last_event, last_change = await log_heads(conn)
        events.advance(last_event)
        changes.advance(last_change)

    backoff = 0.1
    while not closed():
        try:
            conn = await psycopg.AsyncConnection.connect(
                url, autocommit=True, connect_timeout=int(connect_timeout)
            )
        except psycopg.Error as exc:
            logger.warning("LISTEN connection failed (%s); retrying", exc)
            if on_trouble is not None:
                on_trouble()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)
            continue
        try:
            async with conn:
                for channel in signals:
                    await conn.execute(f"LISTEN {channel}")
                await recheck(conn)
                listening.set()
                backoff = 0.1
                while True:
                    async for note in conn.notifies(timeout=recheck_seconds):
                        signal = signals.get(note.channel)
                        if signal is not None:
                            with contextlib.suppress(ValueError):
                                signal.advance(int(note.payload))
                    await recheck(conn)
        except psycopg.Error as exc:
            if closed():
                return
            logger.warning("LISTEN connection lost (%s); reconnecting", exc)
            if on_trouble is not None:
                on_trouble()
            await asyncio.sleep(backoff)
