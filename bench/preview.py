"""Preview, end to end: from saving a post to the HTTP response with the new text.

Starts `python -m wardtools serve` and `hugo server` on free ports, edits one
post's body (or title), saves a new post or approves a draft, and polls the
affected pages every ~10 ms until every one of them contains the edit.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

POLL_SECONDS = 0.01
STATUS_PATH = "/__wardtools/status"  # `ward serve`'s build state


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def wait_until_served(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode})")
        if fetch(url)[0] == 200:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{url} not served after {timeout:.0f} s")


def wait_until_up_to_date(server: Server, timeout: float) -> None:
    """Until `ward serve`'s status says no build is running (its first build
    after a start on an earlier preview runs in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {server.process.returncode})")
        status, body = fetch(server.url(STATUS_PATH))
        if status == 200 and not json.loads(body).get("building"):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{server.base} not up to date after {timeout:.0f} s")


# Seconds after which an edit counts as not served (a full build of 3,000 posts
# took 20–60 s on the shared 2-core machine).
SERVED_TIMEOUT = 300


def seconds_until_all_show(
    urls: list[str], marker: str, started: float, timeout: float = SERVED_TIMEOUT
) -> float | None:
    """Seconds from `started` until every URL's body contains `marker`; None
    after `timeout`."""
    waiting = list(urls)
    while waiting:
        if time.perf_counter() - started > timeout:
            return None
        waiting = [url for url in waiting if marker not in fetch(url)[1]]
        if waiting:
            time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


@dataclass
class Server:
    name: str
    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen
    log: Path  # what the server printed

    def url(self, path: str) -> str:
        return self.base + urllib.parse.quote(path)

    def rebuilds(self) -> int:
        """How many rebuilds the server has finished: `ward serve`'s generation,
        or the "Total in … ms" lines `hugo server` prints after each one."""
        if self.name.startswith("hugo"):
            text = self.log.read_text(encoding="utf-8", errors="replace")
            return text.count("\nTotal in ")
        status, body = fetch(self.url(STATUS_PATH))
        return int(json.loads(body)["generation"]) if status == 200 else -1


def wait_for_rebuild(server: Server, seen: int, timeout: float = 600) -> None:
    """Until the server has finished a rebuild after `seen` (and `ward serve`
    runs none in the background): the next edit starts from a quiet server."""
    deadline = time.monotonic() + timeout
    while server.rebuilds() <= seen:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {server.process.returncode})")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{server.base}: no rebuild after {timeout:.0f} s")
        time.sleep(0.05)
    if not server.name.startswith("hugo"):
        wait_until_up_to_date(server, timeout)


@contextlib.contextmanager
def running(name: str, command: list[str], cwd: Path, port: int) -> Iterator[Server]:
    log = open(cwd / f"{name}-server.log", "w", encoding="utf-8")  # noqa: SIM115
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # stop the server and its worker together
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = Server(name, f"http://127.0.0.1:{port}", process, Path(log.name))
    try:
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def ours_command(project: Path, content: Path, output: Path, cache: Path, port: int):
    return [
        sys.executable,
        "-m",
        "wardtools",
        "serve",
        "-s",
        str(project / "pelicanconf.py"),
        "--content",
        str(content),
        "-o",
        str(output),
        "--set",
        f'CACHE_PATH="{cache}"',
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def hugo_command(hugo: str, site: Path, port: int, fast_render: bool) -> list[str]:
    """`hugo server` from memory, as an officer would run it; Hugo's fast render
    re-renders only recently visited pages, `fast_render=False` all of them."""
    return [
        hugo,
        "server",
        "--source",
        str(site),
        "--cacheDir",
        str(site / ".hugo-cache"),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--disableLiveReload",
        *([] if fast_render else ["--disableFastRender"]),
    ]


def append_sentence(post: Path, marker: str) -> None:
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.rstrip("\n") + f"\n\nCâu sửa thử để đo thời gian, mã {marker}.\n",
        encoding="utf-8",
    )


def retitle(post: Path, marker: str) -> None:
    """Our posts have `title: …` as a line of the front matter; so do Hugo's copies."""
    lines = post.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if line.startswith("title:"):
            title = str(yaml.safe_load(line)["title"]).split(" mã BENCH", 1)[0]
            # A JSON string is a valid double-quoted YAML scalar.
            lines[number] = "title: " + json.dumps(
                f"{title} mã {marker}", ensure_ascii=False
            )
            break
    post.write_text("\n".join(lines), encoding="utf-8")


def listing_path(site: Path, folder: str, category: str) -> str:
    """The first page of `category` (its title starts with the name in both themes;
    every page lists the newest posts in its sidebar, so a link proves nothing)."""
    wanted = f"<title>{html.escape(category, quote=False)} –"
    for page in sorted((site / folder).glob("*/index.html")):
        if wanted in page.read_text(encoding="utf-8", errors="replace"):
            return "/" + page.parent.relative_to(site).as_posix() + "/"
    raise RuntimeError(f"no page under {site / folder} is titled {category!r}")


def set_front(text: str, key: str, value: str | None) -> str:
    """`text` with the one-line front-matter field `key:` set to `value` (added
    before the closing `---` if missing; removed when `value` is None)."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    lines = text[4:end].split("\n")
    kept = [line for line in lines if not line.startswith(f"{key}:")]
    index = next(
        (i for i, line in enumerate(lines) if line.startswith(f"{key}:")), len(kept)
    )
    if value is not None:
        # A JSON string is a valid double-quoted YAML scalar.
        kept.insert(index, f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "---\n" + "\n".join(kept) + text[end:]


def new_post(text: str, marker: str, when: str, category: str, draft: bool) -> str:
    """A post made from `text` (its slug kept), newest of all at `when`
    ("dd/mm/yyyy HH:MM"), in `category`, its title carrying `marker`;
    `status: draft` when `draft` (the officer's "save as draft")."""
    title = str(yaml.safe_load(text.split("---", 2)[1])["title"])
    text = set_front(text, "title", f"{title} mã {marker}")
    text = set_front(text, "date", when)
    text = set_front(text, "category", category)
    return set_front(text, "status", "draft" if draft else None)


def approve(post: Path) -> None:
    """The leader's approval: the draft line goes (ours `status: draft`, the
    Hugo copy's `draft: true`), nothing else changes."""
    text = post.read_text(encoding="utf-8")
    for key in ("status", "draft"):
        if f"\n{key}:" in text.split("\n---\n", 1)[0]:
            text = set_front(text, key, None)
    post.write_text(text, encoding="utf-8")
