"""Headless Debian Chromium driven by Playwright, and a static server for built sites."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("chromium is not installed: run scripts/system-deps.sh")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_directory(root: Path, prefix: str = "", port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port; yields the base URL.

    With a prefix such as "/phuong", the site is served under that sub-path only.
    """
    handler_class = _QuietHandler
    if prefix:
        served = root.parent / f"{root.name}-served"
        shutil.rmtree(served, ignore_errors=True)
        (served / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (served / prefix.strip("/")).symlink_to(root.resolve())
        root = served
    handler = functools.partial(handler_class, directory=str(root))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
