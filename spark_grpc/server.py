"""Building, starting and stopping the gRPC server.

``build_server(config)`` opens the store, wires the servicer, health and
reflection, binds the address and starts serving; it returns the running
``SparkServer`` (with its real port). ``serve(config)`` runs one until
SIGTERM/SIGINT, then shuts down in order: report NOT_SERVING, end follow
streams, stop accepting and let in-flight calls finish, close the database.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import signal
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from spark_grpc.api.auth import (
    OPEN_SERVICES,
    SERVICE_PREFIX,
    TokenAuthInterceptor,
    TokenTable,
    exposure_warnings,
)
from spark_grpc.api.frames import RequestFrames
from spark_grpc.api.servicer import SparkService
from spark_grpc.api.tracing import tracing_interceptors
from spark_grpc.config import ServerConfig
from spark_grpc.core.consolidator import Consolidator
from spark_grpc.core.rules import ConsolidationConfig
from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from spark_grpc.ops.calls import observers
from spark_grpc.store.base import EventStore
from spark_grpc.store.location import is_postgres_url, redact_url
from spark_grpc.store.sqlite import SQLiteStore

logger = logging.getLogger("spark_grpc")

SERVICE_NAME = spark_pb2.DESCRIPTOR.services_by_name["SparkService"].full_name


def split_address(listen: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``[v6]:PORT``) -> (host, port)."""
    host, sep, port = listen.rpartition(":")
    if not sep or not host:
        raise ValueError(f"listen must be HOST:PORT, got {listen!r}")
    try:
        number = int(port)
    except ValueError:
        raise ValueError(f"listen port must be a number, got {port!r}") from None
    if not 0 <= number <= 65535:
        raise ValueError(f"listen port must be within [0, 65535], got {number}")
    return host, number


def postgres_store() -> Any:
    """The PostgreSQL store's class; ValueError naming the extra to install
    when its driver is missing. Imported here: a SQLite server never loads
    the PostgreSQL driver."""
    try:
        from spark_grpc.store.postgres import PostgresStore
    except ImportError as exc:
        raise ValueError(
            f"a postgresql:// database needs the PostgreSQL driver ({exc.name}), which is not"
            " installed (pip install 'spark-grpc[postgres]')"
        ) from None
    return PostgresStore


def open_store(config: ServerConfig) -> EventStore:
    """The store ``config.db`` names: a ``postgresql://`` URL selects the
    PostgreSQL store (several replicas may share it), anything else is a
    SQLite file."""
    if is_postgres_url(config.db):
        return postgres_store()(config.db, pool_size=max(4, 2 * config.readers))
    return SQLiteStore(
        config.db,
        synchronous=config.synchronous,
        readers=config.readers,
        max_db_bytes=config.max_db_bytes,
        shared=config.shared_sqlite,
    )


def _read_pem(path: str, what: str, flag: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(
            f"cannot read the {what} {path}: {exc.strerror} (check the path given to {flag})"
        ) from None


def server_credentials(config: ServerConfig) -> grpc.ServerCredentials | None:
    """TLS credentials from the config, or None to serve plaintext.

    With ``tls_client_ca`` the server asks for a client certificate and
    refuses any connection without one signed by that CA (mutual TLS)."""
    if not config.tls_cert and not config.tls_key:
        if config.tls_client_ca:
            raise ValueError(
                "--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS: give all three)"
            )
        return None
    if not (config.tls_cert and config.tls_key):
        raise ValueError(
            "--tls-cert and --tls-key go together"
            " (give both to serve TLS, or neither to serve plaintext)"
        )
    pair = (
        _read_pem(config.tls_key, "TLS key", "--tls-key"),
        _read_pem(config.tls_cert, "TLS certificate", "--tls-cert"),
    )
    client_ca = (
        _read_pem(config.tls_client_ca, "client CA", "--tls-client-ca")
        if config.tls_client_ca
        else None
    )
    return grpc.ssl_server_credentials(
        [pair], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


def security_summary(config: ServerConfig) -> str:
    """How callers are checked, for the log line that says the server is up."""
    if config.tls_client_ca:
        transport = "mutual TLS"
    elif config.tls_cert:
        transport = "TLS"
    else:
        transport = "plaintext"
    callers = "bearer tokens" if config.tokens_file else "no tokens"
    return f"{transport}, {callers}"


def interceptors(config: ServerConfig) -> list[grpc.aio.ServerInterceptor]:
    """The token check, when a tokens file is configured (first: a denied
    call's body is never parsed), then the guard against request frames that
    do not parse."""
    guard = RequestFrames(SERVICE_PREFIX)
    if not config.tokens_file:
        return [guard]
    tokens = TokenTable.load(config.tokens_file)
    open_services = () if config.protect_health_reflection else OPEN_SERVICES
    logger.info("bearer tokens required (%d known, from %s)", len(tokens), config.tokens_file)
    return [TokenAuthInterceptor(tokens, open_services=open_services), guard]


def bind_failure(config: ServerConfig, host: str, port: int) -> Exception:
    """Why gRPC could not bind: the address is taken or not local, or (the
    address being free) the TLS key does not match its certificate."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host.strip("[]"), port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return OSError(
                f"cannot listen on {config.listen}: the address is already in use"
                " (stop the other server, or pick another --listen port; port 0 picks a free one)"
            )
        return OSError(
            f"cannot listen on {config.listen}: {exc.strerror}"
            " (--listen needs a local address, e.g. 127.0.0.1:50051)"
        )
    if config.tls_cert:
        return ValueError(
            f"the TLS key {config.tls_key} does not match the certificate {config.tls_cert},"
            " or one of them is not a PEM file (give the key made with that certificate)"
        )
    return OSError(f"cannot listen on {config.listen} (check --listen)")


class SparkServer:
    """A started server: the gRPC server, its store and its real address."""

    def __init__(
        self,
        server: grpc.aio.Server,
        store: EventStore,
        service: SparkService,
        health_servicer: health.aio.HealthServicer,
        host: str,
        port: int,
    ) -> None:
        self.server = server
        self.store = store
        self.service = service
        self.health = health_servicer
        self.host = host
        self.port = port
        self._stopped = False
        self._sweeper: asyncio.Task | None = None
        # The bearer-token check, when a tokens file is configured.
        self.token_check: TokenAuthInterceptor | None = None
        # The HTTP side (spark_grpc.http), when --http is given.
        self.http = None
        # Retention (spark_grpc.ops.retention), when bounds are configured.
        self.retention = None
        self._retainer: asyncio.Task | None = None

    def start_sweeper(self, interval: float, grace: float) -> None:
        """Every ``interval`` seconds, delete memories expired for longer than
        ``grace`` seconds, and forget memory changes older than that."""

        async def sweep() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    before = datetime.now(UTC) - timedelta(seconds=grace)
                    deleted = await self.store.delete_expired_memories(before)
                    if deleted:
                        logger.info("swept %d expired memories", deleted)
                    await self.store.prune_memory_changes(before)
                except Exception:
                    logger.exception("sweeping expired memories failed")

        self._sweeper = asyncio.get_running_loop().create_task(sweep())

    def database_reachable(self, reachable: bool) -> None:
        """Health follows the database: NOT_SERVING while it is unreachable."""
        if self._stopped:
            return
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if reachable
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )

        async def report() -> None:
            for name in ("", SERVICE_NAME):
                await self.health.set(name, status)

        asyncio.get_running_loop().create_task(report())

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    async def stop(self, grace: float | None = 5.0) -> None:
        """Stop in order; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if self.http is not None:
            await self.http.stop()
        if self._sweeper is not None:
            self._sweeper.cancel()
        if self._retainer is not None:
            self._retainer.cancel()
        await self.health.enter_graceful_shutdown()
        self.service.begin_shutdown()
        await self.server.stop(grace)
        await self.service.consolidator.stop()
        await self.store.close()

    async def wait(self) -> None:
        await self.server.wait_for_termination()


async def build_server(config: ServerConfig) -> SparkServer:
    """Open the store, bind ``config.listen`` and start serving."""
    host, port = split_address(config.listen)
    # Security settings are checked before the database is touched, and
    # before warning about them.
    credentials = server_credentials(config)
    if is_postgres_url(config.db):
        postgres_store()
    for warning in exposure_warnings(
        host,
        tokens=bool(config.tokens_file),
        tls=bool(config.tls_cert),
        client_certs=bool(config.tls_client_ca),
        insecure=config.insecure,
    ):
        logger.warning("%s", warning)
    if config.http:
        from spark_grpc.http.app import http_address

        http_address(config)  # refused before the database is touched
    if config.retain_events:
        from spark_grpc.ops.retention import parse_age

        parse_age(config.retain_events)  # refused before the database is touched
    checks = interceptors(config)
    store = open_store(config)
    await store.open()
    try:
        ttl = timedelta(seconds=config.memory_ttl) if config.memory_ttl else None
        consolidator = Consolidator(
            store,
            ConsolidationConfig.from_overrides(config.rule_setting),
            ttl=ttl,
            interval=config.consolidation_interval,
        )
        service = SparkService(
            store,
            settings=config,
            consolidator=consolidator,
            on_events=consolidator.note_events if config.auto_consolidate else None,
        )
        metrics, observer = observers(config, service, store, checks)
        server = grpc.aio.server(
            interceptors=[*tracing_interceptors(), *observer, *checks],
            options=[
                ("grpc.so_reuseport", 0),
                # A larger request gets RESOURCE_EXHAUSTED before it is read.
                ("grpc.max_receive_message_length", config.max_message_bytes),
            ],
        )
        spark_pb2_grpc.add_SparkServiceServicer_to_server(service, server)
        health_servicer = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
        reflection.enable_server_reflection(
            (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server
        )
        try:
            if credentials is not None:
                bound = server.add_secure_port(f"{host}:{port}", credentials)
            else:
                bound = server.add_insecure_port(f"{host}:{port}")
        except RuntimeError:  # grpc's "Failed to bind": say why
            bound = 0
        if bound == 0:
            raise bind_failure(config, host, port)
        await server.start()
        for name in ("", SERVICE_NAME):
            await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    except BaseException:
        await store.close()
        raise
    running = SparkServer(server, store, service, health_servicer, host, bound)
    availability = getattr(store, "availability", None)
    if availability is not None:
        # NOT_SERVING while the database cannot be reached.
        availability.listeners.append(running.database_reachable)
    token_check = next((c for c in checks if isinstance(c, TokenAuthInterceptor)), None)
    running.token_check = token_check
    if token_check is not None:
        # Open streams of a token that a reload revokes end within a second.
        service.admission = token_check.admission
        token_check.on_reload.append(service.tokens_reloaded)
    if config.sweep_interval > 0:
        running.start_sweeper(config.sweep_interval, config.expired_grace_seconds)
    if config.retain_events or config.retain_max_events:
        from spark_grpc.ops.retention import start_retention

        start_retention(running, config, metrics)
    if metrics is not None:
        from spark_grpc.http.app import start_http

        try:
            running.http = await start_http(running, config, metrics)
        except BaseException:
            await running.stop(0)
            raise
    return running


async def serve(config: ServerConfig) -> None:
    """Serve until SIGTERM or SIGINT, then shut down gracefully."""
    running = await build_server(config)
    logger.info(
        "spark-grpc serving on %s (db %s; %s)",
        running.address,
        redact_url(config.db),
        security_summary(config),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if running.token_check is not None:
        # SIGHUP reads the tokens file again: add or revoke without a restart.
        loop.add_signal_handler(signal.SIGHUP, running.token_check.reload, config.tokens_file)
    else:
        loop.add_signal_handler(
            signal.SIGHUP,
            logger.info,
            "SIGHUP ignored: no tokens file to reload (--tokens-file is not set)",
        )
    await stop.wait()
    logger.info("shutting down: finishing in-flight calls (grace %.1fs)", config.grace_seconds)
    await running.stop(config.grace_seconds)
    logger.info("stopped")
