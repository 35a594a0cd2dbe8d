"""Scanned documents (a PDF of page images) become text by OCR: shown on the
document's page as recognised text, and found by search."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from bench import scans
from tests.browserkit import serve_directory
from tests.sitekit import (
    copy_sample_content,
    run_build,
    run_tool,
    settings_with_cache,
    write_post,
)
from ward_core.officefiles import analyze

LINES = [
    "ỦY BAN NHÂN DÂN PHƯỜNG AN PHÚ",
    "KẾ HOẠCH",
    "Phòng chống lụt bão và giảm nhẹ thiên tai năm 2026",
    "Các tổ dân phố kiểm tra hệ thống thoát nước trước mùa mưa.",
]

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is installed by scripts/system-deps.sh (make test)",
)


def scanned_pdf(path: Path, lines: list[str]) -> Path:
    return scans.scanned_pdf(path, [lines])


@needs_tesseract
def test_a_scan_is_recognised_once_and_marked(tmp_path):
    fields, _ = analyze(scanned_pdf(tmp_path / "quet.pdf", LINES), "PDF")
    text = " ".join(fields["text"])
    assert "Phòng chống lụt bão" in text and "thoát nước" in text
    assert fields["text_recognised"] is True
    assert any("nhận dạng tự động" in f.message for f in fields["findings"])
    assert not any(f.error for f in fields["findings"])


def unmapped_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF whose font has no Unicode map (its ToUnicode removed): extraction
    yields control characters and fragments, as in the issue's archive."""
    from pypdf import PdfReader, PdfWriter

    from tests.dockit import make_pdf

    source = make_pdf(path.with_suffix(".src.pdf"), [lines])
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop("/ToUnicode", None)
    writer.write(path)
    return path


@needs_tesseract
def test_a_font_without_a_unicode_map_is_read_by_ocr_not_published_as_garbage(
    tmp_path,
):
    fields, _ = analyze(unmapped_pdf(tmp_path / "ke-hoach.pdf", LINES[2:]), "PDF")
    text = " ".join(fields["text"])
    assert not any(ord(char) < 0x20 for char in text)
    assert "Phòng chống lụt bão" in text and fields["text_recognised"] is True
    assert any("phông chữ không có bảng mã" in f.message for f in fields["findings"])


@pytest.mark.parametrize(
    ("lines", "pages", "real"),
    [
        (["Kế hoạch phòng chống lụt bão năm 2026 của phường"], 1, True),
        ([], 1, False),
        (["!\"#$%&'()*+,-./ 0123 !#$%"], 1, False),  # a font with no Unicode map
        (["\ue000\ue001\ue002 abc"], 1, False),
    ],
)
def test_what_counts_as_a_text_layer(lines, pages, real):
    from ward_core.officefiles import _has_real_text

    assert _has_real_text(lines, pages) is real


def test_control_characters_removed_from_a_text_layer_still_count_against_it():
    from ward_core.officefiles import _has_real_text

    lines = ["K hoch phng chng lt bo nm 2026 Cc t d n ph ki m tra h thng"]
    assert _has_real_text(lines, 1) is True
    assert _has_real_text(lines, 1, controls=14) is False


@needs_tesseract
@pytest.mark.browser
def test_a_scanned_plan_is_shown_and_found_by_search(tmp_path, page):
    content = copy_sample_content(tmp_path / "content")
    folder = "posts/2026/phong-chong-lut-bao"
    scanned_pdf(content / folder / "ke-hoach-quet.pdf", LINES)
    write_post(
        content,
        f"{folder}/index.md",
        "---\ntitle: Phường triển khai kế hoạch phòng chống thiên tai\n"
        "date: 02/03/2026 08:00\ncategory: Tin hoạt động\ndocuments:\n"
        "  - number: 15/KH-UBND\n    date: 01/03/2026\n"
        "    file: ke-hoach-quet.pdf\n---\n\nPhường họp triển khai kế hoạch.\n",
    )
    build = run_build(content, tmp_path / "output", timeout=300)
    assert build.ok, build.log
    document = build.output / "van-ban" / "2026" / "15-kh-ubnd" / "index.html"
    html = document.read_text(encoding="utf-8")
    assert "chữ nhận dạng tự động từ bản quét" in html
    assert "giảm nhẹ thiên tai" in html
    with serve_directory(build.output) as base:
        for query in ("giảm nhẹ thiên tai", "giam nhe thien tai"):
            page.goto(f"{base}/tim-kiem/?q={quote(query)}")
            page.wait_for_function(
                "q => document.body.getAttribute('data-search-done') === q",
                arg=query,
                timeout=15000,
            )
            hrefs = page.eval_on_selector_all(
                ".search-title a", "els => els.map(e => e.href)"
            )
            assert any("15-kh-ubnd" in href for href in hrefs), (query, hrefs)


def test_without_tesseract_a_scan_builds_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    fields, _ = analyze(scanned_pdf(tmp_path / "quet.pdf", LINES), "PDF")
    assert fields["text"] == () and fields["text_recognised"] is False
    [note] = [f for f in fields["findings"] if "bản quét" in f.message]
    assert not note.error and "máy chưa cài Tesseract" in note.message
    assert "scripts/system-deps.sh" in note.message


def counting_tesseract(folder: Path) -> tuple[dict[str, str], Path]:
    """The real Tesseract behind a script that notes each page it is asked to
    read (``tesseract stdin stdout …``) in a file: runs counted across the
    import's and the build's processes, whatever their timing."""
    real = shutil.which("tesseract")
    runs = folder / "tesseract-runs.txt"
    runs.write_text("", encoding="utf-8")
    script = folder / "bin" / "tesseract"
    script.parent.mkdir(parents=True)
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = stdin ]; then echo page >> "{runs}"; fi\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    path = f"{script.parent}:{__import__('os').environ['PATH']}"
    return {"PATH": path}, runs


@needs_tesseract
def test_a_scan_imported_then_built_is_recognised_once(tmp_path):
    env, runs = counting_tesseract(tmp_path)
    archive = tmp_path / "luu tru"
    notice = [
        "THÔNG BÁO",
        "Lịch phòng chống lụt bão và giảm nhẹ thiên tai năm 2026",
        "An Phú, ngày 20 tháng 1 năm 2026",
    ]
    scans.scanned_pdf(archive / "Scan 2026-01-20.pdf", [notice, LINES[2:]])
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    cache = tmp_path / "cache"
    settings = settings_with_cache(tmp_path, cache)
    result = run_tool(
        "import", "-s", str(settings), "--content", str(content), str(archive), env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [post] = content.rglob("index.md")
    assert "scan-2026-01-20.pdf" in post.read_text(encoding="utf-8")
    assert runs.read_text().split() == ["page", "page"]  # two pages, read once
    build = run_build(content, tmp_path / "output", cache=cache, env=env, timeout=300)
    assert build.ok, build.log
    assert runs.read_text().split() == ["page", "page"]  # the build read none again
    page = build.html(post.parent.name)
    assert "thoát nước" in page.get_text()  # the second page, read at import
