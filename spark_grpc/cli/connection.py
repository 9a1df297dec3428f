"""The client commands' connection: flags (defaulting to the same variables
as ``spark_grpc.compat``), and a failed call told as what to do about it."""

from __future__ import annotations

import argparse
import os
import socket
import ssl

import grpc

from spark_grpc.cli.arguments import CommandError, UsageError, number_argument
from spark_grpc.client import SparkClient, SparkRpcError
from spark_grpc.client.channel import (
    ADDRESS_VARIABLE,
    DEFAULT_ADDRESS,
    TLS_VARIABLES,
    TOKEN_VARIABLE,
    connection_settings,
)

TLS_FLAGS = {
    "tls_ca": "connect with TLS, trusting this CA (PEM file)",
    "tls_cert": "client certificate for mutual TLS (PEM file)",
    "tls_key": "client private key for mutual TLS (PEM file)",
    "tls_server_name": "expect this name in the server's certificate",
}
# The flag to fix when the server names a request field.
FIELD_FLAGS = {
    "event_type": "the event type",
    "agent_id": "--agent",
    "task_id": "--task",
    "memory_type": "the memory type",
    "min_importance": "--min-importance",
    "min_confidence": "--min-confidence",
    "after_sequence": "--after",
    "expires_at": "--expires-at",
    "source_events": "--source-events",
}


def add_connection_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--addr",
        default=os.environ.get(ADDRESS_VARIABLE) or DEFAULT_ADDRESS,
        help=f"server HOST:PORT ({ADDRESS_VARIABLE}; default {DEFAULT_ADDRESS})",
    )
    parser.add_argument(
        "--token",
        default=os.environ.get(TOKEN_VARIABLE),
        help=f"bearer token ({TOKEN_VARIABLE}); one that starts with '-' works too",
    )
    for name, meaning in TLS_FLAGS.items():
        variable = TLS_VARIABLES[name]
        parser.add_argument(
            "--" + name.replace("_", "-"),
            dest=name,
            default=os.environ.get(variable),
            help=f"{meaning} ({variable})",
        )
    parser.add_argument(
        "--timeout",
        type=number_argument(float, minimum=0),
        default=10.0,
        help="seconds per call; 0 means no deadline (default 10)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines")


def client(args: argparse.Namespace) -> SparkClient:
    try:
        settings = connection_settings(
            token=args.token,
            **{name: getattr(args, name) for name in TLS_FLAGS},
        )
    except ValueError as exc:
        raise UsageError(str(exc), "check --tls-ca, --tls-cert and --tls-key") from None
    return SparkClient(args.addr, timeout=args.timeout, **settings)


def speaks_tls(address: str, timeout: float = 2.0) -> bool | None:
    """Whether the server at ``address`` completes a TLS handshake; None
    when nothing answers there."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    try:
        raw = socket.create_connection((host, int(port)), timeout=timeout)
    except (OSError, ValueError):
        return None
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["h2"])
    try:
        with context.wrap_socket(raw, server_hostname=host or None):
            return True
    except (OSError, ssl.SSLError):
        return False
    finally:
        raw.close()


def failure(error: SparkRpcError, args: argparse.Namespace) -> CommandError:
    """A failed call as ``spark-grpc: CODE: details (what to do)``."""
    code = error.code
    what = f"{code.name}: {error.details}"
    if code == grpc.StatusCode.UNAVAILABLE:
        tls = bool(args.tls_ca or args.tls_cert)
        answers = speaks_tls(args.addr)
        if answers is True and not tls:
            return CommandError(
                f"the server at {args.addr} speaks TLS and this client did not",
                "pass --tls-ca CA.pem or set SPARK_GRPC_TLS_CA",
            )
        if answers is False and tls:
            return CommandError(
                f"the server at {args.addr} does not speak TLS",
                "drop --tls-ca/--tls-cert, or check the server's --tls-cert",
            )
        if answers is None:
            return CommandError(
                what,
                f"is a server running at {args.addr}? start one with 'spark-grpc serve',"
                " or pass --addr HOST:PORT",
            )
        return CommandError(what, "check that the server is up; try again")
    fixes = {
        grpc.StatusCode.UNAUTHENTICATED: "pass --token TOKEN or set SPARK_TOKEN",
        grpc.StatusCode.PERMISSION_DENIED: "use a token whose role allows this call",
        grpc.StatusCode.DEADLINE_EXCEEDED: "raise --timeout, or --timeout 0 for no deadline",
        grpc.StatusCode.NOT_FOUND: "check the id: 'spark-grpc memories' lists them",
        grpc.StatusCode.ALREADY_EXISTS: "use a new --id, or the same content to retry",
        grpc.StatusCode.RESOURCE_EXHAUSTED: "ask for less, or raise the server's limit",
    }
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        name = error.field or "the request"
        return CommandError(what, f"fix {FIELD_FLAGS.get(name, name)}")
    return CommandError(what, fixes.get(code, "see the server's log"))
