"""How both Python clients reach the server: credentials, channel options
and the bearer token's metadata, from the same arguments."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, TypedDict

import grpc

from spark_grpc.client.requests import MAX_RECEIVE_MESSAGE_BYTES


class Connection(TypedDict, total=False):
    """How a client reaches the server (``SparkClient``'s and
    ``AsyncSparkClient``'s keyword arguments besides ``timeout``).

    ``token`` is sent as ``authorization: Bearer <token>``. TLS is used when
    ``tls`` is set or any certificate is given (``root_certificates`` None
    means the system's CAs); ``private_key`` and ``certificate_chain`` are the
    client's own, for mutual TLS; ``server_name`` overrides the name expected
    in the server's certificate."""

    token: str | None
    root_certificates: bytes | None
    private_key: bytes | None
    certificate_chain: bytes | None
    server_name: str | None
    tls: bool
    max_receive_message_bytes: int


class ChannelSettings:
    """Credentials, channel options and metadata from a ``Connection``."""

    def __init__(self, connection: Connection) -> None:
        token = connection.get("token")
        root_certificates = connection.get("root_certificates")
        certificate_chain = connection.get("certificate_chain")
        self.metadata: tuple[tuple[str, str], ...] | None = (
            (("authorization", f"Bearer {token}"),) if token else None
        )
        receive = connection.get("max_receive_message_bytes", MAX_RECEIVE_MESSAGE_BYTES)
        self.options: list[tuple[str, Any]] = [("grpc.max_receive_message_length", receive)]
        self.credentials: grpc.ChannelCredentials | None = None
        if connection.get("tls") or root_certificates is not None or certificate_chain is not None:
            self.credentials = grpc.ssl_channel_credentials(
                root_certificates=root_certificates,
                private_key=connection.get("private_key"),
                certificate_chain=certificate_chain,
            )
            if connection.get("server_name"):
                self.options.append(("grpc.ssl_target_name_override", connection["server_name"]))

    def channel(self, address: str) -> grpc.Channel:
        if self.credentials is not None:
            return grpc.secure_channel(address, self.credentials, options=self.options)
        return grpc.insecure_channel(address, options=self.options)

    def aio_channel(self, address: str) -> grpc.aio.Channel:
        if self.credentials is not None:
            return grpc.aio.secure_channel(address, self.credentials, options=self.options)
        return grpc.aio.insecure_channel(address, options=self.options)


def timeout_seconds(timeout: float | None) -> float | None:
    """A per-call deadline: None or 0 mean none."""
    return timeout if timeout else None


# The variables that the CLI, ``spark_grpc.compat`` and the contract drivers
# read for a connection (the CLI's flags default to them).
ADDRESS_VARIABLE = "SPARK_GRPC_ADDR"
TOKEN_VARIABLE = "SPARK_TOKEN"
TLS_VARIABLES = {
    "tls_ca": "SPARK_GRPC_TLS_CA",
    "tls_cert": "SPARK_GRPC_TLS_CERT",
    "tls_key": "SPARK_GRPC_TLS_KEY",
    "tls_server_name": "SPARK_GRPC_TLS_SERVER_NAME",
}
DEFAULT_ADDRESS = "127.0.0.1:50051"


def _pem(path: str | None, what: str) -> bytes | None:
    if not path:
        return None
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise ValueError(f"cannot read the {what} {path}: {exc.strerror}") from None


def connection_settings(
    *,
    token: str | None = None,
    tls_ca: str | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
    tls_server_name: str | None = None,
) -> Connection:
    """A client's keyword arguments from a token and PEM file paths: TLS when
    a CA or a client certificate is named. ValueError when a file cannot be
    read, or a client certificate comes without its key (or the reverse)."""
    if bool(tls_cert) != bool(tls_key):
        raise ValueError("a client certificate and its key go together: give both or neither")
    return {
        "token": token or None,
        "root_certificates": _pem(tls_ca, "TLS CA file"),
        "certificate_chain": _pem(tls_cert, "client certificate"),
        "private_key": _pem(tls_key, "client key"),
        "server_name": tls_server_name or None,
        "tls": bool(tls_ca or tls_cert),
    }


def environment_settings(env: Mapping[str, str] | None = None) -> Connection:
    """``connection_settings`` from SPARK_TOKEN and SPARK_GRPC_TLS_*."""
    env = os.environ if env is None else env
    return connection_settings(
        token=env.get(TOKEN_VARIABLE),
        **{name: env.get(variable) for name, variable in TLS_VARIABLES.items()},
    )
