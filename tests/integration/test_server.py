"""The server process: health, reflection, `spark-grpc serve` and its
settings, and graceful shutdown on SIGTERM/SIGINT."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.integration.follower import Follower
from tests.integration.seed_module import query
from tests.support import _SERVING, ServerProcess, wait_healthy

SPARK_GRPC_SCRIPT = Path(sys.executable).parent / "spark-grpc"
RPCS = {"RecordEvent", "RecordEvents", "ListEvents", "StoreMemory", "ListMemories", "Count"}


# ── health and reflection ────────────────────────────────────────────────
def test_health_reports_serving(server):
    with grpc.insecure_channel(server.address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for service in ("", "spark.v1.SparkService"):
            reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        with pytest.raises(grpc.RpcError) as caught:
            health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=5)
        assert caught.value.code() == grpc.StatusCode.NOT_FOUND


def _reflect(address: str, **request) -> reflection_pb2.ServerReflectionResponse:
    with grpc.insecure_channel(address) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(**request)]), timeout=5
        )
        return next(iter(replies))


def test_reflection_lists_and_describes_the_service(server):
    listed = _reflect(server.address, list_services="")
    names = {service.name for service in listed.list_services_response.service}
    assert {"spark.v1.SparkService", "grpc.health.v1.Health"} <= names

    described = _reflect(server.address, file_containing_symbol="spark.v1.SparkService")
    files = [
        descriptor_pb2.FileDescriptorProto.FromString(blob)
        for blob in described.file_descriptor_response.file_descriptor_proto
    ]
    [spark_file] = [f for f in files if f.package == "spark.v1"]
    [service] = [s for s in spark_file.service if s.name == "SparkService"]
    assert {method.name for method in service.method} >= RPCS
    [list_events] = [m for m in service.method if m.name == "ListEvents"]
    assert list_events.server_streaming
    assert list_events.input_type == ".spark.v1.ListEventsRequest"


# ── spark-grpc serve ─────────────────────────────────────────────────────
class Serve:
    """`spark-grpc serve ...` exactly as given; the address is read from its log."""

    def __init__(self, argv: list[str], *, env: dict[str, str], cwd: Path) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("SPARK_")}
        self.proc = subprocess.Popen(
            argv,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env={**clean, "PYTHONUNBUFFERED": "1", **env},
            cwd=cwd,
        )
        self.lines: queue.Queue = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()
        self.address = self._address()
        wait_healthy(self.address)

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def _address(self) -> str:
        while True:
            line = self.lines.get(timeout=30)
            if line is None:
                raise AssertionError("the server exited before serving:\n" + "".join(self.log))
            self.log.append(line)
            match = _SERVING.search(line)
            if match:
                return match.group(1)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(30)

    def __enter__(self) -> Serve:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def _port(address: str) -> int:
    host, _, port = address.rpartition(":")
    assert host == "127.0.0.1"
    return int(port)


def test_console_script_logs_its_real_address(tmp_path):
    db = tmp_path / "flag.db"
    argv = [str(SPARK_GRPC_SCRIPT), "serve", "--db", str(db), "--listen", "127.0.0.1:0"]
    with Serve(argv, env={}, cwd=tmp_path) as serve:
        assert _port(serve.address) > 0
        assert sum("serving on" in line for line in serve.log) == 1
        with SparkClient(serve.address) as client:
            assert client.record_event("task_posted", "hi").event.sequence == 1
        assert serve.stop() == 0
    assert query(db, "SELECT description FROM spark_events") == [("hi",)]


def test_environment_sets_db_and_listen(tmp_path):
    env = {"SPARK_DB": str(tmp_path / "from-env.db"), "SPARK_LISTEN": "127.0.0.1:0"}
    argv = [sys.executable, "-m", "spark_grpc", "serve"]
    with Serve(argv, env=env, cwd=tmp_path) as serve:
        assert _port(serve.address) > 0
        with SparkClient(serve.address) as client:
            client.record_event("task_posted", "via env")
        assert serve.stop() == 0
    assert query(tmp_path / "from-env.db", "SELECT description FROM spark_events") == [("via env",)]
    assert not (tmp_path / "data").exists()


def test_flags_win_over_environment_and_db_defaults_to_data_spark_db(tmp_path):
    env = {"SPARK_LISTEN": "127.0.0.1:1", "SPARK_DB": ""}
    argv = [sys.executable, "-m", "spark_grpc", "serve", "--listen", "127.0.0.1:0"]
    with Serve(argv, env=env, cwd=tmp_path) as serve:
        assert _port(serve.address) not in (0, 1)
        with SparkClient(serve.address) as client:
            client.record_event("task_posted", "default file")
        assert serve.stop() == 0
    assert query(tmp_path / "data" / "spark.db", "SELECT description FROM spark_events") == [
        ("default file",)
    ]


# ── graceful shutdown ────────────────────────────────────────────────────
def test_sigterm_finishes_cleanly(tmp_path):
    db = tmp_path / "term.db"
    acknowledged: list[str] = []
    failures: list[grpc.StatusCode] = []
    writing = threading.Event()

    with ServerProcess(db, "--no-auto-consolidate") as server:
        with SparkClient(server.address) as client:
            first = client.record_event("task_posted", "acknowledged", id="before-term").event

        def write() -> None:
            with SparkClient(server.address, timeout=10) as own:
                for i in range(100_000):
                    try:
                        own.record_event("bid_submitted", id=f"w{i}")
                    except SparkError as error:
                        failures.append(error.code)
                        return
                    acknowledged.append(f"w{i}")
                    if i == 5:
                        writing.set()

        with Follower(server.address) as follow:
            assert follow.history() == [first]
            writer = threading.Thread(target=write, daemon=True)
            writer.start()
            assert writing.wait(10)
            assert server.terminate() == 0
            # The follow stream ends (UNAVAILABLE: resume later), it does not hang.
            _, code = follow.finish(timeout=10)
            assert code == grpc.StatusCode.UNAVAILABLE
        writer.join(10)
        assert not writer.is_alive()
        # The write that met the shutdown failed with a retryable status.
        # (About one run in twenty, a call that reaches the server just as
        # grpc stops accepting is answered CANCELLED by grpc-core instead of
        # UNAVAILABLE; it is not stored either way.)
        assert len(failures) == 1
        assert failures[0] in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED)
        assert any("stopped" in line for line in server.log)

    # Closed cleanly: the WAL was checkpointed away, the file is sound, and
    # every acknowledged write is in it.
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute("SELECT id FROM spark_events")}
    assert "before-term" in stored
    assert set(acknowledged) <= stored
    assert len(acknowledged) > 5

    with ServerProcess(db, "--no-auto-consolidate") as server, SparkClient(server.address) as c:
        assert c.count(spark_pb2.COUNT_TARGET_EVENTS) == len(stored)
        assert server.terminate() == 0


def test_sigint_stops_gracefully(tmp_path):
    with ServerProcess(tmp_path / "int.db") as server:
        with SparkClient(server.address) as client:
            client.record_event("task_posted")
        server.proc.send_signal(signal.SIGINT)
        assert server.proc.wait(30) == 0
    assert query(tmp_path / "int.db", "SELECT COUNT(*) FROM spark_events") == [(1,)]
