"""The contract suite: every case file, run through every client's driver.

Each (driver, case) pair is one test with its own server (`spark-grpc serve`
on a fresh database and port 0, ready once its health check says SERVING).
The driver runs as a subprocess: this runner writes one step a line to its
stdin as JSON and reads one answer a line from its stdout, then judges the
answer itself (tests/contract/cases.py), so that every language is held to
the same expectations. A driver whose toolchain is missing is skipped
locally and fails in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.contract.cases import (
    Case,
    CaseError,
    Streams,
    case_files,
    driver_step,
    expand,
    judge,
    normalise,
    saved,
    substitute,
    unrolled,
)
from tests.support import REPO, ServerProcess

TS_DIR = REPO / "clients" / "typescript"
GO_DIR = REPO / "clients" / "go"
# How long one step may take, beyond the timeouts that the step itself sets.
STEP_GRACE_SECONDS = 30.0


@dataclass(frozen=True)
class Driver:
    name: str
    # Why it cannot run here, or None.
    missing: Callable[[], str | None]
    # The command that runs it against an address (given a per-session build dir).
    command: Callable[[Path, str], list[str]]
    cwd: Path = REPO


def _tool(name: str) -> str | None:
    return None if shutil.which(name) else f"`{name}` is not installed"


def _typescript_missing() -> str | None:
    return _tool("node") or (
        None
        if (TS_DIR / "node_modules" / "tsx").is_dir()
        else "clients/typescript has no node_modules: run `make setup`"
    )


DRIVERS = [
    Driver(
        "python",
        missing=lambda: None,
        command=lambda _build, addr: [
            sys.executable,
            str(REPO / "tests/contract/drivers/python/driver.py"),
            addr,
        ],
    ),
    Driver(
        "typescript",
        missing=_typescript_missing,
        command=lambda _build, addr: ["node", "--import", "tsx", "contract/driver.ts", addr],
        cwd=TS_DIR,
    ),
    Driver(
        "go",
        missing=lambda: _tool("go"),
        command=lambda build, addr: [str(_go_driver(build)), addr],
        cwd=GO_DIR,
    ),
]


def _unavailable(driver: Driver) -> None:
    reason = driver.missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{driver.name} driver: {reason} (a missing toolchain fails in CI)")
    pytest.skip(f"{driver.name} driver: {reason}")


def _go_driver(build: Path) -> Path:
    """The Go driver, compiled on first use in a session."""
    binary = build / "spark-contract-driver"
    if not binary.exists():
        subprocess.run(
            ["go", "build", "-o", str(binary), "./cmd/spark-contract-driver"],
            cwd=GO_DIR,
            check=True,
        )
    return binary


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """Where drivers that need building are built, once per session."""
    return tmp_path_factory.mktemp("contract-drivers")


class DriverProcess:
    """A running driver: one JSON line in, one JSON line out."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by close())
        self.proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def ask(self, line: dict, timeout: float) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        try:
            answer = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise CaseError(f"the driver did not answer within {timeout:.0f}s") from None
        if answer is None:
            raise CaseError(f"the driver exited ({self.proc.wait()}) without answering")
        try:
            return json.loads(answer)
        except ValueError as exc:
            raise CaseError(f"the driver wrote a line that is not JSON: {answer!r}") from exc

    def log(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read()[-4000:]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


def run_case(case: Case, driver: DriverProcess) -> None:
    values: dict = {}
    streams = Streams()
    for step in case.steps:
        op = step.op
        for spec in unrolled(step):
            spec = substitute(expand(spec), values)
            line = driver_step(spec, op, streams)
            timeout = line.get("timeout_ms", 0) / 1000 + STEP_GRACE_SECONDS
            result = normalise(driver.ask(line, timeout), line, streams)
            problems = judge(spec, result)
            if problems:
                sent = json.dumps(line, ensure_ascii=False)
                raise AssertionError(
                    f"{case.name} {step.label}\n  sent: {sent[:800]}\n  " + "\n  ".join(problems)
                )
            saved(spec, result, values)


CASE_FILES = case_files()


@pytest.mark.parametrize("driver", DRIVERS, ids=[d.name for d in DRIVERS])
@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_contract(driver: Driver, case_file: Path, build_dir: Path, spark_db: str) -> None:
    # spark_db parametrises every case over both stores (tests/conftest.py).
    _unavailable(driver)
    case = Case.load(case_file)
    server = ServerProcess(spark_db)
    try:
        process = DriverProcess(driver.command(build_dir, server.address), driver.cwd)
        try:
            run_case(case, process)
        except (AssertionError, CaseError) as exc:
            log = process.log()
            raise AssertionError(
                f"{exc}\n--- {driver.name} driver stderr ---\n{log}" if log else str(exc)
            ) from None
        finally:
            process.close()
    finally:
        server.terminate()
