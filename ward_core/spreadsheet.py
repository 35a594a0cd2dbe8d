"""A spreadsheet (.xlsx) read into accessible tables: header rows, merged cells as
colspan/rowspan, numbers in the Vietnamese format (1.234.567). No Pelican here.

Bounded whatever the file: its size, its unpacked size (a zip bomb), and the
rows and columns read are capped; an unreadable file is a SpreadsheetError in
Vietnamese. An .ods file is refused with how to save it as .xlsx (LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .localfiles import file_size, proposed_data

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40
MAX_HEADER_ROWS = 4
SAVE_AS_XLSX = (
    "Mở tệp bằng Excel hoặc LibreOffice Calc, chọn Lưu thành (Save as) dạng "
    "Excel (.xlsx) rồi chép tệp .xlsx vào."
)


class SpreadsheetError(ValueError):
    """Why the file cannot be shown as a table, in Vietnamese."""


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    number: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]

    @property
    def words(self) -> str:
        return " ".join(c.text for row in self.head + self.body for c in row)


def vn_number(value: float | int) -> str:
    """1234567 -> "1.234.567"; 1234.5 -> "1.234,5"."""
    from babel.numbers import format_decimal

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale="vi")


def _text(value) -> tuple[str, bool]:
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("Có" if value else "Không"), False
    if isinstance(value, int | float):
        return vn_number(value), True
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y"), False
    return " ".join(str(value).split()), False


def _opened(path: Path) -> Path | io.BytesIO:
    """The file to read: the bytes the editor is about to write there while
    its save is checked (ward_core.localfiles.proposed_files), else the file."""
    data = proposed_data(path)
    return io.BytesIO(data) if data is not None else path


def _check_container(path: Path) -> None:
    if path.suffix.lower() == ".ods":
        raise SpreadsheetError(f"chưa hiển thị được tệp .ods. {SAVE_AS_XLSX}")
    size = file_size(path)
    if size > MAX_BYTES:
        raise SpreadsheetError(
            f"tệp bảng tính quá lớn ({size // 1_000_000} MB, giới hạn "
            f"{MAX_BYTES // 1_000_000} MB). Tách thành nhiều tệp nhỏ hơn."
        )
    try:
        with zipfile.ZipFile(_opened(path)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SpreadsheetError(
            f"tệp không phải bảng tính Excel (.xlsx) hoặc bị hỏng. {SAVE_AS_XLSX}"
        ) from None
    if unpacked > MAX_UNPACKED:
        raise SpreadsheetError(
            "tệp bảng tính giải nén ra quá lớn; tách thành tệp nhỏ hơn."
        )


def read_tables(path: Path) -> list[Table]:
    """Every visible sheet with content, as a table."""
    _check_container(path)
    import openpyxl

    try:
        book = openpyxl.load_workbook(_opened(path), data_only=True)
    except Exception:  # openpyxl raises many types for a damaged file
        raise SpreadsheetError(
            f"không đọc được bảng tính (tệp hỏng hoặc đặt mật khẩu). {SAVE_AS_XLSX}"
        ) from None
    tables = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        table = _table(sheet)
        if table.head or table.body:
            tables.append(table)
    if not tables:
        raise SpreadsheetError("bảng tính không có dữ liệu.")
    return tables


def _table(sheet) -> Table:
    rows = min(sheet.max_row or 0, MAX_ROWS)
    columns = min(sheet.max_column or 0, MAX_COLUMNS)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        spans[(top, left)] = (
            min(merged.max_col, columns) - left + 1,
            min(merged.max_row, rows) - top + 1,
        )
        for r in range(top, merged.max_row + 1):
            for c in range(left, merged.max_col + 1):
                if (r, c) != (top, left):
                    covered.add((r, c))
    grid: list[tuple[Cell, ...]] = []
    numeric_rows: list[bool] = []
    for r, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=rows, max_col=columns, values_only=True),
        start=1,
    ):
        cells = []
        has_number = False
        for c, value in enumerate(row, start=1):
            if (r, c) in covered:
                continue
            text, number = _text(value)
            has_number |= number
            colspan, rowspan = spans.get((r, c), (1, 1))
            cells.append(Cell(text, colspan, rowspan, number))
        if any(cell.text for cell in cells):
            grid.append(tuple(cells))
            numeric_rows.append(has_number)
    # Header rows: the leading rows without numbers (a title row merged across
    # the sheet becomes the caption instead).
    caption = sheet.title
    if grid and len(grid[0]) == 1 and grid[0][0].colspan > 1:
        caption = grid[0][0].text
        grid, numeric_rows = grid[1:], numeric_rows[1:]
    head = 0
    while head < min(len(grid), MAX_HEADER_ROWS) and not numeric_rows[head]:
        head += 1
    if head == len(grid):
        head = min(1, len(grid))
    return Table(caption, tuple(grid[:head]), tuple(grid[head:]))
