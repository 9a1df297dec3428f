"""The legacy seed module, pointed at a database file for one test.

``seed_reference`` is the seed's code (see its header); ``seed_at(path)``
makes its functions read and write ``path`` and restores the default after::

    with seed_at(db_path) as seed:
        seed.record_event("task_posted", "hello")
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType

from tests.integration import seed_reference


@contextmanager
def seed_at(path: Path) -> Iterator[ModuleType]:
    saved = seed_reference.DB_PATH
    seed_reference.DB_PATH = Path(path)
    try:
        yield seed_reference
    finally:
        seed_reference.DB_PATH = saved


def seed_insert_event(path: Path, row: dict) -> None:
    """Insert one event row with the seed's own INSERT statement, for rows the
    seed's functions cannot make (a chosen id or created_at)."""
    with seed_at(path) as seed, seed._get_conn() as conn:
        conn.execute(
            "INSERT INTO spark_events"
            " (id, event_type, agent_id, task_id, description, data, importance, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                row["event_type"],
                row.get("agent_id"),
                row.get("task_id"),
                row.get("description", ""),
                row.get("data", "{}"),
                row.get("importance", 0.5),
                row["created_at"],
            ),
        )
        conn.commit()


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a plain SQL query on its own connection (seed-style SQL)."""
    with closing(sqlite3.connect(str(path))) as conn:
        return conn.execute(sql, params).fetchall()
