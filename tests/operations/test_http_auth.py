"""With tokens configured the HTTP side asks for the read role: a bearer
header, or the HttpOnly cookie of the login form. Loopback unless told."""

from __future__ import annotations

import urllib.parse
from dataclasses import replace

import pytest

from spark_grpc.api.auth import Role
from spark_grpc.config import ServerConfig
from spark_grpc.server import build_server
from tests.operations.http_support import http_server, request, sse
from tests.security_fixtures import TOKENS, write_tokens

READ = {"Authorization": f"Bearer {TOKENS[Role.READ]}"}


@pytest.fixture
def guarded(tmp_path):
    with http_server(tmp_path / "spark.db", tokens_file=write_tokens(tmp_path / "tokens")) as s:
        yield s


@pytest.mark.parametrize(
    "path", ["/metrics", "/api/events", "/api/memories", "/api/counts", "/api/agents"]
)
def test_reads_need_a_token(guarded, path):
    answer = request(guarded, path)
    assert answer.status == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert "read role" in answer.json()["error"]
    assert (
        request(guarded, path, headers={"Authorization": "Bearer not-a-known-token-123"}).status
        == 401
    )
    assert request(guarded, path, headers={"Authorization": "Basic abc"}).status == 401
    for role in Role:
        headers = {"Authorization": f"Bearer {TOKENS[role]}"}
        assert request(guarded, path, headers=headers).status == 200, role


def test_streams_need_a_token(guarded):
    with sse(guarded, "/api/events/stream") as stream:
        assert stream.status == 401
    with sse(guarded, "/api/events/stream", READ) as stream:
        assert stream.status == 200
        assert stream.next().event == "caught_up"


def test_health_stays_open_and_the_page_sends_to_the_login_form(guarded):
    assert request(guarded, "/healthz").status == 200
    answer = request(guarded, "/")
    assert answer.status == 303
    assert answer.headers["location"].startswith("/login")
    form = request(guarded, "/login")
    assert form.status == 200
    assert 'type="password"' in form.text


def test_login_sets_an_http_only_cookie(guarded):
    def login(token: str):
        body = urllib.parse.urlencode({"token": token, "next": "/"}).encode()
        return request(
            guarded,
            "/login",
            method="POST",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    refused = login("not-a-known-token-123")
    assert refused.status == 401
    assert "set-cookie" not in refused.headers

    accepted = login(TOKENS[Role.READ])
    assert accepted.status == 303
    assert accepted.headers["location"] == "/"
    cookie = accepted.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    pair = cookie.split(";", 1)[0]
    assert request(guarded, "/api/counts", headers={"Cookie": pair}).status == 200
    assert request(guarded, "/", headers={"Cookie": pair}).status == 200
    with sse(guarded, "/api/events/stream", {"Cookie": pair}) as stream:
        assert stream.status == 200


def test_login_redirects_only_within_the_site(guarded):
    body = urllib.parse.urlencode({"token": TOKENS[Role.READ], "next": "//evil.example/"})
    answer = request(
        guarded,
        "/login",
        method="POST",
        body=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.headers["location"] == "/"


def test_protected_health_needs_a_token(tmp_path):
    with http_server(
        tmp_path / "spark.db",
        tokens_file=write_tokens(tmp_path / "tokens"),
        protect_health_reflection=True,
    ) as running:
        assert request(running, "/healthz").status == 401
        assert request(running, "/healthz", headers=READ).status == 200


def test_non_loopback_http_without_tokens_is_refused(tmp_path):
    import asyncio

    config = replace(
        ServerConfig(), db=str(tmp_path / "spark.db"), listen="127.0.0.1:0", http="0.0.0.0:0"
    )
    with pytest.raises(ValueError, match="refusing to serve 0.0.0.0"):
        asyncio.run(build_server(config))
    # The database was not touched.
    assert not (tmp_path / "spark.db").exists()


def test_https_with_the_grpc_certificate(tmp_path):
    import http.client
    import ssl

    from tests.certificates import write_test_pki

    pki = write_test_pki(tmp_path / "pki")
    with http_server(
        tmp_path / "spark.db",
        tokens_file=write_tokens(tmp_path / "tokens"),
        tls_cert=str(pki.server_cert),
        tls_key=str(pki.server_key),
    ) as running:
        context = ssl.create_default_context(cafile=str(pki.ca))
        connection = http.client.HTTPSConnection(
            "127.0.0.1", running.running.http.port, context=context, timeout=10
        )
        try:
            body = urllib.parse.urlencode({"token": TOKENS[Role.READ], "next": "/"})
            connection.request(
                "POST",
                "/login",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 303
            assert "Secure" in answer.getheader("Set-Cookie")
            connection.request("GET", "/api/counts", headers=READ)
            counts = connection.getresponse()
            assert counts.status == 200
            counts.read()
        finally:
            connection.close()
        assert running.running.http.url.startswith("https://127.0.0.1:")
