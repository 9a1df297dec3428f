"""The embedded SQLite store (the default): see ``store``."""

from spark_grpc.store.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore"]
