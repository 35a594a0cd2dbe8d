"""Medians, ranges, ratios and verdicts for the bench's printed rows."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path


def load_average() -> float:
    """The 1-minute load average (the machine is shared: print it with every row)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


@dataclass
class Series:
    """Repeated measurements of one thing (seconds or MiB)."""

    values: list[float] = field(default_factory=list)
    unit: str = "s"

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def describe(self) -> str:
        """ "1.23 s (1.10–1.40, n=5)"; "—" when nothing was measured."""
        if not self.values:
            return "—"
        digits = 0 if self.unit == "MiB" else (3 if self.median < 1 else 2)
        low, high = min(self.values), max(self.values)
        return (
            f"{self.median:.{digits}f} {self.unit} "
            f"({low:.{digits}f}–{high:.{digits}f}, n={len(self.values)})"
        )


def ratio(ours: Series, peer: Series) -> float:
    if not ours.values or not peer.values or peer.median == 0:
        return float("nan")
    return ours.median / peer.median


def verdict(value: float, limit: float) -> str:
    """met / MISSED for "value ≤ limit"; "not measured" when value is missing."""
    if math.isnan(value):
        return "not measured"
    return "met" if value <= limit else "MISSED"
