"""Whether the database can be reached, and what to do while it cannot.

A call that fails to reach the database (a connection error, or no pooled
connection within the wait) makes the store ``suspect`` it: a probe connects
on its own. If that fails too, the database is *unavailable*: every call
fails at once with UNAVAILABLE (instead of waiting for a connection that
will not come), listeners (the health service) hear of it, and the probe
keeps trying every half-second until the database answers; then calls go
through again and listeners hear that too.

``permanent_reason`` tells a connection error that no retry can cure (no
such database, authentication refused) from one that may pass (refused,
timed out, the server starting or shutting down).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg

from spark_grpc.core.errors import Unavailable
from spark_grpc.store.location import redact_url

logger = logging.getLogger(__name__)

PROBE_SECONDS = 0.5
PROBE_TIMEOUT = 2

# libpq's messages for errors that retrying cannot cure.
_PERMANENT = (
    ("does not exist", "no such database or role"),
    ("password authentication failed", "authentication refused"),
    ("authentication failed", "authentication refused"),
    ("no pg_hba.conf entry", "the server's pg_hba.conf refuses this client"),
    ("no password supplied", "the server asks for a password and none was given"),
    ("permission denied for database", "the role may not connect to this database"),
    ("invalid connection option", "the URL holds an option libpq does not know"),
    ("invalid dsn", "the URL is not a valid connection string"),
    ("invalid uri", "the URL is not a valid connection string"),
)


def permanent_reason(exc: BaseException) -> str | None:
    """Why a failed connection will keep failing, or None if it may pass."""
    text = str(exc).lower()
    if "starting up" in text or "shutting down" in text or "in recovery" in text:
        return None
    for marker, reason in _PERMANENT:
        if marker in text:
            return reason
    return None


class Availability:
    def __init__(self, url: str, closed: Callable[[], bool]) -> None:
        self.url = url
        self._closed = closed
        self.available = True
        # Called with True or False when availability changes.
        self.listeners: list[Callable[[bool], None]] = []
        self._probe: asyncio.Task | None = None

    def check(self) -> None:
        """Fail at once while the database is known to be unreachable."""
        if not self.available:
            raise Unavailable(f"the database {redact_url(self.url)} is unreachable; retry later")

    def suspect(self) -> None:
        """A call could not reach the database: probe it (once at a time)."""
        if self._probe is None or self._probe.done():
            self._probe = asyncio.get_running_loop().create_task(self._watch())

    async def _reachable(self) -> bool:
        try:
            conn = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=PROBE_TIMEOUT
            )
        except (psycopg.Error, OSError):
            return False
        try:
            await conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False
        finally:
            await conn.close()

    async def _watch(self) -> None:
        if await self._reachable():
            return
        self._set(False)
        logger.error(
            "the database %s is unreachable: calls fail at once with UNAVAILABLE until it is back",
            redact_url(self.url),
        )
        while not self._closed():
            await asyncio.sleep(PROBE_SECONDS)
            if await self._reachable():
                logger.info("the database %s is reachable again", redact_url(self.url))
                self._set(True)
                return

    def _set(self, available: bool) -> None:
        if self.available == available:
            return
        self.available = available
        for listener in self.listeners:
            try:
                listener(available)
            except Exception:
                logger.exception("an availability listener failed")

    def stop(self) -> None:
        if self._probe is not None:
            self._probe.cancel()
