"""``spark-grpc serve``: one flag per ``ServerConfig`` field, each also a
``SPARK_*`` variable; the server's own errors as one line each."""

from __future__ import annotations

import argparse
import asyncio
import difflib
import logging
import os
from collections.abc import Mapping
from typing import Any

from spark_grpc import config
from spark_grpc.cli.arguments import PROG, CommandError, UsageError
from spark_grpc.client.channel import ADDRESS_VARIABLE, TLS_VARIABLES, TOKEN_VARIABLE
from spark_grpc.config import ServerConfig
from spark_grpc.core.errors import SparkError as ServerError

# SPARK_* variables that are not server settings: the clients'.
CLIENT_VARIABLES = (ADDRESS_VARIABLE, TOKEN_VARIABLE, *TLS_VARIABLES.values())


def cmd_serve(args: argparse.Namespace) -> int:
    flags = {item.name: getattr(args, item.name) for item in config.settings()}
    try:
        settings = ServerConfig.from_sources(flags)
    except ValueError as exc:
        raise UsageError(str(exc), f"see '{PROG} serve --help'") from None
    from spark_grpc.ops.logs import configure

    configure(settings.log_level, settings.log_format)
    for warning in unknown_variables(os.environ):
        logging.getLogger("spark_grpc").warning("%s", warning)
    from spark_grpc.server import serve

    try:
        asyncio.run(serve(settings))
    except (OSError, ValueError, ServerError) as exc:  # address, TLS files, database
        raise CommandError(f"cannot serve: {exc}") from None
    return 0


def unknown_variables(env: Mapping[str, str]) -> list[str]:
    """A warning for each SPARK_* variable that nothing reads (a typo, or an
    old name), with the nearest setting."""
    known = [config.variable(item) for item in config.settings()] + list(CLIENT_VARIABLES)
    warnings = []
    for name in sorted(env):
        if name.startswith("SPARK_") and name not in known:
            near = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {near[0]}?" if near else f"see '{PROG} serve --help'"
            warnings.append(f"{name} is not a setting and is ignored ({hint})")
    return warnings


def add_setting_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per ServerConfig field, in the field's group. A flag left out
    is None, so that from_sources falls back to the variable, then the
    default."""
    groups: dict[str, Any] = {}
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
