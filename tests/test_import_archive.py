"""A former ward's mixed archive in one command: a TCVN3 Word file, a VNI .doc, an
office-template plan as Word and as PDF, a scanned PDF and a saved NukeViet 3
page; `make check` and the build agree and search finds the scanned words."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.photos import save_photo
from bench.scans import scanned_pdf
from tests.browserkit import serve_directory
from tests.dockit import make_pdf
from tests.sitekit import run_build, run_tool
from tests.test_import_layouts import NUKEVIET3
from tests.test_legacy_text import BODY, TITLE, _word_file, encode, office_template_plan
from tests.test_word_doc import VNI_NOTICE

PDF_PLAN = [
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHƯỜNG AN PHÚ Độc lập - Tự do - Hạnh phúc",
    "Số: 57/KH-UBND An Phú, ngày 12 tháng 4 năm 2026",
    "KẾ HOẠCH",
    "Tổng vệ sinh môi trường hưởng ứng Ngày Nước thế giới",
    "Căn cứ tình hình thực tế, Ủy ban nhân dân phường ban hành kế hoạch như sau:",
    "1. Các khu phố ra quân thu gom rác thải vào sáng Chủ nhật.",
    "Nơi nhận:",
    "- Lưu: VT. TM. ỦY BAN NHÂN DÂN",
]
SCAN = [
    "THÔNG BÁO",
    "Lịch cắt nước để sửa chữa đường ống trên đường Trần Hưng Đạo",
    "Thời gian từ 8 giờ đến 16 giờ ngày 20 tháng 4 năm 2026.",
]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/system-deps.sh")
def test_a_mixed_archive_imports_checks_builds_and_is_searchable(tmp_path, page):
    archive = tmp_path / "luu-tru phuong 7"
    archive.mkdir()
    _word_file(
        archive / "ke hoach doc sach.docx",
        [
            (encode(TITLE, "tcvn3"), ".VnTime"),
            (encode("Phường An Phú, ngày 05 tháng 5 năm 2023", "tcvn3"), ".VnTime"),
            (encode(BODY, "tcvn3"), ".VnTime"),
        ],
    )
    photos = [save_photo(tmp_path / f"p{n}.jpg", 640, 480, seed=n) for n in (1, 2)]
    office_template_plan(archive / "KH 123 ngày 8-3.docx", photos)
    make_pdf(archive / "KH 57 ve sinh.pdf", [PDF_PLAN])
    shutil.copy(VNI_NOTICE, archive / "TB tiep dan T4.doc")  # Word 97–2003, VNI
    scanned_pdf(archive / "Scan 2026-04-15.pdf", [SCAN])
    (archive / "hoi-nghi-tong-ket.html").write_text(NUKEVIET3, encoding="utf-8")
    for seed, name in enumerate(("hoi-nghi.jpg", "khen-thuong.jpg")):
        save_photo(archive / "uploads" / "news" / name, 640, 480, seed=seed)
    (archive / "uploads" / "news" / "dinh-kem.pdf").write_bytes(
        (archive / "KH 57 ve sinh.pdf").read_bytes()  # a page's attachment, no post
    )
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    result = run_tool(
        "import", "--content", str(content), "--nguon", f"{archive}=Phường 7 (cũ)"
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "Traceback" not in report
    posts = {p.parent.name: p.read_text("utf-8") for p in content.rglob("index.md")}
    assert len(posts) == 6, sorted(posts)
    plan = next(t for n, t in posts.items() if n.startswith("ke-hoach-tong-ve-sinh"))
    assert 'number: "57/KH-UBND"' in plan and "date: 12/04/2026" in plan
    assert "Nơi nhận" not in plan and "Các khu phố ra quân" in plan
    scan = next(t for n, t in posts.items() if n.startswith("thong-bao-lich-cat-nuoc"))
    assert "attachments:" in scan and "scan-2026-04-15.pdf" in scan
    assert "Kiểm tra như make check: 0 lỗi" in report
    check = run_tool("check", "--content", str(content))
    build = run_build(content, tmp_path / "output", timeout=300)
    assert check.returncode == 0, check.stdout
    assert build.ok, build.log
    with serve_directory(build.output) as base:
        for query, expected in (
            ("sửa chữa đường ống", "cắt nước"),  # words only in the scan
            ("sua chua duong ong", "cắt nước"),
            ("doc sach thieu nhi", "đọc sách"),  # the TCVN3 Word file
            ("giấy tờ tùy thân", "tiếp công dân"),  # the VNI .doc
        ):
            page.goto(f"{base}/tim-kiem/?q={quote(query)}")
            page.wait_for_function(
                "q => document.body.getAttribute('data-search-done') === q",
                arg=query,
                timeout=15000,
            )
            found = page.eval_on_selector_all(
                ".search-title a", "els => els.map(e => e.textContent.toLowerCase())"
            )
            assert any(expected in title for title in found), (query, found)


def test_pdf_lines_become_paragraphs():
    from wardtools.importer.pdf import _paragraphs

    assert _paragraphs(
        [
            "Các khu phố ra quân thu gom",
            "rác thải vào sáng Chủ nhật.",
            "KẾT QUẢ",
            "Tốt.",
        ]
    ) == ["Các khu phố ra quân thu gom rác thải vào sáng Chủ nhật.", "KẾT QUẢ", "Tốt."]


def test_a_documents_attachment_folder_is_not_imported_as_posts(tmp_path):
    from wardtools.importer.cli import _files

    (tmp_path / "uploads" / "files").mkdir(parents=True)
    for name in ("a.pdf", "Mau don.doc", "Bao cao.docx"):
        (tmp_path / "uploads" / "files" / name).write_bytes(b"%PDF-1.4")
    for name in ("b.pdf", "KH 12.doc"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    assert [p.name for p in _files(Path(tmp_path))] == ["KH 12.doc", "b.pdf"]
