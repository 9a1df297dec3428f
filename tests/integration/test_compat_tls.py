"""`spark_grpc.compat` reaches a secured server with the variables the CLI
reads: SPARK_GRPC_ADDR, SPARK_TOKEN and SPARK_GRPC_TLS_CA/CERT/KEY/SERVER_NAME."""

from __future__ import annotations

import pytest

from spark_grpc import compat
from spark_grpc.api.auth import Role
from spark_grpc.client import SparkError
from tests.certificates import write_test_pki
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import start_in_process

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def fresh_clients():
    compat.close()
    yield
    compat.close()


def test_compat_over_mutual_tls_with_a_token(tmp_path, monkeypatch, fresh_clients):
    pki = write_test_pki(tmp_path / "pki")
    tokens = tmp_path / "tokens"
    write_tokens(tokens)
    server = start_in_process(
        tmp_path / "spark.db",
        tls_cert=str(pki.server_cert),
        tls_key=str(pki.server_key),
        tls_client_ca=str(pki.ca),
        tokens_file=str(tokens),
    )
    try:
        port = server.running.port
        monkeypatch.setenv("SPARK_GRPC_ADDR", f"127.0.0.1:{port}")
        monkeypatch.setenv("SPARK_GRPC_TLS_CA", str(pki.ca))
        monkeypatch.setenv("SPARK_GRPC_TLS_CERT", str(pki.client_cert))
        monkeypatch.setenv("SPARK_GRPC_TLS_KEY", str(pki.client_key))
        monkeypatch.setenv("SPARK_GRPC_TLS_SERVER_NAME", "localhost")
        monkeypatch.setenv("SPARK_TOKEN", TOKENS[Role.WRITE])
        event_id = compat.record_event("task_posted", "over mTLS", agent_id="secure")
        [event] = compat.get_events(agent_id="secure")
        assert event.id == event_id and event.description == "over mTLS"

        # Without the token the same connection is refused: the token was sent.
        monkeypatch.delenv("SPARK_TOKEN")
        with pytest.raises(SparkError) as refused:
            compat.count_events()
        assert refused.value.code.name == "UNAUTHENTICATED"
    finally:
        server.stop()
