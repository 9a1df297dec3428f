"""The SQLite store's connections: how each is opened, and the pool of
reader threads (each with its own read-only connection) that keeps every
query off the event loop, as aiosqlite does for one connection."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from spark_grpc.store.sqlite.rows import lenient_text_factory
from spark_grpc.store.sqlite.schema import check_schema, create_schema
from spark_grpc.store.sqlite.writer import domain_error

logger = logging.getLogger(__name__)

# The writer's page cache, in KiB. An event with a random id (chosen by a
# client, or written by the seed module) lands at a random place in two
# indexes of event ids (the table's and the sequence table's); in SQLite's
# default 2 MiB a large commit of such events re-read most of those pages
# from the OS.
WRITER_CACHE_KIB = 16 * 1024


def open_connection(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path),
        isolation_level=None,
        check_same_thread=False,
        timeout=busy_timeout_ms / 1000,
    )
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    return conn


def open_writer_connection(
    path: Path, busy_timeout_ms: int, synchronous: str, max_db_bytes: int
) -> sqlite3.Connection:
    """The write connection: WAL, the durability asked for, the schema. A
    file the server cannot use is refused before anything is written."""
    conn = open_connection(path, busy_timeout_ms)
    # The writer reads few rows (retries, consolidation): text that is not
    # UTF-8 is decoded with replacement characters rather than failing.
    conn.text_factory = lenient_text_factory
    try:
        check_schema(conn, path)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            logger.warning("journal_mode is %s, not WAL", mode)
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
        # The sequence trigger makes every INSERT INTO spark_events keep
        # a statement journal (to undo that one statement); in memory,
        # not in a temporary file. WAL durability does not depend on it.
        conn.execute("PRAGMA temp_store=MEMORY")
        if max_db_bytes > 0:
            # Past this many pages a write fails with SQLITE_FULL, as on a
            # full disk (SQLite keeps at least the pages already in use).
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            wanted = max(1, max_db_bytes // page_size)
            pages = conn.execute(f"PRAGMA max_page_count={wanted}").fetchone()[0]
            if pages != wanted:
                logger.warning(
                    "the database already holds %d bytes, more than max_db_bytes=%d",
                    pages * page_size,
                    max_db_bytes,
                )
        create_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


class _ReadCall:
    """One read on a reader thread, which its caller may cancel midway."""

    __slots__ = ("_lock", "_conn", "_cancelled")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    def begin(self, conn: sqlite3.Connection) -> bool:
        """False when the caller gave up before the read started."""
        with self._lock:
            if self._cancelled:
                return False
            self._conn = conn
            return True

    def end(self) -> None:
        with self._lock:
            self._conn = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                # Stops the statement running on that connection now; a
                # connection that runs nothing is not affected.
                self._conn.interrupt()


class ReaderPool:
    """Reader threads, each with its own read-only connection."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], size: int) -> None:
        self._connect = connect
        self._executor = ThreadPoolExecutor(
            max_workers=size, thread_name_prefix="spark-sqlite-read"
        )
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only=1")
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    async def run(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn`` on a reader thread. A caller cancelled meanwhile (its
        client went away or its deadline passed) interrupts the query, so
        the reader is free again at once."""
        call = _ReadCall()

        def run() -> Any:
            conn = self._connection()
            if not call.begin(conn):
                return None
            try:
                return fn(conn)
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc):
                    raise domain_error(exc) from exc
                # A row holds text that is not UTF-8 (the seed module stores
                # what it is given): read again, with replacement characters.
                conn.text_factory = lenient_text_factory
                try:
                    return fn(conn)
                except sqlite3.Error as again:
                    raise domain_error(again) from again
                finally:
                    conn.text_factory = str
            except sqlite3.Error as exc:
                raise domain_error(exc) from exc
            finally:
                call.end()

        future = asyncio.get_running_loop().run_in_executor(self._executor, run)
        try:
            return await future
        except asyncio.CancelledError:
            call.cancel()
            raise

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
