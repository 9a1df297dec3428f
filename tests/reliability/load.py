"""Write load for the crash, shutdown and concurrency tests.

A ``Writer`` thread records events with client-chosen ids (single events and
3-event batches, in turn) and retries the same request, with the same ids,
until the server acknowledges it, following the server to its new address
after a restart. What was acknowledged is what must survive.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import grpc

from spark_grpc.client import SparkClient, SparkError, list_events_request
from spark_grpc.gen.spark.v1 import spark_pb2_grpc

# Codes a writer may meet while the server is killed or restarting (it
# retries), and while it shuts down (the writer stops: a call that reaches
# the server just as grpc stops accepting may be answered CANCELLED by
# grpc-core).
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED}
SHUTDOWN = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED}
BATCH = 3


class Target:
    """Where the server is now; None while it is down."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.address: str | None = None
        self.generation = 0

    def up(self, address: str) -> None:
        with self._changed:
            self.address = address
            self.generation += 1
            self._changed.notify_all()

    def down(self) -> None:
        with self._changed:
            self.address = None
            self._changed.notify_all()

    def wait_newer(self, generation: int, timeout: float) -> tuple[str | None, int]:
        """The address of a server newer than ``generation`` (or the same one
        if still up), waiting while it is down."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.address is not None and self.generation >= generation,
                timeout=timeout,
            )
            return self.address, self.generation


def event_fields(event_id: str) -> dict:
    """What the writer sends for an id: checked byte for byte afterwards."""
    return {
        "event_type": "load",
        "description": f"event {event_id}",
        "agent_id": event_id.split("-")[0],
        "data": json.dumps({"id": event_id, "text": "ünïcode ✓"}, ensure_ascii=False),
        "importance": 0.5,
        "id": event_id,
    }


class Writer(threading.Thread):
    """``on_error``: "retry" (the same request until acknowledged),
    "stop" (end quietly on a shutdown status) or "strict" (any error is
    unexpected)."""

    def __init__(
        self,
        name: str,
        target: Target,
        stop: threading.Event,
        *,
        timeout: float = 2.0,
        limit: int | None = None,
        on_error: str = "retry",
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.target = target
        self.stop = stop
        self.timeout = timeout
        self.limit = limit
        self.on_error = on_error
        self.acknowledged: list[str] = []
        self.batches: list[list[str]] = []  # every batch attempted
        self.unexpected: list[str] = []
        self.retries = 0

    def _request(self, number: int) -> list[str]:
        if number % 2:
            ids = [f"{self.name}-{number}-{k}" for k in range(BATCH)]
            self.batches.append(ids)
            return ids
        return [f"{self.name}-{number}"]

    def _send(self, spark: SparkClient, ids: list[str]) -> None:
        if len(ids) == 1:
            spark.record_event(**event_fields(ids[0]))
        else:
            spark.record_events([event_fields(i) for i in ids])

    def run(self) -> None:
        generation = 0
        client: SparkClient | None = None
        number = 0
        try:
            while not self.stop.is_set() and (self.limit is None or number < self.limit):
                ids = self._request(number)
                while True:  # until acknowledged
                    if client is None:
                        address, generation = self.target.wait_newer(generation, timeout=30)
                        if address is None:
                            self.unexpected.append("the server did not come back")
                            return
                        client = SparkClient(address, timeout=self.timeout)
                    try:
                        self._send(client, ids)
                        break
                    except SparkError as error:
                        if self.on_error == "stop" and error.code in SHUTDOWN:
                            return
                        if self.on_error != "retry" or error.code not in RETRYABLE:
                            self.unexpected.append(f"{error.code.name}: {error.details}")
                            return
                        self.retries += 1
                        client.close()
                        client = None
                        time.sleep(0.02)  # then the same request to the server up now
                self.acknowledged.extend(ids)
                number += 1
        finally:
            if client is not None:
                client.close()


def read_all_events(address: str) -> list:
    """Every event, oldest first (by sequence)."""
    with grpc.insecure_channel(
        address, options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)]
    ) as channel:
        stub = spark_pb2_grpc.SparkServiceStub(channel)
        request = list_events_request(order="ORDER_OLDEST_FIRST", limit=2**31 - 1)
        messages = stub.ListEvents(request, timeout=60)
        return [event for message in messages for event in message.events]


def check_acknowledged(events: list, writers: list[Writer]) -> None:
    """Every acknowledged event present exactly once, as sent; batches whole
    or absent; sequences unique and increasing."""
    counts = Counter(event.id for event in events)
    by_id = {event.id: event for event in events}
    acknowledged = [i for writer in writers for i in writer.acknowledged]
    missing = [i for i in acknowledged if counts[i] == 0]
    assert not missing, f"{len(missing)} acknowledged events lost, e.g. {missing[:5]}"
    repeated = [i for i, n in counts.items() if n > 1]
    assert not repeated, f"events stored more than once: {repeated[:5]}"
    for event_id in acknowledged:
        event = by_id[event_id]
        sent = event_fields(event_id)
        assert (event.event_type, event.description, event.agent_id, event.data) == (
            sent["event_type"],
            sent["description"],
            sent["agent_id"],
            sent["data"],
        ), event_id
    for writer in writers:
        for batch in writer.batches:
            present = [i in counts for i in batch]
            assert all(present) or not any(present), f"batch half-written: {batch} {present}"
    sequences = [event.sequence for event in events]
    assert sequences == sorted(set(sequences)), "sequences repeat or go backwards"


def integrity(db: Path) -> None:
    """PRAGMA integrity_check is ok, and every event has its sequence."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        events, sequenced = conn.execute(
            "SELECT (SELECT COUNT(*) FROM spark_events),"
            " (SELECT COUNT(*) FROM spark_event_sequence AS s"
            "  JOIN spark_events AS e ON e.id = s.event_id)"
        ).fetchone()
        assert events == sequenced
    conn.close()
