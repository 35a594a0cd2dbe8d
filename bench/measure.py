"""Run a command and measure wall time and the peak memory of its whole process tree."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measurement:
    seconds: float
    peak_rss_mib: float
    returncode: int
    output: str
    # At the tree's peak: MiB by process name (python, pagefind…), the profile
    # that says which program sets the floor.
    peak_by_program: dict[str, float] = field(default_factory=dict)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _tree_rss_kib(root: int) -> int:
    return sum(_tree_rss_by_program(root).values())


def _tree_rss_by_program(root: int) -> dict[str, int]:
    """KiB resident by process name over the tree under ``root``."""
    children = _children_map()
    found: dict[str, int] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue
        name = next((ln.split()[1] for ln in lines if ln.startswith("Name:")), "?")
        rss = next((int(ln.split()[1]) for ln in lines if ln.startswith("VmRSS:")), 0)
        found[name] = found.get(name, 0) + rss
    return found


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
    peak = [0]
    at_peak: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            programs = _tree_rss_by_program(process.pid)
            if sum(programs.values()) > peak[0]:
                peak[0] = sum(programs.values())
                at_peak.clear()
                at_peak.update(programs)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Measurement(
        seconds,
        peak[0] / 1024,
        process.returncode,
        output,
        {name: kib / 1024 for name, kib in at_peak.items()},
    )
