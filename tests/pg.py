"""A throwaway PostgreSQL cluster for the tests.

``PostgresCluster.start()`` runs ``initdb`` in a new temporary folder, then
``pg_ctl start`` on a free port of 127.0.0.1 with its unix socket in that
folder and durability off (fsync, synchronous_commit, full_page_writes): a
test cluster needs speed, not crash safety. ``stop()`` stops it and removes
the folder. Each test gets a database of its own (``new_database``).

The binaries are looked up as ``SPARK_PG_BIN`` (a folder), then ``initdb``
on PATH, then Debian's ``/usr/lib/postgresql/<version>/bin`` (newest first).
PostgreSQL refuses to run as root: as root, the cluster runs as the
``postgres`` user (Debian's package creates it) through ``runuser``.

``SPARK_TEST_POSTGRES=postgresql://...`` uses a running server instead (its
user must be allowed to CREATE DATABASE).
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg

from spark_grpc.store.postgres import PostgresStore

SUPERUSER = "spark"
RUN_AS = "postgres"
_names = itertools.count(1)


def find_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    given = os.environ.get("SPARK_PG_BIN")
    candidates: list[Path] = [Path(given)] if given else []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted(
            (p for p in debian.iterdir() if p.name.isdigit()),
            key=lambda p: int(p.name),
            reverse=True,
        )
        candidates.extend(v / "bin" for v in versions)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def missing_reason() -> str | None:
    """Why no cluster can be started here, or None."""
    if os.environ.get("SPARK_TEST_POSTGRES"):
        return None
    if find_binaries() is None:
        return (
            "PostgreSQL binaries (initdb, pg_ctl, postgres) not found: install Debian's"
            " `postgresql` (`make setup` does, as root) or set SPARK_PG_BIN or SPARK_TEST_POSTGRES"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root and there is no `{RUN_AS}` user to run PostgreSQL as"
    return None


_PREFIX = "spark-pg-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _temp_parent() -> Path:
    """Where clusters go: the temporary folder, or /tmp as root (the
    ``postgres`` user must be able to reach the folder; a root-only TMPDIR
    would not do)."""
    if os.geteuid() == 0 and Path("/tmp").is_dir():
        return Path("/tmp")
    return Path(tempfile.gettempdir())


def _reap_orphans(bindir: Path) -> None:
    """Stop and remove clusters left by test sessions that were killed."""
    for root in _temp_parent().glob(f"{_PREFIX}*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        PostgresCluster("", root=root, bindir=bindir).stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """A PostgreSQL server for one test session."""

    def __init__(
        self,
        admin_url: str,
        *,
        root: Path | None = None,
        bindir: Path | None = None,
        durable: bool = False,
    ):
        # A URL to the maintenance database, as the superuser.
        self.admin_url = admin_url
        self.root = root
        self.bindir = bindir
        # Keep PostgreSQL's durability settings (for measurements); tests
        # turn fsync and synchronous commit off.
        self.durable = durable

    # ── starting and stopping ─────────────────────────────────────────────
    @classmethod
    def start(cls, *, durable: bool = False) -> PostgresCluster:
        external = os.environ.get("SPARK_TEST_POSTGRES")
        if external:
            return cls(external)
        reason = missing_reason()
        if reason is not None:
            raise RuntimeError(reason)
        bindir = find_binaries()
        assert bindir is not None
        _reap_orphans(bindir)
        root = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=_temp_parent()))
        (root / "owner.pid").write_text(str(os.getpid()))
        cluster = cls("", root=root, bindir=bindir, durable=durable)
        # Stopped by the fixture; atexit covers a session that ends early.
        atexit.register(cluster.stop)
        try:
            cluster._init()
            cluster._launch()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _as_owner(self, args: list[str]) -> list[str]:
        """``args`` run as the user that owns the cluster."""
        if os.geteuid() != 0:
            return args
        if shutil.which("runuser"):
            return ["runuser", "-u", RUN_AS, "--", *args]
        return ["su", RUN_AS, "-s", "/bin/sh", "-c", shlex.join(args)]

    def _run(self, args: list[str]) -> None:
        assert self.root is not None
        done = subprocess.run(
            self._as_owner(args), cwd=self.root, capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )

    def _init(self) -> None:
        assert self.root is not None and self.bindir is not None
        if os.geteuid() == 0:
            owner = pwd.getpwnam(RUN_AS)
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.root.chmod(0o755)
        self._run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )

    def _launch(self) -> None:
        assert self.root is not None and self.bindir is not None
        last_error: Exception | None = None
        for _ in range(3):  # another process may take the port first
            port = _free_port()
            settings = [
                f"port={port}",
                "listen_addresses=127.0.0.1",
                f"unix_socket_directories={self.root}",
                "max_connections=300",
            ]
            if not self.durable:
                settings += ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]
            options = " ".join(f"-c {setting}" for setting in settings)
            try:
                self._run(
                    [
                        str(self.bindir / "pg_ctl"),
                        "-D",
                        str(self.data),
                        "-l",
                        str(self.root / "server.log"),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ]
                )
            except RuntimeError as exc:
                last_error = exc
                continue
            self.admin_url = f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
            return
        raise RuntimeError(f"PostgreSQL did not start: {last_error}\n{self.log()}")

    def halt(self) -> None:
        """Stop the server (an outage); ``resume`` starts it on the same port."""
        assert self.bindir is not None
        self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        assert self.bindir is not None and self.root is not None
        port = self.admin_url.rsplit(":", 1)[1].split("/")[0]
        settings = [
            f"port={port}",
            "listen_addresses=127.0.0.1",
            f"unix_socket_directories={self.root}",
            "max_connections=300",
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
        ]
        options = " ".join(f"-c {setting}" for setting in settings)
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ]
        )

    @property
    def data(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    def log(self) -> str:
        if self.root is None:
            return ""
        with contextlib.suppress(OSError):
            return (self.root / "server.log").read_text(errors="replace")
        return ""

    def stop(self) -> None:
        if self.root is None:
            return
        if self.bindir is not None and (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._run(
                    [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
                )
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    # ── databases ─────────────────────────────────────────────────────────
    def url(self, database: str) -> str:
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{database}"

    def new_database(self, prefix: str = "spark_test") -> str:
        """Create an empty database; returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rpartition("/")[2]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.asynccontextmanager
async def opened_store(url: str, **options) -> AsyncIterator[PostgresStore]:
    """A PostgresStore on ``url``, open for the block."""
    store = PostgresStore(url, **options)
    await store.open()
    try:
        yield store
    finally:
        await store.close()
