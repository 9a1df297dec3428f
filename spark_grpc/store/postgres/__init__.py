"""The PostgreSQL store, for several server replicas over one database: see
``store``. Importing it needs psycopg."""

from spark_grpc.store.postgres.schema import MIGRATIONS, SCHEMA_VERSION
from spark_grpc.store.postgres.store import PostgresStore

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PostgresStore"]
