"""Pelican adapter: the budget pages (years, and one page per year with each
period's status, its file and its spreadsheets as tables)."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.buildtime import build_datetime
from ward_core.folding import folded_words
from ward_core.officefiles import file_type, size_label
from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.photos.cache import publish_files
from ward_core.problems import SiteError, errors_of
from ward_core.session import session_of
from ward_core.textfile import read_text

from .load import load
from .model import statuses
from .settings import BudgetSettings

BUDGET_CONTEXT = "budget"


class ShownPeriod:
    def __init__(self, status, link: str, tables, file) -> None:
        self.status = status
        self.label = status.period.label
        self.state = status.state
        self.document = status.document
        self.link = link
        self.tables = tables
        self.file_type = file_type(file.name) if file else ""
        self.file_size = size_label(file.stat().st_size) if file else ""


class YearPage:
    def __init__(self, year: int, url: str, periods: list[ShownPeriod]) -> None:
        self.year = year
        self.url = url
        self.periods = periods
        words = [p.label for p in periods]
        words += [t.words for p in periods for t in p.tables]
        words += [p.document.title for p in periods if p.document]
        self.folded = " ".join(folded_words(words))

    @property
    def published(self) -> int:
        return sum(p.state in ("published", "late") for p in self.periods)


class WardBudgetGenerator(Generator):
    def generate_context(self) -> None:
        s = self.budget_settings = BudgetSettings.from_settings(self.settings)
        root = Path(self.settings["PATH"])
        path = root / s.data_file
        self.year_pages: list[YearPage] = []
        self.files: dict[str, Path] = {}
        self.context[BUDGET_CONTEXT] = {"settings": s, "years": self.year_pages}
        if not path.is_file():
            return
        loaded = session_of(self.settings).fact(
            "ward_budget", lambda: load(read_text(path), root, display_path(str(path)))
        )
        if errors_of(loaded.problems):
            raise SiteError(problems=errors_of(loaded.problems))
        today = build_datetime(self.settings).date()
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        for year in loaded.years:
            url = s.year_url.format(year=year.year)
            shown = []
            for status in statuses(year, today, s.warn_days):
                doc = status.document
                link, tables = "", []
                if doc and doc.file:
                    stem = slugify(doc.file.stem, regex_subs=subs) or status.period.key
                    name = f"{url}{stem}{doc.file.suffix.lower()}"
                    self.files[name] = doc.file
                    link = name
                if doc and doc.sheet:
                    tables = loaded.tables.get(doc.sheet, [])
                    if doc.sheet != doc.file:
                        stem = slugify(doc.sheet.stem, regex_subs=subs) or "bang"
                        self.files[f"{url}{stem}{doc.sheet.suffix.lower()}"] = doc.sheet
                shown.append(
                    ShownPeriod(status, link, tables, doc.file if doc else None)
                )
            self.year_pages.append(YearPage(year.year, url, shown))

    def generate_output(self, writer) -> None:
        if not self.year_pages:
            return
        s = self.budget_settings
        for page in self.year_pages:
            write_page(
                self,
                writer,
                page.url + "index.html",
                "budget_year",
                page.url,
                budget_year=page,
            )
        write_page(self, writer, s.url + "index.html", "budget_index", s.url)
        publish_files(self.files, Path(self.output_path))
