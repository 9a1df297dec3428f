"""Which store a --db value selects, and how it is shown in the log."""

from __future__ import annotations

import pytest

from spark_grpc.config import ServerConfig
from spark_grpc.server import open_store
from spark_grpc.store.location import is_postgres_url, redact_url
from spark_grpc.store.postgres import PostgresStore
from spark_grpc.store.sqlite import SQLiteStore


@pytest.mark.parametrize(
    ("db", "postgres"),
    [
        ("postgresql://spark@db:5432/spark", True),
        ("postgres://spark@db/spark", True),
        ("data/spark.db", False),
        ("postgresql.db", False),
        (":memory:", False),
    ],
)
def test_the_db_value_selects_the_store(db, postgres, tmp_path):
    assert is_postgres_url(db) is postgres
    if not postgres:
        db = str(tmp_path / db)
    store = open_store(ServerConfig(db=db))
    assert isinstance(store, PostgresStore if postgres else SQLiteStore)


@pytest.mark.parametrize(
    ("db", "shown"),
    [
        ("postgresql://spark:s3cret@db:5432/spark", "postgresql://spark:***@db:5432/spark"),
        ("postgresql://spark@db:5432/spark?sslmode=require", None),
        ("postgresql://:pw@db/spark", "postgresql://:***@db/spark"),
        ("data/spark.db", None),
    ],
)
def test_passwords_never_reach_the_log(db, shown):
    assert redact_url(db) == (shown or db)
