"""Helpers to build real sites in temporary folders, each in a fresh process.

Pelican keeps plugin modules and signal receivers alive inside one process,
so every build here runs `python -m wardtools build` as a subprocess.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_CONTENT = PROJECT / "content"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def html(self, relative: str) -> BeautifulSoup:
        path = self.output / relative
        if path.is_dir() or relative.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build_command(
    content: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    cache: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> list[str]:
    """`python -m wardtools build` for a content folder, its cache beside the output."""
    cache = cache or output.parent / "cache"
    command = [
        sys.executable,
        "-m",
        "wardtools",
        "build",
        "-s",
        str(PROJECT / settings),
        "--content",
        str(content),
        "-o",
        str(output),
        "--set",
        f"CACHE_PATH={json.dumps(str(cache))}",
    ]
    for key, value in (overrides or {}).items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    return command


def run_build(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    cache: Path | None = None,
    timeout: float = 120,
    extra: list[str] | None = None,
) -> Build:
    command = build_command(content, output, settings, cache, overrides)
    command += extra or []
    process_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        command,
        cwd=PROJECT,
        env=process_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Build(result.returncode, result.stdout, result.stderr, output)


def copy_sample_content(destination: Path) -> Path:
    shutil.copytree(SAMPLE_CONTENT, destination)
    return destination


def write_post(content: Path, relative: str, text: str) -> Path:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def leftovers_beside(output: Path, timeout: float = 60) -> list[str]:
    """Staging or old folders still beside ``output`` once the detached deletion
    of the previous site has had ``timeout`` seconds to finish."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        found = sorted(
            p.name
            for p in output.parent.iterdir()
            if "staging" in p.name or "-old-" in p.name
        )
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def run_tool(
    *args: str, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`python -m wardtools ARGS` from the project, as the officer runs it."""
    return subprocess.run(
        [sys.executable, "-m", "wardtools", *args],
        cwd=PROJECT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def refused_by_check_and_build(content: Path, output: Path) -> tuple[str, str]:
    """`make check` and the build on the same content, both refusing it (they
    must agree): their two logs."""
    check = run_tool("check", "--content", str(content))
    build = run_build(content, output)
    assert check.returncode == 1 and not build.ok, check.stdout + build.log
    return check.stdout, build.log


def settings_with_cache(folder: Path, cache: Path) -> Path:
    """A settings file: the project's pelicanconf.py with its cache in ``cache``,
    for commands that take no --set (make import) to share a test's cache."""
    path = folder / "caidat.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"CACHE_PATH = {str(cache)!r}\n",
        encoding="utf-8",
    )
    return path


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors for these pages (its JSON report on stderr:
    an empty report means it did not run, which fails too)."""
    assert shutil.which("java"), "java missing: run scripts/system-deps.sh"
    vnu = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert vnu.is_file(), "run: npm ci (make bootstrap-dev)"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = (result.stderr or result.stdout).strip()
    assert report.startswith("{"), f"vnu printed no report: {result}"
    return [
        f"{m.get('url', '')}: {m.get('message')}"
        for m in json.loads(report)["messages"]
        if m["type"] == "error"
    ]
