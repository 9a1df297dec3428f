"""The domain records that pass between the service, the rules and the store.

They are plain frozen dataclasses: the store builds them from rows, the
service maps them to and from protobuf messages, and the rules read them.
Timestamps are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class EventRecord:
    """One event of the log, as stored. Treat it as immutable: it is not
    frozen only because a frozen dataclass costs about 2 us more to build,
    and every event a read streams is built once."""

    id: str
    event_type: str
    agent_id: str | None
    task_id: str | None
    description: str
    data: str  # JSON object as text (legacy rows may hold other text)
    importance: float
    created_at: datetime
    sequence: int


@dataclass(frozen=True, slots=True)
class MemoryRecord:
    """One memory, as stored."""

    id: str
    memory_type: str
    subject: str
    content: str
    confidence: float
    source_events: int
    created_at: datetime
    expires_at: datetime | None
    updated_at: datetime
    rule: str = ""
    source_event_ids: tuple[str, ...] = field(default=())
