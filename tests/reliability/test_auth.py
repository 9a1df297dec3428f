"""Bearer tokens and roles: every RPC without a token, with a wrong token and
with each role; health and reflection open or protected; tokens compared in
constant time and never logged; the loopback rule without authentication."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from dataclasses import replace

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from spark_grpc.api import auth
from spark_grpc.api.auth import METHOD_ROLES, Role, TokenTable
from spark_grpc.cli import main
from spark_grpc.config import ServerConfig
from spark_grpc.gen.spark.v1 import spark_pb2_grpc
from spark_grpc.server import build_server
from tests.reliability.rpcs import REQUESTS, SERVICE_METHODS, bearer, call_status
from tests.security_fixtures import TOKENS, write_tokens
from tests.support import ServerProcess, start_in_process

WRONG = "wrong-token-0123456789abcdef"
DENIED = (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED)


@pytest.fixture
def tokens_file(tmp_path) -> str:
    return write_tokens(tmp_path / "tokens")


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("auth")
    running = start_in_process(
        directory / "spark.db",
        auto_consolidate=False,
        tokens_file=write_tokens(directory / "tokens"),
    )
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def stub(auth_server):
    with grpc.insecure_channel(auth_server.address) as channel:
        yield spark_pb2_grpc.SparkServiceStub(channel)


def test_every_rpc_has_a_role_and_a_case():
    assert set(METHOD_ROLES) == SERVICE_METHODS
    assert set(REQUESTS) == SERVICE_METHODS


@pytest.mark.parametrize("method", sorted(SERVICE_METHODS))
def test_no_token_is_unauthenticated(stub, method):
    code, details = call_status(stub, method)
    assert code == grpc.StatusCode.UNAUTHENTICATED, details
    assert "bearer token" in details


@pytest.mark.parametrize("method", sorted(SERVICE_METHODS))
@pytest.mark.parametrize(
    "metadata",
    [
        bearer(WRONG),
        bearer(TOKENS[Role.ADMIN][:-1]),  # a prefix of a real token
        bearer(""),
        (("authorization", f"Basic {TOKENS[Role.ADMIN]}"),),
        (("authorization", TOKENS[Role.ADMIN]),),  # no scheme
        (("authorization", f"Bearer {TOKENS[Role.ADMIN]}"), ("authorization", "Bearer x")),
    ],
    ids=["wrong", "prefix", "empty", "basic", "no-scheme", "twice"],
)
def test_a_wrong_token_is_unauthenticated(stub, method, metadata):
    code, details = call_status(stub, method, metadata=metadata)
    assert code == grpc.StatusCode.UNAUTHENTICATED, details


@pytest.mark.parametrize("method", sorted(SERVICE_METHODS))
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_calls_what_it_may_and_nothing_else(stub, method, role):
    needed = METHOD_ROLES[method]
    code, details = call_status(stub, method, metadata=bearer(TOKENS[role]))
    if role >= needed:
        assert code not in DENIED, details
        assert code in (grpc.StatusCode.OK, grpc.StatusCode.NOT_FOUND), details
    else:
        assert code == grpc.StatusCode.PERMISSION_DENIED, details
        assert method in details and f"the {needed} role" in details
        assert f"{role}-caller" in details


def test_roles_follow_the_issue():
    read = {"ListEvents", "ListMemories", "Count", "WatchMemories"}
    # A durable consumer is a reader's position (issue 14).
    read |= {"AckEvents", "GetConsumer", "ListConsumers"}
    # Search and history only read (issue 15).
    read |= {"SearchMemories", "SearchEvents", "ListMemoryRevisions"}
    write = {"RecordEvent", "RecordEvents", "StoreMemory", "UpdateMemory", "DeleteConsumer"}
    admin = {"DeleteMemory", "Consolidate"}
    assert {m for m, r in METHOD_ROLES.items() if r == Role.READ} == read
    assert {m for m, r in METHOD_ROLES.items() if r == Role.WRITE} == write
    assert {m for m, r in METHOD_ROLES.items() if r == Role.ADMIN} == admin
    assert auth.required_role("/spark.v1.SparkService/SomethingNew") == Role.ADMIN


def _health(address: str, metadata=None) -> grpc.StatusCode:
    with grpc.insecure_channel(address) as channel:
        try:
            health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), metadata=metadata, timeout=5
            )
        except grpc.RpcError as error:
            return error.code()
    return grpc.StatusCode.OK


def _reflection(address: str, metadata=None) -> grpc.StatusCode:
    with grpc.insecure_channel(address) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        try:
            for reply in stub.ServerReflectionInfo(iter([request]), metadata=metadata, timeout=5):
                names = {s.name for s in reply.list_services_response.service}
                assert "spark.v1.SparkService" in names
        except grpc.RpcError as error:
            return error.code()
    return grpc.StatusCode.OK


def test_health_and_reflection_stay_open(auth_server):
    assert _health(auth_server.address) == grpc.StatusCode.OK
    assert _reflection(auth_server.address) == grpc.StatusCode.OK


def test_health_and_reflection_can_be_protected(tmp_path, tokens_file):
    running = start_in_process(
        tmp_path / "spark.db",
        auto_consolidate=False,
        tokens_file=tokens_file,
        protect_health_reflection=True,
    )
    try:
        assert _health(running.address) == grpc.StatusCode.UNAUTHENTICATED
        assert _reflection(running.address) == grpc.StatusCode.UNAUTHENTICATED
        assert _health(running.address, bearer(WRONG)) == grpc.StatusCode.UNAUTHENTICATED
        assert _health(running.address, bearer(TOKENS[Role.READ])) == grpc.StatusCode.OK
        assert _reflection(running.address, bearer(TOKENS[Role.READ])) == grpc.StatusCode.OK
    finally:
        running.stop()


def test_the_python_client_sends_its_token(auth_server):
    from spark_grpc.client import SparkClient, SparkError

    with SparkClient(auth_server.address, token=TOKENS[Role.WRITE]) as spark:
        event = spark.record_event("task_posted", "with a token").event
        assert spark.list_events(limit=1)[0].id == event.id
        with pytest.raises(SparkError) as denied:
            spark.consolidate()
        assert denied.value.code == grpc.StatusCode.PERMISSION_DENIED
    with SparkClient(auth_server.address) as anonymous, pytest.raises(SparkError) as failed:
        anonymous.count()
    assert failed.value.code == grpc.StatusCode.UNAUTHENTICATED


def test_tokens_never_reach_the_log(tmp_path, tokens_file, caplog):
    caplog.set_level(logging.DEBUG)
    running = start_in_process(
        tmp_path / "spark.db", auto_consolidate=False, tokens_file=tokens_file
    )
    try:
        with grpc.insecure_channel(running.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            for token in [*TOKENS.values(), WRONG]:
                for method in ("RecordEvent", "DeleteMemory", "Count"):
                    call_status(stub, method, metadata=bearer(token))
    finally:
        running.stop()
    assert "denied" in caplog.text  # the denials were logged...
    for token in [*TOKENS.values(), WRONG]:
        assert token not in caplog.text  # ...without any token
        assert token[:12] not in caplog.text


def test_lookup_compares_with_every_token(monkeypatch):
    table = TokenTable.parse(
        "\n".join(f"{token} n{i} {role}" for i, (role, token) in enumerate(TOKENS.items()))
    )
    compared: list[tuple[bytes, bytes]] = []
    real = auth.hmac.compare_digest

    def counting(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", counting)
    for token, expected in [
        (TOKENS[Role.READ], "n0"),  # the first entry
        (TOKENS[Role.ADMIN], "n2"),  # the last entry
        (WRONG, None),
        ("x", None),
    ]:
        compared.clear()
        caller = table.lookup(token)
        assert (caller.name if caller else None) == expected
        # Every entry, match or not, and digests of one length: the time
        # taken tells nothing about which token or how long it is.
        assert len(compared) == len(TOKENS)
        assert {(len(a), len(b)) for a, b in compared} == {(32, 32)}
        assert all(token.encode() not in (a, b) for a, b in compared)


@pytest.mark.parametrize(
    "text, message",
    [
        ("only-two fields", "expected 'TOKEN NAME ROLE'"),
        ("0123456789abcdefXYZ n superuser", "role must be one of read, write, admin"),
        ("short n read", "at least 16"),
        ("0123456789abcdefXYZ a read\n0123456789abcdefXYZ b write", "used twice"),
        ("0123456789abcdefXYZ a read\n0123456789abcdefXY2 a write", "used twice"),
    ],
)
def test_a_bad_tokens_file_is_refused_without_showing_tokens(text, message):
    with pytest.raises(ValueError) as failed:
        TokenTable.parse(text, "tokens.txt")
    assert message in str(failed.value)
    assert "tokens.txt" in str(failed.value)
    assert "0123456789abcdef" not in str(failed.value)


def test_tokens_file_checks(tmp_path, caplog):
    path = tmp_path / "tokens"
    path.write_text("# nothing here\n\n")
    with pytest.raises(ValueError, match="holds no tokens"):
        TokenTable.load(path)
    with pytest.raises(ValueError, match="cannot read the tokens file"):
        TokenTable.load(tmp_path / "missing")
    path.write_text(f"{TOKENS[Role.READ]} reader read\n")
    path.chmod(0o644)
    caplog.set_level(logging.WARNING)
    assert len(TokenTable.load(path)) == 1
    assert "chmod 600" in caplog.text


def test_token_command_prints_a_usable_line(capsys):
    assert main(["token", "ci-bot", "write"]) == 0
    line = capsys.readouterr().out.strip()
    token, name, role = line.split()
    assert (name, role) == ("ci-bot", "write")
    assert len(token) >= 40
    table = TokenTable.parse(line)
    assert table.lookup(token).role == Role.WRITE
    assert main(["token", "ci-bot", "write"]) == 0
    assert capsys.readouterr().out.split()[0] != token  # random each time


# ── who may listen where ──────────────────────────────────────────────────
def test_exposure_rules():
    rules = auth.exposure_warnings
    for host in ("127.0.0.1", "localhost", "[::1]", "127.1.2.3"):
        assert any("no authentication" in w for w in rules(host, **_open()))
    for host in ("0.0.0.0", "[::]", "10.1.2.3", "example.com"):
        with pytest.raises(ValueError, match="refusing to serve"):
            rules(host, **_open())
        assert any("INSECURE" in w for w in rules(host, **_open(insecure=True)))
        assert rules(host, **_open(tokens=True, tls=True)) == []
        assert rules(host, **_open(client_certs=True, tls=True)) == []
        assert any("clear text" in w for w in rules(host, **_open(tokens=True)))


def _open(**given: bool) -> dict[str, bool]:
    return {"tokens": False, "tls": False, "client_certs": False, "insecure": False, **given}


def test_the_server_refuses_a_public_address_without_auth(tmp_path, caplog):
    config = replace(ServerConfig(), db=str(tmp_path / "spark.db"), listen="0.0.0.0:0")
    with pytest.raises(ValueError, match="refusing to serve 0.0.0.0"):
        asyncio.run(build_server(config))
    assert not (tmp_path / "spark.db").exists()  # refused before touching anything


def test_serving_loopback_without_auth_says_so(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    running = start_in_process(tmp_path / "spark.db", auto_consolidate=False)
    try:
        assert "no authentication configured" in caplog.text
    finally:
        running.stop()


def test_sighup_reloads_the_tokens_file(tmp_path):
    tokens = tmp_path / "tokens"
    old, new = TOKENS[Role.READ], "fresh-token-0123456789abcdef"
    tokens.write_text(f"{old} old-reader read\n")
    tokens.chmod(0o600)

    def count_status(server, token) -> grpc.StatusCode:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            return call_status(stub, "Count", metadata=bearer(token))[0]

    def reloaded(server, line: str) -> None:
        seen = sum(line in entry for entry in server.log)
        server.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while sum(line in entry for entry in server.log) == seen:
            assert time.monotonic() < deadline, "".join(server.log)
            time.sleep(0.02)

    with ServerProcess(tmp_path / "spark.db", "--tokens-file", str(tokens)) as server:
        assert count_status(server, old) == grpc.StatusCode.OK
        tokens.write_text(f"{new} new-reader read\n")
        reloaded(server, "reloaded 1 tokens")
        assert count_status(server, new) == grpc.StatusCode.OK
        assert count_status(server, old) == grpc.StatusCode.UNAUTHENTICATED  # revoked
        tokens.write_text("not a tokens file\n")
        reloaded(server, "kept the current tokens")
        assert count_status(server, new) == grpc.StatusCode.OK
        assert server.terminate() == 0
    assert not any(new in line or old in line for line in server.log)
