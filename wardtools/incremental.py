"""The preview's build worker: one long-lived process, fast rebuilds after an edit.

`make serve` starts it once (and again whenever plugins, tools or settings
change, since their code lives in this process). It keeps the last full
build's Pelican context in memory. After a save, in order of cost:
- "body": only the body of posts or pages changed (their metadata as read is
  unchanged): the checkers run, the new body replaces the old one on the object
  in memory, the plugins re-derive what they take from the body, and only those
  pages are rendered again; that is all;
- "lists": posts changed where lists show them (title, date, category, tags,
  status), or were added or removed: Pelican's article generator regroups its
  posts in memory, reading only those files, and renders the posts' pages,
  their neighbours' and the lists they are on (memory_render.ListedEdit):
  of each list its first page and the pages showing the posts at once, the
  pages a new or approved post only shifted right after the answer (sent
  unasked, ``"mode": "later"``); a full build follows for every other page
  once the officer pauses;
- "full": anything else, a complete build.
The search index is refreshed in the background.

Protocol on stdin/stdout, one JSON object per line:
  → {"changed": ["/abs/path.md", …]}   ← {"ok": true, "mode": "body", "seconds": 0.1}
After a "lists" edit, replies say ``"more": true`` until the full build has
run: once no request came for FOLLOW_UP_AFTER_IDLE_SECONDS, the worker runs it
and sends its reply unasked, with ``"follow_up": true``. A request that comes
while it runs stops it between two pages (nothing of it is served) and is
answered at once; the full build runs again at the next pause.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ward_core.buildtime import build_datetime, calendar_day
from ward_core.report import RunRecord
from ward_core.session import BuildInterruptedError

from .build import BuildReport, build_site, print_report

if TYPE_CHECKING:
    from ward_core.sources import SiteSources


class Session:
    """One preview's worker: the last good build's record decides whether an
    edit can take the fast path."""

    def __init__(
        self, settings_file: Path, output: Path | None, overrides: dict
    ) -> None:
        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides
        self.last: RunRecord | None = None  # of the last successful full build
        # The sources of the last analysis, good build or not: the next one
        # reads only the files changed since (ward_core.sources.load_sources).
        self.sources_read: SiteSources | None = None
        self.search_thread: threading.Thread | None = None
        # A "lists" edit left pages of other plugins (documents, officials,
        # feeds, sitemap) and search to a full build: run when idle.
        self.follow_up_due = False
        self._lists_left = 0  # names the "lists" edits' work after the answer
        self._search_pending = False

    def full(self, interrupted: Callable[[], bool] | None = None) -> BuildReport:
        """A complete build; BuildInterruptedError (everything left as it was) when
        ``interrupted`` says so between pages."""
        if self.search_thread and self.search_thread.is_alive():
            self._search_pending = False
            self.search_thread.join()  # a full build swaps output/: let Pagefind finish first
        # The last build's objects may be garbage now (see below).
        gc.unfreeze()
        follow_up_was_due, self.follow_up_due = self.follow_up_due, False
        # Always a real build: its record is what makes the next edit fast.
        try:
            report = build_site(
                self.settings_file,
                self.output,
                self.overrides,
                force=True,
                search_later=True,
                interrupted=interrupted,
                known=self.sources_read,
            )
        except BuildInterruptedError:
            self.follow_up_due = follow_up_was_due
            gc.collect()  # the half-made build
            gc.freeze()  # the kept context, as before (see below)
            raise
        self._remember_sources(report)
        self.last = report.record if report.ok else None
        self.output = report.output
        if report.ok:
            # The context kept in memory (every post, its views, the
            # generators) would be walked by every garbage collection of the
            # edits that follow: at 3,000 posts half of a title edit's time.
            # Frozen until the next full build, which may drop it.
            gc.collect()
            gc.freeze()
            self._refresh_search()
        return report

    def update(self, changed: list[str]) -> tuple[BuildReport, str]:
        """Rebuild after ``changed`` files were saved; returns the report and the
        mode: "body" (complete), "lists" (the pages that show the posts; a full
        build must follow: ``follow_up``), "full", or "none" (only post folders
        with no post in or out: nothing to render)."""
        if not changed or self.last is None or self.day_changed():
            return self.full(), "full"
        from .memory_render import NotOnlyBodyError, edit_in_memory

        try:
            report, mode, touched, later = edit_in_memory(
                self.last, self.output, changed
            )
        except NotOnlyBodyError:
            return self.full(), "full"
        self._remember_sources(report)
        if touched and not report.ok:
            self.last = None  # half-updated in memory: rebuild next
        elif mode == "lists" and report.ok:
            # Posts regrouped in memory: the next edits start from there; the
            # other plugins' pages wait for the full build, the list pages
            # the post only shifted for the answer.
            self.follow_up_due = True
            if later is not None and self.last is not None:
                self._lists_left += 1
                name = f"lists {self._lists_left}"
                self.last.after_answer[name] = later.render_later_pages
        if mode == "body" and report.ok:
            self._refresh_search()
        return report, mode

    def _remember_sources(self, report: BuildReport) -> None:
        if report.analysis is not None:
            self.sources_read = report.analysis.sources

    def answer_pending(self) -> bool:
        """Work left for after the answer (``render_later``)."""
        return bool(self.last and self.last.after_answer)

    def render_later(self, interrupted: Callable[[], bool]) -> list[str] | None:
        """What the last answers left (RunRecord.after_answer: the JSON feed,
        the list pages "lists" edits only shifted), right after the answer;
        the files written, or None when there was nothing or a new save came
        first (the rest is done after that one)."""
        queue = self.last.after_answer if self.last is not None else {}
        written: list[str] = []
        try:
            while queue:
                name = next(iter(queue))
                written += queue[name](interrupted)
                queue.pop(name, None)
        except BuildInterruptedError:
            return None
        except Exception as exc:  # e.g. a full disk: the full build redoes it
            queue.clear()
            self.follow_up_due = True
            print(
                f"Cảnh báo: chưa cập nhật được các trang sau của danh sách ({exc}); "
                "chúng sẽ được xây dựng lại khi bạn ngừng sửa.",
                file=sys.stderr,
            )
        return written or None

    def follow_up(self, interrupted: Callable[[], bool]) -> BuildReport | None:
        """After "lists" edits: the full build that brings every other page
        (documents, officials, feeds, the sitemap, search) up to date; it takes
        every page it can from the output (ward_core.reuse). Given up (None,
        still due) when ``interrupted`` says a new save came: at 3,000 posts it
        takes 15 s or more, which the officer's next save would wait for."""
        try:
            return self.full(interrupted)
        except BuildInterruptedError:
            return None

    def day_changed(self) -> bool:
        """The calendar day moved on since the last full build (a preview left
        running past midnight): its notices, this week's schedule and budget
        deadlines are yesterday's, and the fast paths would render more pages
        from that context, so only a full build will do."""
        if self.last is None or not self.last.generators:
            return False
        settings = self.last.generators[0].settings
        return build_datetime(settings) != calendar_day(settings)

    def _refresh_search(self) -> None:
        """Re-index in the background: the page reloads at once, search follows.
        Edits that arrive while Pagefind runs are folded into one more run."""
        from ward_search.indexer import SearchIndexError, build_index

        self._search_pending = True
        if self.search_thread and self.search_thread.is_alive():
            return

        def work(site: Path) -> None:
            while self._search_pending:
                self._search_pending = False
                try:
                    build_index(site)
                except SearchIndexError as exc:
                    print(
                        f"Cảnh báo: chưa cập nhật được tìm kiếm ({exc})",
                        file=sys.stderr,
                    )

        self.search_thread = threading.Thread(
            target=work, args=(self.output,), daemon=True
        )
        self.search_thread.start()


def _reply(report: BuildReport, mode: str) -> dict:
    return {
        "ok": report.ok,
        "mode": mode,
        "seconds": round(report.seconds, 3),
        "errors": report.errors,
        "warnings": report.warnings,
        "written": report.written,
    }


# After a "lists" edit the full build waits for this many seconds without a
# new save: an officer fixing a typo right after saving is not held up by it.
FOLLOW_UP_AFTER_IDLE_SECONDS = 2.0


def _requests(fd: int) -> queue.Queue:
    """The requests read from the file descriptor ``fd`` as they come (None at
    its end), so the loop can wait for the next one with a time limit.

    Read with os.read, not through sys.stdin: the photo pool forks while this
    thread waits, and a forked child closes sys.stdin first; were this thread
    inside sys.stdin's readline, the child would wait for its lock forever."""
    found: queue.Queue = queue.Queue()

    def read() -> None:
        pending = b""
        while chunk := os.read(fd, 1 << 16):
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                with contextlib.suppress(ValueError):  # not a request: ignored
                    if line.strip():
                        found.put(json.loads(line))
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    return found


def _send(report: BuildReport, mode: str, **more) -> None:
    print_report(report)
    print(json.dumps({**_reply(report, mode), **more}, ensure_ascii=False), flush=True)


def run(args) -> int:
    import pelican.log

    # Pelican prints its summary on stdout; stdout here carries our replies only.
    pelican.log.console.file = sys.stderr
    overrides = json.loads(args.overrides or "{}")
    session = Session(
        Path(args.settings), Path(args.output) if args.output else None, overrides
    )
    _send(session.full(), "full")
    requests = _requests(sys.stdin.fileno())
    while True:
        try:
            timeout = FOLLOW_UP_AFTER_IDLE_SECONDS if session.follow_up_due else None
            request = requests.get(timeout=timeout)
        except queue.Empty:
            # Idle: the full build for every page the "lists" edits left,
            # given up for the next save if one comes meanwhile.
            report = session.follow_up(interrupted=lambda: not requests.empty())
            if report is not None:
                _send(report, "full", follow_up=True)
            continue
        if request is None:
            break
        report, mode = session.update(
            [str(Path(p).resolve()) for p in request.get("changed", [])]
        )
        _send(report, mode, more=session.follow_up_due or session.answer_pending())
        written = session.render_later(interrupted=lambda: not requests.empty())
        if written is not None:
            # Unasked, as a follow-up: the officer's page needs no reload.
            answer = {"ok": True, "mode": "later", "written": written}
            answer |= {"follow_up": True, "more": session.follow_up_due}
            print(json.dumps(answer, ensure_ascii=False), flush=True)
    if session.search_thread:
        session.search_thread.join()
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "worker", help="(dùng nội bộ cho make serve) tiến trình xây dựng lại nhanh"
    )
    parser.add_argument("-s", "--settings", default="pelicanconf.py", metavar="TỆP")
    parser.add_argument("-o", "--output", metavar="THƯ_MỤC")
    parser.add_argument(
        "--overrides", metavar="JSON", help="thiết lập ghi đè, dạng JSON"
    )
    parser.set_defaults(handler=run)
