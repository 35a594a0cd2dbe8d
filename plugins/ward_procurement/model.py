"""Procurement and public investment documents (Access to Information Law,
Art. 19.1.d) from content/data/dau-thau-dau-tu.yml (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ward_core.datafile import read_keyed_list
from ward_core.dates import DateFormatError, parse_vn_date
from ward_core.localfiles import content_file
from ward_core.people import clean_text
from ward_core.problems import Problem, unknown_keys
from ward_core.spreadsheet import SpreadsheetError, Table, read_tables, vn_number

DOCUMENT_FIELDS = ("kind", "title", "number", "date", "value", "file", "sheet", "note")
FILE_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".odt")
EXAMPLE = "data/dau-thau/ke-hoach-lua-chon-nha-thau.pdf"
FORMAT_HELP = (
    "Tệp gồm documents: rồi từng văn bản - kind: dau-thau (hoặc dau-tu-cong), "
    "title: …, date: …, file: …"
)


@dataclass(frozen=True)
class Disclosure:
    kind: str
    title: str
    date: dt.date
    line: int = 0
    number: str = ""
    value: str = ""  # "1.234.567.000 đồng"
    note: str = ""
    file: Path | None = None
    sheet: Path | None = None
    tables: tuple[Table, ...] = ()


@dataclass
class Parsed:
    documents: list[Disclosure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _text(value: Any) -> str:
    return clean_text(value) if isinstance(value, str) else ""


class Reader:
    def __init__(self, root: Path, kinds: tuple[str, ...]) -> None:
        self.root = root
        self.kinds = kinds
        self.result = Parsed()

    def problem(self, line: int, message: str, name: str = "") -> None:
        self.result.problems.append(Problem(line=line, field=name, message=message))

    def file(self, raw: dict, key: str, suffixes: tuple[str, ...]) -> tuple[bool, Any]:
        if not _text(raw.get(key)):
            return True, None
        found, why = content_file(self.root, _text(raw[key]), suffixes, EXAMPLE)
        if found is None:
            self.problem(raw.line_of(key), why, key)
        return found is not None, found

    def document(self, raw: Any, line: int) -> None:
        if not isinstance(raw, dict):
            self.problem(line, f"văn bản không đúng dạng. {FORMAT_HELP}")
            return
        unknown = unknown_keys(raw, DOCUMENT_FIELDS, what="trong văn bản")
        if unknown:
            self.result.problems += unknown[:1]
            return
        kind, title = _text(raw.get("kind")), _text(raw.get("title"))
        if kind not in self.kinds:
            self.problem(
                raw.line_of("kind"),
                f"kind: dùng một trong: {', '.join(self.kinds)}.",
                "kind",
            )
            return
        if not title:
            self.problem(
                raw.line, "văn bản thiếu title: (tên văn bản, gói thầu, dự án)."
            )
            return
        try:
            date = parse_vn_date(_text(raw.get("date")))
        except DateFormatError as exc:
            self.problem(raw.line_of("date"), f"{exc}. Viết dạng 10/02/2026.", "date")
            return
        value = _text(raw.get("value")).replace(".", "").replace(" ", "")
        if value and not value.isdigit():
            self.problem(
                raw.line_of("value"),
                "value: là số tiền (đồng), ví dụ 1234567000.",
                "value",
            )
            return
        ok_file, file = self.file(raw, "file", FILE_SUFFIXES)
        ok_sheet, sheet = self.file(raw, "sheet", (".xlsx", ".ods"))
        if not (ok_file and ok_sheet):
            return
        if sheet is None and file is not None and file.suffix.lower() == ".xlsx":
            sheet = file
        tables: list[Table] = []
        if sheet is not None:
            try:
                tables = read_tables(sheet)
            except SpreadsheetError as exc:
                key = "sheet" if "sheet" in raw else "file"
                self.problem(
                    raw.line_of(key), f'bảng tính "{_text(raw[key])}": {exc}', key
                )
                return
        self.result.documents.append(
            Disclosure(
                kind=kind,
                title=title,
                date=date,
                line=raw.line,
                number=_text(raw.get("number")),
                value=f"{vn_number(int(value))} đồng" if value else "",
                note=_text(raw.get("note")),
                file=file,
                sheet=sheet,
                tables=tuple(tables),
            )
        )


def parse_disclosures(text: str, root: Path, kinds: tuple[str, ...]) -> Parsed:
    reader = Reader(root, kinds)
    items, reader.result.problems = read_keyed_list(text, "documents", FORMAT_HELP)
    for item in items:
        reader.document(item, getattr(item, "line", 1))
    reader.result.documents.sort(key=lambda d: (d.date, d.line), reverse=True)
    return reader.result
