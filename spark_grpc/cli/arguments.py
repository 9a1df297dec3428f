"""What the command line accepts, and how it says no.

Every message is one line, ``spark-grpc: <what> (<how to fix>)``: exit
status 2 for a usage error (``UsageError`` and argparse's own), 1 for a
failure (``CommandError``)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

PROG = "spark-grpc"


class CommandError(Exception):
    """A failure: ``spark-grpc: <what> (<fix>)``, exit status 1."""

    status = 1

    def __init__(self, what: str, fix: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix

    def line(self) -> str:
        return f"{PROG}: {self.what}" + (f" ({self.fix})" if self.fix else "")


class UsageError(CommandError):
    """Something typed or configured that cannot work: exit status 2."""

    status = 2


class Parser(argparse.ArgumentParser):
    """argparse with the one error style: a single line naming the help."""

    def error(self, message: str) -> NoReturn:
        command = self.prog if self.prog != PROG else PROG
        print(f"{PROG}: {message} (see '{command} --help')", file=sys.stderr)
        sys.exit(2)


def join_dash_values(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """``--token -abc`` -> ``--token=-abc``: a value that starts with ``-``
    (a token, a negative number) stays the value of the option before it,
    instead of being read as an option of its own."""
    takes_value = {
        option
        for action in parser._actions  # noqa: SLF001 (argparse keeps them there)
        if action.nargs is None and action.option_strings
        for option in action.option_strings
    }
    joined: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        if item in takes_value and i + 1 < len(items) and items[i + 1].startswith("-"):
            joined.append(f"{item}={items[i + 1]}")
            i += 2
            continue
        joined.append(item)
        i += 1
    return joined


# ── times ─────────────────────────────────────────────────────────────────
TIME_FORMS = (
    "RFC 3339 like 2026-12-03T07:55:00Z, or without a zone for local time,"
    " a date like 2026-12-03, or a duration like 15m, 2h, 1d"
)
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(text: str) -> timedelta | None:
    """``15m``, ``1h30m``, ``2d``, ``45s`` -> timedelta; None if not a duration."""
    compact = text.strip().lower()
    if not compact or _DURATION.sub("", compact):
        return None
    return timedelta(seconds=sum(float(n) * _UNITS[u] for n, u in _DURATION.findall(compact)))


def parse_time(text: str, *, direction: int, now: datetime | None = None) -> datetime:
    """An aware datetime from RFC 3339 (a missing zone is local time), a
    date (local midnight) or a duration from now (``direction`` -1: ago,
    +1: from now). ValueError when it is none of these."""
    now = now or datetime.now(UTC)
    duration = parse_duration(text)
    if duration is not None:
        return now + direction * duration
    try:
        # RFC 3339 with a "T" or a space, with or without a zone; a date.
        moment = datetime.fromisoformat(text.strip().upper())
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a time") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time
    return moment


def time_argument(direction: int) -> Callable[[str], datetime]:
    """An argparse ``type`` for a time flag."""

    def convert(text: str) -> datetime:
        try:
            return parse_time(text, direction=direction)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{exc}: use {TIME_FORMS}") from None

    convert.__name__ = "time"
    return convert


def number_argument(kind: type[int] | type[float], *, minimum: float | None = None) -> Any:
    """An argparse ``type`` for a number, with a floor."""

    def convert(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            noun = "an integer" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"must be {noun}, got {text!r}") from None
        if minimum is not None and value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum:g}, got {text!r}")
        return value

    convert.__name__ = kind.__name__
    return convert
