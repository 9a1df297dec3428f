"""Shared fixtures: a real server on port 0 over a real database.

Every test that uses ``server`` (or ``client``, or ``spark_db``) runs twice:
``[sqlite]`` over a SQLite file and ``[postgres]`` over a fresh database of a
throwaway PostgreSQL cluster (tests/pg.py, started once per session). A test
stays SQLite-only when it asks for ``db_path`` itself (it reads the file) or
is marked ``@pytest.mark.sqlite_only``; a test that parametrises
``store_kind`` itself (paired with another axis) picks its own stores. Without
PostgreSQL binaries the ``[postgres]`` cases are skipped with the reason,
except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

import pytest

from spark_grpc.client import SparkClient
from tests.pg import PostgresCluster, missing_reason
from tests.support import ServerThread, start_in_process

STORES = ("sqlite", "postgres")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: runs on the SQLite store only (not parametrised over stores)"
    )


def pytest_generate_tests(metafunc):
    if "store_kind" not in metafunc.fixturenames:
        return
    if "db_path" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if _parametrises(metafunc, "store_kind"):
        return
    metafunc.parametrize("store_kind", STORES)


def _parametrises(metafunc, name: str) -> bool:
    """Whether the test's own ``parametrize`` marks name the argument."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else marker.kwargs.get("argnames", ())
        if isinstance(names, str):
            names = [part.strip() for part in names.split(",")]
        if name in names:
            return True
    return False


@pytest.fixture
def store_kind() -> str:
    """The store a test runs on (parametrised by pytest_generate_tests)."""
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
        warnings.warn(f"PostgreSQL tests skipped: {reason}", stacklevel=1)
        pytest.skip(reason)
    cluster = PostgresCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def spark_db(request, store_kind) -> Iterator[str]:
    """What ``spark-grpc serve --db`` is given: a SQLite file, or the URL of
    a new PostgreSQL database."""
    if store_kind == "sqlite":
        yield str(request.getfixturevalue("db_path"))
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.new_database()
    try:
        yield url
    finally:
        cluster.drop_database(url)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "spark.db"


@pytest.fixture
def server(spark_db) -> Iterator[ServerThread]:
    running = start_in_process(spark_db, auto_consolidate=False)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def client(server) -> Iterator[SparkClient]:
    with SparkClient(server.address) as spark:
        yield spark
