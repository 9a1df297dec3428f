"""A ListEvents(follow=true) stream read on its own thread, so a test can
record events while following and wait for what arrives, with timeouts
instead of sleeps."""

from __future__ import annotations

import queue
import threading
import time

import grpc

from spark_grpc.client import list_events_request
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc

_END = object()


class StreamEnded(AssertionError):
    """The stream ended (or failed) before what the test waited for."""


class Follower:
    """``with Follower(address, event_type="x") as follow: follow.history()``"""

    def __init__(self, address: str, **filters) -> None:
        filters.setdefault("follow", True)
        self.request = list_events_request(**filters)
        self._channel = grpc.insecure_channel(address)
        stub = spark_pb2_grpc.SparkServiceStub(self._channel)
        self.call = stub.ListEvents(self.request)
        self._messages: queue.Queue = queue.Queue()
        self._pending: list[spark_pb2.Event] = []
        self.caught_up_messages = 0
        self.message_count = 0
        self.code: grpc.StatusCode | None = None
        self.details = ""
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for message in self.call:
                self._messages.put(message)
            self.code = grpc.StatusCode.OK
        except grpc.RpcError as error:
            self.code = error.code()
            self.details = error.details() or ""
        finally:
            self._messages.put(_END)

    def _next_message(self, deadline: float) -> spark_pb2.ListEventsResponse:
        remaining = deadline - time.monotonic()
        try:
            item = self._messages.get(timeout=max(remaining, 0.001))
        except queue.Empty:
            raise AssertionError("timed out waiting for the follow stream") from None
        if item is _END:
            self._messages.put(_END)  # later reads see the end too
            raise StreamEnded(f"the stream ended: {self.code} {self.details}")
        self.message_count += 1
        if item.caught_up:
            self.caught_up_messages += 1
        return item

    def history(self, timeout: float = 10.0) -> list[spark_pb2.Event]:
        """Every event up to and including the caught_up=true message."""
        deadline = time.monotonic() + timeout
        events, self._pending = self._pending, []
        while True:
            message = self._next_message(deadline)
            events.extend(message.events)
            if message.caught_up:
                return events

    def take(self, count: int, timeout: float = 10.0) -> list[spark_pb2.Event]:
        """The next ``count`` events."""
        deadline = time.monotonic() + timeout
        while len(self._pending) < count:
            self._pending.extend(self._next_message(deadline).events)
        events, self._pending = self._pending[:count], self._pending[count:]
        return events

    def finish(self, timeout: float = 10.0) -> tuple[list[spark_pb2.Event], grpc.StatusCode]:
        """Wait for the stream to end; returns the events not yet taken and
        the final status code."""
        deadline = time.monotonic() + timeout
        events, self._pending = self._pending, []
        while True:
            try:
                events.extend(self._next_message(deadline).events)
            except StreamEnded:
                assert self.code is not None
                return events, self.code

    def close(self) -> None:
        self.call.cancel()
        self._thread.join(10)
        self._channel.close()

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
