"""Preview server: build, serve output/ locally, rebuild on change, reload the page.

Rebuilds run in one long-lived worker process (`wardtools/incremental.py`),
restarted when plugins, tools or settings change (Pelican keeps signal
receivers and imported plugin modules alive inside one process).

When an earlier preview is there (the folder only ever holds a complete build,
swapped in whole), it is served at once and brought up to date in the
background: the officer does not wait for a whole build every morning.
Changes seen while a build runs wait in a queue for the next one.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ward_core
from ward_core.buildtime import calendar_day
from ward_core.litter import is_litter
from ward_engine import theme_folders

CORE = Path(ward_core.__file__).resolve().parent
RELOAD_SCRIPT_PATH = "/__wardtools/livereload.js"
EVENTS_PATH = "/__wardtools/events"
STATUS_PATH = "/__wardtools/status"
RELOAD_SCRIPT = (Path(__file__).resolve().parent / "preview_client.js").read_bytes()
# The preview has its own folder: output/ only ever holds a complete
# `make html`/`make publish` build.
PREVIEW_FOLDER = ".preview"


class BuildGeneration:
    """The state of the last rebuild; browsers wait on its changes.

    A successful rebuild bumps the generation (the page reloads); a failed one
    records its problems (the page shows them over the old version)."""

    def __init__(self) -> None:
        self._value = 0
        self._changed = threading.Condition()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        # A build is running: what is served is the last good one (the page
        # says it is being brought up to date).
        self.building = False

    def started(self) -> None:
        self.building = True

    @property
    def value(self) -> int:
        return self._value

    def bump(self, warnings: list[str] | None = None) -> None:
        with self._changed:
            self._value += 1
            self.building = False
            self.errors, self.warnings = [], list(warnings or [])
            self._changed.notify_all()

    def settled(self) -> None:
        """A rebuild found nothing to change: what is served stays."""
        with self._changed:
            self.building = False

    def shown(self, warnings: list[str] | None = None) -> None:
        """The edited pages are served; the rest of the site is still being
        built (the page reloads, and says so)."""
        with self._changed:
            self._value += 1
            self.building = True
            self.errors, self.warnings = [], list(warnings or [])
            self._changed.notify_all()

    def failed(self, errors: list[str], warnings: list[str]) -> None:
        with self._changed:
            self._value += 1
            self.building = False
            self.errors, self.warnings = list(errors), list(warnings)
            self._changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self._value != seen, timeout=timeout)
            return self._value

    def state(self) -> dict:
        return {
            "ok": not self.errors,
            "errors": self.errors,
            "warnings": self.warnings,
            "building": self.building,
            "generation": self._value,
        }


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    generation: BuildGeneration
    editor: Any = None  # wardtools.editor.web.Editor: /quan-tri/ and /api/v1

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the officer does not need a line per request

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == RELOAD_SCRIPT_PATH:
            self._send_bytes(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
            return
        if path == EVENTS_PATH:
            self._stream_events()
            return
        if path == STATUS_PATH:
            body = json.dumps(self.generation.state(), ensure_ascii=False).encode()
            self._send_bytes(body, "application/json; charset=utf-8")
            return
        if self.editor is not None and self.editor.serve_get(self, path):
            return
        try:
            self._serve_file(path)
        except (BrokenPipeError, ConnectionResetError):
            return
        except (OSError, ValueError):
            # A name longer than the file system allows, a NUL byte, a broken
            # %-escape: no page can have that address.
            self._send_not_found()

    def send_head(self):
        try:
            return super().send_head()
        except ValueError:  # a NUL byte in the address (HEAD requests)
            self._send_not_found()
            return None

    def _serve_file(self, path: str) -> None:
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                super().do_GET()  # the standard redirect to the slash form
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            html = target.read_bytes()
            tag = f'<script src="{RELOAD_SCRIPT_PATH}"></script>'.encode()
            html = html.replace(b"</body>", tag + b"</body>", 1)
            self._send_bytes(html, "text/html; charset=utf-8")
            return
        if not target.exists():
            self._send_not_found()
            return
        super().do_GET()

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        if self.editor is None or not self.editor.serve_post(self, path):
            self.send_error(405)

    def _send_not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else "Không tìm thấy trang".encode()
        self._send_bytes(body, "text/html; charset=utf-8", status=404)

    def _send_bytes(self, body: bytes, content_type: str, status: int = 200) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a reload): nothing to tell the officer

    def copyfile(self, source, outputfile) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)

    def _stream_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.generation.value
        try:
            while True:
                current = self.generation.wait_past(seen, timeout=15)
                if current == seen:
                    message = b": ping\n\n"
                elif self.generation.errors:
                    message = b"data: problems\n\n"
                else:
                    message = b"data: reload\n\n"
                seen = current
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class Worker:
    """The long-lived build process (wardtools/incremental.py), restarted when the
    code it has loaded (plugins, tools, settings) changes.

    Its replies are read as they come: the full build it runs unasked after
    "lists" edits (``follow_up``) goes to ``on_follow_up``, every other reply
    to the request waiting for it."""

    def __init__(
        self, settings_file: Path, output: Path | None, overrides: dict
    ) -> None:
        self.command = [
            sys.executable,
            "-m",
            "wardtools",
            "worker",
            "-s",
            str(settings_file),
            "--overrides",
            json.dumps(overrides),
        ]
        if output is not None:
            self.command += ["-o", str(output)]
        self.cwd = settings_file.resolve().parent
        self.process: subprocess.Popen | None = None
        self.replies: queue.Queue = queue.Queue()
        self.on_follow_up: Callable[[dict, bool], None] = lambda reply, busy: None
        self.waiting = False  # a request is waiting for its reply

    def start(self) -> dict:
        self.stop()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.replies = queue.Queue()
        threading.Thread(
            target=self._read, args=(self.process, self.replies), daemon=True
        ).start()
        return self._reply()

    def rebuild(self, changed: list[str]) -> dict:
        if self.process is None or self.process.poll() is not None:
            return self.start()
        assert self.process.stdin is not None
        self.waiting = True
        self.process.stdin.write(json.dumps({"changed": changed}) + "\n")
        self.process.stdin.flush()
        return self._reply()

    def _read(self, process: subprocess.Popen, replies: queue.Queue) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            reply = json.loads(line)
            if reply.get("follow_up"):
                self.on_follow_up(reply, self.waiting)
            else:
                replies.put(reply)
        replies.put(None)

    def _reply(self) -> dict:
        """The worker's report of one rebuild: ok, mode, seconds, errors, warnings."""
        reply = self.replies.get()
        self.waiting = False
        if reply is None:
            return {
                "ok": False,
                "errors": ["Tiến trình xây dựng dừng đột ngột; xem thông báo ở trên."],
            }
        return reply

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


def _watch_paths(settings: dict, settings_file: Path) -> list[Path]:
    """Everything a build reads: content (posts, photos, data files, comments),
    the theme, every plugin folder, the tools and the settings file. Pelican's
    own --autoreload watches neither plugins nor data files."""
    paths = [Path(settings["PATH"]), *theme_folders(settings), settings_file.resolve()]
    paths += [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    paths += [Path(__file__).resolve().parent, CORE]
    unique = []
    for path in paths:
        if path.exists() and path not in unique:
            unique.append(path)
    return unique


def is_relevant_change(path: Path, watched: list[Path], out_dir: Path) -> bool:
    """Whether a changed file is one a build reads: hidden files and folders,
    caches and OS litter below the watched folders are not. Only the part
    below the watched folder counts: a site kept under a hidden folder
    (~/.sites/phuong/) is watched like any other."""
    if path.is_relative_to(out_dir):
        return False
    below: tuple[str, ...] = path.parts
    for root in watched:
        if path.is_relative_to(root):
            below = path.relative_to(root).parts
            break
    if any(part == "__pycache__" or part.startswith(".") for part in below):
        return False
    return not (below and is_litter(Path(*below)))


def _record(generation: BuildGeneration, reply: dict, busy: bool = False) -> None:
    """A rebuild's reply: the page reloads, or shows the problems. Still
    ``building`` when the rest of the site is (a "lists" edit's full build is
    to come: ``more``) or another rebuild is (``busy``)."""
    if reply.get("ok") and reply.get("mode") == "later":
        # Pages further down lists, the feed: what the officer looks at is
        # served already (no reload); built unless a full build is to come.
        if not reply.get("more"):
            generation.settled()
        return
    if reply.get("ok") and reply.get("mode") == "none" and not reply.get("more"):
        generation.settled()  # nothing changed: no page reloads
    elif reply.get("ok") and (reply.get("more") or busy):
        generation.shown(reply.get("warnings"))
    elif reply.get("ok"):
        generation.bump(reply.get("warnings"))
    else:
        generation.failed(reply.get("errors") or [], reply.get("warnings") or [])


def start_editor(settings: dict, settings_file: Path, host: str):
    """The browser editor, when this preview is only reachable from this machine."""
    from .editor.setup import editor_for_preview

    return editor_for_preview(settings, settings_file.resolve().parent, host)


def last_good_preview(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds an earlier preview to serve at once. Builds
    only ever swap a complete site in (wardtools/publish_swap.py), so a home
    page there means a whole site, maybe behind the sources."""
    return (out_dir / "index.html").is_file()


class ChangeWatcher:
    """Watches what a build reads, in a thread of its own, from before the first
    build: a save made while a build runs waits in ``changes`` for the next
    one, never lost, and saves that piled up are rebuilt together.

    The editor's saves do not wait for the watcher: the editor tells what it
    wrote (``saved``) and the files are rebuilt at once, as one batch with
    whatever the watcher saw while the save was being written (``writing``:
    the photos are written before the post, and were rebuilt alone before it);
    the watcher's own report of those files comes later and is dropped."""

    READY_SECONDS = 30  # a watcher slower to start than this is waited for no more
    # Files written within this many milliseconds of each other are one batch:
    # watchfiles hands a batch over after one step without a new change, so a
    # change waits one to two steps (its default, 50 ms, was most of a body
    # edit's time in the preview).
    STEP_MS = 20

    def __init__(self, watched: list[Path], out_dir: Path) -> None:
        self.watched = watched
        self.out_dir = out_dir
        self.changes: queue.Queue[set[str]] = queue.Queue()
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.running = False
        self._lock = threading.Lock()
        self._saves_writing = 0
        self._held: set[str] = set()
        # What the editor wrote, as it left each file: the watcher's report of
        # the same version is dropped.
        self._written: dict[str, tuple[int, int] | None] = {}
        # Told of every change the editor did not make (the editor's analysis
        # of the site is then out of date).
        self.on_outside_change: Callable[[], None] = lambda: None

    @contextlib.contextmanager
    def writing(self):
        """While the editor writes a save: changes seen meanwhile wait for it."""
        with self._lock:
            self._saves_writing += 1
        try:
            yield
        finally:
            with self._lock:
                self._saves_writing -= 1
                if not self._saves_writing and self._held:
                    self.changes.put(self._held)
                    self._held = set()

    def saved(self, paths: list[Path]) -> None:
        """The editor wrote (or removed) ``paths``: rebuilt once its save is over."""
        found = {str(Path(path).resolve()) for path in paths}
        with self._lock:
            for path in found:
                self._written[path] = _version(path)
            if self._saves_writing:
                self._held |= found
            else:
                self.changes.put(found)

    def _seen(self, paths: set[str]) -> None:
        with self._lock:
            for path in list(paths):
                if path in self._written:
                    if self._written[path] == _version(path):
                        paths.discard(path)  # the editor's own write, already told
                    else:
                        del self._written[path]
            if not paths:
                return
            self.on_outside_change()
            if self._saves_writing:
                self._held |= paths
            else:
                self.changes.put(paths)

    def start(self) -> None:
        self.running = True
        threading.Thread(target=self._run, daemon=True).start()

    def wait_ready(self) -> None:
        """Before a build reads the sources: from then on no change is missed."""
        if self.running:
            self.ready.wait(self.READY_SECONDS)

    def _run(self) -> None:
        from watchfiles import watch as watch_changes

        def relevant(_change, path: str) -> bool:
            return is_relevant_change(Path(path), self.watched, self.out_dir)

        # A short timeout so the first (empty) answer says the watcher is set up.
        try:
            for batch in watch_changes(
                *self.watched,
                watch_filter=relevant,
                stop_event=self.stop,
                step=self.STEP_MS,
                rust_timeout=300,
                yield_on_timeout=True,
            ):
                self.ready.set()
                if batch:
                    self._seen({str(Path(p).resolve()) for _, p in batch})
        except (OSError, RuntimeError) as exc:  # e.g. the system's watch limit
            print(
                f"Không theo dõi được các tệp của trang ({exc}): bản xem trước không "
                "tự cập nhật nữa. Tắt rồi chạy lại make serve.",
                file=sys.stderr,
            )
        finally:
            self.ready.set()

    def next_batch(self, new_day: Callable[[], bool] | None = None) -> list[str]:
        """The changed files, once there are any: all that waited, together.
        Waits in short steps: on Windows an endless wait ignores Ctrl+C. []
        when ``new_day`` says the calendar day changed (a rebuild is due)."""
        while True:
            try:
                paths = set(self.changes.get(timeout=0.5))
                break
            except queue.Empty:
                if new_day is not None and new_day():
                    return []
        while True:
            try:
                paths |= self.changes.get_nowait()
            except queue.Empty:
                return sorted(paths)


def _version(path: str) -> tuple[int, int] | None:
    """A file's size and modification time; None when it is gone."""
    try:
        found = Path(path).stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _bring_up_to_date(
    worker: Worker, generation: BuildGeneration, watcher: ChangeWatcher
) -> None:
    """The first build when the earlier preview is already being served: on
    failure that one stays, and the officer is told so."""
    watcher.wait_ready()
    print(
        "Đang hiện bản xem trước lần trước; đang cập nhật theo các bài mới "
        "sửa, xong trang sẽ tự tải lại…",
        file=sys.stderr,
    )
    first = worker.start()
    _record(generation, first)
    if not first.get("ok"):
        print(
            "Chưa cập nhật được: trang xem trước vẫn là bản lần trước. "
            "Sửa các lỗi trên rồi lưu tệp.",
            file=sys.stderr,
        )


def _rebuild_on_changes(
    watcher: ChangeWatcher,
    worker: Worker,
    generation: BuildGeneration,
    settings: dict,
    settings_file: Path,
) -> None:
    # Code the worker has loaded: a change there needs a fresh worker.
    code = [Path(p).resolve() for p in settings.get("PLUGIN_PATHS", [])]
    code += [Path(__file__).resolve().parent, CORE, settings_file.resolve()]
    shown = [calendar_day(settings)]

    def new_day() -> bool:
        """Past midnight the notices, this week's schedule and budget deadlines
        change with no file saved: the worker then builds fully (incremental.py)."""
        today = calendar_day(settings)
        changed, shown[0] = today != shown[0], today
        return changed

    while True:
        paths = watcher.next_batch(new_day)
        if not paths:
            print("\nSang ngày mới — đang xây dựng lại…", file=sys.stderr)
            generation.started()
            _record(generation, worker.rebuild([]))
            continue
        names = sorted({Path(p).name for p in paths})
        print(
            f"\nĐã sửa: {', '.join(names[:5])} — đang xây dựng lại…",
            file=sys.stderr,
        )
        touches_code = any(
            Path(p) == folder or Path(p).is_relative_to(folder)
            for p in paths
            for folder in code
        )
        generation.started()
        _record(generation, worker.start() if touches_code else worker.rebuild(paths))


def serve(
    settings_file: Path,
    output: Path | None,
    overrides: dict,
    host: str = "127.0.0.1",
    port: int = 8000,
    watch: bool = True,
) -> int:
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file), override=dict(overrides))
    out_dir = (output or settings_file.resolve().parent / PREVIEW_FOLDER).resolve()
    worker = Worker(settings_file, out_dir, overrides)
    generation = BuildGeneration()
    worker.on_follow_up = functools.partial(_record, generation)
    watcher = ChangeWatcher(_watch_paths(settings, settings_file), out_dir)
    if watch:
        watcher.start()  # before the first build: a save during it is not lost
    earlier = last_good_preview(out_dir)
    if earlier:
        generation.started()  # served at once, brought up to date below
    else:
        watcher.wait_ready()
        first = worker.start()
        _record(generation, first)
        if not first.get("ok") and not out_dir.exists():
            print("Chưa có bản xây dựng nào thành công để xem trước.", file=sys.stderr)
            if not watch:
                return 1

    editor = start_editor(settings, settings_file, host)
    if editor is not None and watch:
        editor.backend.writing = watcher.writing
        editor.backend.on_saved = watcher.saved
        watcher.on_outside_change = editor.backend.forget_analysis
        editor.backend.keep_analysis = True
    handler = functools.partial(
        type(
            "Handler", (PreviewHandler,), {"generation": generation, "editor": editor}
        ),
        directory=str(out_dir),
    )
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    http.server.ThreadingHTTPServer.daemon_threads = True
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(
            f"Không mở được cổng {port} trên {host} ({exc.strerror}). "
            "Có thể một bản xem trước khác đang chạy: tắt nó, hoặc dùng --port 8001.",
            file=sys.stderr,
        )
        watcher.stop.set()
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Xem trước tại http://{host}:{port}/  (Ctrl+C để dừng; bản xem trước nằm "
        f"trong {out_dir}, không đụng tới output/)",
        file=sys.stderr,
    )
    if editor is not None:
        print(f"Soạn bài tại http://{host}:{port}/quan-tri/", file=sys.stderr)

    try:
        if earlier:
            _bring_up_to_date(worker, generation, watcher)
        if not watch:
            threading.Event().wait()
        _rebuild_on_changes(watcher, worker, generation, settings, settings_file)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop.set()
        worker.stop()
        server.shutdown()
    return 0
