"""The `spark-grpc` client commands against a `spark-grpc serve` subprocess:
readable lines, `--json` lines, and errors that exit non-zero with the
status name on stderr.

Most commands run in this process (``spark_grpc.cli.main``, what the console
script calls) to keep the suite fast; the console script itself runs as a
process where the process matters: the exit status, a follow that ends, an
unreachable server."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from spark_grpc.cli import main
from spark_grpc.client import SparkClient
from spark_grpc.gen.spark.v1 import spark_pb2
from tests.support import ServerProcess

SPARK_GRPC_SCRIPT = str(Path(sys.executable).parent / "spark-grpc")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServerProcess]:
    db = tmp_path_factory.mktemp("cli") / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as server:
        yield server
        server.terminate()


@pytest.fixture
def spark(served) -> Iterator[SparkClient]:
    with SparkClient(served.address) as client:
        yield client


def run(served: ServerProcess, *args: str) -> subprocess.CompletedProcess:
    """The console script, as a process."""
    command = [SPARK_GRPC_SCRIPT, args[0], "--addr", served.address, *args[1:]]
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


@pytest.fixture
def cli(served, capsys) -> Callable[..., subprocess.CompletedProcess]:
    """``cli("count", "events")``: the command run in this process."""

    def run_here(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        capsys.readouterr()
        argv = [args[0], "--addr", served.address, *args[1:]]
        code = main(argv)
        out, err = capsys.readouterr()
        done = subprocess.CompletedProcess(["spark-grpc", *argv], code, out, err)
        if check:
            assert done.returncode == 0, done.stderr
            assert done.stderr == ""
        return done

    return run_here


def json_lines(done: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines()]


# ── record ───────────────────────────────────────────────────────────────
def test_record_prints_a_readable_line(served, spark):
    done = run(
        served,
        "record",
        "task_posted",
        "Build the thing",
        "--agent",
        "cli-rec",
        "--task",
        "t-rec",
        "--data",
        '{"bid_sats": 90}',
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    [stored] = spark.list_events(agent_id="cli-rec")
    line = done.stdout.rstrip("\n")
    assert "\n" not in line
    assert line.startswith(f"#{stored.sequence} ")
    assert re.search(
        r" task_posted \[0\.55\] agent=cli-rec task=t-rec Build the thing \{\"bid_sats\": 90\}$",
        line,
    ), line
    assert stored.data == '{"bid_sats": 90}' and stored.task_id == "t-rec"


def test_record_json_and_idempotent_retry(cli, spark):
    args = ("record", "bid_submitted", "json bid", "--agent", "cli-json", "--id", "cli-req-1")
    [first] = json_lines(cli(*args, "--json"))
    event = first["event"]
    assert event["id"] == "cli-req-1"
    assert event["event_type"] == "bid_submitted" and event["agent_id"] == "cli-json"
    assert event["importance"] == 0.2
    assert not first.get("duplicate", False)
    [stored] = spark.list_events(agent_id="cli-json")
    assert int(event["sequence"]) == stored.sequence

    [again] = json_lines(cli(*args, "--json"))
    assert again["duplicate"] is True and again["event"] == event
    assert cli(*args).stdout.rstrip().endswith("(duplicate)")
    assert spark.count(spark_pb2.COUNT_TARGET_EVENTS, "bid_submitted") == 1


# ── events ───────────────────────────────────────────────────────────────
def test_events_lists_newest_first_with_filters(cli, spark):
    for i, event_type in enumerate(["task_posted", "task_assigned", "task_completed"]):
        spark.record_event(event_type, f"step {i}", agent_id="cli-ev", task_id="t-ev")
    expected = spark.list_events(agent_id="cli-ev")

    lines = cli("events", "--agent", "cli-ev").stdout.splitlines()
    assert len(lines) == 3
    assert [line.split()[0] for line in lines] == [f"#{e.sequence}" for e in expected]
    for line, event in zip(lines, expected, strict=True):
        assert f" {event.event_type} [" in line and "agent=cli-ev task=t-ev" in line
    assert lines[0].endswith("step 2") and lines[2].endswith("step 0")

    records = json_lines(cli("events", "--agent", "cli-ev", "--json"))
    assert [r["id"] for r in records] == [e.id for e in expected]
    assert all(r["task_id"] == "t-ev" for r in records)

    oldest = json_lines(cli("events", "--agent", "cli-ev", "--oldest-first", "--json"))
    assert [r["id"] for r in oldest] == [e.id for e in reversed(expected)]
    limited = json_lines(cli("events", "--agent", "cli-ev", "--limit", "2", "--json"))
    assert [r["id"] for r in limited] == [e.id for e in expected[:2]]
    typed = json_lines(cli("events", "--agent", "cli-ev", "--type", "task_assigned", "--json"))
    assert [r["description"] for r in typed] == ["step 1"]
    assert cli("events", "--agent", "cli-nobody").stdout == ""


def test_events_follow_ends_at_the_limit(served, spark):
    first = spark.record_event("task_posted", "followed 1", agent_id="cli-follow").event
    command = [
        SPARK_GRPC_SCRIPT,
        "events",
        "--addr",
        served.address,
        "--agent",
        "cli-follow",
        "--follow",
        "--limit",
        "2",
        "--json",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as p:
        second = spark.record_event("task_failed", "followed 2", agent_id="cli-follow").event
        out, err = p.communicate(timeout=20)
    assert p.returncode == 0, err
    assert [r["id"] for r in map(json.loads, out.splitlines())] == [first.id, second.id]


# ── memories ─────────────────────────────────────────────────────────────
def test_remember_and_memories(cli, spark):
    done = cli("remember", "insight", "cli agents bid low", "--subject", "cli-mem")
    assert re.search(r" insight cli-mem \[0\.50\] cli agents bid low$", done.stdout.rstrip())
    [made] = json_lines(
        cli(
            "remember",
            "pattern",
            "cli fails at night",
            "--subject",
            "cli-mem",
            "--confidence",
            "0.9",
            "--source-events",
            "4",
            "--json",
        )
    )
    assert made["memory"]["confidence"] == 0.9 and made["memory"]["subject"] == "cli-mem"
    cli(
        "remember",
        "anomaly",
        "cli old news",
        "--subject",
        "cli-mem",
        "--expires-at",
        "2020-01-01T00:00:00Z",
    )

    lines = cli("memories", "--subject", "cli-mem").stdout.splitlines()
    assert len(lines) == 2  # the expired one is hidden
    assert lines[0].endswith("cli fails at night") and lines[1].endswith("cli agents bid low")
    listed = json_lines(cli("memories", "--subject", "cli-mem", "--json"))
    assert [m["content"] for m in listed] == ["cli fails at night", "cli agents bid low"]
    assert listed[0]["id"] == made["memory"]["id"]
    everything = cli("memories", "--subject", "cli-mem", "--include-expired").stdout
    assert "cli old news (expires 2020-01-01T00:00:00+00:00)" in everything
    typed = json_lines(cli("memories", "--type", "pattern", "--json"))
    assert [m["content"] for m in typed] == ["cli fails at night"]
    assert [m.content for m in spark.list_memories(subject="cli-mem")] == [
        "cli fails at night",
        "cli agents bid low",
    ]


# ── count ────────────────────────────────────────────────────────────────
def test_count(cli, spark):
    spark.record_event("cli_counted", "a")
    spark.record_event("cli_counted", "b")
    spark.store_memory("cli_kind", "c", expires_at="2020-01-01T00:00:00Z")
    total = spark.count(spark_pb2.COUNT_TARGET_EVENTS)
    assert cli("count", "events").stdout == f"{total}\n"
    assert cli("count", "events", "--type", "cli_counted").stdout == "2\n"
    assert json_lines(cli("count", "events", "--type", "cli_counted", "--json")) == [{"count": 2}]
    assert cli("count", "memories", "--type", "cli_kind").stdout == "0\n"
    assert cli("count", "memories", "--type", "cli_kind", "--include-expired").stdout == "1\n"


# ── errors ───────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("args", "status", "field"),
    [
        (("record", ""), "INVALID_ARGUMENT", "event_type"),
        (("record", "task_posted", "--data", "[1, 2]"), "INVALID_ARGUMENT", "data"),
        (("record", "task_posted", "--importance", "2"), "INVALID_ARGUMENT", "importance"),
        (("events", "--limit", "-1"), "INVALID_ARGUMENT", "limit"),
        (("remember", "insight", ""), "INVALID_ARGUMENT", "content"),
        (("memories", "--limit", "-5"), "INVALID_ARGUMENT", "limit"),
        (("record", "task_posted", "other", "--id", "cli-req-1"), "ALREADY_EXISTS", "cli-req-1"),
    ],
)
def test_errors_exit_non_zero_with_the_status_name(cli, spark, args, status, field):
    if status == "ALREADY_EXISTS":
        spark.record_event("bid_submitted", "json bid", agent_id="cli-json", id="cli-req-1")
    before = spark.count(spark_pb2.COUNT_TARGET_EVENTS)
    done = cli(*args, check=False)
    assert done.returncode != 0
    assert done.stdout == ""
    assert status in done.stderr and field in done.stderr
    assert "Traceback" not in done.stderr
    assert spark.count(spark_pb2.COUNT_TARGET_EVENTS) == before


def test_console_script_error_exit_status(served, spark):
    before = spark.count(spark_pb2.COUNT_TARGET_EVENTS)
    done = run(served, "record", "task_posted", "--importance", "nan")
    assert done.returncode != 0
    assert done.stdout == ""
    assert "INVALID_ARGUMENT" in done.stderr and "importance" in done.stderr
    assert "Traceback" not in done.stderr
    assert spark.count(spark_pb2.COUNT_TARGET_EVENTS) == before


def test_unreachable_server_is_unavailable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    done = subprocess.run(
        [SPARK_GRPC_SCRIPT, "count", "events", "--addr", address, "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode != 0
    assert "UNAVAILABLE" in done.stderr and "Traceback" not in done.stderr
