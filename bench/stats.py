"""What a scenario measures: figures over several runs, ratios, targets.

A figure the server measures on each store is one row of the report with a
figure per store (``ScenarioResult.per_store``); a baseline (the seed, raw
SQLite, the do-nothing gRPC server) has no store and is measured once.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

SQLITE = "sqlite"
POSTGRES = "postgres"
STORE_TITLES = {SQLITE: "SQLite", POSTGRES: "PostgreSQL"}


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` within [0, 1]) of ``samples``."""
    if not samples:
        raise ValueError("percentile of no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Target:
    """What a figure must reach: ``value >= threshold`` or ``value < threshold``."""

    op: str  # ">=" or "<"
    threshold: float

    def met(self, value: float) -> bool:
        return value >= self.threshold if self.op == ">=" else value < self.threshold


@dataclass
class Figure:
    """One quantity, measured once per run; reported as median, min and max."""

    key: str
    label: str
    unit: str
    runs: list[float] = field(default_factory=list)
    target: Target | None = None
    # The store whose server (or raw SQL) was measured; None for a baseline.
    store: str | None = None

    def add(self, value: float) -> None:
        self.runs.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def met(self) -> bool | None:
        if self.target is None or not self.runs:
            return None
        return self.target.met(self.median)

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"label": self.label, "unit": self.unit, "runs": self.runs}
        if self.runs:
            result.update(median=self.median, min=min(self.runs), max=max(self.runs))
        if self.target is not None:
            result["target"] = {"op": self.target.op, "threshold": self.target.threshold}
            result["met"] = self.met
        return result


@dataclass
class ScenarioResult:
    """The figures of one scenario, in the order they are printed."""

    name: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def figure(
        self,
        key: str,
        label: str,
        unit: str,
        target: Target | None = None,
        store: str | None = None,
    ) -> Figure:
        made = Figure(key, label, unit, target=target, store=store)
        self.figures.append(made)
        return made

    def per_store(
        self,
        key: str,
        label: str,
        unit: str,
        stores: Sequence[str],
        target: Target | None = None,
    ) -> dict[str, Figure]:
        """One figure per store, printed side by side in one row."""
        return {store: self.figure(key, label, unit, target, store) for store in stores}

    def rows(self) -> list[dict[str | None, Figure]]:
        """The figures by key, in order: each row maps a store (None for a
        baseline) to its figure."""
        rows: dict[str, dict[str | None, Figure]] = {}
        for figure in self.figures:
            rows.setdefault(figure.key, {})[figure.store] = figure
        return list(rows.values())

    def as_json(self) -> dict[str, Any]:
        # A row as its SQLite (or baseline) figure, with PostgreSQL's inside.
        figures: dict[str, Any] = {}
        for row in self.rows():
            first = next(iter(row.values()))
            entry = {"store": first.store, **first.as_json()}
            for store, figure in row.items():
                if figure is not first and store is not None:
                    entry[store] = figure.as_json()
            figures[first.key] = entry
        return {
            "title": self.title,
            "seconds": round(self.seconds, 1),
            "figures": figures,
            "notes": self.notes,
        }
