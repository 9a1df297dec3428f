"""The ``mcp`` command of ``spark-grpc``: ``register(subparsers)`` adds it.

    spark-grpc mcp [--addr HOST:PORT] [--token T] [--tls-ca PEM ...]
    spark-grpc mcp --http 127.0.0.1:8765     (Streamable HTTP at /mcp)

Over stdio (the default) the MCP client starts this process and talks on
its stdin and stdout; with ``--http`` it serves MCP's Streamable HTTP
transport at ``http://HOST:PORT/mcp`` (port 0 picks a free port; the
address is printed on stderr).
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any


def register(commands: Any) -> None:
    sub = commands.add_parser(
        "mcp",
        help="serve the log and memories to MCP clients (stdio, or --http)",
        description="A Model Context Protocol server that is a client of a running"
        " spark-grpc server: tools to record, list and search events and memories,"
        " and a memory's history.",
    )
    from spark_grpc.cli.connection import add_connection_flags  # cli imports this module

    add_connection_flags(sub)
    sub.add_argument(
        "--http",
        metavar="HOST:PORT",
        help="serve Streamable HTTP on this address instead of stdio (e.g. 127.0.0.1:8765)",
    )
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        from spark_grpc.mcp.tools import build_server
    except ImportError as error:  # the extra is not installed
        print(
            f"spark-grpc mcp: needs the mcp package ({error}): pip install 'spark-grpc[mcp]'",
            file=sys.stderr,
        )
        return 2
    from spark_grpc.cli.connection import client as connect

    with connect(args) as client:
        if not args.http:
            build_server(client).run("stdio")
            return 0
        host, _, port = args.http.rpartition(":")
        if not host or not port.isdigit():
            print(f"spark-grpc mcp: --http wants HOST:PORT, got {args.http!r}", file=sys.stderr)
            return 2
        serve_http(build_server(client, host=host.strip("[]")), host.strip("[]"), int(port))
    return 0


def serve_http(server: Any, host: str, port: int) -> None:
    """Serve ``server`` over Streamable HTTP on a socket bound here, so that
    port 0 works and the address is known before the first request."""
    import anyio
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    # Listening before the address is shown: a client that connects at
    # once waits in the backlog until the app starts accepting.
    sock.listen(128)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"spark-grpc mcp: serving MCP on http://{shown}:{bound}/mcp", file=sys.stderr, flush=True)
    config = uvicorn.Config(server.streamable_http_app(), log_level="warning")
    anyio.run(lambda: uvicorn.Server(config).serve(sockets=[sock]))
