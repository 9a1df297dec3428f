"""The server under test (``spark-grpc serve`` as a subprocess), the echo
server beside it, and their memory."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc

from spark_grpc.gen.spark.v1 import spark_pb2_grpc
from tests.support import REPO, ServerProcess

# The client may receive a whole 1,000-event RecordEvents reply.
CHANNEL_OPTIONS = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]


@contextmanager
def running_server(db: str | Path, *args: str) -> Iterator[ServerProcess]:
    """The real server on a free port over ``db`` (a SQLite file or a
    postgresql:// URL); stopped (SIGTERM) on exit."""
    server = ServerProcess(db, *args)  # type: ignore[arg-type]  # it only needs str(db)
    try:
        yield server
    finally:
        if server.proc.poll() is None:
            try:
                server.terminate()
            except Exception:
                server.kill()


def aio_stub(address: str) -> tuple[grpc.aio.Channel, spark_pb2_grpc.SparkServiceStub]:
    channel = grpc.aio.insecure_channel(address, options=CHANNEL_OPTIONS)
    return channel, spark_pb2_grpc.SparkServiceStub(channel)


@contextmanager
def running_echo() -> Iterator[tuple[str, int]]:
    """``python -m bench.echo`` on a free port: (address, pid)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.echo"], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError(f"bench.echo did not start: {line!r}")
        yield f"127.0.0.1:{line.split()[-1]}", proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


@dataclass
class Connected:
    """A running server and a grpc.aio channel to it."""

    address: str
    pid: int
    channel: grpc.aio.Channel
    stub: spark_pb2_grpc.SparkServiceStub


@asynccontextmanager
async def _channel_to(address: str, pid: int) -> AsyncIterator[Connected]:
    channel, stub = aio_stub(address)
    async with channel:
        yield Connected(address, pid, channel, stub)


@asynccontextmanager
async def connected(db: str | Path, *args: str) -> AsyncIterator[Connected]:
    """``running_server(db, *args)`` with a channel open to it."""
    with running_server(db, *args) as server:
        async with _channel_to(server.address, server.proc.pid) as running:
            yield running


@asynccontextmanager
async def connected_echo() -> AsyncIterator[Connected]:
    """``running_echo()`` with a channel open to it."""
    with running_echo() as (address, pid):
        async with _channel_to(address, pid) as running:
            yield running


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in KiB."""
    found: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux 4.0+); False where not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True
