"""The baseline: the seed module itself, pointed at a benchmark's file.

``tests/integration/seed_reference.py`` is the seed module token for token
(its test proves it), so the baseline runs exactly the seed's code: a new
connection per call, ``journal_mode=WAL`` and the whole schema
(``CREATE ... IF NOT EXISTS``) with a commit, then the insert or the query.
It also keeps the seed's bridge to ``swarm.event_log``, an import that fails
on every call outside the swarm (about 40 us of a call's 1.5-2 ms).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.integration import seed_reference

INSERT_EVENT = (
    "INSERT INTO spark_events (id, event_type, agent_id, task_id, description, data,"
    " importance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
# The seed's indexes on spark_events, dropped while a large file is filled.
_EVENT_INDEXES = ("idx_events_type", "idx_events_agent", "idx_events_task")

score_importance = seed_reference.score_importance


class SeedModule:
    """The seed's functions over the database file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _pointed(self) -> Iterator[None]:
        saved = seed_reference.DB_PATH
        seed_reference.DB_PATH = self.path
        try:
            yield
        finally:
            seed_reference.DB_PATH = saved

    def record_event(self, *args: Any, **kwargs: Any) -> str:
        with self._pointed():
            return seed_reference.record_event(*args, **kwargs)

    def get_events(self, **filters: Any) -> list[Any]:
        with self._pointed():
            return seed_reference.get_events(**filters)

    def create_schema(self, *, event_indexes: bool = True) -> None:
        """The seed's tables and indexes, as its first call creates them;
        without ``event_indexes``, the three indexes on events are dropped
        (the seed's next call creates them again)."""
        with self._pointed():
            seed_reference.count_events()
        if not event_indexes:
            with sqlite3.connect(str(self.path)) as conn:
                for name in _EVENT_INDEXES:
                    conn.execute(f"DROP INDEX {name}")
            conn.close()
