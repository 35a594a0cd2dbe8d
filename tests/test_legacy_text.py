"""Legacy Vietnamese encodings (TCVN3, VNI, VISCII): recognised by font and by
characters, converted run by run, and imported as Unicode posts."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.sitekit import copy_sample_content, run_tool
from ward_core import legacy_docx, legacy_text

TITLE = "Kế hoạch tổ chức ngày hội đọc sách cho thiếu nhi phường"
BODY = (
    "Thực hiện kế hoạch của Ủy ban nhân dân phường, Đoàn thanh niên phối hợp với các "
    "trường học tổ chức ngày hội đọc sách với sự tham gia của hơn ba trăm em thiếu nhi."
)


def encode(text: str, encoding: str) -> str:
    """`text` as a file typed in `encoding` shows it without the font: the
    reverse of the tables, longest Unicode letter first."""
    from viparse.normalize import tcvn3, viscii, vni

    charmap = {"tcvn3": tcvn3.TCVN3, "vni": vni.VNI, "viscii": viscii.VISCII}[encoding]
    reverse: dict[str, str] = {}
    for legacy, unicode in charmap.pairs:
        key = unicodedata.normalize("NFC", unicode)
        # The shortest legacy form: a typist's keyboard produced that one.
        if key not in reverse or len(legacy) < len(reverse[key]):
            reverse[key] = legacy
    if encoding == "tcvn3":  # no capital accented letters in TCVN3
        text = "".join(
            char.lower() if unicodedata.normalize("NFD", char) != char else char
            for char in text
        )
    return "".join(
        reverse.get(char, char) for char in unicodedata.normalize("NFC", text)
    )


def test_the_sample_from_a_real_archive_converts():
    assert (
        legacy_text.convert("kÕ ho¹ch tæ chøc ngµy héi", legacy_text.TCVN3)
        == "kế hoạch tổ chức ngày hội"
    )
    # TCVN3's "ư" is the byte of a soft hyphen: invisible until converted.
    assert legacy_text.convert("ph\u00adêng", legacy_text.TCVN3) == "phường"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_each_encoding_is_recognised_by_its_characters_and_converted(encoding):
    typed = encode(BODY, encoding)
    assert typed != BODY and legacy_text.can_be_legacy(typed)
    verdict = legacy_text.detect_by_content(typed)
    assert verdict.encoding == encoding
    expected = BODY if encoding != "tcvn3" else encode(BODY, "tcvn3")
    converted = legacy_text.convert(typed, encoding)
    if encoding == "tcvn3":
        # TCVN3 wrote capitals in a separate font; letters come back lowercase.
        assert converted.lower() == BODY.lower()
    else:
        assert converted == BODY, expected


@pytest.mark.parametrize(
    "text",
    [
        BODY,  # Unicode already
        "El niño comió paella en la playa de Málaga con sus amigos españoles",
        "Größere Straßenbahnhöfe über München für Fußgänger geöffnet",
        "Café",  # too short to say anything
        "Phuong 7 ra quan don duong",  # plain ASCII
    ],
)
def test_text_that_is_not_legacy_is_left_alone(text):
    assert legacy_text.detect_by_content(text) == legacy_text.UNICODE
    assert legacy_text.convert(BODY, legacy_text.TCVN3) == BODY


@pytest.mark.parametrize(
    ("font", "encoding", "capitals"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        ("ABCDEF+.VnArialH", "tcvn3", True),
        ("VNI-Times", "vni", False),
        ("Times New Roman", None, False),
        ("", None, False),
    ],
)
def test_fonts_name_their_encoding(font, encoding, capitals):
    assert legacy_text.encoding_for_font(font) == encoding
    assert legacy_text.is_capitals_font(font) is capitals


def _word_file(path: Path, runs: list[tuple[str, str]]) -> Path:
    """A .docx with one paragraph per (text, font), as Word saves old files."""
    import docx

    document = docx.Document()
    for text, font in runs:
        run = document.add_paragraph().add_run(text)
        run.font.name = font
    document.save(str(path))
    return path


def _paragraphs(data: bytes) -> list[str]:
    import io

    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_mixed_word_file_converts_only_its_legacy_runs(tmp_path):
    header = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    path = _word_file(
        tmp_path / "ke-hoach.docx",
        [
            (header, "Times New Roman"),  # added later, in Unicode
            (encode("kế hoạch", "tcvn3"), ".VnTimeH"),
            (encode(TITLE, "tcvn3"), ".VnTime"),
            (encode(BODY, "tcvn3"), ".VnTime"),
        ],
    )
    converted = legacy_docx.to_unicode(path.read_bytes())
    assert converted.verdict == legacy_text.Verdict("tcvn3", "font")
    lines = _paragraphs(converted.data)
    assert lines[0] == header
    assert lines[1] == "KẾ HOẠCH"
    assert lines[2].lower() == TITLE.lower()
    assert lines[3].lower() == BODY.lower()


def test_a_vni_word_file_converts(tmp_path):
    path = _word_file(tmp_path / "vni.docx", [(encode(BODY, "vni"), "VNI-Times")])
    converted = legacy_docx.to_unicode(path.read_bytes())
    assert converted.verdict.encoding == "vni"
    assert _paragraphs(converted.data) == [BODY]


def test_a_unicode_word_file_that_keeps_a_vntime_font_name_is_untouched(tmp_path):
    path = _word_file(tmp_path / "u.docx", [(TITLE, ".VnTime"), (BODY, ".VnTime")])
    converted = legacy_docx.to_unicode(path.read_bytes())
    assert converted.verdict == legacy_text.UNICODE
    assert converted.data == path.read_bytes()


def _import(source: Path, content: Path) -> subprocess.CompletedProcess:
    return run_tool("import", str(source), "--content", str(content))


def test_legacy_word_and_html_files_import_as_unicode_posts(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    archive = tmp_path / "luu-tru"
    archive.mkdir()
    _word_file(
        archive / "ke-hoach-doc-sach.docx",
        [(encode(TITLE, "tcvn3"), ".VnTime"), (encode(BODY, "tcvn3"), ".VnTime")],
    )
    # A NukeViet-era page saved in Windows-1252 bytes, typed in VNI, no font named.
    page = (
        "<html><head><title>x</title></head><body><h1>"
        + encode("Phường ra quân dọn dẹp vệ sinh kênh rạch", "vni")
        + "</h1><p>04/05/2008</p><div class='bodytext'><p>"
        + encode(BODY, "vni")
        + "</p></div></body></html>"
    )
    (archive / "tin-cu.html").write_bytes(page.encode("cp1252"))
    result = _import(archive, content)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout + result.stderr
    assert "đã chuyển từ mã TCVN3 (ABC) sang Unicode" in report
    assert "đã chuyển từ mã VNI sang Unicode" in report
    written = {p.parent.name: p.read_text("utf-8") for p in content.rglob("index.md")}
    word = next(text for name, text in written.items() if "doc-sach" in name)
    assert "ke-hoach-to-chuc-ngay-hoi-doc-sach" in next(
        name for name in written if "doc-sach" in name
    )
    assert "thiếu nhi" in word and "¹" not in word and "\u00ad" not in word
    old = written["tin-cu"]  # a saved page keeps its old file name as address
    assert "Phường ra quân dọn dẹp vệ sinh kênh rạch" in old
    assert "Đoàn thanh niên" in old


def test_document_text_of_legacy_pdf_and_word_files_is_unicode(tmp_path):
    """The text shown on a document's page and indexed for search."""
    from tests.dockit import make_pdf
    from ward_core.officefiles import analyze

    pdf = make_pdf(tmp_path / "ke-hoach.pdf", [[encode(TITLE, "tcvn3")]])
    fields, _ = analyze(pdf, "PDF")
    assert " ".join(fields["text"]).lower() == TITLE.lower()
    assert any("TCVN3" in finding.message for finding in fields["findings"])
    word = _word_file(tmp_path / "bao-cao.docx", [(encode(BODY, "vni"), "VNI-Times")])
    fields, _ = analyze(word, "DOCX")
    assert fields["text"] == (BODY,)
    assert any("VNI" in finding.message for finding in fields["findings"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("K\x01ế\x02 hoạch\x13", ["Kế hoạch"]),
        ("\x7f\x85 \x9f", []),
        ("Dòng\tcó tab", ["Dòng có tab"]),
    ],
)
def test_control_characters_never_reach_document_text(line, expected):
    from ward_core.officefiles import _nfc_lines

    assert _nfc_lines(line) == expected


def office_template_plan(path: Path, photos: list[Path]) -> Path:
    """A plan made from the Decree 30/2020 template, as a ward office types it:
    header and signature in borderless tables, a bold kind and title, a list, a
    table and captioned photos in the body."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG AN PHÚ"
    header.cell(
        0, 1
    ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 123/KH-UBND"
    header.cell(1, 1).text = "An Phú, ngày 05 tháng 3 năm 2026"
    for text in ("KẾ HOẠCH", "Tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8-3"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    document.add_paragraph(
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 15/02/2026 của Ủy ban nhân dân phường, "
        "Ủy ban nhân dân phường xây dựng kế hoạch như sau:"
    )
    document.add_paragraph("Tọa đàm về bình đẳng giới", style="List Bullet")
    document.add_paragraph("Hội thi cắm hoa", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, (what, when) in enumerate([("Hoạt động", "Ngày"), ("Tọa đàm", "07/3")]):
        table.cell(row, 0).text = what
        table.cell(row, 1).text = when
    for photo, caption in zip(
        photos, ["Hội thi cắm hoa năm trước", "Tọa đàm tại hội trường"], strict=True
    ):
        document.add_picture(str(photo), width=Cm(8))
        document.add_paragraph(caption)
    footer = document.add_table(rows=1, cols=2)
    footer.cell(0, 0).text = "Nơi nhận:\n- Đảng ủy phường;\n- Lưu: VT."
    footer.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Bình"
    document.save(str(path))
    return path


def test_an_office_template_plan_imports_with_its_title_date_and_document(tmp_path):
    from bench.photos import save_photo

    content = copy_sample_content(tmp_path / "content")
    archive = tmp_path / "van ban"
    photos = [save_photo(tmp_path / f"p{n}.jpg", 640, 480, seed=n) for n in (1, 2)]
    archive.mkdir()
    office_template_plan(archive / "KH 123 ngày 8-3.docx", photos)
    result = _import(archive, content)
    assert result.returncode == 0, result.stdout + result.stderr
    [index] = [p for p in content.rglob("index.md") if "ky-niem" in str(p)]
    text = index.read_text("utf-8")
    head, body = text.split("\n---\n", 1)
    assert "Kế hoạch tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8-3" in head
    assert "date: 05/03/2026" in head
    assert index.parent.parent.name == "2026"
    assert index.parent.name.startswith("ke-hoach-to-chuc-cac-hoat-dong")
    assert 'number: "123/KH-UBND"' in head and "file: kh-123-ngay-8-3.docx" in head
    assert (index.parent / "kh-123-ngay-8-3.docx").is_file()
    for gone in ("CỘNG HÒA", "Số: 123", "Nơi nhận", "CHỦ TỊCH", "Nguyễn Văn Bình"):
        assert gone not in body, gone
    assert "- Tọa đàm về bình đẳng giới" in body and "| Tọa đàm |" in body
    assert "Hội thi cắm hoa năm trước" in head  # a caption, in the gallery
    check = run_tool("check", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("data", "text", "converted"),
    [
        (
            ("title: " + encode(TITLE, "tcvn3")).encode("utf-8"),
            "title: " + TITLE,
            "TCVN3",
        ),
        (("title: " + encode(TITLE, "vni")).encode("cp1252"), "title: " + TITLE, "VNI"),
        (("title: " + TITLE).encode("utf-8"), "title: " + TITLE, ""),
        (
            "title: Café à Paris, très naïve".encode(),
            "title: Café à Paris, très naïve",
            "",
        ),
    ],
)
def test_text_files_typed_in_legacy_encodings_are_read_as_unicode(
    data, text, converted
):
    from ward_core.textfile import decode_legacy

    read, label = decode_legacy(data)
    assert read.lower() == text.lower() and label.startswith(converted)


@pytest.mark.parametrize(
    "data",
    [
        "- author: Trần Thị Lan\n  text: Đường ngập\n".encode("utf-16"),
        b"title: \xff\xfe\x00\x81 abc",
    ],
)
def test_bytes_no_encoding_explains_are_still_refused(data):
    from ward_core.textfile import decode_legacy

    with pytest.raises(UnicodeDecodeError):
        decode_legacy(data)


def test_garbled_text_is_refused_not_published():
    from ward_core.textfile import decode_legacy

    with pytest.raises(ValueError, match="không đọc được"):
        decode_legacy("title: ¹¸µ¶·Þ¹¸µ¶ abc ¹¸µ¶ def ¹¸µ¶·Þ ghi jkl".encode())


def test_a_post_and_comments_pasted_in_tcvn3_build_as_unicode_with_notes(tmp_path):
    from tests.sitekit import run_build, write_post

    content = copy_sample_content(tmp_path / "content")
    write_post(
        content,
        "posts/2024/doc-sach.md",
        "---\ntitle: " + encode(TITLE, "tcvn3") + "\ndate: 05/05/2024 08:00\n"
        "category: Tin hoạt động\nslug: doc-sach\n---\n\n"
        + encode(BODY, "tcvn3")
        + "\n",
    )
    comments = content / "comments" / "doc-sach.yml"
    comments.write_bytes(
        (
            "- author: "
            + encode("Trần Thị Lan", "vni")
            + "\n  date: 06/05/2024 07:45\n"
            "  text: " + encode("Cảm ơn phường đã tổ chức cho các cháu.", "vni") + "\n"
        ).encode("cp1252")
    )
    check = run_tool("check", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    assert (
        "posts/2024/doc-sach.md: đã chuyển từ mã TCVN3 (ABC) sang Unicode"
        in check.stdout
    )
    assert "comments/doc-sach.yml: đã chuyển từ mã VNI sang Unicode" in check.stdout
    build = run_build(content, tmp_path / "output")
    assert build.ok, build.log
    page = build.html("doc-sach/").get_text(" ")
    assert "thiếu nhi phường" in page and "Đoàn thanh niên" in page
    assert "Trần Thị Lan" in page and "Cảm ơn phường" in page
    assert "¹" not in page and "\u00ad" not in page


@pytest.mark.parametrize(
    "text",
    [
        "Chú thích ghép cho ảnh",  # only Latin-1's Vietnamese letters
        "Hội nghị tổng kết: Chú thích ghép cho ảnh và bài",
    ],
)
def test_unicode_vietnamese_within_latin1_is_not_mistaken_for_legacy(text):
    assert legacy_text.detect_by_content(text) == legacy_text.UNICODE


def test_a_word_file_still_garbled_after_conversion_is_refused(tmp_path):
    from wardtools.importer.docx import read_docx
    from wardtools.importer.htmlpage import PageError

    # Symbols among letters that no table turns into Vietnamese.
    path = _word_file(
        tmp_path / "hong.docx", [("¹¸µ¶·Þ¹¸µ¶ abc ¹¸µ¶ def ¹¸µ¶·Þ ghi jkl", "Arial")]
    )
    with pytest.raises(PageError, match="không đọc được"):
        read_docx(path)
