"""Writes the sample content's budget spreadsheets (content/data/ngan-sach/2026/*.xlsx),
laid out as ward accountants lay them out: a title merged across, a two-row header
with merged cells, amounts in đồng.

Run once by a developer, not by builds: `.venv/bin/python scripts/make-sample-budget.py`.
The .xlsx files are committed, so builds never run this. Fixed document dates keep
the workbook's properties the same on every run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parents[1] / "content" / "data" / "ngan-sach" / "2026"
# SAMPLE DATA (dữ liệu mẫu): invented figures for the fictional Phường Hòa Thuận.
ROWS = [
    ("A", "TỔNG THU NGÂN SÁCH PHƯỜNG", None, None),
    ("1", "Thu phí, lệ phí", 1_250_000_000, 1_310_000_000),
    ("2", "Thu bổ sung cân đối từ ngân sách cấp trên", 14_800_000_000, 15_420_000_000),
    ("3", "Thu khác ngân sách", 320_000_000, 350_000_000),
    ("B", "TỔNG CHI NGÂN SÁCH PHƯỜNG", None, None),
    ("1", "Chi quản lý nhà nước, Đảng, đoàn thể", 9_600_000_000, 9_980_000_000),
    ("2", "Chi đảm bảo xã hội", 2_150_000_000, 2_310_000_000),
    ("3", "Chi sự nghiệp văn hóa, thể thao", 640_000_000, 700_000_000),
    ("4", "Chi quốc phòng, an ninh", 1_870_000_000, 1_930_000_000),
    ("5", "Dự phòng ngân sách", 310_000_000, 330_000_000),
]


def totals(rows):
    """Fill each section's total (A, B) with the sum of its lines."""
    filled, section = [], None
    for row in rows:
        if not row[0].isdigit():
            section = len(filled)
            filled.append([row[0], row[1], 0, 0])
            continue
        filled.append(list(row))
        filled[section][2] += row[2]
        filled[section][3] += row[3]
    return filled


def workbook(title: str, third: str, fourth: str) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu số 01"
    sheet.append([title])
    sheet.merge_cells("A1:D1")
    sheet.append(["STT", "Nội dung", "Số tiền (đồng)", None])
    sheet.append([None, None, third, fourth])
    for cells in ("A2:A3", "B2:B3", "C2:D2"):
        sheet.merge_cells(cells)
    for row in totals(ROWS):
        sheet.append(row)
    for cell in sheet[1] + sheet[2] + sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.column_dimensions["B"].width = 48
    for column in "CD":
        sheet.column_dimensions[column].width = 20
    book.properties.creator = "Phường Hòa Thuận (dữ liệu mẫu)"
    book.properties.created = book.properties.modified = dt.datetime(2025, 12, 1)
    return book


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    workbook(
        "DỰ TOÁN THU, CHI NGÂN SÁCH PHƯỜNG NĂM 2026 TRÌNH HĐND PHƯỜNG",
        "Ước thực hiện năm 2025",
        "Dự toán năm 2026",
    ).save(OUT / "du-toan-trinh-hdnd-2026.xlsx")
    workbook(
        "DỰ TOÁN THU, CHI NGÂN SÁCH PHƯỜNG NĂM 2026 ĐÃ ĐƯỢC HĐND PHƯỜNG QUYẾT ĐỊNH",
        "Dự toán trình",
        "Dự toán HĐND quyết định",
    ).save(OUT / "du-toan-duoc-duyet-2026.xlsx")


if __name__ == "__main__":
    main()
