"""Smaller hardening (issue 11, point 7): SIGHUP without a tokens file is
ignored with a log line; the consolidator's per-agent state stays bounded;
a foreign file is refused before anything is written to it; a second server
on the same SQLite file is refused unless --shared-sqlite says otherwise."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from contextlib import closing

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from spark_grpc.client import SparkClient
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.support import REPO, SPARK_GRPC, ServerProcess, start_in_process

pb = spark_pb2


def test_sighup_without_a_tokens_file_is_ignored(tmp_path):
    with ServerProcess(tmp_path / "spark.db", "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            follow = stub.ListEvents(pb.ListEventsRequest(follow=True), timeout=30)
            assert next(follow).caught_up
            server.proc.send_signal(signal.SIGHUP)
            time.sleep(0.5)
            assert server.proc.poll() is None
            stub.RecordEvent(pb.RecordEventRequest(event_type="after-hup"), timeout=10)
            assert next(follow).events[0].event_type == "after-hup"
            health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            follow.cancel()
        assert server.terminate() == 0
    assert any("SIGHUP ignored" in line for line in server.log)


def test_per_agent_state_is_bounded(tmp_path):
    server = start_in_process(tmp_path / "spark.db", consolidation_interval=0.0)
    try:
        with SparkClient(server.address) as spark:
            for batch in range(10):
                spark.record_events(
                    {"event_type": "task_completed", "agent_id": f"agent-{batch}-{i}"}
                    for i in range(300)
                )
        consolidator = server.running.service.consolidator
        server.run(consolidator.idle())
        assert consolidator.tracked_subjects() <= 300, consolidator.tracked_subjects()
    finally:
        server.stop()


def _header(path) -> bytes:
    return path.read_bytes()[:100]


def test_a_foreign_file_is_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "foreign.db"
    with closing(sqlite3.connect(str(db))) as conn:
        conn.execute("CREATE TABLE spark_events (something_else TEXT)")
        conn.execute("INSERT INTO spark_events VALUES ('mine')")
        conn.commit()
    before = db.read_bytes()
    result = subprocess.run(
        [*SPARK_GRPC, "serve", "--db", str(db), "--listen", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=REPO,
    )
    assert result.returncode != 0
    assert "not a Spark database" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before  # still rollback-journal mode, nothing added
    assert not (tmp_path / "foreign.db-wal").exists()


def test_a_second_server_on_one_file_is_refused_unless_allowed(tmp_path):
    db = tmp_path / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as first:
        result = subprocess.run(
            [*SPARK_GRPC, "serve", "--db", str(db), "--listen", "127.0.0.1:0"],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=REPO,
        )
        assert result.returncode != 0
        assert "another spark-grpc server already serves" in result.stderr
        assert "--shared-sqlite" in result.stderr
        # In the same process too.
        with pytest.raises(ValueError, match="already serves"):
            start_in_process(db)
        with ServerProcess(db, "--no-auto-consolidate", "--shared-sqlite") as second:
            with SparkClient(second.address) as spark:
                spark.record_event("from-the-second")
            with SparkClient(first.address) as spark:
                assert [e.event_type for e in spark.list_events()] == ["from-the-second"]
            assert second.terminate() == 0
        assert first.terminate() == 0
    # Once the first has stopped, a new server starts.
    with ServerProcess(db, "--no-auto-consolidate") as again:
        assert again.terminate() == 0
