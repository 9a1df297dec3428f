"""Server-Sent Events: ``/api/events/stream`` and ``/api/memories/stream``.

Both are the follow engine (``core.follow``) written as SSE, woken by the
store's commits, never polling. Each event's ``id:`` is its position (the
event's sequence, the memory change's sequence), so a browser that
reconnects sends ``Last-Event-ID`` and resumes after it without a gap; a
stream that fell behind reads its backlog from the database at its own
pace (a queue of a few batches stands between the engine and the socket).

Where a stream starts, first found wins: the ``Last-Event-ID`` header, the
``after_sequence`` parameter, ``tail=N`` (the last N positions of the log),
or the head of the log (only what commits from now on). The memories stream
with ``existing=1`` first sends the live memories (``event: existing``),
then ``event: caught_up`` with the position they were read at.
A comment line every ``KEEPALIVE`` seconds keeps idle connections open.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from spark_grpc.api import requests
from spark_grpc.core.errors import InvalidArgument, SparkError
from spark_grpc.core.follow import EventSource, MemoryChangeSource, follow
from spark_grpc.http.api import bad_request, events_request, memory_query
from spark_grpc.http.encode import change_json, dumps, event_json, memory_json

KEEPALIVE = 15.0
# Batches waiting between the follow engine and a slow socket.
QUEUE_BATCHES = 4
# Milliseconds a browser waits before reconnecting.
RETRY_MS = 1000
_END = object()


def frame(event: str, data: Any, event_id: int | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {dumps(data)}\n\n".encode()


def start_position(request: web.Request, head: int) -> int:
    """Where a stream starts (see the module's docstring)."""
    for source, raw in (
        ("Last-Event-ID", request.headers.get("Last-Event-ID")),
        ("after_sequence", request.query.get("after_sequence")),
    ):
        if raw:
            try:
                value = int(raw)
            except ValueError:
                raise InvalidArgument(source, f"must be an integer, got {raw!r}") from None
            if value < 0:
                raise InvalidArgument(source, f"must not be negative, got {value}")
            return value
    tail = request.query.get("tail")
    if tail:
        try:
            return max(0, head - int(tail))
        except ValueError:
            raise InvalidArgument("tail", f"must be an integer, got {tail!r}") from None
    return head


class EventStreams:
    """The two SSE endpoints; ``open`` counts the streams being served."""

    def __init__(self, store, settings, stopping: Callable[[], bool]) -> None:
        self.store = store
        self.settings = settings
        self.stopping = stopping
        self.open = 0

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/events/stream", self.events),
            web.get("/api/memories/stream", self.memories),
        ]

    async def _response(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        return response

    async def _serve(
        self, response: web.StreamResponse, frames: AsyncIterator[list[bytes]]
    ) -> None:
        """Write the frames as they come, with keepalives between, until the
        feed ends (shutdown) or the client goes away."""
        queue: asyncio.Queue = asyncio.Queue(QUEUE_BATCHES)

        async def pump() -> None:
            try:
                async for batch in frames:
                    await queue.put(batch)
            except SparkError as error:  # shutting down: the browser reconnects
                await queue.put([frame("error", {"error": error.message})])
            finally:
                await queue.put(_END)

        task = asyncio.get_running_loop().create_task(pump())
        try:
            while True:
                try:
                    batch = await asyncio.wait_for(queue.get(), KEEPALIVE)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                    continue
                if batch is _END:
                    return
                await response.write(b"".join(batch))
        except ConnectionError:  # the client went away while we wrote
            pass
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _stream(
        self, request: web.Request, frames: AsyncIterator[list[bytes]]
    ) -> web.StreamResponse:
        refused = self._full()
        if refused is not None:
            return refused
        self.open += 1
        try:
            response = await self._response(request)
            await self._serve(response, frames)
            return response
        finally:
            self.open -= 1

    def _full(self) -> web.Response | None:
        if self.open >= self.settings.max_followers:
            return web.json_response(
                {"error": f"spark: too many streams (at most {self.settings.max_followers})"},
                status=503,
            )
        if self.stopping():
            return web.json_response({"error": "spark: the server is shutting down"}, status=503)
        return None

    async def events(self, request: web.Request) -> web.StreamResponse:
        try:
            wanted = events_request(request.query)
            wanted.follow = True
            wanted.ClearField("after_sequence")
            wanted.ClearField("limit")
            query, _ = requests.event_query(wanted)
            cursor = start_position(request, self.store.committed_sequence)
        except InvalidArgument as error:
            return bad_request(error)

        async def frames() -> AsyncIterator[list[bytes]]:
            batches = follow(
                EventSource(self.store, query, self.settings.max_page_bytes),
                cursor,
                page_size=self.settings.page_size,
                stopping=self.stopping,
            )
            async for events, caught_up in batches:
                out = [frame("event", event_json(e), e.sequence) for e in events]
                if caught_up:
                    reached = cursor_after(events)
                    out.append(frame("caught_up", {"sequence": reached}, reached))
                if out:
                    yield out

        def cursor_after(events: list) -> int:
            return events[-1].sequence if events else cursor

        return await self._stream(request, frames())

    async def memories(self, request: web.Request) -> web.StreamResponse:
        try:
            query = memory_query(request.query)
            resuming = bool(request.headers.get("Last-Event-ID"))
            # The position is taken before the existing memories are read, so
            # that no change between the read and the stream is missed.
            cursor = start_position(request, self.store.memory_commits.sequence)
        except InvalidArgument as error:
            return bad_request(error)
        existing = request.query.get("existing", "") in ("1", "true") and not resuming

        async def frames() -> AsyncIterator[list[bytes]]:
            if existing:
                found = await self.store.list_memories(
                    query, self.settings.max_memory_limit, datetime.now(UTC)
                )
                yield [frame("existing", memory_json(m)) for m in found]
            # The position, so that a reconnect before any change resumes here.
            yield [frame("caught_up", {"sequence": cursor}, cursor)]
            changes = follow(
                MemoryChangeSource(self.store, query, self.settings.max_page_bytes),
                cursor,
                page_size=self.settings.page_size,
                stopping=self.stopping,
            )
            async for batch, _ in changes:
                if batch:
                    yield [frame("change", change_json(c), c.sequence) for c in batch]

        return await self._stream(request, frames())
