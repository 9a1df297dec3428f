"""The bench report: the machine, a table (plain or Markdown) and JSON."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from bench.stats import POSTGRES, SQLITE, STORE_TITLES, Figure, ScenarioResult


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory_gib = None
    try:
        with open("/proc/meminfo") as meminfo:
            memory_gib = round(int(meminfo.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    from google.protobuf.internal import api_implementation

    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gib": memory_gib,
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "grpcio": metadata.version("grpcio"),
        "protobuf": f"{metadata.version('protobuf')} ({api_implementation.Type()})",
    }


def _number(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cells(figure: Figure | None) -> tuple[str, str, str]:
    """Median, min and max of a figure; blanks where the store has none."""
    if figure is None:
        return ("", "", "")
    if not figure.runs:
        return ("-", "-", "-")
    return (_number(figure.median), _number(min(figure.runs)), _number(max(figure.runs)))


def _verdict(figure: Figure | None) -> str:
    if figure is None or figure.met is None:
        return ""
    return "met" if figure.met else "MISSED"


def _with_postgres(results: Sequence[ScenarioResult]) -> bool:
    return any(figure.store == POSTGRES for result in results for figure in result.figures)


@dataclass(frozen=True)
class _Row:
    """One row of the report: the first column set is SQLite's figure (or
    the baseline's), the second PostgreSQL's."""

    label: str
    unit: str
    target: str
    first: Figure | None
    postgres: Figure | None

    @classmethod
    def of(cls, cells: dict[str | None, Figure]) -> _Row:
        some = next(iter(cells.values()))
        target = ""
        if some.target is not None:
            target = f"{some.target.op} {_number(some.target.threshold)}"
        first = cells.get(SQLITE) or cells.get(None)
        return cls(some.label, some.unit, target, first, cells.get(POSTGRES))

    def verdicts(self, postgres: bool) -> str:
        first, second = _verdict(self.first), _verdict(self.postgres)
        if not postgres or not (first or second):
            return first
        return f"{first or '-'} / {second or '-'}"


def table(results: Sequence[ScenarioResult]) -> str:
    """A plain-text table: one block of rows per scenario, PostgreSQL's
    figures beside SQLite's when it was measured."""
    postgres = _with_postgres(results)
    header: tuple[str, ...] = ("figure", "median", "min", "max")
    if postgres:
        header += ("pg median", "pg min", "pg max")
    header += ("unit", "target", "sqlite / pg" if postgres else "")
    rows: list[tuple[str, ...] | str] = [header]
    for result in results:
        rows.append(f"{result.title}  ({result.seconds:.0f} s)")
        for row in map(_Row.of, result.rows()):
            cells = ("  " + row.label, *_cells(row.first))
            if postgres:
                cells += _cells(row.postgres)
            rows.append((*cells, row.unit, row.target, row.verdicts(postgres)))
    widths = [
        max(len(row[i]) for row in rows if isinstance(row, tuple)) for i in range(len(header))
    ]
    left = {0, len(header) - 3, len(header) - 2}
    lines = []
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
            continue
        padded = [
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def markdown(results: Sequence[ScenarioResult]) -> str:
    """The same table in Markdown, for the README."""
    postgres = _with_postgres(results)
    if postgres:
        lines = [
            "| scenario | figure | SQLite median | min | max | PostgreSQL median | min | max"
            " | unit | target |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
    else:
        lines = [
            "| scenario | figure | median | min | max | unit | target |",
            "| --- | --- | ---: | ---: | ---: | --- | --- |",
        ]
    for result in results:
        for index, row in enumerate(map(_Row.of, result.rows())):
            cells = [result.title if index == 0 else "", row.label, *_cells(row.first)]
            if postgres:
                cells += _cells(row.postgres)
            target = row.target
            verdicts = []
            for store, figure in ((SQLITE, row.first), (POSTGRES, row.postgres)):
                if _verdict(figure):
                    whose = f"{STORE_TITLES[store]} " if postgres else ""
                    verdicts.append(whose + _verdict(figure).lower())
            if verdicts:
                target = f"{target} ({', '.join(verdicts)})"
            cells += [row.unit, target]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
