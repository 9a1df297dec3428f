"""What a newcomer types or configures, run as the real `spark-grpc` command:
one-line errors (`spark-grpc: <what> (<how to fix>)`, exit 2 for usage, 1 for
failures, never a traceback), the times, tokens and argument orders that
work, and the server's start-up failures told apart."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.certificates import Certificates, write_test_pki
from tests.integration.test_cli import SPARK_GRPC_SCRIPT
from tests.support import REPO, ServerProcess

ONE_LINE_ERROR = re.compile(r"^spark-grpc: .+ \(.+\)\n$")


def spark_grpc(*args: str, env: dict | None = None, timeout: float = 30):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [SPARK_GRPC_SCRIPT, *args], capture_output=True, text=True, timeout=timeout, env=full_env
    )


def assert_one_line_error(done: subprocess.CompletedProcess, status: int, *words: str) -> None:
    assert done.returncode == status, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert ONE_LINE_ERROR.match(done.stderr), done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServerProcess]:
    db = tmp_path_factory.mktemp("cli-errors") / "spark.db"
    with ServerProcess(db, "--no-auto-consolidate") as server:
        yield server
        server.terminate()


def at(served: ServerProcess, *args: str, **kwargs):
    return spark_grpc(*args, "--addr", served.address, **kwargs)


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Certificates:
    return write_test_pki(tmp_path_factory.mktemp("pki"))


# ── usage errors: exit 2 ──────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("remember", "insight", "x", "--expires-at", "tomorrow"), ["--expires-at", "tomorrow"]),
        (("events", "--since", "yesterday-ish"), ["--since", "RFC 3339"]),
        (("events", "--until", "2026-13-45"), ["--until"]),
        (("events", "--limit", "many"), ["--limit", "integer"]),
        (("events", "--timeout", "-1"), ["--timeout"]),
        (("update", "some-id"), ["nothing to update", "--no-expiry"]),
        (("frobnicate",), ["invalid choice", "--help"]),
        ((), ["COMMAND"]),
        (("serve", "--log-level", "verbose"), ["--log-level", "verbose"]),
        (("events", "--tls-ca", "/no/such/ca.pem"), ["/no/such/ca.pem", "--tls-ca"]),
        (("events", "--tls-cert", "/no/such/cert.pem"), ["key go together"]),
        (("record-batch", "/no/such/events.jsonl"), ["/no/such/events.jsonl"]),
    ],
)
def test_usage_errors_are_one_line_with_status_2(args, words):
    assert_one_line_error(spark_grpc(*args), 2, *words)


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("SPARK_MAX_BATCH", "abc", ["SPARK_MAX_BATCH", "integer", "'abc'"]),
        ("SPARK_LOG_LEVEL", "verbose", ["SPARK_LOG_LEVEL", "DEBUG"]),
        ("SPARK_AUTO_CONSOLIDATE", "maybe", ["SPARK_AUTO_CONSOLIDATE", "true or false"]),
        ("SPARK_READERS", "0", ["--readers", "at least 1"]),
    ],
)
def test_bad_settings_variables_are_usage_errors(tmp_path, variable, value, words):
    done = spark_grpc(
        "serve", "--db", str(tmp_path / "x.db"), "--listen", "127.0.0.1:0", env={variable: value}
    )
    assert_one_line_error(done, 2, *words)


def test_an_unknown_spark_variable_is_named_with_the_nearest_setting(tmp_path):
    with ServerProcess(tmp_path / "spark.db", env={"SPARK_MEMORY_TTL_SECONDS": "60"}) as server:
        server.terminate()
    log = "".join(server.log)
    assert "SPARK_MEMORY_TTL_SECONDS is not a setting and is ignored" in log
    assert "did you mean SPARK_MEMORY_TTL?" in log


def test_version():
    from spark_grpc import __version__

    done = spark_grpc("--version")
    assert done.returncode == 0 and done.stdout == f"spark-grpc {__version__}\n"


# ── the server's start-up failures: exit 1, told apart ───────────────────
def serve_failure(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    return spark_grpc("serve", "--db", str(tmp_path / "x.db"), *flags, timeout=60)


def test_tls_cert_without_key_is_refused_without_aborting(tmp_path, pki):
    done = serve_failure(tmp_path, "--listen", "127.0.0.1:0", "--tls-cert", str(pki.server_cert))
    assert_one_line_error(done, 1, "--tls-cert and --tls-key go together")


def test_a_missing_key_file_is_named(tmp_path, pki):
    missing = str(tmp_path / "missing-key.pem")
    done = serve_failure(
        tmp_path,
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        str(pki.server_cert),
        "--tls-key",
        missing,
    )
    assert_one_line_error(done, 1, missing, "No such file", "--tls-key")


def last_line(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """gRPC core logs its own reason above ours; ours is the last line."""
    lines = done.stderr.splitlines(keepends=True)
    assert not any("Traceback" in line for line in lines), done.stderr
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, lines[-1])


def test_port_in_use_and_mismatched_key_are_told_apart(tmp_path, pki):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        in_use = serve_failure(tmp_path, "--listen", address)
    assert_one_line_error(last_line(in_use), 1, "already in use", "--listen")

    mismatched = serve_failure(
        tmp_path,
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        str(pki.server_cert),
        "--tls-key",
        str(pki.client_key),
    )
    assert_one_line_error(last_line(mismatched), 1, "does not match the certificate")
    assert "already in use" not in mismatched.stderr


def test_postgres_without_its_driver_says_which_extra_to_install(tmp_path):
    # The driver made unimportable, as in an install without the extra.
    code = (
        "import sys; sys.modules['psycopg'] = None; sys.modules['psycopg_pool'] = None;"
        "from spark_grpc.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "serve", "--db", "postgresql://spark@127.0.0.1:1/spark"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert_one_line_error(done, 1, "PostgreSQL driver", "pip install 'spark-grpc[postgres]'")


# ── what works ────────────────────────────────────────────────────────────
def test_options_before_the_description(served):
    done = at(served, "record", "task_posted", "--agent", "order-a1", "Build it", "--json")
    assert done.returncode == 0, done.stderr
    assert '"description": "Build it"' in done.stdout and '"agent_id": "order-a1"' in done.stdout


def test_times_without_a_zone_dates_and_durations(served):
    assert at(served, "record", "timed", "--agent", "times").returncode == 0
    local_minute_ago = subprocess.run(
        [
            sys.executable,
            "-c",
            "import datetime as d; print((d.datetime.now()"
            " - d.timedelta(minutes=1)).isoformat(timespec='seconds'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for since, found in (
        ("15m", True),
        ("1h30m", True),
        (local_minute_ago, True),  # local time, no zone
        ("2000-01-01", True),
        ("2999-01-01", False),
        ("2999-01-01T00:00:00+02:00", False),
    ):
        done = at(served, "events", "--agent", "times", "--since", since)
        assert done.returncode == 0, (since, done.stderr)
        assert ("timed" in done.stdout) is found, since
    future = at(served, "events", "--agent", "times", "--until", "1d")
    assert future.stdout == ""  # --until 1d is a day ago


def test_tokens_that_start_with_a_dash(tmp_path):
    token = "-" + "k" * 31
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{token} dashing write\n")
    with ServerProcess(tmp_path / "spark.db", "--tokens-file", str(tokens)) as server:
        joined = at(server, "count", "events", f"--token={token}")
        spaced = at(server, "count", "events", "--token", token)
        from_env = at(server, "count", "events", env={"SPARK_TOKEN": token})
        missing = at(server, "count", "events")
        server.terminate()
    for done in (joined, spaced, from_env):
        assert done.returncode == 0 and done.stdout == "0\n", done.stderr
    assert_one_line_error(missing, 1, "UNAUTHENTICATED", "--token")


def test_a_zero_timeout_means_no_deadline(served):
    done = at(served, "count", "events", "--timeout", "0")
    assert done.returncode == 0 and done.stdout.strip().isdigit(), done.stderr


def test_a_plaintext_client_against_a_tls_server_is_told_to_use_tls(tmp_path, pki):
    with ServerProcess(
        tmp_path / "spark.db",
        "--tls-cert",
        str(pki.server_cert),
        "--tls-key",
        str(pki.server_key),
        credentials=__import__("grpc").ssl_channel_credentials(pki.ca.read_bytes()),
    ) as server:
        done = at(server, "count", "events", "--timeout", "3")
        server.terminate()
    assert_one_line_error(done, 1, "speaks TLS", "--tls-ca")


def test_server_failures_exit_1_with_a_fix(served):
    done = at(served, "delete", "no-such-memory")
    assert_one_line_error(done, 1, "NOT_FOUND", "spark-grpc memories")
    bad = at(served, "record", "task_posted", "--importance", "2")
    assert_one_line_error(bad, 1, "INVALID_ARGUMENT", "importance")
