"""export / import: CloudEvents JSON lines, across stores, idempotent by id
and resumable; backup: an online copy that holds every acknowledged event."""

from __future__ import annotations

import io
import json
import sqlite3
import threading

import pytest

from spark_grpc.cli import main
from spark_grpc.client import SparkClient
from spark_grpc.ops.backup import BackupFailed, backup_sqlite
from spark_grpc.ops.transfer import Progress
from tests.support import start_in_process


def record_swarm(spark: SparkClient) -> None:
    spark.record_event("task_posted", "build", agent_id="a1", task_id="t1")
    spark.record_event("bid_submitted", "bid", agent_id="a2", task_id="t1", data={"bid_sats": 70.5})
    spark.record_event("task_failed", "ünïcode ✓", agent_id="a2", data={"nested": {"list": [1, 2]}})
    spark.record_event("note", "no agent, no task", importance=0.123456789)
    spark.record_event("task_completed", "done", agent_id="a1", task_id="t1", id="client-id-1")
    spark.store_memory("insight", "a1 is fast", "a1", confidence=0.8)
    spark.store_memory("pattern", "bids are high", "system", expires_at="2099-01-01T00:00:00Z")


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def comparable(event) -> tuple:
    return (
        event.id,
        event.event_type,
        event.agent_id if event.HasField("agent_id") else None,
        event.task_id if event.HasField("task_id") else None,
        event.description,
        json.loads(event.data),
        event.importance,
    )


@pytest.mark.parametrize("target_kind", ["sqlite", "postgres"])
def test_export_import_round_trip_across_stores(tmp_path, capsys, request, target_kind):
    if target_kind == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        target_db = cluster.new_database()
    else:
        target_db = str(tmp_path / "target.db")
    source = start_in_process(tmp_path / "source.db", auto_consolidate=False)
    target = start_in_process(target_db, auto_consolidate=False)
    try:
        with SparkClient(source.address) as spark:
            record_swarm(spark)
            original = spark.list_events(order="ORDER_OLDEST_FIRST", limit=1000)
            memories = sorted(spark.list_memories(limit=100), key=lambda m: m.id)
        code, events_text, err = run_cli(capsys, "export", "--addr", source.address)
        assert code == 0, err
        lines = [json.loads(line) for line in events_text.splitlines()]
        assert len(lines) == 5
        first = lines[0]
        assert first["specversion"] == "1.0"
        assert (first["type"], first["source"], first["agentid"]) == (
            "task_posted",
            "/spark/events",
            "a1",
        )
        assert first["sequence"] == 1
        assert "taskid" not in lines[3] and "agentid" not in lines[3]
        code, memories_text, err = run_cli(capsys, "export", "--memories", "--addr", source.address)
        assert code == 0, err
        dump = tmp_path / "log.jsonl"
        dump.write_text(events_text + memories_text)

        for _ in range(2):  # the second import finds everything there already
            code, _, err = run_cli(capsys, "import", str(dump), "--addr", target.address)
            assert code == 0, err
            assert "5 events and 2 memories" in err
            assert "\r" not in err  # no progress bar off a terminal
        with SparkClient(target.address) as spark:
            copied = spark.list_events(order="ORDER_OLDEST_FIRST", limit=1000)
            copied_memories = sorted(spark.list_memories(limit=100), key=lambda m: m.id)
        assert [comparable(e) for e in copied] == [comparable(e) for e in original]
        assert [e.sequence for e in copied] == sorted(e.sequence for e in copied)
        assert [
            (m.id, m.memory_type, m.subject, m.content, m.confidence, m.expires_at)
            for m in copied_memories
        ] == [
            (m.id, m.memory_type, m.subject, m.content, m.confidence, m.expires_at)
            for m in memories
        ]
    finally:
        source.stop()
        target.stop()
        if target_kind == "postgres":
            cluster.drop_database(target_db)


def test_import_is_resumable(tmp_path, capsys):
    source = start_in_process(tmp_path / "source.db", auto_consolidate=False)
    target = start_in_process(tmp_path / "target.db", auto_consolidate=False)
    try:
        with SparkClient(source.address) as spark:
            for n in range(30):
                spark.record_event("task_posted", f"task {n}", agent_id=f"a{n % 3}")
        _, text, _ = run_cli(capsys, "export", "--addr", source.address)
        lines = text.splitlines()
        broken = tmp_path / "broken.jsonl"
        broken.write_text("\n".join(lines[:12] + ["{not json"] + lines[12:]) + "\n")
        code, _, err = run_cli(
            capsys, "import", str(broken), "--batch", "5", "--addr", target.address
        )
        assert code == 1
        assert "line 13" in err and "--skip 12" in err
        with SparkClient(target.address) as spark:
            assert spark.count("COUNT_TARGET_EVENTS") == 12  # every line before the bad one
        # Resuming from the start is safe (idempotent); --skip jumps ahead.
        resume = ("import", str(broken), "--skip", "13", "--batch", "5")
        code, _, err = run_cli(capsys, *resume, "--addr", target.address)
        assert code == 0, err
        again = ("import", str(broken), "--batch", "7")
        code, _, err = run_cli(capsys, *again, "--addr", target.address)
        assert code == 1  # the broken line is still there
        with SparkClient(target.address) as spark:
            events = spark.list_events(order="ORDER_OLDEST_FIRST", limit=100)
        assert len(events) == 30
        assert len({e.id for e in events}) == 30
    finally:
        source.stop()
        target.stop()


def test_progress_on_a_terminal():
    out = io.StringIO()
    progress = Progress(1000, out, enabled=True)
    progress.update(500, final=True)
    assert "imported 500 of 1,000 lines" in out.getvalue()
    assert "ETA" in out.getvalue()
    silent = io.StringIO()
    Progress(1000, silent, enabled=False).update(500, final=True)
    assert silent.getvalue() == ""


def test_backup_under_concurrent_writes(tmp_path, capsys):
    db = tmp_path / "spark.db"
    running = start_in_process(db, auto_consolidate=False)
    acknowledged: list[str] = []
    stop = threading.Event()

    def write() -> None:
        with SparkClient(running.address) as spark:
            n = 0
            while not stop.is_set():
                batch = spark.record_events(
                    [{"event_type": "task_posted", "description": f"e{n}-{i}"} for i in range(20)]
                )
                acknowledged.extend(event.id for event in batch)
                n += 1

    writers = [threading.Thread(target=write) for _ in range(2)]
    try:
        for writer in writers:
            writer.start()
        while len(acknowledged) < 2000:
            stop.wait(0.01)
        before = list(acknowledged)  # acknowledged before the backup began
        code, out, err = run_cli(capsys, "backup", str(tmp_path / "copy.db"), "--db", str(db))
        during = len(acknowledged)
        stop.wait(0.3)
        assert len(acknowledged) > during  # the writers went on
    finally:
        stop.set()
        for writer in writers:
            writer.join(30)
        running.stop()
    assert code == 0, err
    assert "integrity ok" in out
    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in copy.execute("SELECT id FROM spark_events")}
    finally:
        copy.close()
    assert set(before) <= stored
    # The copy serves: a server opens it and counts what it holds.
    served = start_in_process(tmp_path / "copy.db", auto_consolidate=False)
    try:
        with SparkClient(served.address) as spark:
            assert spark.count("COUNT_TARGET_EVENTS") == len(stored)
    finally:
        served.stop()


def test_backup_refuses_what_it_cannot_do(tmp_path):
    with pytest.raises(BackupFailed, match="no SQLite database"):
        backup_sqlite(tmp_path / "missing.db", tmp_path / "copy.db")
    (tmp_path / "taken.db").write_text("")
    sqlite3.connect(tmp_path / "real.db").close()
    with pytest.raises(BackupFailed, match="exists already"):
        backup_sqlite(tmp_path / "real.db", tmp_path / "taken.db")
    with pytest.raises(BackupFailed, match="pg_dump"):
        backup_sqlite("postgresql://localhost/spark", tmp_path / "copy.db")
