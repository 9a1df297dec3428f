"""``spark-grpc``: serve the log, or talk to a running server.

    spark-grpc serve [--db PATH|postgresql://...] [--listen HOST:PORT]
    spark-grpc record TYPE [DESCRIPTION] [--agent A] [--task T] [--data JSON]
    spark-grpc events [--type T] [--agent A] [--task T] [--limit N] [--follow]
    spark-grpc remember TYPE CONTENT [--subject S] [--confidence C]
    spark-grpc memories [--type T] [--subject S] [--limit N]
    spark-grpc count {events,memories} [--type T]
    spark-grpc token NAME {read,write,admin}   (a new line for a tokens file)

Client commands take ``--addr`` (default ``$SPARK_GRPC_ADDR`` or
127.0.0.1:50051) and print one line per record, or JSON lines with ``--json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from google.protobuf import json_format

from spark_grpc.client import SparkClient, SparkError, from_timestamp
from spark_grpc.config import ServerConfig
from spark_grpc.errors import SparkError as ServerError

DEFAULT_ADDR = "127.0.0.1:50051"


def _read(path: str | None) -> bytes | None:
    if not path:
        return None
    with open(path, "rb") as file:
        return file.read()


def _client(args: argparse.Namespace) -> SparkClient:
    tls = args.tls_ca or args.tls_cert
    return SparkClient(
        args.addr,
        timeout=args.timeout,
        token=args.token or None,
        root_certificates=_read(args.tls_ca) if tls else None,
        private_key=_read(args.tls_key),
        certificate_chain=_read(args.tls_cert),
        server_name=args.tls_server_name or None,
        tls=bool(tls),
    )


def _emit(args: argparse.Namespace, message: Any, line: str) -> None:
    if args.json:
        text = json_format.MessageToJson(message, indent=None, preserving_proto_field_name=True)
        print(text, flush=True)
    else:
        print(line, flush=True)


def _event_line(event: Any) -> str:
    when = from_timestamp(event.created_at).isoformat(timespec="milliseconds")
    who = " ".join(
        part
        for part in (
            f"agent={event.agent_id}" if event.HasField("agent_id") else "",
            f"task={event.task_id}" if event.HasField("task_id") else "",
        )
        if part
    )
    text = f"#{event.sequence} {when} {event.event_type} [{event.importance:.2f}]"
    if who:
        text += f" {who}"
    if event.description:
        text += f" {event.description}"
    if event.data and event.data != "{}":
        text += f" {event.data}"
    return text


def _memory_line(memory: Any) -> str:
    when = from_timestamp(memory.created_at).isoformat(timespec="seconds")
    text = (
        f"{when} {memory.memory_type} {memory.subject} [{memory.confidence:.2f}] {memory.content}"
    )
    if memory.HasField("expires_at"):
        text += f" (expires {from_timestamp(memory.expires_at).isoformat(timespec='seconds')})"
    return text


# ── commands ──────────────────────────────────────────────────────────────
def cmd_serve(args: argparse.Namespace) -> int:
    from spark_grpc.server import serve

    config = ServerConfig.from_sources(
        {
            "db": args.db,
            "listen": args.listen,
            "synchronous": args.synchronous,
            "log_level": args.log_level,
            "auto_consolidate": False if args.no_auto_consolidate else None,
            "memory_ttl_seconds": args.memory_ttl,
            "consolidation_interval_seconds": args.consolidation_interval,
            "sweep_interval_seconds": args.sweep_interval,
            "consolidation": dict(args.rule_setting or ()),
            "tokens_file": args.tokens_file,
            "protect_health_reflection": True if args.protect_health_reflection else None,
            "tls_cert": args.tls_cert,
            "tls_key": args.tls_key,
            "tls_client_ca": args.tls_client_ca,
            "insecure": True if args.insecure else None,
            "max_message_bytes": args.max_message_bytes,
            "max_batch": args.max_batch,
            "max_name_length": args.max_name_length,
            "max_text_length": args.max_text_length,
            "max_data_bytes": args.max_data_bytes,
            "max_followers": args.max_followers,
            "max_db_bytes": args.max_db_bytes,
        }
    )
    logging.basicConfig(
        level=config.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        asyncio.run(serve(config))
    except (OSError, ValueError, ServerError) as exc:  # bad address, settings or database
        logging.getLogger("spark_grpc").error("cannot serve: %s", exc)
        return 1
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from spark_grpc.auth import token_line

    try:
        print(token_line(args.name, args.role))
    except ValueError as exc:
        print(f"spark-grpc token: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    with _client(args) as spark:
        response = spark.record_event(
            args.event_type,
            args.description,
            agent_id=args.agent,
            task_id=args.task,
            data=args.data,
            importance=args.importance,
            id=args.id,
        )
    suffix = " (duplicate)" if response.duplicate else ""
    _emit(args, response, _event_line(response.event) + suffix)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    filters = {
        "event_type": args.type,
        "agent_id": args.agent,
        "task_id": args.task,
        "min_importance": args.min_importance,
        "after_sequence": args.after,
        "limit": args.limit,
        "since": args.since,
        "until": args.until,
    }
    with _client(args) as spark:
        if args.follow:
            try:
                for event in spark.follow_events(**filters):
                    _emit(args, event, _event_line(event))
            except KeyboardInterrupt:
                pass
            return 0
        order = "ORDER_OLDEST_FIRST" if args.oldest_first else "ORDER_NEWEST_FIRST"
        for event in spark.list_events(order=order, **filters):
            _emit(args, event, _event_line(event))
    return 0


def cmd_remember(args: argparse.Namespace) -> int:
    with _client(args) as spark:
        response = spark.store_memory(
            args.memory_type,
            args.content,
            args.subject,
            confidence=args.confidence,
            source_events=args.source_events,
            expires_at=args.expires_at,
            id=args.id,
        )
    _emit(args, response, _memory_line(response.memory))
    return 0


def cmd_memories(args: argparse.Namespace) -> int:
    with _client(args) as spark:
        for memory in spark.list_memories(
            memory_type=args.type,
            subject=args.subject,
            min_confidence=args.min_confidence,
            limit=args.limit,
            include_expired=args.include_expired,
        ):
            _emit(args, memory, _memory_line(memory))
    return 0


def cmd_count(args: argparse.Namespace) -> int:
    target = "COUNT_TARGET_EVENTS" if args.target == "events" else "COUNT_TARGET_MEMORIES"
    with _client(args) as spark:
        count = spark.count(target, args.type, include_expired=args.include_expired)
    if args.json:
        print(json.dumps({"count": count}))
    else:
        print(count)
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    with _client(args) as spark:
        response = spark.consolidate(args.agent)
    if args.json:
        _emit(args, response, "")
        return 0
    for label, memories in (
        ("created", response.created),
        ("updated", response.updated),
        ("expired", response.expired),
    ):
        for memory in memories:
            print(f"{label}: {_memory_line(memory)}")
    return 0


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


# ── parser ────────────────────────────────────────────────────────────────
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spark-grpc", description="Spark Memory: the swarm's event log over gRPC."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the log and memories")
    serve.add_argument(
        "--db",
        help="SQLite file, or postgresql://USER@HOST:PORT/DBNAME (SPARK_DB; default data/spark.db)",
    )
    serve.add_argument(
        "--listen", help="HOST:PORT, port 0 for a free one (SPARK_LISTEN; default 127.0.0.1:50051)"
    )
    serve.add_argument(
        "--synchronous",
        choices=("NORMAL", "FULL", "normal", "full"),
        help="NORMAL survives a killed process, FULL also a power loss (SPARK_SYNCHRONOUS)",
    )
    serve.add_argument("--log-level", help="DEBUG, INFO, WARNING (SPARK_LOG_LEVEL)")
    serve.add_argument(
        "--no-auto-consolidate",
        action="store_true",
        help="do not run the consolidation rules after each task outcome",
    )
    serve.add_argument(
        "--rule-setting",
        action="append",
        type=_setting,
        metavar="NAME=VALUE",
        help="change a consolidation threshold, e.g. strong_success_rate=0.9 (repeatable)",
    )
    serve.add_argument(
        "--consolidation-interval",
        type=float,
        help="seconds between background consolidations of one subject (default 1)",
    )
    serve.add_argument(
        "--memory-ttl",
        type=float,
        help="seconds a consolidated memory lives unless a rule renews it (0: no TTL)",
    )
    serve.add_argument(
        "--sweep-interval",
        type=float,
        help="seconds between deletions of long-expired memories (0: never)",
    )
    security = serve.add_argument_group("security (docs/SECURITY.md)")
    security.add_argument(
        "--tokens-file",
        metavar="FILE",
        help="require bearer tokens: 'TOKEN NAME ROLE' lines (SPARK_TOKENS_FILE)",
    )
    security.add_argument(
        "--protect-health-reflection",
        action="store_true",
        help="ask for a token on health checks and reflection too",
    )
    security.add_argument("--tls-cert", metavar="PEM", help="serve TLS: certificate chain")
    security.add_argument("--tls-key", metavar="PEM", help="serve TLS: private key")
    security.add_argument(
        "--tls-client-ca",
        metavar="PEM",
        help="mutual TLS: only clients with a certificate from this CA connect",
    )
    security.add_argument(
        "--insecure",
        action="store_true",
        help="serve a non-loopback address without any authentication",
    )
    limits = serve.add_argument_group("limits")
    for flag, meaning in (
        ("--max-message-bytes", "largest request message (default 16 MiB)"),
        ("--max-batch", "events per RecordEvents batch (default 10000)"),
        ("--max-name-length", "characters of types, subjects, agent and task ids (256)"),
        ("--max-text-length", "characters of description and content (65536)"),
        ("--max-data-bytes", "UTF-8 bytes of an event's data (default 1 MiB)"),
        ("--max-followers", "concurrent follow and watch streams (default 1000)"),
        ("--max-db-bytes", "largest database file; 0: no limit (default)"),
    ):
        limits.add_argument(flag, type=int, metavar="N", help=meaning)
    serve.set_defaults(run=cmd_serve)

    token = commands.add_parser("token", help="print a new random token line for a tokens file")
    token.add_argument("name", help="who the token is for (shown in the log and in errors)")
    token.add_argument("role", choices=("read", "write", "admin"))
    token.set_defaults(run=cmd_token)

    def client_command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument(
            "--addr",
            default=os.environ.get("SPARK_GRPC_ADDR", DEFAULT_ADDR),
            help="server HOST:PORT (SPARK_GRPC_ADDR; default 127.0.0.1:50051)",
        )
        sub.add_argument("--token", default=os.environ.get("SPARK_TOKEN"), help="bearer token")
        for flag, meaning in (
            ("--tls-ca", "connect with TLS, trusting this CA (PEM file)"),
            ("--tls-cert", "client certificate for mutual TLS (PEM file)"),
            ("--tls-key", "client private key for mutual TLS (PEM file)"),
            ("--tls-server-name", "expect this name in the server's certificate"),
        ):
            variable = "SPARK_GRPC_" + flag[2:].replace("-", "_").upper()
            sub.add_argument(flag, default=os.environ.get(variable), help=f"{meaning} ({variable})")
        sub.add_argument("--timeout", type=float, default=10.0, help="seconds per call")
        sub.add_argument("--json", action="store_true", help="print JSON lines")
        return sub

    record = client_command("record", "record an event")
    record.add_argument("event_type")
    record.add_argument("description", nargs="?", default="")
    record.add_argument("--agent")
    record.add_argument("--task")
    record.add_argument("--data", help="a JSON object")
    record.add_argument("--importance", type=float)
    record.add_argument("--id", help="a client-chosen id (makes retries idempotent)")
    record.set_defaults(run=cmd_record)

    events = client_command("events", "list or follow events")
    events.add_argument("--type")
    events.add_argument("--agent")
    events.add_argument("--task")
    events.add_argument("--min-importance", type=float, default=0.0)
    events.add_argument("--since", help="RFC 3339 time (inclusive)")
    events.add_argument("--until", help="RFC 3339 time (exclusive)")
    events.add_argument("--after", type=int, default=0, help="only sequences above this")
    events.add_argument("--limit", type=int, default=0, help="0: 100, or no limit with --follow")
    events.add_argument("--oldest-first", action="store_true")
    events.add_argument("--follow", "-f", action="store_true", help="keep streaming new events")
    events.set_defaults(run=cmd_events)

    remember = client_command("remember", "store a memory")
    remember.add_argument("memory_type")
    remember.add_argument("content")
    remember.add_argument("--subject", default="")
    remember.add_argument("--confidence", type=float)
    remember.add_argument("--source-events", type=int, default=0)
    remember.add_argument("--expires-at", help="RFC 3339 time")
    remember.add_argument("--id")
    remember.set_defaults(run=cmd_remember)

    memories = client_command("memories", "list memories")
    memories.add_argument("--type")
    memories.add_argument("--subject")
    memories.add_argument("--min-confidence", type=float, default=0.0)
    memories.add_argument("--limit", type=int, default=0)
    memories.add_argument("--include-expired", action="store_true")
    memories.set_defaults(run=cmd_memories)

    count = client_command("count", "count events or memories")
    count.add_argument("target", choices=("events", "memories"))
    count.add_argument("--type")
    count.add_argument("--include-expired", action="store_true")
    count.set_defaults(run=cmd_count)

    consolidate = client_command("consolidate", "run the consolidation rules now")
    consolidate.add_argument("--agent")
    consolidate.set_defaults(run=cmd_consolidate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SparkError as error:
        print(f"spark-grpc: {error.code.name}: {error.details}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
