"""The client commands: one per RPC (and ``health``)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import grpc

from spark_grpc.cli.arguments import PROG, UsageError
from spark_grpc.cli.connection import client
from spark_grpc.cli.output import change_line, consumer_line, emit, event_line, memory_line
from spark_grpc.client import MemoryChange, SparkClient, SparkRpcError, Stream, from_timestamp
from spark_grpc.gen.spark.v1 import spark_pb2

T = TypeVar("T")
# The longest wait between two reconnection attempts of a follow or watch.
MAX_RECONNECT_DELAY = 2.0


def cmd_record(args: argparse.Namespace) -> int:
    with client(args) as spark:
        response = spark.record_event(
            args.event_type,
            args.description,
            agent_id=args.agent,
            task_id=args.task,
            data=args.data,
            importance=args.importance,
            id=args.id,
        )
    suffix = " (duplicate)" if response.duplicate else ""
    emit(args.json, response, event_line(response.event) + suffix)
    return 0


def cmd_record_batch(args: argparse.Namespace) -> int:
    """RecordEvents: one JSON object per line (RecordEvent's fields), all or nothing."""
    items: list[spark_pb2.RecordEventRequest] = []
    with contextlib.ExitStack() as stack:
        source = sys.stdin if args.file == "-" else stack.enter_context(_open(args.file))
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                fields = json.loads(line)
                if not isinstance(fields, dict):
                    raise ValueError("not a JSON object")
                if isinstance(fields.get("data"), dict):
                    fields["data"] = json.dumps(fields["data"], separators=(",", ":"))
                items.append(spark_pb2.RecordEventRequest(**fields))
            except (ValueError, TypeError) as exc:
                raise UsageError(
                    f"{args.file}:{number}: {exc}",
                    'give one JSON object per line, e.g. {"event_type": "task_posted"}',
                ) from None
    with client(args) as spark:
        events = spark.record_events(items)
    for event in events:
        emit(args.json, event, event_line(event))
    return 0


def _open(path: str) -> Any:
    try:
        return open(path, encoding="utf-8")  # noqa: SIM115 (closed by the ExitStack)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}", "name a readable file") from None


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "event_type": args.type,
        "agent_id": args.agent,
        "task_id": args.task,
        "min_importance": args.min_importance,
        "since": args.since,
        "until": args.until,
    }


def cmd_events(args: argparse.Namespace) -> int:
    if args.follow:

        def follow(spark: SparkClient, after: int, limit: int, opened: Callable[[], None]):
            return spark.follow_events(
                **_filters(args),
                after_sequence=after,
                limit=limit,
                on_caught_up=opened,
                consumer=args.consumer or "",
                auto_ack=args.auto_ack,
            )

        events = resuming(args, follow, lambda e: e.sequence, args.after, args.limit)
        with contextlib.suppress(KeyboardInterrupt):
            for event in events:
                emit(args.json, event, event_line(event))
        return 0
    order = "oldest" if args.oldest_first else "newest"
    with client(args) as spark:
        listed = spark.list_events(
            **_filters(args), after_sequence=args.after, limit=args.limit, order=order
        )
    for event in listed:
        emit(args.json, event, event_line(event))
    return 0


class _Resume:
    """Where a resuming stream is: the last sequence, whether it opened."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.received = 0
        self.opened = False  # the current stream
        self.ever_opened = False
        self.delay = 0.1

    def mark_opened(self) -> None:
        """The server answered: the history is in, or an item came."""
        if self.ever_opened and not self.opened:
            print(f"{PROG}: resumed after {self.after}", file=sys.stderr, flush=True)
        self.opened = self.ever_opened = True
        self.delay = 0.1


def resuming(
    args: argparse.Namespace,
    open_stream: Callable[[SparkClient, int, int, Callable[[], None]], Stream[T]],
    sequence: Callable[[T], int],
    after: int,
    limit: int,
) -> Iterator[T]:
    """A follow or watch stream that outlives a server restart: after
    UNAVAILABLE on a stream that had opened, it says so on stderr, reconnects
    and resumes after the last sequence received, with no gap or repeat.
    ``open_stream(client, after, limit, opened)`` calls ``opened`` once the
    server has answered. A server that never answered is an error."""
    state = _Resume(after)
    while True:
        state.opened = False
        spark = client(args)
        try:
            remaining = limit - state.received if limit else 0
            with open_stream(spark, state.after, remaining, state.mark_opened) as stream:
                for item in stream:
                    state.mark_opened()
                    state.after = max(state.after, sequence(item))
                    state.received += 1
                    yield item
            return
        except SparkRpcError as error:
            if error.code != grpc.StatusCode.UNAVAILABLE or not state.ever_opened:
                raise
            if state.opened:
                print(
                    f"{PROG}: {error.details}; reconnecting to resume after {state.after}"
                    f" (as --after {state.after})",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            spark.close()
        time.sleep(state.delay)
        state.delay = min(state.delay * 2, MAX_RECONNECT_DELAY)


def cmd_remember(args: argparse.Namespace) -> int:
    with client(args) as spark:
        response = spark.store_memory(
            args.memory_type,
            args.content,
            args.subject,
            confidence=args.confidence,
            source_events=args.source_events,
            expires_at=args.expires_at,
            id=args.id,
        )
    emit(args.json, response, memory_line(response.memory))
    return 0


def cmd_memories(args: argparse.Namespace) -> int:
    with client(args) as spark:
        memories = spark.list_memories(
            memory_type=args.type,
            subject=args.subject,
            min_confidence=args.min_confidence,
            limit=args.limit,
            include_expired=args.include_expired,
        )
    for memory in memories:
        emit(args.json, memory, memory_line(memory))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    unchanged = args.content is None and args.confidence is None and args.expires_at is None
    if unchanged and not args.no_expiry:
        raise UsageError(
            "nothing to update", "give --content, --confidence, --expires-at or --no-expiry"
        )
    with client(args) as spark:
        memory = spark.update_memory(
            args.id,
            content=args.content,
            confidence=args.confidence,
            expires_at=args.expires_at,
            clear_expires_at=args.no_expiry,
        )
    emit(args.json, memory, memory_line(memory))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with client(args) as spark:
        hits = spark.search_memories(
            args.query,
            subject=args.subject or "",
            memory_type=args.type or "",
            limit=args.limit,
            include_expired=args.include_expired,
        )
    for hit in hits:
        emit(args.json, hit, f"[{hit.score:.3f}] {memory_line(hit.memory)}")
    return 0


def cmd_search_events(args: argparse.Namespace) -> int:
    with client(args) as spark:
        hits = spark.search_events(
            args.query,
            event_type=args.type,
            agent_id=args.agent,
            task_id=args.task,
            limit=args.limit,
        )
    for hit in hits:
        emit(args.json, hit, f"[{hit.score:.3f}] {event_line(hit.event)}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with client(args) as spark:
        revisions = spark.list_memory_revisions(args.memory_id)
    for revision in revisions:
        when = from_timestamp(revision.changed_at).isoformat(timespec="seconds")
        kind = spark_pb2.MemoryChangeKind.Name(revision.kind).removeprefix("MEMORY_CHANGE_KIND_")
        who = f" by {revision.actor}" if revision.actor else ""
        emit(args.json, revision, f"{when} {kind.lower()}{who}: {memory_line(revision.memory)}")
    return 0


def cmd_ack(args: argparse.Namespace) -> int:
    with client(args) as spark:
        consumer = spark.ack_events(args.consumer, args.sequence)
    emit(args.json, consumer, consumer_line(consumer))
    return 0


def cmd_consumer(args: argparse.Namespace) -> int:
    with client(args) as spark:
        consumer = spark.get_consumer(args.name)
    emit(args.json, consumer, consumer_line(consumer))
    return 0


def cmd_consumers(args: argparse.Namespace) -> int:
    with client(args) as spark:
        consumers = spark.list_consumers()
    for consumer in consumers:
        emit(args.json, consumer, consumer_line(consumer))
    return 0


def cmd_delete_consumer(args: argparse.Namespace) -> int:
    with client(args) as spark:
        consumer = spark.delete_consumer(args.name)
    emit(args.json, consumer, f"deleted {consumer_line(consumer)}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with client(args) as spark:
        memory = spark.delete_memory(args.id)
    emit(args.json, memory, f"deleted {memory_line(memory)}")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    def watch(spark: SparkClient, after: int, _limit: int, opened: Callable[[], None]):
        stream = spark.watch_memories(
            memory_type=args.type,
            subject=args.subject,
            # Existing memories once; a resumed watch continues from its sequence.
            include_existing=args.existing and after == args.after,
            after_sequence=after,
        )
        return _marking(stream, opened)

    changes = resuming(args, watch, lambda change: change.sequence, args.after, 0)
    with contextlib.suppress(KeyboardInterrupt):
        for change in changes:
            if change.memory is not None:
                emit(args.json, change.message, change_line(change))
    return 0


class _marking(Stream[MemoryChange]):  # noqa: N801 (a thin wrapper, named like a function)
    """A watch stream that reports its caught-up message as ``opened``."""

    def __init__(self, stream: Stream[MemoryChange], opened: Callable[[], None]) -> None:
        self._stream = stream
        self._opened = opened

    def __next__(self) -> MemoryChange:
        change = next(self._stream)
        if change.caught_up:
            self._opened()
        return change

    def cancel(self) -> None:
        self._stream.cancel()


def cmd_count(args: argparse.Namespace) -> int:
    with client(args) as spark:
        count = spark.count(args.target, args.type, include_expired=args.include_expired)
    emit(args.json, {"count": count}, str(count))
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    with client(args) as spark:
        response = spark.consolidate(args.agent)
    if args.json:
        emit(True, response, "")
        return 0
    for label, memories in (
        ("created", response.created),
        ("updated", response.updated),
        ("expired", response.expired),
    ):
        for memory in memories:
            print(f"{label}: {memory_line(memory)}")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    with client(args) as spark:
        status = spark.health(args.service)
    emit(args.json, {"status": status}, status)
    return 0 if status == "SERVING" else 1
