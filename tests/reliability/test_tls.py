"""TLS and mutual TLS, with certificates made for the test (tests/certificates.py)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import grpc
import pytest

from spark_grpc.client import SparkClient, SparkError
from spark_grpc.config import ServerConfig
from spark_grpc.server import build_server
from tests.certificates import Certificates, write_test_pki
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import ServerProcess, start_in_process

# Failing handshakes are retried by the channel until the deadline: keep it short.
REFUSED_TIMEOUT = 3.0


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Certificates:
    return write_test_pki(tmp_path_factory.mktemp("pki"))


def _tls_settings(pki: Certificates, *, mutual: bool) -> dict:
    settings = {"tls_cert": str(pki.server_cert), "tls_key": str(pki.server_key)}
    if mutual:
        settings["tls_client_ca"] = str(pki.ca)
    return settings


def _tls_server(tmp_path_factory, pki: Certificates, *, mutual: bool):
    db = tmp_path_factory.mktemp("tls") / "spark.db"
    running = start_in_process(db, auto_consolidate=False, **_tls_settings(pki, mutual=mutual))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory, pki):
    yield from _tls_server(tmp_path_factory, pki, mutual=False)


@pytest.fixture(scope="module")
def mtls_server(tmp_path_factory, pki):
    yield from _tls_server(tmp_path_factory, pki, mutual=True)


def _refused(address: str, **client) -> SparkError:
    spark = SparkClient(address, timeout=REFUSED_TIMEOUT, **client)
    with spark, pytest.raises(SparkError) as failed:
        spark.count()
    return failed.value


def test_tls_client_trusting_the_ca_connects(tls_server, pki):
    with SparkClient(tls_server.address, root_certificates=pki.ca.read_bytes()) as spark:
        event = spark.record_event("task_posted", "over TLS").event
        assert spark.list_events(limit=1)[0].id == event.id


def test_tls_by_name_localhost(tls_server, pki):
    port = tls_server.address.rsplit(":", 1)[1]
    with SparkClient(f"localhost:{port}", root_certificates=pki.ca.read_bytes()) as spark:
        assert spark.count() >= 0


def test_plaintext_client_cannot_talk_to_a_tls_server(tls_server):
    assert _refused(tls_server.address).code == grpc.StatusCode.UNAVAILABLE


def test_tls_client_refuses_a_server_it_does_not_trust(tls_server, pki):
    # The client trusts another CA (the server's own certificate is no CA).
    error = _refused(tls_server.address, root_certificates=pki.stranger_cert.read_bytes())
    assert error.code == grpc.StatusCode.UNAVAILABLE


def test_mtls_client_with_a_certificate_connects(mtls_server, pki):
    with SparkClient(
        mtls_server.address,
        root_certificates=pki.ca.read_bytes(),
        private_key=pki.client_key.read_bytes(),
        certificate_chain=pki.client_cert.read_bytes(),
    ) as spark:
        spark.record_event("task_posted", "over mutual TLS")
        assert spark.count() >= 1


def test_mtls_refuses_a_client_without_a_certificate(mtls_server, pki):
    error = _refused(mtls_server.address, root_certificates=pki.ca.read_bytes())
    assert error.code == grpc.StatusCode.UNAVAILABLE


def test_mtls_refuses_a_certificate_from_another_ca(mtls_server, pki):
    error = _refused(
        mtls_server.address,
        root_certificates=pki.ca.read_bytes(),
        private_key=pki.stranger_key.read_bytes(),
        certificate_chain=pki.stranger_cert.read_bytes(),
    )
    assert error.code == grpc.StatusCode.UNAVAILABLE


def test_mtls_refuses_a_plaintext_client(mtls_server):
    assert _refused(mtls_server.address).code == grpc.StatusCode.UNAVAILABLE


def test_tokens_over_mtls(tmp_path, pki):
    running = start_in_process(
        tmp_path / "spark.db",
        auto_consolidate=False,
        tokens_file=write_tokens(tmp_path / "tokens"),
        **_tls_settings(pki, mutual=True),
    )
    certs = {
        "root_certificates": pki.ca.read_bytes(),
        "private_key": pki.client_key.read_bytes(),
        "certificate_chain": pki.client_cert.read_bytes(),
    }
    try:
        assert _refused(running.address, **certs).code == grpc.StatusCode.UNAUTHENTICATED
        with SparkClient(running.address, token=next(iter(TOKENS.values())), **certs) as spark:
            assert spark.count() == 0
    finally:
        running.stop()


def test_cli_flags_serve_mutual_tls(tmp_path, pki):
    with ServerProcess(
        tmp_path / "spark.db", *pki.mutual_tls_flags(), credentials=pki.client_credentials()
    ) as server:
        assert any("mutual TLS" in line for line in server.log)
        assert _refused(server.address, root_certificates=pki.ca.read_bytes()).code == (
            grpc.StatusCode.UNAVAILABLE
        )
        assert server.terminate() == 0


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"tls_cert": "x.pem"}, "--tls-cert and --tls-key go together"),
        ({"tls_client_ca": "ca.pem"}, "--tls-client-ca needs --tls-cert and --tls-key"),
        ({"tls_cert": "missing.pem", "tls_key": "missing.pem"}, "cannot read the TLS key"),
    ],
)
def test_incomplete_tls_settings_are_refused(tmp_path, settings, message):
    config = replace(ServerConfig(), db=str(tmp_path / "spark.db"), listen="127.0.0.1:0")
    with pytest.raises(ValueError, match=message):
        asyncio.run(build_server(replace(config, **settings)))
