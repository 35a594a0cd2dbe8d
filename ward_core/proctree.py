"""Peak memory of a whole process tree (a build and its helpers: Pagefind,
image workers), sampled from /proc. The kernel's ru_maxrss gives only the
largest single process, not what a ward's build holds at once; where there is
no /proc (not Linux) the sample is 0 and callers keep ru_maxrss."""

from __future__ import annotations

import threading
from pathlib import Path

PROC = Path("/proc")


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_rss_by_program(root: int) -> dict[str, int]:
    """KiB resident now by process name (python, pagefind…) over `root` and
    all its descendants: which program holds the memory."""
    children = _children_map()
    found: dict[str, int] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            lines = (PROC / str(pid) / "status").read_text().splitlines()
        except OSError:
            continue
        name = next((ln.split()[1] for ln in lines if ln.startswith("Name:")), "?")
        rss = next((int(ln.split()[1]) for ln in lines if ln.startswith("VmRSS:")), 0)
        found[name] = found.get(name, 0) + rss
    return found


def tree_rss_kib(root: int) -> int:
    """Resident memory of `root` and all its descendants now, in KiB."""
    return sum(tree_rss_by_program(root).values())


class TreePeak:
    """Samples the tree of `pid` every `interval` seconds until stopped;
    `peak_kib` is the largest total seen, `at_peak` its KiB by program. Use
    as a context manager."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self.at_peak: dict[str, int] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        # At least one sample, however short the run.
        while True:
            programs = tree_rss_by_program(self.pid)
            if sum(programs.values()) > self.peak_kib:
                self.peak_kib = sum(programs.values())
                self.at_peak = programs
            if self._done.wait(self.interval):
                return

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
