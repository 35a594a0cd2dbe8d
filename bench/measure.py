"""Run a command and measure wall time and the peak memory of its whole process tree."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ward_core.proctree import TreePeak


@dataclass
class Measurement:
    seconds: float
    peak_rss_mib: float
    returncode: int
    output: str
    # At the tree's peak: MiB by process name (python, pagefind…), the profile
    # that says which program sets the floor.
    peak_by_program: dict[str, float] = field(default_factory=dict)


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Measurement:
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # The tree sampled every 50 ms (ward_core.proctree, as the province runner).
    with TreePeak(process.pid) as peak:
        output, _ = process.communicate()
        seconds = time.perf_counter() - started
    return Measurement(
        seconds,
        peak.peak_kib / 1024,
        process.returncode,
        output,
        {name: kib / 1024 for name, kib in peak.at_peak.items()},
    )
