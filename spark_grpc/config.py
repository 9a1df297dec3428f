"""The server's settings: one frozen object, ``ServerConfig``.

Each field is declared once, with its default and help text; the ``serve``
command's flags and the ``SPARK_*`` environment variables are derived from
the field names (``max_batch`` is ``--max-batch`` and ``SPARK_MAX_BATCH``),
so they cannot drift apart. Flags win over the environment, which wins over
the defaults. A boolean that defaults to true is turned off by
``--no-<name>`` (``--no-auto-consolidate``) or ``SPARK_<NAME>=false``.

Adding a setting is adding a field here; the API, the store and the server
read it from the object they are given.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any

DEFAULT_DB = "data/spark.db"
DEFAULT_LISTEN = "127.0.0.1:50051"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SYNCHRONOUS_MODES = ("NORMAL", "FULL")
LOG_FORMATS = ("TEXT", "JSON")

GENERAL = "general"
SECURITY = "security (docs/SECURITY.md)"
OPERATIONS = "operations (docs/OPERATIONS.md)"
LIMITS = "limits"
RULES = "consolidation"


def setting(
    default: Any,
    help: str,  # noqa: A002 (the argparse word)
    *,
    group: str = GENERAL,
    choices: tuple[str, ...] | None = None,
    metavar: str | None = None,
    minimum: float | None = None,
    flag: str | None = None,
) -> Any:
    """A field of ServerConfig, with what its flag and variable need."""
    metadata = {
        "help": help,
        "group": group,
        "choices": choices,
        "metavar": metavar,
        "minimum": minimum,
        "flag": flag,
    }
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class ServerConfig:
    """Everything ``spark-grpc serve`` can be told."""

    db: str = setting(
        DEFAULT_DB, "SQLite file, or postgresql://USER@HOST:PORT/DBNAME", metavar="PATH|URL"
    )
    listen: str = setting(DEFAULT_LISTEN, "HOST:PORT; port 0 picks a free one", metavar="ADDR")
    synchronous: str = setting(
        "NORMAL",
        "SQLite durability: NORMAL survives a killed process, FULL also a power loss"
        " (an fsync per commit)",
        choices=SYNCHRONOUS_MODES,
    )
    readers: int = setting(
        4,
        "SQLite reader threads; PostgreSQL pool size is max(4, 2 x readers)",
        minimum=1,
        metavar="N",
    )
    grace_seconds: float = setting(
        10.0, "seconds that in-flight calls get to finish on SIGTERM/SIGINT", minimum=0
    )
    log_level: str = setting("INFO", "how much to log", choices=LOG_LEVELS)
    shared_sqlite: bool = setting(
        False,
        "let this server serve a SQLite file that another server already serves"
        " (refused by default)",
    )

    # ── operations ──
    http: str = setting(
        "",
        "also serve HTTP on HOST:PORT: /metrics, /healthz, /api/..., the live view at /",
        group=OPERATIONS,
        metavar="ADDR",
    )
    log_format: str = setting(
        "TEXT", "TEXT lines, or JSON: one object per line", group=OPERATIONS, choices=LOG_FORMATS
    )
    access_log: bool = setting(
        False,
        "log one line per RPC: method, status code, duration, peer, token name",
        group=OPERATIONS,
    )

    retain_events: str = setting(
        "",
        "delete events older than this: 30d, 12h, 90m, 3600s (empty: keep all)",
        group=OPERATIONS,
        metavar="AGE",
    )
    retain_max_events: int = setting(
        0, "delete the oldest events beyond this many (0: no bound)", group=OPERATIONS, minimum=0
    )
    retention_interval: float = setting(
        60.0, "seconds between retention passes", group=OPERATIONS, minimum=0.01
    )

    # ── consolidation ──
    auto_consolidate: bool = setting(
        True, "run the consolidation rules after each task outcome", group=RULES
    )
    rule_setting: Mapping[str, Any] = setting(
        {},
        "change a consolidation threshold, e.g. strong_success_rate=0.9 (repeatable;"
        " the variable takes NAME=VALUE,NAME=VALUE)",
        group=RULES,
        metavar="NAME=VALUE",
    )
    consolidation_interval: float = setting(
        1.0,
        "seconds between background consolidations of one subject; outcomes in between"
        " are folded into the next run",
        group=RULES,
        minimum=0,
    )
    memory_ttl: float = setting(
        0.0,
        "seconds a consolidated memory lives unless a rule renews it (0: no TTL)",
        group=RULES,
        minimum=0,
    )
    sweep_interval: float = setting(
        300.0,
        "seconds between deletions of long-expired memories (0: never)",
        group=RULES,
        minimum=0,
    )
    expired_grace_seconds: float = setting(
        7 * 24 * 3600.0,
        "how long an expired memory (and a memory change) is kept before the sweep deletes it",
        group=RULES,
        minimum=0,
    )

    # ── security ──
    tokens_file: str = setting(
        "", "require bearer tokens: 'TOKEN NAME ROLE' lines", group=SECURITY, metavar="FILE"
    )
    protect_health_reflection: bool = setting(
        False, "ask for a token on health checks and reflection too", group=SECURITY
    )
    tls_cert: str = setting("", "serve TLS: certificate chain", group=SECURITY, metavar="PEM")
    tls_key: str = setting("", "serve TLS: private key", group=SECURITY, metavar="PEM")
    tls_client_ca: str = setting(
        "",
        "mutual TLS: only clients with a certificate from this CA connect",
        group=SECURITY,
        metavar="PEM",
    )
    insecure: bool = setting(
        False, "serve a non-loopback address without any authentication", group=SECURITY
    )

    # ── limits ──
    max_message_bytes: int = setting(
        16 * 1024 * 1024, "largest request message in bytes", group=LIMITS, minimum=1
    )
    max_batch: int = setting(10_000, "events per RecordEvents batch", group=LIMITS, minimum=1)
    max_name_length: int = setting(
        256,
        "characters of event_type, memory_type, subject, agent_id and task_id",
        group=LIMITS,
        minimum=1,
    )
    max_text_length: int = setting(
        65_536, "characters of description and content", group=LIMITS, minimum=1
    )
    max_data_bytes: int = setting(
        1024 * 1024, "UTF-8 bytes of an event's data", group=LIMITS, minimum=2
    )
    max_followers: int = setting(
        1_000,
        "concurrent server streams (ListEvents, with or without follow, and WatchMemories)",
        group=LIMITS,
        minimum=0,
    )
    stall_seconds: float = setting(
        60.0,
        "seconds a server stream may accept nothing before it is ended with"
        " RESOURCE_EXHAUSTED naming the resume point",
        group=LIMITS,
        minimum=0.1,
    )
    max_data_depth: int = setting(
        64, "nesting depth of an event's data (objects and arrays)", group=LIMITS, minimum=1
    )
    max_db_bytes: int = setting(
        0,
        "largest SQLite file in bytes (0: no limit); a write past it gets RESOURCE_EXHAUSTED",
        group=LIMITS,
        minimum=0,
    )
    page_size: int = setting(500, "events per ListEvents message", group=LIMITS, minimum=1)
    max_page_bytes: int = setting(
        1024 * 1024,
        "bytes per ListEvents message (a larger single event goes alone)",
        group=LIMITS,
        minimum=1024,
    )
    max_memory_limit: int = setting(
        10_000, "memories per ListMemories answer (a larger limit is clamped)", group=LIMITS
    )
    max_response_bytes: int = setting(
        4 * 1024 * 1024,
        "bytes of a unary answer (gRPC's default receive limit)",
        group=LIMITS,
        minimum=1024,
    )

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.metadata["choices"] and isinstance(value, str):
                value = value.upper()
                object.__setattr__(self, item.name, value)
            check(item, value)

    @classmethod
    def from_sources(
        cls, flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
    ) -> ServerConfig:
        """Flags (None means not given) over SPARK_<NAME> variables over defaults."""
        env = os.environ if env is None else env
        flags = flags or {}
        values: dict[str, Any] = {}
        for item in fields(cls):
            given = flags.get(item.name)
            if given is not None and given != {}:
                values[item.name] = dict(given) if kind(item) is dict else given
                continue
            raw = env.get(variable(item))
            if raw is not None and raw != "":
                values[item.name] = parse(item, raw, variable(item))
        return cls(**values)


# ── what flags and variables are derived from ─────────────────────────────
def settings() -> Iterator[Field]:
    return iter(fields(ServerConfig))


def kind(item: Field) -> type:
    """bool, int, float, str, or dict (NAME=VALUE pairs)."""
    default = item.default if item.default_factory is MISSING else item.default_factory()
    return type(default)


def flag(item: Field) -> str:
    """The ``serve`` flag of a setting: its name, or ``--no-<name>`` for a
    boolean that is on unless turned off."""
    if item.metadata["flag"]:
        return item.metadata["flag"]
    name = item.name.replace("_", "-")
    return f"--no-{name}" if kind(item) is bool and item.default else f"--{name}"


def variable(item: Field) -> str:
    return "SPARK_" + item.name.upper()


def parse(item: Field, raw: str, source: str) -> Any:
    """A setting's value from text (a variable, or a flag's argument);
    ValueError naming ``source`` when it does not parse."""
    wanted = kind(item)
    text = raw.strip()
    if wanted is bool:
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{source} must be true or false, got {raw!r}")
    if wanted is dict:
        pairs = [pair(part, source) for part in text.split(",") if part.strip()]
        return dict(pairs)
    if wanted in (int, float):
        try:
            return wanted(text)
        except ValueError:
            noun = "an integer" if wanted is int else "a number"
            raise ValueError(f"{source} must be {noun}, got {raw!r}") from None
    choices = item.metadata["choices"]
    if choices:
        upper = text.upper()
        if upper not in choices:
            raise ValueError(f"{source} must be one of {', '.join(choices)}, got {raw!r}")
        return upper
    return raw


def pair(text: str, source: str) -> tuple[str, str]:
    """``NAME=VALUE`` -> (name, value)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"{source} expects NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def check(item: Field, value: Any) -> None:
    """Refuse a value out of the setting's range, naming its flag."""
    minimum = item.metadata.get("minimum")
    if minimum is not None and value < minimum:
        raise ValueError(f"{flag(item)} must be at least {minimum:g}, got {value!r}")
    choices = item.metadata.get("choices")
    if choices and value not in choices:
        raise ValueError(f"{flag(item)} must be one of {', '.join(choices)}, got {value!r}")
