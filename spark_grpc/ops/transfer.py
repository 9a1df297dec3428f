"""``export`` and ``import``: moving the log between servers (and stores)
as CloudEvents JSON lines, through the gRPC API.

Export streams the history oldest first (ListEvents with follow, stopped
at the caught-up marker), so a log of any size leaves at the reader's pace.
Import records events in batches (RecordEvents) with their ids and
importance, so it is idempotent by id: a line already stored answers
``duplicate`` and a run stopped half way can simply run again (``--skip N``
jumps over the first N lines). A progress line (count, rate, ETA) goes to
stderr when stderr is a terminal.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.client.sync import list_events_request
from spark_grpc.ops.cloudevents import (
    event_cloudevent,
    event_fields,
    is_memory,
    memory_cloudevent,
    memory_fields,
)

MEMORY_EXPORT_LIMIT = 10_000


def export_events(spark: SparkClient, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every matching event, oldest first, as a CloudEvent."""
    request = list_events_request(follow=True, order="ORDER_OLDEST_FIRST", **filters)
    with spark.list_events_stream(request) as stream:
        for message in stream:
            for event in message.events:
                yield event_cloudevent(event)
            if message.caught_up:
                return


def export_memories(spark: SparkClient, **filters: Any) -> Iterator[dict[str, Any]]:
    for memory in spark.list_memories(include_expired=True, limit=MEMORY_EXPORT_LIMIT, **filters):
        yield memory_cloudevent(memory)


def write_lines(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    out.flush()
    return count


class Progress:
    """``imported N of M lines (R/s, ETA T)`` on one terminal line, or nothing."""

    def __init__(self, total: int | None, stream: IO[str], *, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, done: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.shown < 0.2:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-9)
        text = f"imported {done:,}"
        if self.total:
            text += f" of {self.total:,} lines"
            if rate > 0 and done < self.total:
                eta = int((self.total - done) / rate)
                text += f" ({rate:,.0f}/s, ETA {eta // 60}:{eta % 60:02d})"
            else:
                text += f" ({rate:,.0f}/s)"
        else:
            text += f" lines ({rate:,.0f}/s)"
        self.stream.write("\r" + text.ljust(60) + ("\n" if final else ""))
        self.stream.flush()


def count_lines(path: str) -> int | None:
    if path == "-" or not os.path.isfile(path):
        return None
    with open(path, "rb") as file:
        return sum(1 for _ in file)


class ImportStopped(Exception):
    """An import stopped at a line (named, with the way to resume)."""


def import_lines(
    spark: SparkClient,
    lines: Iterable[str],
    *,
    batch: int = 500,
    skip: int = 0,
    progress: Callable[[int], None] = lambda done: None,
) -> dict[str, int]:
    """Record the CloudEvents of ``lines``; returns how many lines were
    read, and events and memories recorded (new, or found already stored)."""
    totals = {"lines": 0, "events": 0, "memories": 0}
    pending: list[tuple[int, dict[str, Any]]] = []

    def flush() -> None:
        if not pending:
            return
        try:
            stored = spark.record_events([fields for _, fields in pending])
        except SparkError as error:
            first = pending[0][0]
            raise ImportStopped(
                f"lines {first}-{pending[-1][0]}: {error.code.name}: {error.details};"
                f" nothing of these lines was stored: resume with --skip {first - 1}"
            ) from None
        totals["events"] += len(stored)
        pending.clear()

    number = 0
    for number, line in enumerate(lines, start=1):
        if number <= skip or not line.strip():
            continue
        try:
            cloud = json.loads(line)
            if not isinstance(cloud, dict):
                raise ValueError("not a JSON object")
            if is_memory(cloud):
                flush()  # keep the file's order
                spark.store_memory(**memory_fields(cloud))
                totals["memories"] += 1
            else:
                pending.append((number, event_fields(cloud)))
        except (ValueError, KeyError, TypeError) as exc:
            flush()  # the lines before this one are stored: --skip resumes right here
            raise ImportStopped(
                f"line {number}: {exc}; resume with --skip {number - 1} after fixing it"
            ) from None
        except SparkError as error:
            raise ImportStopped(
                f"line {number}: {error.code.name}: {error.details};"
                f" resume with --skip {number - 1}"
            ) from None
        if len(pending) >= batch:
            flush()
        totals["lines"] = number
        progress(number)
    flush()
    totals["lines"] = max(totals["lines"], number)
    progress(number)
    return totals


def open_input(path: str) -> IO[str]:
    return sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
