"""--log-format json and the access log: one line per RPC with the method,
status code, duration, peer and token name, never the token."""

from __future__ import annotations

import json

import grpc
import pytest

from spark_grpc.api.auth import Role
from spark_grpc.client import SparkClient, SparkError
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import ServerProcess


def test_json_access_log_names_the_token_never_the_secret(tmp_path):
    tokens = write_tokens(tmp_path / "tokens")
    server = ServerProcess(
        tmp_path / "spark.db",
        "--tokens-file",
        tokens,
        "--log-format",
        "json",
        "--access-log",
        "--no-auto-consolidate",
    )
    with server:
        with SparkClient(server.address, token=TOKENS[Role.WRITE]) as spark:
            spark.record_event("task_posted", "logged", agent_id="a1")
            with pytest.raises(SparkError):
                spark.record_event("", "no type")
        with SparkClient(server.address, token=TOKENS[Role.READ]) as spark:
            with pytest.raises(SparkError) as denied:
                spark.record_event("task_posted", "not allowed")
            assert denied.value.code == grpc.StatusCode.PERMISSION_DENIED
        with SparkClient(server.address) as anonymous, pytest.raises(SparkError):
            anonymous.count("COUNT_TARGET_EVENTS")
        assert server.terminate() == 0

    lines = [json.loads(line) for line in server.log if line.strip()]
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    access = [line for line in lines if line["logger"] == "spark_grpc.access"]
    calls = [(line["method"], line["code"], line["token"]) for line in access]
    assert ("RecordEvent", "OK", "write-caller") in calls
    assert ("RecordEvent", "INVALID_ARGUMENT", "write-caller") in calls
    assert ("RecordEvent", "PERMISSION_DENIED", "read-caller") in calls
    assert ("Count", "UNAUTHENTICATED", "-") in calls
    for line in access:
        assert line["duration_ms"] >= 0
        assert line["peer"].startswith(("ipv4:127.0.0.1:", "ipv6:"))
    text = "".join(server.log)
    for token in TOKENS.values():
        assert token not in text
    assert "Got goaway" not in text


def test_text_access_log(tmp_path):
    with ServerProcess(tmp_path / "spark.db", "--access-log") as server:
        with SparkClient(server.address) as spark:
            spark.record_event("task_posted", "logged")
        server.terminate()
    access = [line for line in server.log if "spark_grpc.access" in line]
    # The readiness check's health calls are logged too.
    assert any("grpc.health.v1.Health/Check OK" in line for line in access)
    [line] = [line for line in access if "RecordEvent" in line]
    assert " RecordEvent OK " in line
    assert "peer=ipv4:127.0.0.1:" in line
    assert line.rstrip().endswith("token=-")


def test_no_access_log_by_default(tmp_path):
    with ServerProcess(tmp_path / "spark.db") as server:
        with SparkClient(server.address) as spark:
            spark.record_event("task_posted", "not logged")
        server.terminate()
    assert not [line for line in server.log if "spark_grpc.access" in line]


def test_grpc_core_chatter_stays_out_of_the_log(tmp_path):
    # A tracer makes the core talk at INFO on every call; the server's
    # GRPC_VERBOSITY=ERROR keeps that (and "Got goaway") out.
    # Empty counts as unset (this process may have set it by importing the CLI).
    env = {"GRPC_TRACE": "http,channel", "GRPC_VERBOSITY": ""}
    with ServerProcess(tmp_path / "spark.db", env=env) as server:
        with SparkClient(server.address) as spark:
            spark.record_event("task_posted", "quiet")
        server.terminate()
    core = [line for line in server.log if line[:1] in "IWE" and line[1:5].isdigit()]
    assert core == []
