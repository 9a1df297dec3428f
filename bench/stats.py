"""What a scenario measures: figures over several runs, ratios, targets."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


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

    def figure(self, key: str, label: str, unit: str, target: Target | None = None) -> Figure:
        made = Figure(key, label, unit, target=target)
        self.figures.append(made)
        return made

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "seconds": round(self.seconds, 1),
            "figures": {figure.key: figure.as_json() for figure in self.figures},
            "notes": self.notes,
        }
