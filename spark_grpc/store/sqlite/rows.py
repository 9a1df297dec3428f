"""Rows of the SQLite store as domain records.

The seed module's rows are read as they are: a NULL or missing value gets the
seed's default, and an unreadable timestamp is read as the epoch (logged)
rather than failing the whole read.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from spark_grpc.core.models import EventRecord, MemoryRecord
from spark_grpc.core.timestamps import parse_timestamp

logger = logging.getLogger(__name__)

EVENT_COLUMNS = (
    "e.id, e.event_type, e.agent_id, e.task_id, e.description, e.data, "
    "e.importance, e.created_at, s.seq"
)
MEMORY_COLUMNS = (
    "m.id, m.memory_type, m.subject, m.content, m.confidence, m.source_events, "
    "m.created_at, m.expires_at, x.updated_at, x.rule, x.source_event_ids"
)
MEMORY_FROM = "spark_memories AS m LEFT JOIN spark_memory_meta AS x ON x.memory_id = m.id"


def event_from_row(row: tuple) -> EventRecord:
    return EventRecord(
        id=row[0],
        event_type=row[1],
        agent_id=row[2],
        task_id=row[3],
        description=row[4] if row[4] is not None else "",
        data=row[5] if row[5] is not None else "{}",
        importance=float(row[6]) if row[6] is not None else 0.0,
        created_at=_parse_or_epoch(row[7]),
        sequence=row[8],
    )


def _parse_or_epoch(text: Any) -> datetime:
    try:
        return parse_timestamp(text)
    except (TypeError, ValueError):
        logger.warning("unreadable timestamp %r read as the epoch", text)
        return datetime.fromtimestamp(0, UTC)


def _parse_optional(text: Any) -> datetime | None:
    if text is None or text == "":
        return None
    try:
        return parse_timestamp(text)
    except (TypeError, ValueError):
        logger.warning("unreadable expires_at %r read as no expiry", text)
        return None


def memory_from_row(row: tuple) -> MemoryRecord:
    created = _parse_or_epoch(row[6])
    try:
        source_ids = tuple(json.loads(row[10])) if row[10] else ()
    except (TypeError, ValueError):
        source_ids = ()
    return MemoryRecord(
        id=row[0],
        memory_type=row[1],
        subject=row[2] if row[2] is not None else "system",
        content=row[3],
        confidence=float(row[4]) if row[4] is not None else 0.0,
        source_events=int(row[5]) if row[5] is not None else 0,
        created_at=created,
        expires_at=_parse_optional(row[7]),
        updated_at=_parse_or_epoch(row[8]) if row[8] else created,
        rule=row[9] or "",
        source_event_ids=source_ids,
    )
