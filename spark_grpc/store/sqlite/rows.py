"""Rows of the SQLite store as domain records.

Every row that the seed module, or a looser schema, could store is read, never
refused: a value of the wrong kind is repaired on the way out and the row is
logged once (with its rowid), the file itself untouched:

* ``importance`` / ``confidence`` that is NULL or not a number (the seed's
  ``record_event(..., importance="high")`` stores the text) reads as 0.5, the
  seed's column default; filters compare the same value (``SCORE_SQL``);
* ``source_events`` that is not a whole number reads as 0;
* text stored as bytes (``agent_id`` as a BLOB) or holding bytes that are not
  UTF-8 is decoded with U+FFFD replacement characters (``LenientText``);
* a timestamp that does not parse reads as the epoch (``expires_at``: no
  expiry); a number is read as Unix seconds.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, datetime
from typing import Any

from spark_grpc.core.models import EventRecord, MemoryRecord
from spark_grpc.core.timestamps import parse_timestamp

logger = logging.getLogger(__name__)

# What a score that is not a number reads as: the seed's column default.
DEFAULT_SCORE = 0.5

EVENT_COLUMNS = (
    "e.id, e.event_type, e.agent_id, e.task_id, e.description, e.data, "
    "e.importance, e.created_at, s.seq, e.rowid, e.spark_created_key"
)
MEMORY_COLUMNS = (
    "m.id, m.memory_type, m.subject, m.content, m.confidence, m.source_events, "
    "m.created_at, m.expires_at, x.updated_at, x.rule, x.source_event_ids, m.rowid"
)
MEMORY_FROM = "spark_memories AS m LEFT JOIN spark_memory_meta AS x ON x.memory_id = m.id"


def score_sql(column: str) -> str:
    """A score column as filters must compare it: as read (``number``)."""
    return (
        f"(CASE WHEN typeof({column}) IN ('integer', 'real') THEN {column}"
        f" ELSE {DEFAULT_SCORE} END)"
    )


# Rows already reported as repaired: each is logged once (up to this many).
_REPORTED: set[tuple[str, int]] = set()
MAX_REPORTED = 10_000


def _repaired(table: str, rowid: Any, what: str) -> None:
    key = (table, rowid if isinstance(rowid, int) else -1)
    if key in _REPORTED or len(_REPORTED) >= MAX_REPORTED:
        return
    _REPORTED.add(key)
    logger.warning("%s row %s read with repairs: %s (the file is unchanged)", table, rowid, what)


class LenientText(str):
    """Text that was not valid UTF-8, decoded with replacement characters."""

    __slots__ = ()


def lenient_text_factory(raw: bytes) -> str:
    """sqlite3 text_factory: strict UTF-8, else replacement characters."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return LenientText(raw.decode("utf-8", "replace"))


def text_length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes) else 0


class _Repairs:
    """What was repaired in one row (for the one log line)."""

    __slots__ = ("notes",)

    def __init__(self) -> None:
        self.notes: list[str] = []

    def text(self, name: str, value: Any, default: str | None) -> Any:
        if value is None:
            if default is not None:
                self.notes.append(f"{name} NULL")
            return default
        if type(value) is str:
            return value
        if isinstance(value, LenientText):
            self.notes.append(f"{name} not UTF-8")
            return str(value)
        if isinstance(value, bytes):
            self.notes.append(f"{name} stored as bytes")
            return value.decode("utf-8", "replace")
        self.notes.append(f"{name} stored as {type(value).__name__}")
        return str(value)

    def number(self, name: str, value: Any) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number):
                return number
        self.notes.append(f"{name} {value!r} read as {DEFAULT_SCORE}")
        return DEFAULT_SCORE

    def count(self, name: str, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        self.notes.append(f"{name} {value!r} read as 0")
        return 0

    def moment(self, name: str, value: Any) -> datetime:
        found = _moment(value)
        if found is None:
            self.notes.append(f"{name} {value!r} read as the epoch")
            return datetime.fromtimestamp(0, UTC)
        return found

    def optional_moment(self, name: str, value: Any) -> datetime | None:
        if value is None or value == "":
            return None
        found = _moment(value)
        if found is None:
            self.notes.append(f"{name} {value!r} read as no expiry")
        return found


def _moment(value: Any) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    try:
        return parse_timestamp(value.strip())
    except ValueError:
        return None


def event_from_row(row: tuple) -> EventRecord:
    # The usual row needs no repair: one check for all its columns.
    if (
        type(row[0]) is str
        and type(row[1]) is str
        and type(row[4]) is str
        and type(row[5]) is str
        and type(row[6]) is float
        and (row[2] is None or type(row[2]) is str)
        and (row[3] is None or type(row[3]) is str)
    ):
        try:
            created = parse_timestamp(row[7])
        except (TypeError, ValueError):
            pass
        else:
            return EventRecord(
                id=row[0],
                event_type=row[1],
                agent_id=row[2],
                task_id=row[3],
                description=row[4],
                data=row[5],
                importance=row[6],
                created_at=created,
                sequence=row[8],
            )
    fix = _Repairs()
    event = EventRecord(
        id=fix.text("id", row[0], f"legacy-event-{row[9]}"),
        event_type=fix.text("event_type", row[1], ""),
        agent_id=fix.text("agent_id", row[2], None),
        task_id=fix.text("task_id", row[3], None),
        description=fix.text("description", row[4], ""),
        data=fix.text("data", row[5], "{}"),
        importance=fix.number("importance", row[6]),
        created_at=fix.moment("created_at", row[7]),
        sequence=row[8],
    )
    if fix.notes:
        _repaired("spark_events", row[9], ", ".join(fix.notes))
    return event


def memory_from_row(row: tuple) -> MemoryRecord:
    fix = _Repairs()
    created = fix.moment("created_at", row[6])
    try:
        source_ids = tuple(json.loads(row[10])) if row[10] else ()
    except (TypeError, ValueError):
        source_ids = ()
    memory = MemoryRecord(
        id=fix.text("id", row[0], f"legacy-memory-{row[11]}"),
        memory_type=fix.text("memory_type", row[1], ""),
        subject=fix.text("subject", row[2], "system"),
        content=fix.text("content", row[3], ""),
        confidence=fix.number("confidence", row[4]),
        source_events=fix.count("source_events", row[5]),
        created_at=created,
        expires_at=fix.optional_moment("expires_at", row[7]),
        updated_at=_moment(row[8]) or created if row[8] else created,
        rule=fix.text("rule", row[9], None) or "",
        source_event_ids=source_ids,
    )
    if fix.notes:
        _repaired("spark_memories", row[11], ", ".join(fix.notes))
    return memory
