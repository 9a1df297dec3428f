"""PostgreSQL outages (issue 11, point 3): a write whose caller gave up is
not committed; while the database is unreachable calls fail fast with
UNAVAILABLE and health is NOT_SERVING, SERVING again once it is back; an
error no retry can cure stops start-up at once with a clear message."""

from __future__ import annotations

import subprocess
import time

import grpc
import psycopg
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from spark_grpc.gen.spark.v1 import spark_pb2, spark_pb2_grpc
from tests.pg import PostgresCluster, missing_reason
from tests.support import REPO, SPARK_GRPC, ServerProcess

pb = spark_pb2


@pytest.fixture(scope="module")
def own_cluster():
    """A cluster of this module's own: the tests stop and start it."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = PostgresCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def _health(channel) -> int:
    stub = health_pb2_grpc.HealthStub(channel)
    return stub.Check(health_pb2.HealthCheckRequest(), timeout=5).status


def _ids(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM spark_events")}


def test_a_write_whose_caller_gave_up_is_not_committed(own_cluster):
    url = own_cluster.new_database()
    with ServerProcess(url, "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            stub.RecordEvent(pb.RecordEventRequest(id="first", event_type="bid"), timeout=10)
            # Hold the log's lock: the next append waits inside its transaction.
            with psycopg.connect(url) as blocker:
                blocker.execute("SELECT last FROM spark_log_position FOR UPDATE")
                for n in range(3):
                    with pytest.raises(grpc.RpcError) as caught:
                        stub.RecordEvent(
                            pb.RecordEventRequest(id=f"gave-up-{n}", event_type="bid"), timeout=1
                        )
                    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
                blocker.rollback()  # the waiting transaction goes on
            time.sleep(1)
            stub.RecordEvent(pb.RecordEventRequest(id="after", event_type="bid"), timeout=10)
        server.terminate()
    assert _ids(url) == {"first", "after"}
    own_cluster.drop_database(url)


def test_a_memory_write_whose_caller_gave_up_is_not_committed(own_cluster):
    url = own_cluster.new_database()
    with ServerProcess(url, "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            with psycopg.connect(url) as blocker:
                # Memory changes are numbered under this row's lock.
                blocker.execute("SELECT last FROM spark_memory_change_position FOR UPDATE")
                with pytest.raises(grpc.RpcError) as caught:
                    stub.StoreMemory(
                        pb.StoreMemoryRequest(id="gave-up", memory_type="insight", content="c"),
                        timeout=1,
                    )
                assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
                blocker.rollback()
            time.sleep(1)
            listed = stub.ListMemories(pb.ListMemoriesRequest(), timeout=10)
            assert [m.id for m in listed.memories] == []
        server.terminate()
    own_cluster.drop_database(url)


def test_an_outage_fails_fast_and_health_follows_the_database(own_cluster):
    url = own_cluster.new_database()
    with ServerProcess(url, "--no-auto-consolidate") as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = spark_pb2_grpc.SparkServiceStub(channel)
            stub.RecordEvent(pb.RecordEventRequest(id="before", event_type="bid"), timeout=10)
            own_cluster.halt()
            try:
                # The first calls find the database gone; then every call
                # fails at once, and health says NOT_SERVING.
                deadline = time.monotonic() + 15
                while _health(channel) != health_pb2.HealthCheckResponse.NOT_SERVING:
                    with pytest.raises(grpc.RpcError):
                        stub.Count(pb.CountRequest(target=pb.COUNT_TARGET_EVENTS), timeout=8)
                    assert time.monotonic() < deadline, "health stayed SERVING"
                for n in range(5):
                    started = time.monotonic()
                    with pytest.raises(grpc.RpcError) as caught:
                        stub.RecordEvent(
                            pb.RecordEventRequest(id=f"during-{n}", event_type="bid"), timeout=8
                        )
                    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
                    assert time.monotonic() - started < 0.5
                    assert "unreachable" in caught.value.details()
            finally:
                own_cluster.resume()
            deadline = time.monotonic() + 10
            while _health(channel) != health_pb2.HealthCheckResponse.SERVING:
                assert time.monotonic() < deadline, "health did not return to SERVING"
                time.sleep(0.2)
            stub.RecordEvent(pb.RecordEventRequest(id="after", event_type="bid"), timeout=10)
        server.terminate()
    assert _ids(url) == {"before", "after"}
    own_cluster.drop_database(url)


@pytest.mark.parametrize("what", ["database", "role"])
def test_a_permanent_error_stops_start_up_at_once(own_cluster, what):
    url = own_cluster.url("no_such_database")
    if what == "role":
        host = own_cluster.admin_url.split("@", 1)[1].rsplit("/", 1)[0]
        url = f"postgresql://no_such_role@{host}/postgres"
    started = time.monotonic()
    result = subprocess.run(
        [*SPARK_GRPC, "serve", "--db", url, "--listen", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode != 0
    assert time.monotonic() - started < 5
    assert "no such database or role" in result.stderr
    assert "Traceback" not in result.stderr
