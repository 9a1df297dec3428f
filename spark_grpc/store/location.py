"""What a ``--db`` value names: a PostgreSQL URL or a SQLite file, and how
to show it in a log without its password. (Kept apart from the stores, so
that telling them apart does not import a database driver.)"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str) -> bool:
    return db.startswith(URL_SCHEMES)


def redact_url(db: str) -> str:
    """``db`` with any password replaced by ``***``, for logs."""
    if not is_postgres_url(db):
        return db
    parts = urlsplit(db)
    if parts.password is None:
        return db
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
