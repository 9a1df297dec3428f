"""The server under test: ``spark-grpc serve`` as a subprocess, and its memory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc

from spark_grpc.gen.spark.v1 import spark_pb2_grpc
from tests.support import ServerProcess

# The client may receive a whole 1,000-event RecordEvents reply.
CHANNEL_OPTIONS = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]


@contextmanager
def running_server(db: Path, *args: str) -> Iterator[ServerProcess]:
    """The real server on a free port over ``db``; stopped (SIGTERM) on exit."""
    server = ServerProcess(db, *args)
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


@dataclass
class Connected:
    """A running server and a grpc.aio channel to it."""

    server: ServerProcess
    channel: grpc.aio.Channel
    stub: spark_pb2_grpc.SparkServiceStub

    @property
    def pid(self) -> int:
        return self.server.proc.pid


@asynccontextmanager
async def connected(db: Path, *args: str) -> AsyncIterator[Connected]:
    """``running_server(db, *args)`` with a channel open to it."""
    with running_server(db, *args) as server:
        channel, stub = aio_stub(server.address)
        async with channel:
            yield Connected(server, channel, stub)


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
