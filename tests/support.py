"""Test support: real servers on port 0, in-process or as a subprocess."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from spark_grpc.config import ServerConfig
from spark_grpc.server import SparkServer, build_server

REPO = Path(__file__).resolve().parent.parent
SPARK_GRPC = [sys.executable, "-m", "spark_grpc"]
_SERVING = re.compile(r"spark-grpc serving on (\S+)")


class ServerThread:
    """A server built by ``build_server`` on its own event loop thread."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.running: SparkServer = self.run(build_server(config))

    def run(self, coroutine, timeout: float = 30.0):
        """Run a coroutine on the server's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    @property
    def address(self) -> str:
        return self.running.address

    @property
    def store(self):
        return self.running.store

    def stop(self, grace: float | None = 2.0) -> None:
        if self.loop.is_closed():
            return
        try:
            self.run(self.running.stop(grace))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            self.loop.close()


def start_in_process(db: Path | str, **settings) -> ServerThread:
    config = replace(ServerConfig(), db=str(db), listen="127.0.0.1:0", **settings)
    return ServerThread(config)


def wait_healthy(
    address: str, timeout: float = 20.0, credentials: grpc.ChannelCredentials | None = None
) -> None:
    """Wait for the standard health check to answer SERVING (over TLS with
    ``credentials``)."""
    deadline = time.monotonic() + timeout
    channel = (
        grpc.secure_channel(address, credentials)
        if credentials is not None
        else grpc.insecure_channel(address)
    )
    with channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=1, wait_for_ready=True)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                if time.monotonic() > deadline:
                    raise
            if time.monotonic() > deadline:
                raise TimeoutError(f"{address} did not become healthy")


class ServerProcess:
    """``spark-grpc serve`` as a subprocess on a free port."""

    def __init__(
        self,
        db: Path,
        *args: str,
        env: dict | None = None,
        credentials: grpc.ChannelCredentials | None = None,
    ) -> None:
        self.db = db
        self.args = args
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen(
            [*SPARK_GRPC, "serve", "--db", str(db), "--listen", "127.0.0.1:0", *args],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=full_env,
            cwd=REPO,
        )
        self.log: list[str] = []
        self.address = self._read_address()
        # Keep draining stderr so the server never blocks on a full pipe.
        self._drain = threading.Thread(target=self._read_rest, daemon=True)
        self._drain.start()
        wait_healthy(self.address, credentials=credentials)

    def _read_address(self) -> str:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)
            match = _SERVING.search(line)
            if match:
                return match.group(1)
        raise RuntimeError("server exited before serving:\n" + "".join(self.log))

    def _read_rest(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    def terminate(self, timeout: float = 30.0) -> int:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self._drain.join(5)
        return code

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.kill()
