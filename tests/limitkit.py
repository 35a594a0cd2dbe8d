"""Builds under a time and memory bound, and what an officer must never see.

Hostile input must fail fast and small: the build subprocess runs with an
address-space and CPU limit set by ``resource.setrlimit`` before it starts,
and a wall-clock timeout.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.sitekit import PROJECT, Build, build_command

# What a build shows the officer: never a traceback, never an English exception
# name, never the catch-all "unexpected error" line.
FORBIDDEN = re.compile(
    r"Traceback|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|struct\.error|"
    r"Lỗi không mong đợi|File name too long|No such file"
)


@dataclass
class LimitedBuild(Build):
    seconds: float = 0.0


def _limits(memory_bytes: int, cpu_seconds: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    return apply


def build_limited(
    content: Path,
    output: Path,
    *,
    cache: Path | None = None,
    overrides: dict | None = None,
    memory_mb: int = 3072,
    cpu_seconds: int = 120,
    timeout: float = 180,
) -> LimitedBuild:
    """`python -m wardtools build` with RLIMIT_AS/RLIMIT_CPU and a timeout."""
    command = build_command(content, output, "pelicanconf.py", cache, overrides)
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=PROJECT,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=_limits(memory_mb * 2**20, cpu_seconds),
    )
    return LimitedBuild(
        result.returncode,
        result.stdout,
        result.stderr,
        output,
        seconds=time.monotonic() - started,
    )


def assert_officer_output(build: Build) -> None:
    """No traceback and no English exception name anywhere in the output."""
    found = FORBIDDEN.search(build.log)
    assert found is None, f"{found.group(0)!r} shown to the officer:\n{build.log}"
