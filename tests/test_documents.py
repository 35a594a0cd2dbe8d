"""Documents (văn bản) as content: identity by number and year, their files
(download, first-page preview, text found by search), attachments, the
documents index, and files refused for safety. Real PDFs and DOCX made here."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from pelican.utils import slugify
from PIL import Image
from ward_frontmatter.docnumbers import DocumentRef, parse_document_string
from ward_frontmatter.indexes import Citation, group_citations

from tests.browserkit import serve_directory
from tests.checkkit import problems_of
from tests.dockit import make_docx, make_pdf, rewrite_pdf
from tests.sitekit import PROJECT, run_build, tree_digest, vnu_errors, write_post
from ward_core.officefiles import ANALYSIS_VERSION, DocumentCache, size_label, sniff

SUBS = (("/", "-"), (r"[^\w\s-]", ""), (r"[-\s_]+", "-"))
SECRET_AUTHOR = "Nguyễn Văn Bí Mật"
PDF_ONLY_PHRASE = "bờ kè rạch Cái Sơn"


def _slug(text: str) -> str:
    return slugify(text, regex_subs=SUBS)


# --- identity: number + year ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("118/KH-UBND ngày 02/03/2023", 2023),
        ("118/KH-UBND ngày 05 tháng 5 năm 2024", 2024),
        ("34/2021/NĐ-CP", 2021),
        ("34/2021/NĐ-CP ngày 2021-04-01", 2021),
        ("39-CT/TW", None),
        ("118/KH-UBND", None),
    ],
)
def test_year_of_a_document(text, year):
    assert parse_document_string(text).year == year


def _cite(text: str, where: str, line: int = 5) -> Citation:
    return Citation(parse_document_string(text, line), where)


def test_same_number_in_two_years_is_two_documents():
    groups = group_citations(
        [
            _cite("118/KH-UBND ngày 05/05/2024", "b.md"),
            _cite("118/KH-UBND ngày 02/03/2023", "a.md"),
        ],
        _slug,
    )
    assert [(e.slug, e.year) for e in groups.entries] == [
        ("118-kh-ubnd", 2024),
        ("118-kh-ubnd", 2023),
    ]
    assert [e.ref.date for e in groups.entries] == [
        dt.date(2024, 5, 5),
        dt.date(2023, 3, 2),
    ]
    (number,) = groups.numbers
    assert number.redirect is None and len(number.entries) == 2
    assert groups.conflicts == []


def test_undated_citation_joins_the_only_document_or_is_ambiguous():
    alone = group_citations(
        [_cite("342/KH-UBND", "a.md"), _cite("342/KH-UBND ngày 24/04/2023", "b.md")],
        _slug,
    )
    assert [(e.year, len(e.citations)) for e in alone.entries] == [(2023, 2)]
    assert alone.numbers[0].redirect is alone.entries[0]
    assert alone.ambiguous == []
    two = group_citations(
        [
            _cite("118/KH-UBND", "c.md"),
            _cite("118/KH-UBND ngày 02/03/2023", "a.md"),
            _cite("118/KH-UBND ngày 05/05/2024", "b.md"),
        ],
        _slug,
    )
    ((citation, years),) = two.ambiguous
    assert citation.where == "c.md" and years == [2023, 2024]
    assert two.placement[0] is two.numbers[0]
    assert two.numbers[0].undated == [citation]


@pytest.mark.parametrize(
    ("first", "second", "what"),
    [
        ({"date": "02/03/2023"}, {"date": "05/03/2023"}, "ngày"),
        (
            {"date": "02/03/2023", "title": "Ra quân làm sạch kênh"},
            {"date": "02/03/2023", "title": "Tổng vệ sinh môi trường"},
            "tên",
        ),
    ],
)
def test_conflicting_date_or_title_of_one_number_and_year(first, second, what):
    def cite(fields: dict, where: str, line: int) -> Citation:
        ref = parse_document_string(f"118/KH-UBND ngày {fields['date']}", line)
        ref = DocumentRef(ref.number, ref.date, fields.get("title", ""), line=line)
        return Citation(ref, where)

    groups = group_citations([cite(first, "a.md", 7), cite(second, "b.md", 9)], _slug)
    (conflict,) = groups.conflicts
    assert conflict.what == what
    assert (conflict.first.where, conflict.first.ref.line) == ("a.md", 7)
    assert (conflict.second.where, conflict.second.ref.line) == ("b.md", 9)


def test_same_title_written_differently_is_no_conflict():
    citations = [
        Citation(DocumentRef("1/KH-UBND", title="Kế hoạch  ra quân"), "a.md"),
        Citation(DocumentRef("1/KH-UBND", title="kế hoạch ra quân"), "b.md"),
    ]
    assert group_citations(citations, _slug).conflicts == []


# --- the files themselves -----------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("files")
    pdf = make_pdf(
        root / "ke-hoach.pdf",
        [
            [
                "KẾ HOẠCH tổ chức hội nghị đối thoại",
                f"Lắp đèn chiếu sáng {PDF_ONLY_PHRASE}",
            ],
            ["Trang hai: rà soát hộ nghèo"],
        ],
        author=SECRET_AUTHOR,
        producer="Phần mềm Bí Mật",
    )
    broken = root / "hong.pdf"
    broken.write_bytes(pdf.read_bytes()[:500])
    renamed = root / "doi-duoi.pdf"
    docx = make_docx(
        root / "danh-sach.docx",
        ["Danh sách hộ được hỗ trợ"],
        [["Họ tên", "Địa chỉ"], ["Lê Văn Tám", "Hẻm 51, khu vực 2"]],
        author=SECRET_AUTHOR,
    )
    renamed.write_bytes(docx.read_bytes())
    empty = root / "rong.pdf"
    empty.write_bytes(b"")
    return {
        "pdf": pdf,
        "docx": docx,
        "broken": broken,
        "renamed": renamed,
        "empty": empty,
        "encrypted": rewrite_pdf(pdf, root / "mat-khau.pdf", password="123"),
        "javascript": rewrite_pdf(pdf, root / "js.pdf", javascript="app.alert(1);"),
        "embedded": rewrite_pdf(pdf, root / "kem.pdf", attachment=b"x"),
    }


def test_pdf_text_pages_and_preview(files, tmp_path):
    cache = DocumentCache(tmp_path / "cache")
    analysis = cache.analysis(files["pdf"], "PDF")
    assert analysis.findings == ()
    assert analysis.pages == 2
    assert analysis.text == (
        "KẾ HOẠCH tổ chức hội nghị đối thoại",
        f"Lắp đèn chiếu sáng {PDF_ONLY_PHRASE}",
        "Trang hai: rà soát hộ nghèo",
    )
    preview = cache.preview_path(analysis)
    with Image.open(preview) as image:
        assert image.format == "WEBP"
        assert image.size == analysis.preview
        assert image.width == 600 and image.height > 800  # an A4 page, portrait
        # Text was drawn: the page is not blank white.
        assert image.convert("L").getextrema()[0] < 100
    assert SECRET_AUTHOR not in repr(analysis)
    again = DocumentCache(tmp_path / "cache").analysis(files["pdf"], "PDF")
    assert again == analysis


def test_cache_keeps_only_what_a_run_used(files, tmp_path):
    cache = DocumentCache(tmp_path)
    kept = cache.analysis(files["pdf"], "PDF")
    cache.analysis(files["docx"], "DOCX")
    cache.save_index()
    later = DocumentCache(tmp_path)
    assert later.analysis(files["pdf"], "PDF") == kept
    assert later.prune() == 1  # the DOCX's analysis; the PDF's and its preview stay
    assert later.preview_path(kept).is_file()
    later.save_index()
    entries = sorted(p.name for p in (tmp_path / "entries").rglob("*") if p.is_file())
    version = f"v{ANALYSIS_VERSION}"
    assert entries == sorted(
        [f"{kept.digest}-PDF-{version}.json", f"{kept.digest}-PDF-{version}.webp"]
    )


def test_docx_text_keeps_the_table(files, tmp_path):
    analysis = DocumentCache(tmp_path).analysis(files["docx"], "DOCX")
    assert analysis.findings == ()
    assert analysis.text == (
        "Danh sách hộ được hỗ trợ",
        "Họ tên | Địa chỉ",
        "Lê Văn Tám | Hẻm 51, khu vực 2",
    )
    assert SECRET_AUTHOR not in repr(analysis)


@pytest.mark.parametrize(
    ("name", "kind", "fragment", "error"),
    [
        ("broken", "PDF", "bị hỏng", True),
        ("encrypted", "PDF", "mật khẩu", True),
        ("renamed", "PDF", "không phải PDF mà là một tệp Word (DOCX)", True),
        ("empty", "PDF", "tệp rỗng", True),
        ("pdf", "DOCX", "không phải DOCX mà là một tệp PDF", True),
        ("javascript", "PDF", "JavaScript", False),
        ("embedded", "PDF", "tệp đính kèm bên trong", False),
    ],
)
def test_file_findings(files, tmp_path, name, kind, fragment, error):
    analysis = DocumentCache(tmp_path).analysis(files[name], kind)
    matching = [f for f in analysis.findings if fragment in f.message]
    assert matching, analysis.findings
    assert matching[0].error is error


def test_sniff_ignores_the_extension(files):
    assert sniff(files["renamed"]) == "DOCX"
    assert sniff(files["pdf"]) == "PDF"


@pytest.mark.parametrize(
    ("size", "label"),
    [(512, "512 byte"), (23_700, "23 KB"), (1_288_490, "1,2 MB")],
)
def test_size_label(size, label):
    assert size_label(size) == label


# --- checker: make check, the build and the editor ----------------------------------


def _post(content: Path, relative: str, header: str, body: str = "Nội dung.") -> Path:
    return write_post(
        content,
        relative,
        f"---\n{header.strip()}\ncategory: Tin hoạt động\n---\n{body}\n",
    )


def test_checker_refuses_bad_files_naming_post_and_file(files, tmp_path):
    content = tmp_path / "content"
    folder = content / "posts" / "bai"
    folder.mkdir(parents=True)
    for name in ("broken", "encrypted", "renamed", "empty", "javascript"):
        (folder / files[name].name).write_bytes(files[name].read_bytes())
    _post(
        content,
        "posts/bai/index.md",
        """
title: Bài có tệp
date: 01/06/2023
plan:
  number: 5/KH-UBND
  date: 01/05/2023
  file: hong.pdf
documents:
  - number: 6/KH-UBND
    file: mat-khau.pdf
  - number: 7/KH-UBND
    file: js.pdf
attachments:
  - doi-duoi.pdf
  - file: rong.pdf
    title: Mẫu đơn
  - khong-co.pdf
  - anh.jpg
""",
    )
    problems = {(p.line, p.error): p.render() for p in problems_of(content)}
    shown = "posts/bai/index.md"
    assert all(shown in text for text in problems.values())
    expected = {
        (5, True): 'trường "plan": tệp "hong.pdf": tệp PDF bị hỏng',
        (9, True): 'trường "documents": tệp "mat-khau.pdf": tệp PDF được đặt mật khẩu',
        (11, False): 'tệp "js.pdf": tệp PDF có chứa mã JavaScript',
        (
            14,
            True,
        ): 'trường "attachments": tệp "doi-duoi.pdf": nội dung tệp không phải PDF',
        (15, True): 'tệp "rong.pdf": tệp rỗng',
        (17, True): 'không tìm thấy tệp "khong-co.pdf"',
        (18, True): 'tệp "anh.jpg" không đăng được',
    }
    for where, fragment in expected.items():
        assert where in problems and fragment in problems[where], (where, problems)


def test_file_over_the_size_limit_is_refused(files, tmp_path):
    content = tmp_path / "content"
    (content / "van-ban").mkdir(parents=True)
    (content / "van-ban" / "ke-hoach.pdf").write_bytes(files["pdf"].read_bytes())
    _post(
        content,
        "posts/a.md",
        "title: A\ndate: 01/06/2023\nattachments: [ke-hoach.pdf]",
    )
    assert [p for p in problems_of(content) if p.error] == []
    limited = {"WARD_DOCUMENTS": {"max_file_mb": 0.01}}
    (error,) = [p for p in problems_of(content, limited) if p.error]
    assert error.line == 4 and "quá giới hạn" in error.message
    assert 'tệp "ke-hoach.pdf"' in error.message and "max_file_mb" in error.message


def test_two_attachments_published_under_one_name_are_refused(files, tmp_path):
    content = tmp_path / "content"
    folder = content / "posts" / "bai"
    folder.mkdir(parents=True)
    (folder / "Mẫu đơn.docx").write_bytes(files["docx"].read_bytes())
    (folder / "mau-don.docx").write_bytes(files["docx"].read_bytes())
    _post(
        content,
        "posts/bai/index.md",
        "title: A\ndate: 01/06/2023\nattachments: [Mẫu đơn.docx, mau-don.docx]",
    )
    (error,) = [p for p in problems_of(content) if p.error]
    assert '"mau-don.docx" và tệp "Mẫu đơn.docx"' in error.message


def test_undated_ambiguous_number_is_a_note_with_the_fix(tmp_path):
    content = tmp_path / "content"
    _post(
        content,
        "posts/a.md",
        "title: A\ndate: 01/06/2023\nplan: 118/KH-UBND ngày 02/03/2023",
    )
    _post(
        content,
        "posts/b.md",
        "title: B\ndate: 01/06/2024\nplan: 118/KH-UBND ngày 05/05/2024",
    )
    _post(content, "posts/c.md", "title: C\ndate: 01/07/2024\ndocuments: [118/KH-UBND]")
    (note,) = problems_of(content)
    assert not note.error and note.path.endswith("posts/c.md") and note.line == 4
    assert "118/KH-UBND ngày 05/05/2024 hoặc 118/KH-UBND ngày 02/03/2023" in (
        note.message
    )


def test_year_in_the_number_and_date_disagree_is_a_note(tmp_path):
    content = tmp_path / "content"
    _post(
        content,
        "posts/a.md",
        "title: A\ndate: 01/06/2023\nplan: 34/2021/NĐ-CP ngày 01/04/2022",
    )
    (note,) = problems_of(content)
    assert not note.error and note.line == 4
    assert "mang năm 2021 nhưng ngày ban hành ghi 01/04/2022" in note.message


def test_editor_save_with_a_conflicting_date_is_refused(tmp_path):
    content = tmp_path / "content"
    _post(content, "posts/a.md", CONFLICT_A)
    proposed = content / "posts" / "b.md"
    text = f"---\n{CONFLICT_B}\ncategory: Tin hoạt động\n---\nNội dung.\n"
    (error,) = [p for p in problems_of(content, proposed={proposed: text}) if p.error]
    assert error.path.endswith("posts/b.md") and error.line == 5
    assert "posts/a.md:4" in error.message
    assert not proposed.exists()


CONFLICT_A = "title: A\ndate: 10/03/2023\nplan: 118/KH-UBND ngày 02/03/2023"
CONFLICT_B = "title: B\ndate: 10/05/2023\ndocuments:\n  - 118/KH-UBND ngày 05/05/2023"


def test_conflicting_dates_fail_make_check_and_the_build(tmp_path):
    content = tmp_path / "content"
    _post(content, "posts/a.md", CONFLICT_A)
    _post(content, "posts/b.md", CONFLICT_B)
    (content / "pages").mkdir()
    check = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 1
    for log in (check.stdout + check.stderr,):
        assert "posts/b.md:5" in log and "posts/a.md:4" in log
        assert '"05/05/2023"' in log and '"02/03/2023"' in log
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("trang cũ")
    before = tree_digest(output)
    build = run_build(content, output)
    assert not build.ok
    assert "posts/b.md:5" in build.log and "posts/a.md:4" in build.log
    assert "Traceback" not in build.log
    assert tree_digest(output) == before


# --- a real site ----------------------------------------------------------------------

PLAN_POST = """
---
title: Hội nghị đối thoại với Nhân dân năm 2023
date: 27/04/2023 19:30
category: Tin hoạt động
plan:
  number: 342/KH-UBND
  date: 24/04/2023
  title: Tổ chức hội nghị đối thoại năm 2023
  file: ke-hoach-342.pdf
documents:
  - 118/KH-UBND ngày 02/03/2023
attachments:
  - file: Mẫu đơn kiến nghị.docx
    title: Mẫu đơn kiến nghị
  - danh-sach.odt
---
Hội nghị diễn ra tại hội trường.
"""

DECREE_POST = """
---
title: Ra quân làm sạch kênh rạch năm 2024
date: 10/05/2024
category: Tin hoạt động
plan: 118/KH-UBND ngày 05/05/2024
documents:
  - number: 34/2021/NĐ-CP
    file: nd-34.docx
---
Ra quân.
"""

UNDATED_POST = """
---
title: Nhắc lại kế hoạch
date: 12/06/2024
category: Thông báo
documents: [118/KH-UBND, 342/KH-UBND]
---
Nhắc lại.
"""


def _odt(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.fixture(scope="module")
def documents_site(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("documents")
    content = root / "content"
    post_dir = content / "posts" / "2023" / "doi-thoai"
    write_post(content, "posts/2023/doi-thoai/index.md", PLAN_POST)
    (post_dir / "ke-hoach-342.pdf").write_bytes(files["pdf"].read_bytes())
    (post_dir / "Mẫu đơn kiến nghị.docx").write_bytes(files["docx"].read_bytes())
    _odt(post_dir / "danh-sach.odt")
    write_post(content, "posts/2024/ra-quan.md", DECREE_POST)
    write_post(content, "posts/2024/nhac-lai.md", UNDATED_POST)
    (content / "van-ban").mkdir()
    (content / "van-ban" / "nd-34.docx").write_bytes(files["docx"].read_bytes())
    (content / "pages").mkdir()
    build = run_build(content, root / "output")
    assert build.ok, build.log
    build.content = content
    return build


PLAN_PAGE = "van-ban/2023/342-kh-ubnd/"


def test_document_page_offers_the_file_preview_and_text(documents_site, files):
    page = documents_site.html(PLAN_PAGE)
    assert page.h1.get_text() == "Kế hoạch số 342/KH-UBND ngày 24/04/2023"
    link = page.select_one(".document-file a.file-download")
    assert link.get_text() == "Tải về"
    assert link["href"] == f"/{PLAN_PAGE}ke-hoach-342.pdf"
    facts = link.find_next_sibling("span").get_text()
    assert facts == f"(PDF, {size_label(files['pdf'].stat().st_size)}, 2 trang)"
    published = documents_site.output / PLAN_PAGE / "ke-hoach-342.pdf"
    assert published.read_bytes() == files["pdf"].read_bytes()  # byte for byte
    image = page.select_one(".document-preview img")
    with Image.open(documents_site.output / image["src"].lstrip("/")) as preview:
        assert preview.format == "WEBP"
        assert (str(preview.width), str(preview.height)) == (
            image["width"],
            image["height"],
        )
    body = page.select_one("[data-pagefind-body]")
    details = body.select_one("details.document-text")
    assert details is not None and not details.has_attr("open")
    assert PDF_ONLY_PHRASE in details.get_text()
    assert "Trang hai: rà soát hộ nghèo" in details.get_text()


def test_no_metadata_of_files_on_any_page(documents_site):
    for html in documents_site.output.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert SECRET_AUTHOR not in text and "Phần mềm Bí Mật" not in text, html


def test_two_documents_with_one_number_have_their_own_pages(documents_site):
    page_2023 = documents_site.html("van-ban/2023/118-kh-ubnd/")
    page_2024 = documents_site.html("van-ban/2024/118-kh-ubnd/")
    assert page_2023.h1.get_text() == "Kế hoạch số 118/KH-UBND ngày 02/03/2023"
    assert page_2024.h1.get_text() == "Kế hoạch số 118/KH-UBND ngày 05/05/2024"
    titles = lambda page: [a.get_text() for a in page.select(".archive-list a")]  # noqa: E731
    assert titles(page_2023) == ["Hội nghị đối thoại với Nhân dân năm 2023"]
    assert titles(page_2024) == ["Ra quân làm sạch kênh rạch năm 2024"]
    # The old address lists both years, and the post that named no date.
    number = documents_site.html("van-ban/118-kh-ubnd/")
    assert [a["href"] for a in number.select(".term-list a")] == [
        "/van-ban/2024/118-kh-ubnd/",
        "/van-ban/2023/118-kh-ubnd/",
    ]
    assert [a.get_text() for a in number.select(".archive-list a")] == [
        "Nhắc lại kế hoạch"
    ]
    undated = documents_site.html("nhac-lai-ke-hoach/")
    hrefs = [li.a["href"] for li in undated.select(".post-meta .inline-list li")]
    # 118 is ambiguous (the number's page); 342 has one document (its page).
    assert hrefs == ["/van-ban/118-kh-ubnd/", f"/{PLAN_PAGE}"]


def test_old_address_redirects_without_javascript(documents_site):
    page = documents_site.html("van-ban/342-kh-ubnd/")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == f"0; url=/{PLAN_PAGE}"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.a["href"] == f"/{PLAN_PAGE}"
    # A redirect is not a page of the site: the sitemap lists the document's
    # pages and the list of years, never the redirect.
    sitemap = (documents_site.output / "sitemap.xml").read_text()
    assert f"<loc>/{PLAN_PAGE}</loc>" in sitemap
    assert "<loc>/van-ban/118-kh-ubnd/</loc>" in sitemap
    assert "<loc>/van-ban/342-kh-ubnd/</loc>" not in sitemap


def test_article_shows_document_download_and_attachments(documents_site, files):
    page = documents_site.html("hoi-nghi-doi-thoai-voi-nhan-dan-nam-2023/")
    plan = page.select_one(".post-meta a.file-download")
    assert plan["href"] == f"/{PLAN_PAGE}ke-hoach-342.pdf"
    items = page.select("section.attachments li")
    assert [li.a.get_text() for li in items] == ["Mẫu đơn kiến nghị", "danh-sach.odt"]
    docx_link = items[0].a
    assert (
        docx_link["href"]
        == "/hoi-nghi-doi-thoai-voi-nhan-dan-nam-2023/mau-don-kien-nghi.docx"
    )
    size = size_label(files["docx"].stat().st_size)
    assert items[0].select_one(".file-facts").get_text() == f"(DOCX, {size})"
    assert items[1].select_one(".file-facts").get_text().startswith("(ODT, ")
    published = documents_site.output / docx_link["href"].lstrip("/")
    assert (
        hashlib.sha256(published.read_bytes()).digest()
        == hashlib.sha256(files["docx"].read_bytes()).digest()
    )


def test_shared_folder_document_with_docx_text(documents_site):
    page = documents_site.html("van-ban/2021/34-2021-nd-cp/")
    assert page.select_one(".file-download")["href"].endswith("/nd-34.docx")
    assert page.select_one(".document-preview") is None  # previews are for PDFs
    text = page.select_one("details.document-text").get_text()
    assert "Lê Văn Tám | Hẻm 51, khu vực 2" in text


def test_documents_index_newest_first_by_year_and_kind(documents_site):
    index = documents_site.html("van-ban/")
    sections = index.select("section.document-year")
    assert [s.h2["id"] for s in sections] == ["nam-2024", "nam-2023", "nam-2021"]
    assert [a["href"] for a in sections[1].select(".document-list > li > a")] == [
        f"/{PLAN_PAGE}",
        "/van-ban/2023/118-kh-ubnd/",
    ]
    filters = {a.get_text(): a["href"] for a in index.select(".document-filters a")}
    assert filters["2023"] == "/van-ban/2023/"
    assert filters["Kế hoạch"] == "/van-ban/loai/ke-hoach/"
    assert filters["Nghị định"] == "/van-ban/loai/nghi-dinh/"
    decrees = documents_site.html("van-ban/loai/nghi-dinh/")
    assert [a["href"] for a in decrees.select(".document-list a")] == [
        "/van-ban/2021/34-2021-nd-cp/"
    ]
    year = documents_site.html("van-ban/2023/")
    assert {a["href"] for a in year.select(".document-list a")} == {
        f"/{PLAN_PAGE}",
        "/van-ban/2023/118-kh-ubnd/",
    }


def _search(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}/tim-kiem/?q={quote(query)}")
    page.wait_for_function(
        "q => document.body.getAttribute('data-search-done') === q",
        arg=query,
        timeout=15000,
    )
    return page.eval_on_selector_all(
        ".search-title a", "els => els.map(e => e.getAttribute('href'))"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [PDF_ONLY_PHRASE, "bo ke rach cai son", "Đèn chiếu sáng", "den chieu sang"],
)
def test_search_finds_words_only_inside_the_pdf(documents_site, page, query):
    with serve_directory(documents_site.output) as base:
        hrefs = _search(page, base, query)
        excerpts = page.locator(".search-excerpt").all_inner_texts()
    assert hrefs and hrefs[0] == f"/{PLAN_PAGE}", hrefs
    assert all("den " not in text for text in excerpts), excerpts


@pytest.mark.browser
def test_search_finds_docx_table_text(documents_site, page):
    with serve_directory(documents_site.output) as base:
        hrefs = _search(page, base, "Lê Văn Tám")
    assert "/van-ban/2021/34-2021-nd-cp/" in hrefs


def test_bad_file_fails_the_build_and_leaves_output(documents_site, files, tmp_path):
    content = tmp_path / "content"
    write_post(content, "posts/2023/doi-thoai/index.md", PLAN_POST)
    folder = content / "posts" / "2023" / "doi-thoai"
    (folder / "ke-hoach-342.pdf").write_bytes(files["encrypted"].read_bytes())
    (folder / "Mẫu đơn kiến nghị.docx").write_bytes(files["docx"].read_bytes())
    _odt(folder / "danh-sach.odt")
    (content / "pages").mkdir()
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("trang cũ")
    build = run_build(content, output)
    assert not build.ok
    assert "posts/2023/doi-thoai/index.md:6" in build.log
    assert 'tệp "ke-hoach-342.pdf": tệp PDF được đặt mật khẩu' in build.log
    assert (output / "index.html").read_text() == "trang cũ"
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]


NEW_PAGES = [
    PLAN_PAGE,
    "van-ban/118-kh-ubnd/",
    "van-ban/",
    "van-ban/loai/ke-hoach/",
    "hoi-nghi-doi-thoai-voi-nhan-dan-nam-2023/",
]


def test_new_pages_are_valid_html(documents_site):
    pages = [documents_site.output / p / "index.html" for p in NEW_PAGES]
    pages.append(documents_site.output / "van-ban/342-kh-ubnd/index.html")
    assert vnu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.parametrize("address", NEW_PAGES)
def test_new_pages_have_no_wcag_violations(documents_site, browser, address):
    axe = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
    assert axe.is_file(), "run: npm ci (make bootstrap-dev)"
    context = browser.new_context(bypass_csp=True)  # axe is an inline script
    tab = context.new_page()
    with serve_directory(documents_site.output) as base:
        tab.goto(f"{base}/{address}")
        if address == PLAN_PAGE:
            tab.click("details.document-text summary")  # opens without JavaScript
        tab.add_script_tag(path=str(axe))
        violations = tab.evaluate(
            """async () => {
              const r = await axe.run(document, {runOnly: {type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
              return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
            }"""
        )
        if address == PLAN_PAGE:
            assert tab.locator("details.document-text").get_attribute("open") == ""
            assert tab.get_by_text(PDF_ONLY_PHRASE, exact=False).is_visible()
    context.close()
    assert violations == []


def test_relative_links_reach_the_files(files, tmp_path):
    """Published without an address: every file link works from its own page."""
    content = tmp_path / "content"
    write_post(content, "posts/2023/doi-thoai/index.md", PLAN_POST)
    folder = content / "posts" / "2023" / "doi-thoai"
    (folder / "ke-hoach-342.pdf").write_bytes(files["pdf"].read_bytes())
    (folder / "Mẫu đơn kiến nghị.docx").write_bytes(files["docx"].read_bytes())
    _odt(folder / "danh-sach.odt")
    (content / "pages").mkdir()
    build = run_build(content, tmp_path / "output", overrides={"RELATIVE_URLS": True})
    assert build.ok, build.log
    redirect = build.html("van-ban/342-kh-ubnd/").a["href"]
    assert redirect == "../2023/342-kh-ubnd/"
    assert (build.output / "van-ban/342-kh-ubnd" / redirect / "index.html").is_file()
    pages = [PLAN_PAGE, "hoi-nghi-doi-thoai-voi-nhan-dan-nam-2023/"]
    found = 0
    for address in pages:
        page = build.html(address)
        links = [a["href"] for a in page.select("a.file-download")]
        links += [img["src"] for img in page.select(".document-preview img")]
        for link in links:
            assert not link.startswith("/") and "__" not in link, link
            assert (build.output / address / link).resolve().is_file(), link
            found += 1
    assert found == 5  # PDF and preview; the plan's PDF and two attachments
