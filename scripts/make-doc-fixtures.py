"""Makes the Word 97–2003 (.doc) files the tests import: tests/fixtures/doc/.

No Python package writes the binary .doc format, so the files are made once
and committed: python-docx writes each document as a ward office typed it
(TCVN3 in .VnTime with the header in .VnTimeH, VNI in VNI-Times, the Decree
30/2020 template), and LibreOffice saves it as "MS Word 97" (.doc), the way
Word 2003 would. Needs LibreOffice (Debian: libreoffice-writer-nogui), only
here: the project reads .doc without it (ward_core.worddoc). Run from the
project folder:

    .venv/bin/python scripts/make-doc-fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TARGET = PROJECT / "tests" / "fixtures" / "doc"
sys.path.insert(0, str(PROJECT))

# The TCVN3 plan: (text, font, bold, centred); "H" fonts are the capitals fonts.
PLAN_HEADER = [
    ("ủy ban nhân dân\nphường an phú", ".VnTimeH"),
    ("cộng hòa xã hội chủ nghĩa việt nam\nĐộc lập - Tự do - Hạnh phúc", ".VnTimeH"),
    ("Số: 123/KH-UBND", ".VnTime"),
    ("An Phú, ngày 05 tháng 3 năm 2026", ".VnTime"),
]
PLAN_TITLE = [
    ("kế hoạch", ".VnTimeH"),
    ("Tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8-3", ".VnTime"),
]
PLAN_BODY = [
    "Căn cứ Kế hoạch số 45/KH-UBND ngày 15/02/2026 của Ủy ban nhân dân phường, "
    "Ủy ban nhân dân phường xây dựng kế hoạch như sau:",
    "Tọa đàm về bình đẳng giới tại hội trường khu phố 3.",
    "Hội thi cắm hoa dành cho hội viên phụ nữ các khu phố.",
]
NOTICE = [
    "Thông báo lịch tiếp công dân của lãnh đạo phường tháng 4",
    "Phường An Phú, ngày 28 tháng 3 năm 2026",
    "Chủ tịch Ủy ban nhân dân phường tiếp công dân vào sáng thứ Năm hằng tuần "
    "tại trụ sở, người dân mang theo giấy tờ tùy thân.",
]

PHOTO_CAPTION = "Trụ sở tiếp công dân của phường"


def tcvn3_plan(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.test_legacy_text import encode

    def typed(cell_or_paragraph, text: str, font: str, bold: bool = False) -> None:
        run = cell_or_paragraph.add_run(encode(text, "tcvn3"))
        run.font.name = font
        run.bold = bold

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    for index, (text, font) in enumerate(PLAN_HEADER):
        cell = header.cell(index // 2, index % 2)
        for number, line in enumerate(text.split("\n")):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            typed(paragraph, line, font, bold=font.endswith("H"))
    for text, font in PLAN_TITLE:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        typed(paragraph, text, font, bold=True)
    for text in PLAN_BODY:
        typed(document.add_paragraph(), text, ".VnTime")
    footer = document.add_table(rows=1, cols=2)
    for cell, lines in zip(
        footer.rows[0].cells,
        (["Nơi nhận:", "- Đảng ủy phường;", "- Lưu: VT."], ["tm. ủy ban nhân dân"]),
        strict=True,
    ):
        for number, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            typed(paragraph, line, ".VnTimeH" if line.startswith("tm") else ".VnTime")
    document.save(str(path))
    return path


def vni_notice(path: Path, photo: Path) -> Path:
    import docx
    from docx.shared import Cm

    from tests.test_legacy_text import encode

    document = docx.Document()
    for text in NOTICE:
        document.add_paragraph().add_run(encode(text, "vni")).font.name = "VNI-Times"
    document.add_picture(str(photo), width=Cm(6))
    caption = encode(PHOTO_CAPTION, "vni")
    document.add_paragraph().add_run(caption).font.name = "VNI-Times"
    document.save(str(path))
    return path


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("Cần LibreOffice (apt-get install libreoffice-writer-nogui).")
        return 1
    from bench.photos import save_photo

    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = [
            tcvn3_plan(work / "tcvn3-ke-hoach.docx"),
            vni_notice(
                work / "vni-thong-bao.docx", save_photo(work / "p.jpg", 160, 120, 1)
            ),
        ]
        subprocess.run(
            [soffice, "--headless", "--convert-to", "doc", "--outdir", str(TARGET)]
            + [str(source) for source in sources],
            check=True,
            env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
        )
    for made in sorted(TARGET.glob("*.doc")):
        print(made.relative_to(PROJECT), made.stat().st_size, "byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
