"""Disk trouble: a full disk or database, a database file that cannot be
written, a read-only database at start. Each gives a clear status
(RESOURCE_EXHAUSTED or UNAVAILABLE), writes nothing half-way, leaves the
file intact, and the server writes again once the condition clears, without
a restart.

What works as root (CI runs as root, where chmod stops nothing):

* full disk: a small tmpfs mounted for the test (needs CAP_SYS_ADMIN; skipped
  with the reason otherwise). ``--max-db-bytes`` (SQLite's max_page_count)
  gives the same SQLITE_FULL without mounting and always runs;
* a file that cannot be written while the server runs: ``chattr +i`` on the
  database and its WAL (root cannot write an immutable file; needs
  CAP_LINUX_IMMUTABLE and a file system with the flag, e.g. ext4). Never on
  the -shm file: SQLite maps it into memory and a write to an immutable
  mapping kills the process with SIGBUS. A read-only remount cannot be used:
  Linux refuses it (EBUSY) while the server holds files open for writing;
* a read-only database at start: ``chattr +i`` on the file too. (Running the
  server as ``nobody``, so that chmod applies, is no option where the
  interpreter lives under /root, as pyenv's does here.)
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest

from spark_grpc.client import SparkClient, SparkError
from tests.reliability.load import event_fields, integrity
from tests.support import ServerProcess


def _refused(call) -> SparkError:
    with pytest.raises(SparkError) as failed:
        call()
    return failed.value


def _stored_ids(spark: SparkClient) -> set[str]:
    return {event.id for event in spark.list_events(limit=100_000)}


# ── a full disk ───────────────────────────────────────────────────────────
@contextlib.contextmanager
def small_tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: test_a_full_database_* covers SQLITE_FULL")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs here ({mounted.stderr.strip()}):"
            " test_a_full_database_* covers SQLITE_FULL"
        )
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the file system is full."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as file:
        while True:
            try:
                file.write(chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
        with contextlib.suppress(OSError):
            while True:
                file.write(b"\0" * 512)
    return filler


def _write_until_refused(spark: SparkClient, prefix: str, acknowledged: list[str]) -> tuple:
    """Record events (and a batch in turn) until the server refuses one."""
    for number in range(5000):
        ids = [f"{prefix}-{number}"] if number % 2 else [f"{prefix}-{number}-{k}" for k in "ab"]
        try:
            if len(ids) == 1:
                spark.record_event(**event_fields(ids[0]))
            else:
                spark.record_events([event_fields(i) for i in ids])
        except SparkError as error:
            return error, ids
        acknowledged.extend(ids)
    raise AssertionError("the server never refused a write")


def _retry(spark: SparkClient, ids: list[str]) -> None:
    if len(ids) == 1:
        spark.record_event(**event_fields(ids[0]))
    else:
        spark.record_events([event_fields(i) for i in ids])


def test_a_full_disk_gives_resource_exhausted_and_recovers(tmp_path):
    with small_tmpfs(tmp_path / "disk", "4m") as disk:
        db = disk / "spark.db"
        with ServerProcess(db, "--no-auto-consolidate") as server:
            with SparkClient(server.address, timeout=10) as spark:
                acknowledged: list[str] = []
                for number in range(20):
                    spark.record_event(**event_fields(f"before-{number}"))
                    acknowledged.append(f"before-{number}")
                filler = fill(disk)
                error, refused = _write_until_refused(spark, "full", acknowledged)
                assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED, error
                assert "full" in error.details
                # Nothing of the refused write is there; reads are served.
                assert _stored_ids(spark) == set(acknowledged)
                # Space again: the same request now succeeds.
                filler.unlink()
                _retry(spark, refused)
                assert _stored_ids(spark) == set(acknowledged) | set(refused)
            assert server.terminate() == 0
        integrity(db)


def test_a_full_database_gives_resource_exhausted_and_recovers(tmp_path):
    """--max-db-bytes (max_page_count): the same SQLITE_FULL as a full disk;
    deleting memories frees pages, and writes go on without a restart."""
    db = tmp_path / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate", "--max-db-bytes", str(900 * 1024)) as server:
        with SparkClient(server.address, timeout=10) as spark:
            # 20 memories of 8 kB: each is kept three times (the memory, its
            # CREATED change and its first revision, three 4 kB pages each
            # time), about 720 kB of the 900 kB. Deleting one frees the
            # memory and the change's copy; its history stays.
            for number in range(20):
                spark.store_memory("insight", "m" * 8000, id=f"memory-{number}")
            acknowledged: list[str] = []
            error, refused = _write_until_refused(spark, "full", acknowledged)
            assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED, error
            assert acknowledged, "some events fitted before the limit"
            assert _stored_ids(spark) == set(acknowledged)
            for number in range(15):
                spark.delete_memory(f"memory-{number}")
            _retry(spark, refused)
            assert _stored_ids(spark) == set(acknowledged) | set(refused)
        assert server.terminate() == 0
    integrity(db)


# ── a database file that cannot be written ────────────────────────────────
@contextlib.contextmanager
def immutable(*paths: Path) -> Iterator[Callable[[], None]]:
    """``chattr +i`` until the block ends or it calls what this yields;
    skips where the flag is not available."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr command")
    done: list[Path] = []

    def clear() -> None:
        while done:
            subprocess.run(["chattr", "-i", str(done.pop())], check=True)

    try:
        for path in paths:
            result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            if result.returncode != 0:
                pytest.skip(f"chattr +i is not available here: {result.stderr.strip()}")
            done.append(path)
        yield clear
    finally:
        clear()


def test_a_database_that_cannot_be_written_gives_unavailable_and_recovers(tmp_path):
    db = tmp_path / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as server:
        with SparkClient(server.address, timeout=10) as spark:
            acknowledged = []
            for number in range(20):
                spark.record_event(**event_fields(f"before-{number}"))
                acknowledged.append(f"before-{number}")
            with immutable(db, Path(f"{db}-wal")):
                for ids in (["blocked-1"], ["blocked-2a", "blocked-2b"]):
                    error = _refused(lambda ids=ids: _retry(spark, ids))
                    assert error.code == grpc.StatusCode.UNAVAILABLE, error
                    assert "could not be written" in error.details
                assert _stored_ids(spark) == set(acknowledged)  # reads go on
                memory = _refused(lambda: spark.store_memory("insight", "x"))
                assert memory.code == grpc.StatusCode.UNAVAILABLE
            # Writable again: the same requests succeed, nothing was lost.
            _retry(spark, ["blocked-1"])
            _retry(spark, ["blocked-2a", "blocked-2b"])
            expected = set(acknowledged) | {"blocked-1", "blocked-2a", "blocked-2b"}
            assert _stored_ids(spark) == expected
        assert server.terminate() == 0
    assert not any("Traceback" in line for line in server.log)
    integrity(db)


# ── a read-only database at start ─────────────────────────────────────────
def test_a_read_only_database_at_start_serves_reads_and_recovers(tmp_path):
    """SQLite opens a file it cannot write read-only, without a word: the
    server serves it, refuses writes with UNAVAILABLE, and writes again as
    soon as the file can be written, without a restart."""
    db = tmp_path / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as server:
        with SparkClient(server.address) as spark:
            spark.record_event(**event_fields("before"))
        assert server.terminate() == 0
    with immutable(db) as clear, ServerProcess(db, "--no-auto-consolidate") as server:
        with SparkClient(server.address, timeout=10) as spark:
            assert _stored_ids(spark) == {"before"}
            error = _refused(lambda: _retry(spark, ["while-read-only"]))
            assert error.code == grpc.StatusCode.UNAVAILABLE, error
            assert "read-only" in error.details
            clear()
            _retry(spark, ["while-read-only"])
            assert _stored_ids(spark) == {"before", "while-read-only"}
        assert server.terminate() == 0
    assert not any("Traceback" in line for line in server.log)
    integrity(db)
