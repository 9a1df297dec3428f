"""The contract suite: every case file, run through every client's driver.

Each (driver, case) pair is one test with its own server (`spark-grpc serve`
on a fresh database and port 0, ready once its health check says SERVING).
The driver runs as a subprocess: this runner writes one step a line to its
stdin as JSON and reads one answer a line from its stdout, then judges the
answer itself (tests/contract/cases.py), so that every language is held to
the same expectations. A driver whose toolchain is missing is skipped
locally and fails in CI (CI=true).

Every case runs over two transports: `plaintext` on both stores, and
`mtls+token` on SQLite, where the server wants an admin token from a tokens
file and a client certificate (mutual TLS), and each driver is given them in
the environment (SPARK_TOKEN, SPARK_GRPC_TLS_CA/CERT/KEY, as for the
spark-grpc client commands). One more test per driver shows that the same
driver without the token is refused with UNAUTHENTICATED.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import grpc
import pytest

from spark_grpc.api.auth import Role
from tests.certificates import write_test_pki
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
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import REPO, ServerProcess

TS_DIR = REPO / "clients" / "typescript"
GO_DIR = REPO / "clients" / "go"
RUST_DIR = REPO / "clients" / "rust"
JAVA_DIR = REPO / "clients" / "java"
# How long one step may take, beyond the timeouts that the step itself sets.
STEP_GRACE_SECONDS = 30.0
# (store, transport) pairs: plaintext over both stores, auth and mutual TLS on SQLite.
STORE_TRANSPORTS = [("sqlite", "plaintext"), ("postgres", "plaintext"), ("sqlite", "mtls+token")]
# What a driver reads from its environment; never inherited from the runner's.
DRIVER_SETTINGS = ("SPARK_TOKEN", "SPARK_GRPC_TLS_CA", "SPARK_GRPC_TLS_CERT", "SPARK_GRPC_TLS_KEY")


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
    Driver(
        "rust",
        missing=lambda: _tool("cargo"),
        command=lambda build, addr: [str(_rust_driver(build)), addr],
        cwd=RUST_DIR,
    ),
    Driver(
        "java",
        missing=lambda: _tool("java") or _tool("mvn"),
        command=lambda build, addr: [*_java_driver(build), addr],
        cwd=JAVA_DIR,
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


def _rust_target_dir() -> Path:
    """Cargo's target dir: outside the clone, so that a fresh clone reuses
    the build (a cold one takes minutes on 2 cores)."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "spark-memory" / "rust-target"


def _rust_driver(build: Path) -> Path:
    """The Rust driver, built (or brought up to date) on first use in a session."""
    binary = build / "spark-contract-driver-rust"
    if not binary.exists():
        target = _rust_target_dir()
        subprocess.run(
            ["cargo", "build", "--locked", "--bin", "spark-contract-driver"],
            cwd=RUST_DIR,
            env={**os.environ, "CARGO_TARGET_DIR": str(target)},
            check=True,
        )
        shutil.copy2(target / "debug" / "spark-contract-driver", binary)
    return binary


JAVA_DRIVER_MAIN = "dev.sparkmemory.spark.contract.ContractDriver"
# A short-lived JVM starts faster with only the C1 compiler; its own warnings
# go to stderr, never into the driver's answers on stdout.
JAVA_FLAGS = (
    "-XX:TieredStopAtLevel=1",
    "-Xshare:auto",
    "-Xlog:disable",
    "-Xlog:all=warning:stderr",
)


def _java_driver(build: Path) -> list[str]:
    """The Java driver's command, built on first use in a session: `mvn
    package` into the build dir (not clients/java/target), then the client's
    jar, its test jar (which holds the driver) and the runtime classpath.
    One run against a closed port writes a class-data archive of the classes
    it loaded (AppCDS), which roughly halves the start of every later run."""
    classpath_file = build / "java-classpath"
    archive = build / "java-driver.jsa"
    if not classpath_file.exists():
        out = build / "java"
        dependencies = build / "java-dependencies"
        built = subprocess.run(
            [
                "mvn",
                *("-B", "-q", "-ntp", "package", "dependency:build-classpath"),
                "-DskipTests",
                "-DincludeScope=runtime",
                f"-Dmdep.outputFile={dependencies}",
                f"-Dspark.buildDirectory={out}",
            ],
            cwd=JAVA_DIR,
            capture_output=True,
            text=True,
        )
        if built.returncode != 0:
            raise RuntimeError(f"building the Java driver failed:\n{built.stdout}{built.stderr}")
        jars = sorted(out.glob("spark-memory-client-*.jar"))
        classpath = os.pathsep.join([*map(str, jars), dependencies.read_text().strip()])
        _java_class_archive(classpath, archive)
        classpath_file.write_text(classpath)
    sharing = [f"-XX:SharedArchiveFile={archive}"] if archive.exists() else []
    return ["java", *JAVA_FLAGS, *sharing, "-cp", classpath_file.read_text(), JAVA_DRIVER_MAIN]


def _java_class_archive(classpath: str, archive: Path) -> None:
    """Runs the driver once against a port where nothing listens (a call and a
    stream, both refused) and keeps the classes it loaded in `archive`. Without
    the archive (say, a JVM that cannot write one) the driver runs as it is."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{probe.getsockname()[1]}"
    steps = [
        {"op": "call", "rpc": "Count", "request": {"target": "COUNT_TARGET_EVENTS"}},
        {"op": "open", "stream": "s", "rpc": "ListEvents", "request": {"follow": True}},
        {"op": "close", "stream": "s"},
    ]
    try:
        subprocess.run(
            ["java", *JAVA_FLAGS, f"-XX:ArchiveClassesAtExit={archive}", "-cp", classpath]
            + [JAVA_DRIVER_MAIN, closed],
            input="".join(json.dumps(step) + "\n" for step in steps),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        archive.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """Where drivers that need building are built, once per session."""
    return tmp_path_factory.mktemp("contract-drivers")


@dataclass(frozen=True)
class Transport:
    """How the server is started and what its clients need."""

    server_args: tuple[str, ...] = ()
    # For the runner's health check (None: plaintext).
    credentials: grpc.ChannelCredentials | None = None
    # Settings given to the driver (DRIVER_SETTINGS).
    driver_env: dict[str, str] = field(default_factory=dict)

    def start(self, db: str) -> ServerProcess:
        return ServerProcess(db, *self.server_args, credentials=self.credentials)


@pytest.fixture(scope="session")
def mtls_token(tmp_path_factory) -> Transport:
    """A tokens file and mutual TLS; the drivers get the admin token and the
    client certificate."""
    directory = tmp_path_factory.mktemp("contract-mtls")
    pki = write_test_pki(directory)
    return Transport(
        server_args=("--tokens-file", write_tokens(directory / "tokens"), *pki.mutual_tls_flags()),
        credentials=pki.client_credentials(),
        driver_env={
            "SPARK_TOKEN": TOKENS[Role.ADMIN],
            "SPARK_GRPC_TLS_CA": str(pki.ca),
            "SPARK_GRPC_TLS_CERT": str(pki.client_cert),
            "SPARK_GRPC_TLS_KEY": str(pki.client_key),
        },
    )


class DriverProcess:
    """A running driver: one JSON line in, one JSON line out."""

    def __init__(self, command: list[str], cwd: Path, settings: dict[str, str]) -> None:
        env = {k: v for k, v in os.environ.items() if k not in DRIVER_SETTINGS}
        self.stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by close())
        self.proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
            env={**env, **settings},
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


def drive(
    driver: Driver,
    build_dir: Path,
    transport: Transport,
    db: str,
    work: Callable[[DriverProcess], None],
) -> None:
    """Start a server and the driver over `transport`, run `work` with the
    driver, and show the driver's stderr when it fails."""
    server = transport.start(db)
    try:
        process = DriverProcess(
            driver.command(build_dir, server.address), driver.cwd, transport.driver_env
        )
        try:
            work(process)
        except (AssertionError, CaseError) as exc:
            log = process.log()
            raise AssertionError(
                f"{exc}\n--- {driver.name} driver stderr ---\n{log}" if log else str(exc)
            ) from None
        finally:
            process.close()
    finally:
        server.terminate()


CASE_FILES = case_files()
DRIVER_IDS = [d.name for d in DRIVERS]


@pytest.mark.parametrize("driver", DRIVERS, ids=DRIVER_IDS)
@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
@pytest.mark.parametrize(
    ("store_kind", "transport"), STORE_TRANSPORTS, ids=["-".join(p) for p in STORE_TRANSPORTS]
)
def test_contract(
    driver: Driver, case_file: Path, transport: str, build_dir: Path, spark_db: str, request
) -> None:
    # store_kind (given here) picks what spark_db is (tests/conftest.py).
    _unavailable(driver)
    case = Case.load(case_file)
    chosen = request.getfixturevalue("mtls_token") if transport == "mtls+token" else Transport()
    drive(driver, build_dir, chosen, spark_db, lambda process: run_case(case, process))


@pytest.mark.parametrize("driver", DRIVERS, ids=DRIVER_IDS)
def test_contract_driver_without_token_is_unauthenticated(
    driver: Driver, build_dir: Path, mtls_token: Transport, tmp_path: Path
) -> None:
    # The client certificate alone gets through TLS, not past the token check.
    _unavailable(driver)
    no_token = {k: v for k, v in mtls_token.driver_env.items() if k != "SPARK_TOKEN"}
    line = {"op": "call", "rpc": "RecordEvent", "request": {"event_type": "task_posted"}}
    spec = {"expect_error": {"code": "UNAUTHENTICATED", "contains": "bearer token"}}

    def refused(process: DriverProcess) -> None:
        result = normalise(process.ask(line, STEP_GRACE_SECONDS), line, Streams())
        problems = judge(spec, result)
        assert not problems, "\n".join(problems)

    transport = replace(mtls_token, driver_env=no_token)
    drive(driver, build_dir, transport, str(tmp_path / "spark.db"), refused)
