"""Idempotent retries: request fingerprints, and how a batch of new events
meets the stored log (``plan_append``).

A client-chosen id makes a request retryable: the same id with the same
content is a duplicate (answered with the stored record), the same id with
other content is ``ALREADY_EXISTS``. Content is compared by a digest of the
request; rows stored without one (by the seed module) are compared by a
digest computed from the row.
"""

from __future__ import annotations

import decimal
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from spark_grpc.core.errors import AlreadyExists
from spark_grpc.core.models import EventRecord, MemoryRecord, NewEvent, NewMemory
from spark_grpc.core.timestamps import format_timestamp


def fingerprint(*parts: object) -> str:
    """A stable digest of a request's content, for idempotent retries."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def event_fingerprint(
    event_type: str,
    agent_id: str | None,
    task_id: str | None,
    description: str,
    data: str,
    importance: float | None,
) -> str:
    """The content digest of an event request (data compared as parsed JSON;
    an omitted importance differs from an explicit one)."""
    return fingerprint(
        "event", event_type, agent_id, task_id, description, canonical_json(data), importance
    )


def canonical_json(text: str) -> Any:
    """JSON text as a value that compares equal for equal JSON: key order
    and white space drop out, and numbers compare by value (``90``,
    ``90.0`` and ``9e1`` are one number). Strings are tagged ``s:`` and
    numbers ``n:`` so that ``"90"`` and ``90`` stay different; text that is
    not JSON is tagged ``raw:``."""

    def canonical(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: canonical(item) for key, item in value.items()}
        if isinstance(value, list):
            return [canonical(item) for item in value]
        if isinstance(value, str):
            return "s:" + value
        if isinstance(value, decimal.Decimal):
            # Exact: trailing zeros move into the exponent, nothing rounds.
            sign, digits, exponent = value.as_tuple()
            text = "".join(map(str, digits)).rstrip("0") or "0"
            exponent = int(exponent) + len(digits) - len(text)
            return f"n:{'-' if sign and text != '0' else ''}{text}e{exponent if text != '0' else 0}"
        return value  # True, False, None

    try:
        parsed = json.loads(text or "{}", parse_float=decimal.Decimal, parse_int=decimal.Decimal)
    except (ValueError, RecursionError):
        # Text that is not JSON (a row the seed module wrote) stays apart
        # from every JSON value, the string of the same text included.
        return "raw:" + text
    return canonical(parsed)


def memory_fingerprint(
    memory_type: str,
    subject: str,
    content: str,
    confidence: float | None,
    source_events: int,
    expires_at: datetime | None,
) -> str:
    """The content digest of a memory request."""
    expiry = format_timestamp(expires_at) if expires_at is not None else None
    return fingerprint("memory", memory_type, subject, content, confidence, source_events, expiry)


def id_conflict(kind: str, record_id: str, index: int | None = None) -> AlreadyExists:
    """The error for a client-chosen id reused with other content; ``index``
    is the item of a batch at fault."""
    return AlreadyExists(
        f"id {record_id!r} is already used by another {kind} with different content",
        index=index,
    )


@dataclass(slots=True)
class AppendPlan:
    """How a batch of new events meets the stored log: which are new, and
    which repeat a stored event or an earlier item of the batch."""

    # (index in the batch, the event's id, the event), in batch order.
    fresh: list[tuple[int, str, NewEvent]] = field(default_factory=list)
    # index -> the stored event it repeats.
    stored: dict[int, EventRecord] = field(default_factory=dict)
    # index -> the index of the earlier item with the same id.
    repeats: dict[int, int] = field(default_factory=dict)

    def results(self, written: dict[int, EventRecord]) -> list[tuple[EventRecord, bool]]:
        """Each item's event and whether it was a duplicate, given the
        records written for the fresh ones (by index)."""
        size = len(self.fresh) + len(self.stored) + len(self.repeats)
        out: list[tuple[EventRecord, bool]] = []
        for index in range(size):
            if index in written:
                out.append((written[index], False))
            elif index in self.stored:
                out.append((self.stored[index], True))
            else:
                out.append((written[self.repeats[index]], True))
        return out


def plan_append(
    events: list[NewEvent],
    lookup: Callable[[str], tuple[EventRecord, str | None] | None],
    new_id: Callable[[], str],
) -> AppendPlan:
    """Sort a batch into new events and idempotent repeats.

    ``lookup(id)`` gives the stored event with that id and the fingerprint
    stored for it (None for rows written without one, e.g. by the seed
    module), or None. A reused id whose content differs raises AlreadyExists
    naming the item."""
    plan = AppendPlan()
    batch_ids: dict[str, int] = {}
    for index, event in enumerate(events):
        if event.id is None:
            plan.fresh.append((index, new_id(), event))
            continue
        earlier = batch_ids.get(event.id)
        if earlier is not None:
            if events[earlier].fingerprint != event.fingerprint:
                raise id_conflict("event", event.id, index)
            plan.repeats[index] = earlier
            continue
        found = lookup(event.id)
        if found is None:
            batch_ids[event.id] = index
            plan.fresh.append((index, event.id, event))
            continue
        existing, stored = found
        if stored is None:
            stored = event_fingerprint(
                existing.event_type,
                existing.agent_id,
                existing.task_id,
                existing.description,
                existing.data,
                existing.importance,
            )
        if stored != event.fingerprint:
            raise id_conflict("event", event.id, index)
        plan.stored[index] = existing
    return plan


def check_memory_retry(existing: MemoryRecord, stored: str | None, memory: NewMemory) -> None:
    """A StoreMemory with a known id is a retry only with the same content
    (``stored`` is the fingerprint kept for the id, if any)."""
    if stored is None:
        stored = memory_fingerprint(
            existing.memory_type,
            existing.subject,
            existing.content,
            existing.confidence,
            existing.source_events,
            existing.expires_at,
        )
    if stored != memory.fingerprint:
        raise id_conflict("memory", existing.id)
