"""Procurement and public investment documents (Access to Information Law,
Art. 19.1.d) from content/data/dau-thau-dau-tu.yml (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ward_core.datafile import RecordReader, clean
from ward_core.dates import DateFormatError, parse_vn_date
from ward_core.problems import Problem
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


class Reader(RecordReader):
    help_text = FORMAT_HELP

    def __init__(self, root: Path, kinds: tuple[str, ...]) -> None:
        super().__init__(root)
        self.kinds = kinds
        self.result = Parsed(problems=self.problems)

    def document(self, raw: Any, line: int) -> None:
        raw = self.record(raw, line, DOCUMENT_FIELDS, "văn bản")
        if raw is None:
            return
        kind, title = clean(raw.get("kind")), clean(raw.get("title"))
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
            date = parse_vn_date(clean(raw.get("date")))
        except DateFormatError as exc:
            self.problem(raw.line_of("date"), f"{exc}. Viết dạng 10/02/2026.", "date")
            return
        value = clean(raw.get("value")).replace(".", "").replace(" ", "")
        if value and not value.isdigit():
            self.problem(
                raw.line_of("value"),
                "value: là số tiền (đồng), ví dụ 1234567000.",
                "value",
            )
            return
        ok_file, file = self.file(raw, "file", FILE_SUFFIXES, EXAMPLE)
        ok_sheet, sheet = self.file(raw, "sheet", (".xlsx", ".ods"), EXAMPLE)
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
                    raw.line_of(key), f'bảng tính "{clean(raw[key])}": {exc}', key
                )
                return
        self.result.documents.append(
            Disclosure(
                kind=kind,
                title=title,
                date=date,
                line=raw.line,
                number=clean(raw.get("number")),
                value=f"{vn_number(int(value))} đồng" if value else "",
                note=clean(raw.get("note")),
                file=file,
                sheet=sheet,
                tables=tuple(tables),
            )
        )


def parse_disclosures(text: str, root: Path, kinds: tuple[str, ...]) -> Parsed:
    reader = Reader(root, kinds)
    reader.read(text, "documents", reader.document)
    reader.result.documents.sort(key=lambda d: (d.date, d.line), reverse=True)
    return reader.result
