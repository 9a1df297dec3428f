"""``spark-grpc backup``: an online, consistent copy of a SQLite store.

SQLite's backup API copies the database in one step under a read
transaction: in WAL mode writers go on meanwhile, and the copy is the
database as of the moment the step began (every event acknowledged before
the backup started is in it). The copy is written beside the target, checked
with ``PRAGMA integrity_check`` and only then renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from spark_grpc.store.location import is_postgres_url


class BackupFailed(Exception):
    pass


@dataclass(frozen=True)
class BackupReport:
    events: int
    memories: int
    bytes: int
    seconds: float


def backup_sqlite(source: str | Path, target: str | Path) -> BackupReport:
    if is_postgres_url(str(source)):
        raise BackupFailed("a PostgreSQL store is backed up with pg_dump (docs/OPERATIONS.md)")
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupFailed(f"no SQLite database at {source}")
    if target.exists():
        raise BackupFailed(f"{target} exists already: choose a new path")
    partial = target.with_name(target.name + ".partial")
    started = time.monotonic()
    try:
        # Read-only: the backup never writes to the live database.
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # one step: a consistent snapshot
                check = dst.execute("PRAGMA integrity_check").fetchall()
                if check != [("ok",)]:
                    raise BackupFailed(f"the copy failed its integrity check: {check[:5]}")
                events = dst.execute("SELECT count(*) FROM spark_events").fetchone()[0]
                memories = dst.execute("SELECT count(*) FROM spark_memories").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupFailed(f"{exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return BackupReport(events, memories, target.stat().st_size, time.monotonic() - started)
