"""``spark-grpc``: the commands and their parser.

    spark-grpc serve [--db PATH|postgresql://...] [--listen HOST:PORT]
    spark-grpc record TYPE [DESCRIPTION] [--agent A] [--task T] [--data JSON]
    spark-grpc record-batch [FILE]             (JSON lines; all or nothing)
    spark-grpc events [--type T] [--agent A] [--since 15m] [--limit N] [--follow]
    spark-grpc remember TYPE CONTENT [--subject S] [--confidence C] [--expires-at T]
    spark-grpc memories [--type T] [--subject S] [--limit N]
    spark-grpc update ID [--content C] [--confidence C] [--expires-at T | --no-expiry]
    spark-grpc delete ID
    spark-grpc watch [--type T] [--subject S] [--existing] [--after N]
    spark-grpc count {events,memories} [--type T]
    spark-grpc consolidate [--agent A]
    spark-grpc health
    spark-grpc token NAME {read,write,admin}   (a new line for a tokens file)

Client commands take ``--addr`` (default ``$SPARK_GRPC_ADDR`` or
127.0.0.1:50051) and print one line per record, or JSON lines with ``--json``.
Options may come before or after the positional arguments. Errors are one
line, ``spark-grpc: <what> (<how to fix>)``; the exit status is 2 for a usage
error and 1 for a failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from spark_grpc import __version__
from spark_grpc.cli.arguments import (
    PROG,
    TIME_FORMS,
    CommandError,
    Parser,
    UsageError,
    join_dash_values,
    number_argument,
    time_argument,
)
from spark_grpc.cli.commands import (
    cmd_ack,
    cmd_consolidate,
    cmd_consumer,
    cmd_consumers,
    cmd_count,
    cmd_delete,
    cmd_delete_consumer,
    cmd_events,
    cmd_health,
    cmd_history,
    cmd_memories,
    cmd_record,
    cmd_record_batch,
    cmd_remember,
    cmd_search,
    cmd_search_events,
    cmd_update,
    cmd_watch,
)
from spark_grpc.cli.connection import add_connection_flags, failure
from spark_grpc.cli.serve import add_setting_flags, cmd_serve
from spark_grpc.client import SparkRpcError


def cmd_token(args: argparse.Namespace) -> int:
    from spark_grpc.api.auth import token_line

    try:
        print(token_line(args.name, args.role))
    except ValueError as exc:
        raise UsageError(str(exc), "pick another name") from None
    return 0


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser, and each command's own parser by name."""
    parser = Parser(prog=PROG, description="Spark Memory: the swarm's event log over gRPC.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, argparse.ArgumentParser] = {}

    def command(
        name: str, help_text: str, run: Callable[[argparse.Namespace], int], *, client: bool = True
    ) -> argparse.ArgumentParser:
        made = sub.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:]
        )
        if client:
            add_connection_flags(made)
        made.set_defaults(run=run)
        commands[name] = made
        return made

    serve = sub.add_parser(
        "serve",
        help="serve the log and memories",
        description="Serve the log and memories. Every flag can also be set by the"
        " SPARK_* variable named in its help; a flag wins over its variable.",
    )
    add_setting_flags(serve)
    serve.set_defaults(run=cmd_serve)
    commands["serve"] = serve

    token = command(
        "token", "print a new random token line for a tokens file", cmd_token, client=False
    )
    token.add_argument("name", help="who the token is for (shown in the log and in errors)")
    token.add_argument("role", choices=("read", "write", "admin"))

    record = command("record", "record an event", cmd_record)
    record.add_argument("event_type")
    record.add_argument("description", nargs="?", default="")
    record.add_argument("--agent")
    record.add_argument("--task")
    record.add_argument("--data", help="a JSON object")
    record.add_argument("--importance", type=number_argument(float))
    record.add_argument("--id", help="a client-chosen id (makes retries idempotent)")

    batch = command(
        "record-batch", "record a batch of events from JSON lines, all or nothing", cmd_record_batch
    )
    batch.add_argument("file", nargs="?", default="-", help="JSON lines (default: stdin)")

    events = command("events", "list or follow events", cmd_events)
    events.epilog = "Times: " + TIME_FORMS + " ago (so --since 15m is the last 15 minutes)."
    events.add_argument("--type")
    events.add_argument("--agent")
    events.add_argument("--task")
    events.add_argument("--min-importance", type=number_argument(float), default=0.0)
    events.add_argument("--since", type=time_argument(-1), help="from this time (inclusive)")
    events.add_argument("--until", type=time_argument(-1), help="before this time (exclusive)")
    events.add_argument(
        "--after",
        type=number_argument(int),
        default=0,
        help="only sequences above this (resume a follow)",
    )
    events.add_argument(
        "--limit", type=number_argument(int), default=0, help="0: 100, or no limit with --follow"
    )
    events.add_argument("--oldest-first", action="store_true")
    events.add_argument(
        "--follow",
        "-f",
        action="store_true",
        help="keep streaming new events; reconnects by itself if the server restarts",
    )
    events.add_argument(
        "--consumer",
        metavar="NAME",
        help="with --follow: a durable consumer; starts after its acknowledged position",
    )
    events.add_argument(
        "--auto-ack",
        action="store_true",
        help="with --consumer: acknowledge each event once the next one is read",
    )

    remember = command("remember", "store a memory", cmd_remember)
    remember.epilog = "Times: " + TIME_FORMS + " from now (--expires-at 2h)."
    remember.add_argument("memory_type")
    remember.add_argument("content")
    remember.add_argument("--subject", default="")
    remember.add_argument("--confidence", type=number_argument(float))
    remember.add_argument("--source-events", type=number_argument(int), default=0)
    remember.add_argument("--expires-at", type=time_argument(+1), help="when it expires")
    remember.add_argument("--id")

    memories = command("memories", "list memories", cmd_memories)
    memories.add_argument("--type")
    memories.add_argument("--subject")
    memories.add_argument("--min-confidence", type=number_argument(float), default=0.0)
    memories.add_argument("--limit", type=number_argument(int), default=0)
    memories.add_argument("--include-expired", action="store_true")

    update = command("update", "change a memory's content, confidence or expiry", cmd_update)
    update.epilog = "Times: " + TIME_FORMS + " from now (--expires-at 2h)."
    update.add_argument("id", help="the memory's id (the first word of its line)")
    update.add_argument("--content")
    update.add_argument("--confidence", type=number_argument(float))
    expiry = update.add_mutually_exclusive_group()
    expiry.add_argument("--expires-at", type=time_argument(+1), help="a new expiry")
    expiry.add_argument("--no-expiry", action="store_true", help="never expire")

    delete = command("delete", "delete a memory", cmd_delete)
    delete.add_argument("id", help="the memory's id (the first word of its line)")

    watch = command("watch", "stream memory changes as they happen", cmd_watch)
    watch.add_argument("--type")
    watch.add_argument("--subject")
    watch.add_argument("--existing", action="store_true", help="first the memories that exist")
    watch.add_argument(
        "--after", type=number_argument(int), default=0, help="resume after this change sequence"
    )

    count = command("count", "count events or memories", cmd_count)
    count.add_argument("target", choices=("events", "memories"))
    count.add_argument("--type")
    count.add_argument("--include-expired", action="store_true")

    consolidate = command("consolidate", "run the consolidation rules now", cmd_consolidate)
    consolidate.add_argument("--agent")

    search = command("search", 'search memories (words, "phrases", prefix*)', cmd_search)
    search.add_argument("query")
    search.add_argument("--subject")
    search.add_argument("--type")
    search.add_argument("--limit", type=number_argument(int), default=0)
    search.add_argument("--include-expired", action="store_true")
    search_events = command(
        "search-events", "search events' description and data", cmd_search_events
    )
    search_events.add_argument("query")
    search_events.add_argument("--type")
    search_events.add_argument("--agent")
    search_events.add_argument("--task")
    search_events.add_argument("--limit", type=number_argument(int), default=0)
    history = command("history", "a memory's revisions, oldest first", cmd_history)
    history.add_argument("memory_id")

    ack = command("ack", "move a durable consumer's position forward (AckEvents)", cmd_ack)
    ack.add_argument("consumer", help="the consumer's name")
    ack.add_argument("sequence", type=number_argument(int), help="handled up to this sequence")
    consumer = command("consumer", "show a durable consumer and its lag", cmd_consumer)
    consumer.add_argument("name")
    command("consumers", "list the durable consumers", cmd_consumers)
    forget = command("delete-consumer", "forget a durable consumer", cmd_delete_consumer)
    forget.add_argument("name")

    health = command("health", "check that the server is serving (exit 1 if not)", cmd_health)
    health.add_argument("--service", default="", help="a service name (default: the server)")

    from spark_grpc.ops import commands as operations

    # export, import, backup: each sets its own `run`.
    operations.register(sub, lambda name, help_text: command(name, help_text, _no_run))

    from spark_grpc.mcp import command as mcp_command

    mcp_command.register(sub)
    return parser, commands


def _no_run(args: argparse.Namespace) -> int:  # replaced by each command's own
    raise NotImplementedError(args.command)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Options before or after positionals; values that start with '-'."""
    parser, commands = build_parser()
    if argv and argv[0] in commands:
        own = commands[argv[0]]
        args = own.parse_intermixed_args(join_dash_values(argv[1:], own))
        args.command = argv[0]
        return args
    return parser.parse_args(argv)  # --help, --version, or a usage error


def run(argv: Sequence[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.run(args))
    except SparkRpcError as error:
        problem = failure(error, args)
    except CommandError as error:
        problem = error
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    print(problem.line(), file=sys.stderr)
    return problem.status
