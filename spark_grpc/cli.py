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

from spark_grpc import config
from spark_grpc.client import SparkClient, SparkError, from_timestamp
from spark_grpc.config import ServerConfig
from spark_grpc.core.errors import SparkError as ServerError
from spark_grpc.mcp import command as mcp_command

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

    flags = {item.name: getattr(args, item.name) for item in config.settings()}
    try:
        settings = ServerConfig.from_sources(flags)
    except ValueError as exc:
        print(f"spark-grpc serve: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        asyncio.run(serve(settings))
    except (OSError, ValueError, ServerError) as exc:  # bad address, settings or database
        logging.getLogger("spark_grpc").error("cannot serve: %s", exc)
        return 1
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from spark_grpc.api.auth import token_line

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


def add_setting_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per ServerConfig field, in the field's group. A flag left out
    is None, so that from_sources falls back to the variable, then the
    default."""
    groups: dict[str, argparse._ArgumentGroup] = {}
    for item in config.settings():
        group_name = item.metadata["group"]
        if group_name == config.GENERAL:
            group: Any = parser
        else:
            group = groups.get(group_name) or parser.add_argument_group(group_name)
            groups[group_name] = group
        kind = config.kind(item)
        default = item.default if kind is not dict else None
        text = f"{item.metadata['help']} ({config.variable(item)}"
        text += f"; default {default})" if default not in (None, "", False, True) else ")"
        options: dict[str, Any] = {"dest": item.name, "default": None, "help": text}
        if kind is bool:
            options["action"] = "store_const"
            options["const"] = not item.default
        elif kind is dict:
            options.update(
                action="append",
                type=_argument(item),
                metavar=item.metadata["metavar"] or "NAME=VALUE",
            )
        else:
            options.update(type=_argument(item), metavar=item.metadata["metavar"] or "N")
            if item.metadata["choices"]:
                options["metavar"] = "{" + ",".join(item.metadata["choices"]) + "}"
        group.add_argument(config.flag(item), **options)


def _argument(item: Any) -> Any:
    """The argparse ``type`` of a setting's flag: the setting's own parser,
    its error shown as argparse's usage error."""
    source = config.flag(item)

    def convert(text: str) -> Any:
        try:
            if config.kind(item) is dict:
                return config.pair(text, source)
            return config.parse(item, text, source)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc).removeprefix(f"{source} ")) from None

    convert.__name__ = config.kind(item).__name__
    return convert


# ── parser ────────────────────────────────────────────────────────────────
def add_connection_flags(sub: argparse.ArgumentParser) -> None:
    """--addr, --token, the TLS flags and --timeout of a client command."""
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spark-grpc", description="Spark Memory: the swarm's event log over gRPC."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser(
        "serve",
        help="serve the log and memories",
        description="Serve the log and memories. Every flag can also be set by the"
        " SPARK_* variable named in its help; a flag wins over its variable.",
    )
    add_setting_flags(serve)
    serve.set_defaults(run=cmd_serve)

    token = commands.add_parser("token", help="print a new random token line for a tokens file")
    token.add_argument("name", help="who the token is for (shown in the log and in errors)")
    token.add_argument("role", choices=("read", "write", "admin"))
    token.set_defaults(run=cmd_token)

    def client_command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        add_connection_flags(sub)
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

    mcp_command.register(commands)
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
