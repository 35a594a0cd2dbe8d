"""Budget disclosure: the periods and deadlines (han-cong-khai.yml, shipped with
the plugin) and the ward's content/data/ngan-sach.yml (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ward_core.datafile import RecordReader, clean
from ward_core.problems import Problem
from ward_core.yamltree import parse_yaml_text

PERIODS_FILE = Path(__file__).with_name("han-cong-khai.yml")
YEAR_FIELDS = ("year", "documents")
DOCUMENT_FIELDS = ("period", "title", "date", "file", "sheet")
FILE_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".odt")
SHEET_SUFFIXES = (".xlsx", ".ods")
EXAMPLE = "data/ngan-sach/2026/du-toan.pdf"
FORMAT_HELP = (
    "Tệp gồm years: rồi từng năm - year: 2026, documents: với từng kỳ "
    "- period: …, date: …, file: …"
)


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    day: int
    month: int
    year_offset: int

    def deadline(self, year: int) -> dt.date:
        return dt.date(year + self.year_offset, self.month, self.day)


@cache
def periods() -> tuple[Period, ...]:
    tree = parse_yaml_text(PERIODS_FILE.read_text(encoding="utf-8"), 1, subject="tệp")
    return tuple(
        Period(
            str(item["key"]),
            str(item["label"]),
            int(item["day"]),
            int(item["month"]),
            int(item["year_offset"]),
        )
        for item in tree
    )


@dataclass(frozen=True)
class BudgetDocument:
    period: str
    title: str
    line: int
    date: dt.date | None = None  # published on
    file: Path | None = None
    file_src: str = ""
    sheet: Path | None = None
    sheet_src: str = ""
    sheet_line: int = 0


@dataclass(frozen=True)
class BudgetYear:
    year: int
    line: int
    documents: tuple[BudgetDocument, ...]


@dataclass
class Parsed:
    years: list[BudgetYear] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Status:
    period: Period
    deadline: dt.date
    document: BudgetDocument | None
    state: str  # published, late, overdue, due, later

    @property
    def label(self) -> str:
        d = self.deadline.strftime("%d/%m/%Y")
        doc = self.document
        if self.state == "published":
            return f"Đã công khai ngày {doc.date:%d/%m/%Y}"
        if self.state == "late":
            return f"Đã công khai ngày {doc.date:%d/%m/%Y} (muộn so với hạn {d})"
        if self.state == "overdue":
            return f"Chưa công khai, đã quá hạn {d}"
        if self.state == "due":
            return f"Chưa công khai, hạn {d}"
        return f"Chưa đến kỳ (hạn {d})"


def statuses(year: BudgetYear, today: dt.date, warn_days: int) -> list[Status]:
    by_period = {doc.period: doc for doc in year.documents}
    found = []
    for period in periods():
        deadline = period.deadline(year.year)
        doc = by_period.get(period.key)
        if doc and doc.date:
            state = "late" if doc.date > deadline else "published"
        elif today > deadline:
            state = "overdue"
        elif (deadline - today).days <= warn_days:
            state = "due"
        else:
            state = "later"
        found.append(Status(period, deadline, doc, state))
    return found


class Reader(RecordReader):
    help_text = FORMAT_HELP

    def __init__(self, content_root: Path) -> None:
        super().__init__(content_root)
        self.result = Parsed(problems=self.problems)

    def document(self, raw: Any, line: int, seen: set[str]) -> BudgetDocument | None:
        raw = self.record(raw, line, DOCUMENT_FIELDS, "kỳ công khai")
        if raw is None:
            return None
        key = clean(raw.get("period"))
        known = {p.key: p for p in periods()}
        if key not in known:
            self.problem(
                raw.line_of("period"),
                f'period: "{key}" không có; dùng một trong: {", ".join(known)}.',
                "period",
            )
            return None
        if key in seen:
            self.problem(raw.line_of("period"), f'kỳ "{key}" ghi hai lần.', "period")
            return None
        seen.add(key)
        ok, date = self.date(raw, "date", "05/12/2025")
        if not ok:
            return None
        ok, file = self.file(raw, "file", FILE_SUFFIXES, EXAMPLE)
        if not ok:
            return None
        ok, sheet = self.file(raw, "sheet", SHEET_SUFFIXES, EXAMPLE)
        if not ok:
            return None
        if sheet is None and file is not None and file.suffix.lower() == ".xlsx":
            sheet = file
        if date and not file:
            self.problem(
                raw.line,
                "kỳ đã công khai (có date:) phải có file: (tệp văn bản công khai).",
                "file",
            )
            return None
        return BudgetDocument(
            period=key,
            title=clean(raw.get("title")) or known[key].label,
            line=raw.line,
            date=date,
            file=file,
            file_src=clean(raw.get("file")),
            sheet=sheet,
            sheet_src=clean(raw.get("sheet")) or clean(raw.get("file")),
            sheet_line=raw.line_of("sheet") if "sheet" in raw else raw.line_of("file"),
        )

    def year(self, raw: Any, line: int) -> None:
        if not isinstance(raw, dict) or set(raw) - set(YEAR_FIELDS):
            self.problem(getattr(raw, "line", line), FORMAT_HELP)
            return
        written = clean(raw.get("year"))
        if not (written.isdigit() and 2000 <= int(written) <= 2100):
            self.problem(
                raw.line_of("year"), "year: là năm ngân sách, ví dụ 2026.", "year"
            )
            return
        items = raw.get("documents") or []
        if not isinstance(items, list):
            self.problem(raw.line_of("documents"), FORMAT_HELP, "documents")
            return
        seen: set[str] = set()
        docs = [self.document(d, getattr(d, "line", raw.line), seen) for d in items]
        self.result.years.append(
            BudgetYear(int(written), raw.line, tuple(d for d in docs if d))
        )


def parse_budget_file(text: str, content_root: Path) -> Parsed:
    reader = Reader(content_root)
    reader.read(text, "years", reader.year)
    years = [y.year for y in reader.result.years]
    if len(set(years)) != len(years):
        reader.problem(
            1, "một năm ngân sách được ghi hai lần; gộp lại làm một.", "year"
        )
    reader.result.years.sort(key=lambda y: y.year, reverse=True)
    return reader.result
