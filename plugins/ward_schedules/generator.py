"""Pelican adapter: schedule pages, the week on the home page, and the .ics feeds."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from ward_core.buildtime import build_datetime
from ward_core.folding import folded_words
from ward_core.pagewriter import write_page
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.sources import data_files_in
from ward_core.textfile import read_text

from .ical import build_calendar
from .load import PATTERNS, load
from .model import Item, Week
from .settings import SchedulesSettings

WEEK_CONTEXT = "schedule_week"  # the week shown on the home page, or None
SETTINGS_CONTEXT = "schedules"
OFFICIALS_CONTEXT = "officials_index"  # written by ward_frontmatter, read only


class WeekPage:
    """A week as its archive page shows it."""

    def __init__(self, week: Week, url: str) -> None:
        self.week = week
        self.url = url
        self.title = f"Tuần {week.number} năm {week.year}"
        self.folded = folded_text(week.items, [week.note])


def folded_text(items: tuple[Item, ...], extra: list[str]) -> str:
    """The page's words with "đ" folded ("chuyển đổi số" found by "chuyen doi
    so"), as Q&A and budget pages carry them: Pagefind folds accents, not đ."""
    words = [*extra]
    for item in items:
        words += [item.title, item.chair, item.attendees, item.place, *item.changes]
    return " ".join(folded_words(words))


def _domain(settings) -> str:
    netloc = urlsplit(settings.get("SITEURL") or "").netloc
    email = (settings.get("WARD") or {}).get("email", "")
    return netloc or email.rpartition("@")[2] or "localhost"


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class WardSchedulesGenerator(Generator):
    def generate_context(self) -> None:
        s = self.schedule_settings = SchedulesSettings.from_settings(self.settings)
        root = Path(self.settings["PATH"])
        reception = root / s.reception_file
        files = data_files_in(root / s.work_folder, PATTERNS)
        loaded = session_of(self.settings).fact(
            "ward_schedules",
            lambda: load(s, root, read_text, files, reception.is_file()),
        )
        if loaded.problems:
            raise SiteError(problems=loaded.problems)
        self.now = build_datetime(self.settings)
        today = self.now.date()
        self.weeks = [
            WeekPage(w, s.week_url.format(year=w.year, week=w.number))
            for w in loaded.weeks
        ]
        self.current = next((p for p in self.weeks if p.week.contains(today)), None)
        self.reception = loaded.reception
        officials = {
            getattr(e, "key", ""): getattr(e, "url", "")
            for e in self.context.get(OFFICIALS_CONTEXT, [])
        }
        self.context[WEEK_CONTEXT] = self.current
        self.context[SETTINGS_CONTEXT] = {
            "settings": s,
            "official_urls": officials,
            "today": today,
            "has_work": bool(self.weeks),
            "has_reception": self.reception is not None,
        }

    def _write(self, writer, save_as: str, url: str, template: str, **extra) -> None:
        write_page(self, writer, save_as, template, url, **extra)

    def generate_output(self, writer) -> None:
        s = self.schedule_settings
        siteurl = self.settings.get("SITEURL", "")
        domain = _domain(self.settings)
        output = Path(self.output_path)
        if self.weeks:
            by_year: dict[int, list[WeekPage]] = {}
            for page in reversed(self.weeks):
                by_year.setdefault(page.week.year, []).append(page)
            self._write(
                writer,
                s.work_url + "index.html",
                s.work_url,
                "schedule_index",
                shown=self.current,
                archive=sorted(by_year.items(), reverse=True),
            )
            for page in self.weeks:
                self._write(
                    writer,
                    page.url + "index.html",
                    page.url,
                    "schedule_week",
                    shown=page,
                )
            items = [item for page in self.weeks for item in page.week.items]
            _write_bytes(
                output / s.work_feed,
                build_calendar(
                    "Lịch công tác " + self.settings.get("SITENAME", ""),
                    "lich-cong-tac",
                    items,
                    domain=domain,
                    stamp=self.now,
                    url=f"{siteurl}/{s.work_url}" if siteurl else "",
                    default_minutes=s.default_minutes,
                ),
            )
        if self.reception is not None:
            today = self.now.date()
            upcoming = [i for i in self.reception.items if i.date >= today]
            self._write(
                writer,
                s.reception_url + "index.html",
                s.reception_url,
                "reception",
                reception=self.reception,
                upcoming=upcoming,
                folded=folded_text(
                    tuple(upcoming),
                    [self.reception.place, self.reception.register],
                ),
            )
            _write_bytes(
                output / s.reception_feed,
                build_calendar(
                    "Lịch tiếp công dân " + self.settings.get("SITENAME", ""),
                    "lich-tiep-cong-dan",
                    self.reception.items,
                    domain=domain,
                    stamp=self.now,
                    url=f"{siteurl}/{s.reception_url}" if siteurl else "",
                    default_minutes=s.default_minutes,
                ),
            )
