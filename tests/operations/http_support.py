"""Test support for the HTTP side: a server with ``--http`` on port 0,
plain HTTP requests, and a reader of Server-Sent Events."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.support import ServerThread, start_in_process


@contextmanager
def http_server(db, **settings) -> Iterator[ServerThread]:
    settings.setdefault("auto_consolidate", False)
    running = start_in_process(db, http="127.0.0.1:0", **settings)
    try:
        yield running
    finally:
        running.stop()


def http_port(running: ServerThread) -> int:
    return running.running.http.port


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


def request(
    running: ServerThread,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", http_port(running), timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


@dataclass
class SseEvent:
    event: str
    data: Any
    id: str | None = None


@dataclass
class SseStream:
    """One open SSE response; ``next()`` parses the next event (comments skipped)."""

    connection: http.client.HTTPConnection
    response: http.client.HTTPResponse
    status: int
    pending: list[SseEvent] = field(default_factory=list)

    def next(self, timeout: float = 10.0) -> SseEvent:
        deadline = time.monotonic() + timeout
        fields: dict[str, str] = {}
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no SSE event in time")
            self.connection.sock.settimeout(remaining)
            try:
                raw = self.response.fp.readline()
            except TimeoutError:
                raise TimeoutError("no SSE event in time") from None
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode().rstrip("\n")
            if not line:
                if "data" in fields:
                    return SseEvent(
                        fields.get("event", "message"), json.loads(fields["data"]), fields.get("id")
                    )
                fields = {}
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")

    def until(self, event: str, timeout: float = 10.0) -> list[SseEvent]:
        """Events up to and including the first of kind ``event``."""
        seen = []
        while True:
            item = self.next(timeout)
            seen.append(item)
            if item.event == event:
                return seen

    def take(self, count: int, event: str = "event", timeout: float = 10.0) -> list[SseEvent]:
        """The next ``count`` events of kind ``event`` (others skipped)."""
        found = []
        while len(found) < count:
            item = self.next(timeout)
            if item.event == event:
                found.append(item)
        return found

    def close(self) -> None:
        self.connection.close()


@contextmanager
def sse(running: ServerThread, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", http_port(running), timeout=10)
    connection.request("GET", path, headers={"Accept": "text/event-stream", **(headers or {})})
    response = connection.getresponse()
    stream = SseStream(connection, response, response.status)
    try:
        yield stream
    finally:
        stream.close()
