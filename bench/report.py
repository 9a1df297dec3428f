"""The bench report: the machine, a table (plain or Markdown) and JSON."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from bench.stats import Figure, ScenarioResult

_HEADER = ("figure", "median", "min", "max", "unit", "target", "")


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


def _row(figure: Figure) -> tuple[str, ...]:
    if not figure.runs:
        return (figure.label, "-", "-", "-", figure.unit, "", "")
    target = ""
    verdict = ""
    if figure.target is not None:
        target = f"{figure.target.op} {_number(figure.target.threshold)}"
        verdict = "met" if figure.met else "MISSED"
    return (
        figure.label,
        _number(figure.median),
        _number(min(figure.runs)),
        _number(max(figure.runs)),
        figure.unit,
        target,
        verdict,
    )


def table(results: Sequence[ScenarioResult]) -> str:
    """A plain-text table: one block of rows per scenario."""
    rows: list[tuple[str, ...] | str] = [_HEADER]
    for result in results:
        rows.append(f"{result.title}  ({result.seconds:.0f} s)")
        rows.extend(("  " + r[0], *r[1:]) for r in map(_row, result.figures))
    cells = [row for row in rows if isinstance(row, tuple)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(_HEADER))]
    lines = []
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
            continue
        padded = [
            cell.ljust(width) if i in (0, 4, 5) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def markdown(results: Sequence[ScenarioResult]) -> str:
    """The same table in Markdown, for the README."""
    lines = [
        "| scenario | figure | median | min | max | unit | target |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for result in results:
        for index, figure in enumerate(result.figures):
            name, median, low, high, unit, target, verdict = _row(figure)
            scenario = result.title if index == 0 else ""
            if verdict:
                target = f"{target} ({verdict.lower()})"
            lines.append(f"| {scenario} | {name} | {median} | {low} | {high} | {unit} | {target} |")
    return "\n".join(lines)
