"""Word 97–2003 files (.doc), as old ward archives hold them: imported like
.docx (legacy fonts converted by name, the office template recognised, the
.doc cited as the document's file), and read for their text as a document or
an attachment. The .doc files are real, made by LibreOffice from Word files
typed in .VnTime and VNI-Times (scripts/make-doc-fixtures.py: no Python
package writes the binary format)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sitekit import run_build, run_tool, write_post
from ward_core.officefiles import DOC_UNREAD, DocumentCache
from ward_core.worddoc import DocError, to_docx

FIXTURES = Path(__file__).parent / "fixtures" / "doc"
TCVN3_PLAN = FIXTURES / "tcvn3-ke-hoach.doc"
VNI_NOTICE = FIXTURES / "vni-thong-bao.doc"


def test_a_tcvn3_doc_is_read_as_unicode_text_with_a_note(tmp_path):
    analysis = DocumentCache(tmp_path).analysis(TCVN3_PLAN, "DOC")
    text = "\n".join(analysis.text)
    assert "Tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8-3" in text
    assert "Tọa đàm về bình đẳng giới" in text
    # "ư" is TCVN3's soft hyphen byte: the .doc keeps it as Word's optional hyphen.
    assert "hội trường khu phố 3" in text and "PHƯỜNG AN PHÚ" in text
    assert "ỦY BAN NHÂN DÂN" in text  # the header, typed in the capitals font
    assert "kû niÖm" not in text and "\u00ad" not in text
    assert not analysis.errors
    assert any("TCVN3" in finding.message for finding in analysis.findings)


def test_a_doc_too_large_to_read_is_refused_before_reading(tmp_path, monkeypatch):
    from ward_core import worddoc

    monkeypatch.setattr(worddoc, "MAX_INPUT_BYTES", 10_000)
    with pytest.raises(DocError) as refused:
        to_docx(TCVN3_PLAN)  # 19 968 bytes
    assert "nặng 20 KB, quá 10 KB" in str(refused.value)
    assert "Lưu thành (Save As)" in str(refused.value)


def _damaged(folder: Path) -> list[Path]:
    half = folder / "hong.doc"
    half.write_bytes(TCVN3_PLAN.read_bytes()[:6000])
    garbage = folder / "rac.doc"
    garbage.write_bytes(TCVN3_PLAN.read_bytes()[:8] + bytes(range(256)) * 40)
    return [half, garbage]


def test_a_doc_that_cannot_be_read_is_a_note_and_an_import_error(tmp_path):
    from wardtools.importer.cli import _read
    from wardtools.importer.htmlpage import PageError

    cache = DocumentCache(tmp_path / "cache")
    for path in _damaged(tmp_path):
        analysis = cache.analysis(path, "DOC")
        # Word may open what the reader cannot: published for download, said so.
        assert not analysis.errors and analysis.text == ()
        assert [f.message for f in analysis.findings] == [DOC_UNREAD]
        with pytest.raises(DocError) as refused:
            to_docx(path)
        assert "Lưu thành (Save As)" in str(refused.value)
        with pytest.raises(PageError) as import_error:
            _read(path, None, cache)
        assert ".docx" in str(import_error.value)


def test_a_docx_or_a_web_page_named_doc_is_read_as_what_it_is(tmp_path):
    """Many office programs' "Xuất Word" writes a web page named .doc; a .docx
    renamed .doc happens too."""
    from tests.test_legacy_text import _word_file
    from wardtools.importer.cli import _read

    cache = DocumentCache(tmp_path / "cache")
    renamed = _word_file(
        tmp_path / "Báo cáo.doc", [("Báo cáo kết quả tháng 3", "Arial")]
    )
    [post] = _read(renamed, None, cache)
    assert post.title == "Báo cáo kết quả tháng 3"
    exported = tmp_path / "Xuất Word.doc"
    exported.write_text(
        "<html><head><meta charset='utf-8'><title>Danh sách hộ nghèo</title></head>"
        "<body><h1>Danh sách hộ nghèo năm 2026</h1><p>Khu phố 1: 12 hộ.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    [post] = _read(exported, None, cache)
    assert post.title == "Danh sách hộ nghèo năm 2026"


def test_doc_files_import_check_and_build_with_their_text(tmp_path):
    archive = tmp_path / "luu tru phuong 7"
    archive.mkdir()
    # Names as a ward's folder has them: a Mac's NFD, spaces, "(1)", capitals.
    shutil.copy(
        TCVN3_PLAN, archive / unicodedata.normalize("NFD", "KH 123 ngày 8-3.doc")
    )
    shutil.copy(VNI_NOTICE, archive / "TB lịch tiếp dân (1).DOC")
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    result = run_tool(
        "import", "--content", str(content), str(archive), "--don-vi", "Phường 7 (cũ)"
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "canonical" not in report  # a Word file never had a web address
    assert "Traceback" not in report and "2 bài mới" in report
    assert "Kiểm tra như make check: 0 lỗi" in report, report
    assert "đã chuyển từ mã TCVN3 (ABC) sang Unicode" in report
    assert "đã chuyển từ mã VNI sang Unicode" in report
    posts = {p.parent.name: p for p in content.rglob("index.md")}
    plan_folder = posts[
        "ke-hoach-to-chuc-cac-hoat-dong-ky-niem-ngay-quoc-te-phu-nu-8-3"
    ]
    plan = plan_folder.read_text(encoding="utf-8")
    assert 'number: "123/KH-UBND"' in plan and "date: 05/03/2026" in plan
    assert "file: kh-123-ngay-8-3.doc" in plan
    assert "Tọa đàm về bình đẳng giới" in plan
    assert "Nơi nhận" not in plan and "Số: 123" not in plan
    notice = posts[
        "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-phuong-thang-4"
    ].read_text(encoding="utf-8")
    assert "date: 28/03/2026" in notice
    assert 'caption: "Trụ sở tiếp công dân của phường"' in notice
    # A .doc attached to a post is accepted where a .docx is.
    (content / "van-ban").mkdir()
    shutil.copy(VNI_NOTICE, content / "van-ban" / "Mẫu đơn.doc")
    write_post(
        content,
        "posts/tiep-dan/index.md",
        "---\ntitle: Mẫu đơn đề nghị tiếp công dân\ndate: 01/04/2026 08:00\n"
        "category: Tin hoạt động\nattachments:\n  - Mẫu đơn.doc\n---\n\nMẫu đơn.\n",
    )
    check = run_tool("check", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_build(content, tmp_path / "output", timeout=300)
    assert build.ok, build.log
    document = build.html("van-ban/2026/123-kh-ubnd/")
    assert document.find("article", attrs={"data-pagefind-body": True}) is not None
    assert "trích từ tệp DOC" in document.get_text()
    assert "Hội thi cắm hoa dành cho hội viên phụ nữ" in document.get_text()
    [published] = build.output.rglob("kh-123-ngay-8-3.doc")
    assert published.read_bytes() == TCVN3_PLAN.read_bytes()
    page = build.html("mau-don-de-nghi-tiep-cong-dan/")
    link = page.select_one(".attachments a.file-download")
    assert link is not None and link["type"] == "application/msword"


def test_a_time_limit_inside_another_keeps_the_outer_bound():
    """The .doc reader's bound may run inside the body reader's: leaving the
    inner one must not cancel the outer one, and the sooner bound applies."""
    import time

    from ward_core.timelimit import TimeLimitExceeded, time_limit

    def wait() -> None:
        give_up = time.monotonic() + 60
        while time.monotonic() < give_up:
            time.sleep(0.02)

    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        with time_limit(30):
            pass
        wait()  # the outer bound still fires
    caught = []
    with time_limit(30):
        try:
            with time_limit(0.2):
                wait()  # the inner, sooner bound fires
        except TimeLimitExceeded:
            caught.append("inner")
    assert caught == ["inner"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 19_967), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_a_damaged_doc_is_always_a_message_never_a_crash(changes):
    """Bytes changed anywhere in a real .doc (a bad sector, a cut download):
    the reader says so in Vietnamese or reads what is left, nothing else."""
    import tempfile

    from ward_core.officefiles import analyze

    data = bytearray(TCVN3_PLAN.read_bytes())
    for offset, value in changes:
        data[offset % len(data)] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hong.doc"
        path.write_bytes(bytes(data))
        fields, _ = analyze(path, "DOC")
        for finding in fields.get("findings", []):
            assert finding.message and not finding.message.isascii()
        try:
            to_docx(path)
        except DocError as exc:
            assert "Lưu thành (Save As)" in str(exc) or "mật khẩu" in str(exc)
