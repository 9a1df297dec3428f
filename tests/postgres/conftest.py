"""Fixtures of the PostgreSQL-only tests (the cluster itself is started by
tests/conftest.py's ``postgres_cluster``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def pg_db(postgres_cluster) -> Iterator[str]:
    """The URL of a new, empty database."""
    url = postgres_cluster.new_database()
    try:
        yield url
    finally:
        postgres_cluster.drop_database(url)
