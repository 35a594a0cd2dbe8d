"""Run the real preview server (`python -m wardtools serve`) for a test."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browserkit import free_port
from tests.sitekit import PROJECT


class Preview:
    def __init__(self, base: str, process: subprocess.Popen) -> None:
        self.base = base  # "http://127.0.0.1:<port>/"
        self.process = process
        self.log = ""  # what the server printed, once it has stopped


@contextmanager
def preview_server(
    content: Path, root: Path, overrides: dict[str, Any] | None = None
) -> Iterator[Preview]:
    """Serve ``content`` with its preview folder and cache under ``root``; stop it
    with Ctrl+C (SIGINT) afterwards and keep what it printed in ``.log``."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "wardtools",
        "serve",
        "--port",
        str(port),
        "--content",
        str(content),
        "-o",
        str(root / "preview"),
        "--set",
        f"CACHE_PATH={json.dumps(str(root / 'cache'))}",
    ]
    for key, value in (overrides or {}).items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    process = subprocess.Popen(
        command,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    preview = Preview(f"http://127.0.0.1:{port}/", process)
    try:
        yield preview
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, preview.log = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, preview.log = process.communicate()
