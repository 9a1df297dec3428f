"""Shared fixtures: a real server on port 0 over a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spark_grpc.client import SparkClient
from tests.support import ServerThread, start_in_process


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "spark.db"


@pytest.fixture
def server(db_path) -> Iterator[ServerThread]:
    running = start_in_process(db_path, auto_consolidate=False)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def client(server) -> Iterator[SparkClient]:
    with SparkClient(server.address) as spark:
        yield spark
