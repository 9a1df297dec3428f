"""The operations commands of ``spark-grpc``: export, import, backup.

``register(commands, client_command)`` adds them to the CLI's subparsers;
``client_command(name, help)`` is the CLI's maker of client commands (with
``--addr``, ``--token``, TLS and ``--json``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def register(commands: Any, client_command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    export = client_command(
        "export", "write events (or memories) as CloudEvents JSON lines to stdout"
    )
    export.add_argument("--type", help="only this event_type")
    export.add_argument("--agent")
    export.add_argument("--task")
    export.add_argument("--min-importance", type=float, default=0.0)
    export.add_argument("--since", help="RFC 3339 time (inclusive)")
    export.add_argument("--until", help="RFC 3339 time (exclusive)")
    export.add_argument("--after", type=int, default=0, help="only sequences above this")
    export.add_argument(
        "--memories", action="store_true", help="export the memories (expired ones too)"
    )
    export.set_defaults(run=cmd_export)

    load = client_command("import", "record CloudEvents JSON lines (from export); idempotent by id")
    load.add_argument("file", help="a file of JSON lines, or - for stdin")
    load.add_argument("--batch", type=int, default=500, help="events per RecordEvents call")
    load.add_argument("--skip", type=int, default=0, help="skip the first N lines (resume)")
    load.set_defaults(run=cmd_import)

    backup = commands.add_parser(
        "backup",
        help="copy a SQLite store while it serves, and check the copy",
        description="An online, consistent copy of a SQLite store (SQLite's backup API),"
        " taken while writers continue, then PRAGMA integrity_check on the copy."
        " For PostgreSQL use pg_dump (docs/OPERATIONS.md).",
    )
    backup.add_argument("path", help="where to write the copy (must not exist)")
    backup.add_argument(
        "--db", default=None, help="the SQLite file (SPARK_DB; default data/spark.db)"
    )
    backup.set_defaults(run=cmd_backup)


def _client(args: argparse.Namespace):
    from spark_grpc.cli.connection import client

    return client(args)


def cmd_export(args: argparse.Namespace) -> int:
    from spark_grpc.ops.transfer import export_events, export_memories, write_lines

    with _client(args) as spark:
        if args.memories:
            items = export_memories(spark, memory_type=args.type, subject=args.agent)
        else:
            items = export_events(
                spark,
                event_type=args.type,
                agent_id=args.agent,
                task_id=args.task,
                min_importance=args.min_importance,
                since=args.since,
                until=args.until,
                after_sequence=args.after,
            )
        count = write_lines(items, sys.stdout)
    print(f"spark-grpc export: {count} lines", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from spark_grpc.ops.transfer import (
        ImportStopped,
        Progress,
        count_lines,
        import_lines,
        open_input,
    )

    progress = Progress(count_lines(args.file), sys.stderr, enabled=sys.stderr.isatty())
    try:
        with _client(args) as spark, open_input(args.file) as lines:
            totals = import_lines(
                spark, lines, batch=args.batch, skip=args.skip, progress=progress.update
            )
    except ImportStopped as stopped:
        progress.update(0, final=True) if progress.enabled else None
        print(f"spark-grpc import: stopped at {stopped}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"spark-grpc import: {exc}", file=sys.stderr)
        return 2
    if progress.enabled:
        progress.update(totals["lines"], final=True)
    print(
        f"spark-grpc import: {totals['lines']} lines, {totals['events']} events and"
        f" {totals['memories']} memories recorded (new or already there)",
        file=sys.stderr,
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    import os

    from spark_grpc.config import DEFAULT_DB
    from spark_grpc.ops.backup import BackupFailed, backup_sqlite

    source = args.db or os.environ.get("SPARK_DB") or DEFAULT_DB
    try:
        report = backup_sqlite(source, args.path)
    except BackupFailed as exc:
        print(f"spark-grpc backup: {exc}", file=sys.stderr)
        return 1
    print(
        f"spark-grpc backup: {args.path}: {report.events} events, {report.memories} memories,"
        f" {report.bytes:,} bytes, integrity ok ({report.seconds:.2f}s)"
    )
    return 0
