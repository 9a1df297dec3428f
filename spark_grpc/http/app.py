"""The HTTP side, assembled: routes, access check, start and stop.

``start_http(running, config, metrics)`` binds ``config.http`` beside a
started gRPC server (same process, same store) and returns the ``HttpSide``;
``SparkServer.stop`` stops it before the store closes.
"""

from __future__ import annotations

import logging
import ssl
from importlib import resources

from aiohttp import web
from grpc_health.v1 import health_pb2

from spark_grpc.api.auth import exposure_warnings
from spark_grpc.config import ServerConfig
from spark_grpc.http.access import access_middleware, login_routes
from spark_grpc.http.api import JsonApi
from spark_grpc.http.sse import EventStreams
from spark_grpc.ops.metrics import CONTENT_TYPE, ServerMetrics

logger = logging.getLogger("spark_grpc")

STATIC = resources.files("spark_grpc.http") / "static"
NO_CACHE = {"Cache-Control": "no-cache"}


def http_address(config: ServerConfig) -> tuple[str, int]:
    """The HTTP side's host and port; refuses what the gRPC side would refuse
    (a non-loopback address without tokens, unless --insecure)."""
    from spark_grpc.server import split_address

    host, port = split_address(config.http)
    for warning in exposure_warnings(
        host,
        tokens=bool(config.tokens_file),
        tls=bool(config.tls_cert),
        client_certs=False,
        insecure=config.insecure,
    ):
        if "clear text" in warning or "INSECURE" in warning:
            logger.warning("HTTP: %s", warning)
    return host, port


class HttpSide:
    def __init__(self, running, config: ServerConfig, metrics: ServerMetrics) -> None:
        self.running = running
        self.config = config
        self.metrics = metrics
        self.stopping = False
        self.streams = EventStreams(running.store, config, self._ending)
        metrics.extra_followers = lambda: self.streams.open
        self.runner: web.AppRunner | None = None
        self.host = ""
        self.port = 0

    def _ending(self) -> bool:
        return self.stopping or self.running.store.closed

    def _tokens(self):
        return self.running.token_check

    def app(self) -> web.Application:
        app = web.Application(
            middlewares=[
                access_middleware(
                    self._tokens, protect_health=self.config.protect_health_reflection
                )
            ]
        )
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/metrics", self.metrics_text),
                web.get("/healthz", self.healthz),
                *login_routes(self._tokens, secure=bool(self.config.tls_cert)),
                *JsonApi(self.running.store, self.config).routes(),
                *self.streams.routes(),
                web.static("/static", str(STATIC), append_version=False),
            ]
        )
        return app

    async def index(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(str(STATIC / "index.html"), headers=NO_CACHE)

    async def metrics_text(self, request: web.Request) -> web.Response:
        await self.metrics.refresh()
        return web.Response(
            body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE, **NO_CACHE}
        )

    async def healthz(self, request: web.Request) -> web.Response:
        """200 while gRPC health says SERVING, 503 otherwise."""
        reply = await self.running.health.Check(health_pb2.HealthCheckRequest(service=""), None)
        name = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        serving = reply.status == health_pb2.HealthCheckResponse.SERVING and not self.stopping
        return web.json_response(
            {"status": name if not self.stopping else "NOT_SERVING"},
            status=200 if serving else 503,
            headers=NO_CACHE,
        )

    async def start(self) -> None:
        from spark_grpc.server import split_address

        host, port = split_address(self.config.http)
        context = None
        if self.config.tls_cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.config.tls_cert, self.config.tls_key)
        self.runner = web.AppRunner(
            # A handler is cancelled when its client goes away: an SSE stream
            # frees its slot at once, not at its next keepalive.
            self.app(),
            access_log=None,
            shutdown_timeout=2.0,
            handler_cancellation=True,
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port, ssl_context=context)
        await site.start()
        bound = site._server.sockets[0].getsockname()  # type: ignore[union-attr]
        self.host, self.port = host, bound[1]
        scheme = "https" if context else "http"
        logger.info("spark-grpc HTTP on %s://%s:%d", scheme, host, self.port)

    @property
    def url(self) -> str:
        scheme = "https" if self.config.tls_cert else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    async def stop(self) -> None:
        """End the streams (browsers reconnect elsewhere or later), close."""
        self.stopping = True
        self.running.store.wake_waiters()
        if self.runner is not None:
            await self.runner.cleanup()


async def start_http(running, config: ServerConfig, metrics: ServerMetrics) -> HttpSide:
    side = HttpSide(running, config, metrics)
    await side.start()
    return side
