"""Rows of the PostgreSQL store as domain records, the values it cannot keep,
and what its errors mean to a caller."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import PoolTimeout

from spark_grpc.core.errors import (
    AlreadyExists,
    InvalidArgument,
    ResourceExhausted,
    SparkError,
    Unavailable,
)
from spark_grpc.core.models import EventRecord, MemoryRecord, NewEvent
from spark_grpc.core.store_errors import counted

logger = logging.getLogger(__name__)

EVENT_COLUMNS = "id, event_type, agent_id, task_id, description, data, importance, created_at, seq"
MEMORY_COLUMNS = (
    "id, memory_type, subject, content, confidence, source_events, created_at,"
    " expires_at, updated_at, rule, source_event_ids"
)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def event_from_row(row: tuple) -> EventRecord:
    return EventRecord(
        id=row[0],
        event_type=row[1],
        agent_id=row[2],
        task_id=row[3],
        description=row[4],
        data=row[5],
        importance=row[6],
        created_at=utc(row[7]),
        sequence=row[8],
    )


def memory_from_row(row: tuple) -> MemoryRecord:
    return MemoryRecord(
        id=row[0],
        memory_type=row[1],
        subject=row[2],
        content=row[3],
        confidence=row[4],
        source_events=row[5],
        created_at=utc(row[6]),
        expires_at=utc(row[7]) if row[7] is not None else None,
        updated_at=utc(row[8]),
        rule=row[9],
        source_event_ids=tuple(row[10]),
    )


def _nul_field(fields: Iterable[tuple[str, str | None]]) -> str | None:
    """The name of the first field holding U+0000, which PostgreSQL text
    cannot keep, or None."""
    for name, value in fields:
        if value is not None and "\x00" in value:
            return name
    return None


def holds_nul(*values: str | None) -> bool:
    """Whether a filter value holds U+0000 (then no stored row can match)."""
    return any(value is not None and "\x00" in value for value in values)


def refuse_nul(fields: Iterable[tuple[str, str | None]], index: int | None = None) -> None:
    name = _nul_field(fields)
    if name is not None:
        raise InvalidArgument(
            name, "must not contain U+0000 (the PostgreSQL store cannot keep it)", index=index
        )


def event_fields(event: NewEvent) -> list[tuple[str, str | None]]:
    return [
        ("event_type", event.event_type),
        ("agent_id", event.agent_id),
        ("task_id", event.task_id),
        ("description", event.description),
        ("data", event.data),
    ]


@counted
def domain_error(exc: BaseException) -> BaseException:
    """Turn what PostgreSQL (or the pool) raised into a domain error."""
    if isinstance(exc, SparkError):
        return exc
    if isinstance(exc, PoolTimeout):
        return Unavailable("no database connection is free; retry")
    if isinstance(exc, pg_errors.UniqueViolation):
        return AlreadyExists(f"the record conflicts with a stored one ({exc.diag.message_primary})")
    if isinstance(exc, pg_errors.DiskFull | pg_errors.OutOfMemory):
        return ResourceExhausted(f"the database is out of space ({exc.diag.message_primary})")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return Unavailable("the database cannot be written (read-only); retry on the primary")
    if isinstance(exc, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
        return Unavailable("the database aborted the transaction; retry")
    if isinstance(exc, psycopg.OperationalError):
        return Unavailable(f"the database is unreachable: {exc}")
    if isinstance(exc, psycopg.Error):
        logger.error("database error: %s", exc)
        return Unavailable(f"the database failed: {exc}")
    return exc
