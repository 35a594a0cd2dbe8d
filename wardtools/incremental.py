"""The preview's build worker: one long-lived process, fast rebuilds after an edit.

`make serve` starts it once (and again whenever plugins, tools or settings
change, since their code lives in this process). A change to the body of one
post re-reads only that post (Pelican's content cache has the others) and
writes only its page; anything that changes what lists, menus or indexes show
falls back to a full build. The search index is refreshed in the background.

Protocol on stdin/stdout, one JSON object per line:
  → {"changed": ["/abs/path.md", …]}   ← {"ok": true, "mode": "incremental", "seconds": 0.8}
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .build import BuildReport, _Collector, build_site, print_report

# What a post contributes to pages other than its own: if any of it changes, every
# list, index and neighbour page may change too, so we build everything.
LISTING_FIELDS = (
    "title",
    "slug",
    "save_as",
    "status",
    "category",
    "tags",
    "summary",
    "date",
    "officials",
    "plan",
    "documents",
    "cover",
    "comments_status",
    "comment_count",
)


def _snapshot_of(article) -> tuple:
    def value(name: str) -> Any:
        raw = getattr(article, name, None)
        if name == "category":
            return getattr(raw, "name", None)
        if name == "tags":
            return tuple(tag.name for tag in raw or [])
        if name in ("officials", "documents"):
            return tuple(repr(item) for item in raw or [])
        if name == "cover":
            cover = getattr(article, "cover_spec", None)
            return getattr(cover, "src", None)
        return repr(raw)

    return tuple(value(name) for name in LISTING_FIELDS)


class Snapshots:
    """Per source file: what the last build showed of it outside its own page."""

    def __init__(self) -> None:
        self.by_source: dict[str, tuple] = {}
        self.save_as: dict[str, str] = {}

    def record(self, generators) -> None:
        for generator in generators:
            for article in getattr(generator, "articles", None) or []:
                if getattr(article, "source_path", None):
                    self.by_source[article.source_path] = _snapshot_of(article)
                    self.save_as[article.source_path] = article.save_as


SNAPSHOTS = Snapshots()


def _on_all_generators_finalized(generators) -> None:
    if _recording["on"]:
        _recording["last"] = Snapshots()
        _recording["last"].record(generators)


_recording: dict[str, Any] = {"on": False, "last": None}


class Session:
    def __init__(
        self, settings_file: Path, output: Path | None, overrides: dict
    ) -> None:
        from pelican import signals

        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides
        self.snapshots: Snapshots | None = None
        self.search_thread: threading.Thread | None = None
        self._search_pending = False
        _recording["on"] = True
        signals.all_generators_finalized.connect(_on_all_generators_finalized)

    def full(self) -> BuildReport:
        if self.search_thread and self.search_thread.is_alive():
            self._search_pending = False
            self.search_thread.join()  # a full build swaps output/: let Pagefind finish first
        # Always a real build: its snapshots are what makes the next edit fast.
        report = build_site(self.settings_file, self.output, self.overrides, force=True)
        self.snapshots = _recording["last"] if report.ok else None
        self.output = report.output
        return report

    def update(self, changed: list[str]) -> tuple[BuildReport, str]:
        known = self.snapshots.by_source if self.snapshots else {}
        posts = [path for path in changed if path in known]
        if not posts or len(posts) != len(changed):
            return self.full(), "full"
        report = self._write_only(posts)
        if not report.ok:
            return report, "incremental"
        fresh = _recording["last"]
        if any(fresh.by_source.get(path) != known[path] for path in posts):
            return self.full(), "full"  # lists and indexes show something that changed
        self._refresh_search()
        return report, "incremental"

    def _write_only(self, posts: list[str]) -> BuildReport:
        from pelican import Pelican
        from pelican.settings import read_settings

        started = time.monotonic()
        assert self.snapshots is not None and self.output is not None
        only = [self.snapshots.save_as[path] for path in posts]
        collector = _Collector()
        root = logging.getLogger()
        root.addHandler(collector)
        try:
            settings = read_settings(
                str(self.settings_file),
                override={
                    **self.overrides,
                    "OUTPUT_PATH": str(self.output),
                    "WARD_WRITE_ONLY": only,
                    "WARD_SEARCH": False,
                },
            )
            Pelican(settings).run()
        except Exception as exc:
            from .build import _officer_message

            collector.errors.append(_officer_message(exc))
        finally:
            root.removeHandler(collector)
        return BuildReport(
            ok=not collector.errors,
            output=self.output,
            errors=sorted(collector.errors),
            warnings=collector.warnings,
            seconds=time.monotonic() - started,
            in_place=True,
        )

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


def run(args) -> int:
    import pelican.log

    # Pelican prints its summary on stdout; stdout here carries our replies only.
    pelican.log.console.file = sys.stderr
    overrides = json.loads(args.overrides or "{}")
    session = Session(
        Path(args.settings), Path(args.output) if args.output else None, overrides
    )
    report = session.full()
    print_report(report)
    print(
        json.dumps(
            {"ok": report.ok, "mode": "full", "seconds": round(report.seconds, 3)}
        ),
        flush=True,
    )
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        report, mode = session.update(
            [str(Path(p).resolve()) for p in request.get("changed", [])]
        )
        print_report(report)
        reply = {"ok": report.ok, "mode": mode, "seconds": round(report.seconds, 3)}
        print(json.dumps(reply), flush=True)
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
