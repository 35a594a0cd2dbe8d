"""The budget file read and checked once: data, spreadsheets, and what is due.
Shared by the build, `make check` and the editor's save."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ward_core.problems import Problem
from ward_core.spreadsheet import SpreadsheetError, Table, read_tables

from .model import BudgetYear, parse_budget_file, statuses


@dataclass
class Loaded:
    years: list[BudgetYear] = field(default_factory=list)
    tables: dict[Path, list[Table]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # placed in the data file


def load(text: str, content_root: Path, shown: str) -> Loaded:
    parsed = parse_budget_file(text, content_root)
    loaded = Loaded(years=parsed.years, problems=[p.at(shown) for p in parsed.problems])
    for year in parsed.years:
        for doc in year.documents:
            if doc.sheet is None or doc.sheet in loaded.tables:
                continue
            try:
                loaded.tables[doc.sheet] = read_tables(doc.sheet)
            except SpreadsheetError as exc:
                loaded.problems.append(
                    Problem(
                        shown,
                        doc.sheet_line,
                        "sheet",
                        f'bảng tính "{doc.sheet_src}": {exc}',
                    )
                )
    return loaded


def due_notes(
    years: list[BudgetYear], today: dt.date, warn_days: int, shown: str
) -> list[Problem]:
    """Notes (not errors) for periods overdue or due soon: the law sets the dates,
    the officer may still be waiting for the council."""
    notes = []
    for year in years:
        for status in statuses(year, today, warn_days):
            if status.state not in ("overdue", "due"):
                continue
            notes.append(
                Problem(
                    shown,
                    year.line,
                    "documents",
                    f"năm ngân sách {year.year}: {status.period.label} – "
                    f"{status.label.lower()}. Thêm kỳ period: {status.period.key} "
                    "với date: và file: khi đã công khai.",
                    error=False,
                )
            )
    return notes
