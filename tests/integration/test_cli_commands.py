"""The client commands added for every RPC (update, delete, watch, health,
record-batch), the JSON form, and `events --follow` outliving a server
restart; each run as the real `spark-grpc` command."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator

import pytest

from spark_grpc.client import SparkClient
from tests.integration.test_cli import SPARK_GRPC_SCRIPT
from tests.support import REPO, ServerProcess


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServerProcess]:
    db = tmp_path_factory.mktemp("cli-commands") / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as server:
        yield server
        server.terminate()


def at(served: ServerProcess, *args: str, stdin: str | None = None):
    done = subprocess.run(
        [SPARK_GRPC_SCRIPT, *args, "--addr", served.address],
        capture_output=True,
        text=True,
        timeout=30,
        input=stdin,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done


def streaming(served: ServerProcess, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [SPARK_GRPC_SCRIPT, *args, "--addr", served.address],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_json_has_numbers_and_data_objects(served):
    done = at(served, "record", "bid_submitted", "--data", '{"bid_sats": 90}', "--json")
    [line] = done.stdout.splitlines()
    assert '"sequence": "' not in line
    event = json.loads(line)["event"]
    assert isinstance(event["sequence"], int) and event["sequence"] > 0
    assert event["data"] == {"bid_sats": 90}
    [listed] = map(json.loads, at(served, "events", "--limit", "1", "--json").stdout.splitlines())
    assert listed["sequence"] == event["sequence"] and listed["data"] == {"bid_sats": 90}


def test_memory_lines_start_with_the_id_and_update_delete_use_it(served):
    made = at(served, "remember", "insight", "first words", "--subject", "ids").stdout
    memory_id = made.split()[0]
    assert at(served, "memories", "--subject", "ids").stdout.split()[0] == memory_id

    updated = at(served, "update", memory_id, "--content", "new words", "--confidence", "0.9")
    assert updated.stdout.startswith(memory_id) and "[0.90] new words" in updated.stdout
    expiring = at(served, "update", memory_id, "--expires-at", "2h").stdout
    assert "(expires " in expiring
    assert "(expires " not in at(served, "update", memory_id, "--no-expiry").stdout

    deleted = at(served, "delete", memory_id)
    assert deleted.stdout.startswith(f"deleted {memory_id} ")
    assert at(served, "memories", "--subject", "ids").stdout == ""


def test_watch_prints_each_change_with_its_kind(served):
    at(served, "remember", "note", "was here", "--subject", "watched")
    watch = streaming(served, "watch", "--subject", "watched", "--existing")
    try:
        assert watch.stdout is not None
        existing = watch.stdout.readline()
        assert " existing " in existing and existing.rstrip().endswith("was here")
        memory_id = existing.split()[2]
        at(served, "update", memory_id, "--content", "still here")
        at(served, "delete", memory_id)
        updated, deleted = watch.stdout.readline(), watch.stdout.readline()
        assert updated.split()[1:3] == ["updated", memory_id]
        assert deleted.split()[1:3] == ["deleted", memory_id]
        assert int(deleted.split()[0][1:]) > int(updated.split()[0][1:])
    finally:
        watch.send_signal(signal.SIGINT)
        assert watch.wait(10) == 0


def test_health(served):
    assert at(served, "health").stdout == "SERVING\n"
    assert json.loads(at(served, "health", "--json").stdout) == {"status": "SERVING"}


def test_record_batch_from_json_lines(served, tmp_path):
    lines = '{"event_type": "batched", "agent_id": "batch"}\n\n'
    lines += '{"event_type": "batched", "description": "two", "data": {"n": 2}}\n'
    from_stdin = at(served, "record-batch", stdin=lines).stdout.splitlines()
    assert len(from_stdin) == 2 and from_stdin[1].endswith('two {"n":2}')
    path = tmp_path / "events.jsonl"
    path.write_text(lines)
    assert len(at(served, "record-batch", str(path)).stdout.splitlines()) == 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_follow_resumes_by_itself_after_a_restart(tmp_path):
    db = tmp_path / "spark.db"
    listen = f"127.0.0.1:{free_port()}"
    first = ServerProcess(db, "--listen", listen)
    follow = None
    try:
        with SparkClient(first.address) as spark:
            spark.record_event("before", "one")
        follow = subprocess.Popen(
            [SPARK_GRPC_SCRIPT, "events", "--follow", "--limit", "3", "--json", "--addr", listen],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert follow.stdout is not None and follow.stderr is not None
        assert json.loads(follow.stdout.readline())["sequence"] == 1
        assert first.terminate() == 0
        note = follow.stderr.readline()
        assert "reconnecting to resume after 1 (as --after 1)" in note, note
        assert "after_sequence=1 on reconnect (spark-grpc: --after 1)" in note, note
        with ServerProcess(db, "--listen", listen) as second:
            with SparkClient(second.address) as spark:
                spark.record_event("after", "two")
                spark.record_event("after", "three")
            out, err = follow.communicate(timeout=30)
            second.terminate()
        assert follow.returncode == 0, err
        assert [json.loads(line)["sequence"] for line in out.splitlines()] == [2, 3]
        assert "resumed after 1" in err and "Traceback" not in err
    finally:
        if follow is not None and follow.poll() is None:
            follow.kill()
        first.__exit__()


# ── log noise ────────────────────────────────────────────────────────────
TS_DIR = REPO / "clients" / "typescript"


@pytest.mark.skipif(
    not (TS_DIR / "node_modules").is_dir() and os.environ.get("CI") != "true",
    reason="clients/typescript has no node_modules: run `make setup`",
)
@pytest.mark.parametrize(("verbosity", "goaway"), [(None, False), ("INFO", True)])
def test_a_typescript_client_disconnect_logs_no_goaway(tmp_path, monkeypatch, verbosity, goaway):
    """gRPC core's `Got goaway` line stays out of the log, unless the
    operator asks for core's INFO lines with GRPC_VERBOSITY (which also shows
    that this test would see the line)."""
    node = shutil.which("node")
    assert node, "node is needed for the TypeScript client"
    monkeypatch.delenv("GRPC_VERBOSITY", raising=False)
    env = {"GRPC_VERBOSITY": verbosity} if verbosity else {}
    with ServerProcess(tmp_path / "spark.db", env=env) as server:
        example = subprocess.Popen(
            [node, "--import", "tsx", "examples/follow.ts", server.address],
            cwd=TS_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert example.stdout is not None
        for line in example.stdout:
            if "caught up" in line:
                break
        example.send_signal(signal.SIGINT)
        example.wait(20)
        with SparkClient(server.address) as spark:  # a call after the disconnect
            assert spark.health() == "SERVING"
        server.terminate()
    log = "".join(server.log)
    assert "spark-grpc serving on" in log
    assert ("Got goaway" in log) is goaway, log


def test_every_rpc_has_a_command():
    from spark_grpc.cli.run import build_parser
    from spark_grpc.gen.spark.v1 import spark_pb2

    commands_by_rpc = {
        "RecordEvent": "record",
        "RecordEvents": "record-batch",
        "ListEvents": "events",
        "StoreMemory": "remember",
        "ListMemories": "memories",
        "Count": "count",
        "Consolidate": "consolidate",
        "UpdateMemory": "update",
        "DeleteMemory": "delete",
        "WatchMemories": "watch",
        "AckEvents": "ack",
        "GetConsumer": "consumer",
        "ListConsumers": "consumers",
        "DeleteConsumer": "delete-consumer",
        "SearchMemories": "search",
        "SearchEvents": "search-events",
        "ListMemoryRevisions": "history",
    }
    service = spark_pb2.DESCRIPTOR.services_by_name["SparkService"]
    assert {method.name for method in service.methods} == set(commands_by_rpc)
    _, commands = build_parser()
    others = {"health", "serve", "token", "export", "import"}
    assert set(commands_by_rpc.values()) | others == set(commands)


def test_consumer_commands(served):
    """events --follow --consumer, then ack, consumer, consumers and
    delete-consumer, as a user runs them."""
    first = json.loads(at(served, "record", "cli_job", "--json").stdout)["event"]["sequence"]
    second = json.loads(at(served, "record", "cli_job", "--json").stdout)["event"]["sequence"]
    follow = ["events", "--follow", "--consumer", "cli-c", "--type", "cli_job", "--limit", "2"]
    followed = at(served, *follow, "--json").stdout.splitlines()
    assert [json.loads(line)["sequence"] for line in followed] == [first, second]
    acked = at(served, "ack", "cli-c", str(first)).stdout
    assert acked.startswith(f"cli-c acked={first} lag=1 ") and "event_type=cli_job" in acked
    shown = json.loads(at(served, "consumer", "cli-c", "--json").stdout)
    assert (shown["acked_sequence"], shown["lag"]) == (first, 1)
    # Resumes after the ack.
    again = at(served, *follow[:-1], "1", "--json").stdout.splitlines()
    assert [json.loads(line)["sequence"] for line in again] == [second]
    assert "cli-c" in at(served, "consumers").stdout
    assert at(served, "delete-consumer", "cli-c").stdout.startswith("deleted cli-c")
    missing = subprocess.run(
        [SPARK_GRPC_SCRIPT, "consumer", "cli-c", "--addr", served.address],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert missing.returncode == 1 and "NOT_FOUND" in missing.stderr


def test_search_and_history_commands(served):
    memory = json.loads(
        at(
            served, "remember", "insight", "parser agent-9 is fast", "--subject", "s9", "--json"
        ).stdout
    )["memory"]
    at(served, "update", memory["id"], "--content", "parser agent-9 is slow")
    found = at(served, "search", "agent-9").stdout.splitlines()
    assert len(found) == 1 and memory["id"] in found[0] and "slow" in found[0]
    at(served, "record", "task_failed", "E_CONN.reset:42 on upload")
    assert "E_CONN.reset:42" in at(served, "search-events", "E_CONN.reset:42").stdout
    history = at(served, "history", memory["id"]).stdout.splitlines()
    assert [line.split(" ")[1] for line in history] == ["created:", "updated:"]
