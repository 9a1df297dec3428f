"""One frozen settings object for the server, built from flags and SPARK_*
environment variables (flags win, then the environment, then defaults)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

DEFAULT_DB = "data/spark.db"
DEFAULT_LISTEN = "127.0.0.1:50051"


@dataclass(frozen=True)
class ServerConfig:
    """Everything ``spark-grpc serve`` can be told."""

    # SQLite file (the seed's default path).
    db: str = DEFAULT_DB
    # HOST:PORT to listen on; port 0 picks a free port.
    listen: str = DEFAULT_LISTEN
    # SQLite synchronous mode: NORMAL survives a killed process (the WAL is
    # in the OS's hands once a commit returns); FULL also survives a power
    # loss, at the cost of an fsync per commit.
    synchronous: str = "NORMAL"
    # Reader threads (each with its own connection).
    readers: int = 4
    # Seconds that in-flight calls get to finish on SIGTERM/SIGINT.
    grace_seconds: float = 10.0
    log_level: str = "INFO"
    # Run the consolidation rules after each task outcome.
    auto_consolidate: bool = True
    # Overrides of consolidation thresholds (name -> value).
    consolidation: Mapping[str, Any] = field(default_factory=dict)
    # Background consolidation of one subject starts at most this often
    # (seconds); outcomes recorded in between are folded into the next run.
    consolidation_interval_seconds: float = 1.0
    # Lifetime of consolidated memories in seconds (renewed each time a rule
    # confirms its finding); 0 means they live until the rule stops holding.
    memory_ttl_seconds: float = 0.0
    # Seconds between sweeps that delete long-expired memories; 0 disables.
    sweep_interval_seconds: float = 300.0
    # How long an expired memory is kept (shown with include_expired)
    # before the sweep deletes it.
    expired_grace_seconds: float = 7 * 24 * 3600.0

    # ── security (docs/SECURITY.md) ──
    # Bearer tokens file (``TOKEN NAME ROLE`` lines, see spark_grpc.auth);
    # empty means no token is asked for.
    tokens_file: str = ""
    # Ask for a token on health checks and reflection too.
    protect_health_reflection: bool = False
    # PEM certificate chain and private key: serve TLS instead of plaintext.
    tls_cert: str = ""
    tls_key: str = ""
    # PEM CA bundle: only clients with a certificate it signed may connect.
    tls_client_ca: str = ""
    # Serve a non-loopback address without any authentication.
    insecure: bool = False

    # ── limits ──
    # Largest request message in bytes (larger: RESOURCE_EXHAUSTED).
    max_message_bytes: int = 16 * 1024 * 1024
    # Events per RecordEvents batch.
    max_batch: int = 10_000
    # Characters in event_type, memory_type, subject, agent_id and task_id.
    max_name_length: int = 256
    # Characters in description and content.
    max_text_length: int = 65_536
    # UTF-8 bytes of an event's data.
    max_data_bytes: int = 1024 * 1024
    # Concurrent ListEvents(follow) and WatchMemories streams.
    max_followers: int = 1_000
    # Largest size of the database file in bytes, 0 for no limit; a write
    # that would grow it further gets RESOURCE_EXHAUSTED, as on a full disk.
    max_db_bytes: int = 0

    @classmethod
    def from_sources(
        cls, flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
    ) -> ServerConfig:
        """Flags (None means not given) over SPARK_<NAME> variables over defaults."""
        env = os.environ if env is None else env
        flags = flags or {}
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name == "consolidation":
                continue
            given = flags.get(item.name)
            if given is not None:
                values[item.name] = given
                continue
            raw = env.get(f"SPARK_{item.name.upper()}")
            if raw is not None and raw != "":
                values[item.name] = _convert(item.name, raw, type(getattr(cls(), item.name)))
        if flags.get("consolidation"):
            values["consolidation"] = dict(flags["consolidation"])
        return cls(**values)


def _convert(name: str, raw: str, kind: type) -> Any:
    try:
        if kind is bool:
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return kind(raw)
    except ValueError:
        raise ValueError(f"SPARK_{name.upper()} must be a {kind.__name__}, got {raw!r}") from None
