"""Introduction pages from structured data (issue 28, part 2): content/data/gioi-thieu.yml
read with its lines, the sample built into the introduction, organisation and
contact pages at the old addresses, and the compliance notes reading the file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.sitekit import PROJECT, copy_sample_content, run_build
from ward_core.compliance import Item, Requirement, SiteFacts, evaluate
from ward_core.intro import parse_intro_file


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


def _photo(root: Path, name: str) -> None:
    (root / "data").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (200, 120, 40)).save(root / "data" / name)


# --- the model -------------------------------------------------------------------

GOOD = """\
summary: |
  Phường X.
natural_conditions: |
  Bằng phẳng.

  Nhiều kênh rạch.
history: Khai phá từ thế kỷ XVIII.
relics:
  - name: Đình An Lạc
    rank: Di tích cấp thành phố
    photos:
      - photo: data/IMG_20260120_083015.jpg
        caption: Chính điện
  - name: Bến Ninh Kiều
organisation:
  - name: Ủy ban nhân dân phường
    head: "Nguyễn\u00a0Văn Hùng"
    units:
      - name: Văn phòng
        units:
          - name: Bộ phận một cửa
contacts:
  - unit: Văn phòng
    phone: 0292 3820 116
hours: Thứ Hai – Thứ Sáu
info_officer:
  name: Bà Trần Thị Thu
  email: thu@example.gov.vn
"""


def test_intro_file_read_in_full(tmp_path):
    _photo(tmp_path, "IMG_20260120_083015.jpg")
    parsed = parse_intro_file(GOOD, tmp_path)
    assert parsed.problems == []
    intro = parsed.intro
    assert intro.natural_conditions == ("Bằng phẳng.", "Nhiều kênh rạch.")
    [unit] = intro.organisation
    assert (
        unit.head_key
        == parse_intro_file(
            "organisation:\n  - name: U\n    head: Nguyễn Văn Hùng\n", tmp_path
        )
        .intro.organisation[0]
        .head_key
    )  # Word's no-break space: the same person
    assert unit.units[0].units[0].name == "Bộ phận một cửa"
    [photo] = intro.photos()
    assert photo.caption == "Chính điện" and photo.path.is_file() and photo.line == 12
    assert intro.contacts[0].phone_uri == "tel:02923820116"
    assert intro.info_officer.email == "thu@example.gov.vn"
    # What the compliance check sees: every part, the relic without a photo named.
    assert intro.missing() == {
        "summary": [],
        "natural_conditions": [],
        "history": [],
        "organisation": [],
        "contacts": [],
        "hours": [],
        "relics": ["di tích Bến Ninh Kiều chưa có ảnh"],
        "info_officer": [],
    }


def test_empty_file_is_an_empty_introduction(tmp_path):
    parsed = parse_intro_file("# chưa có gì\n", tmp_path)
    assert parsed.problems == [] and parsed.intro.missing() == {}


DEEP = (
    "organisation:\n"
    + "".join(
        "  " * (2 * level)
        + "  - name: Cấp "
        + str(level)
        + "\n"
        + "  " * (2 * level)
        + "    units:\n"
        for level in range(4)
    )
    + "  " * 8
    + "  - name: Cấp 4\n"
)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            "histroy: |\n  Một.\n",
            1,
            'không có trường "histroy". Có phải ý bạn là "history"?',
        ),
        ("- name: Đình\n", 1, "tệp phải có dạng"),
        ("history: 'chưa đóng\n", 1, ""),
        ("relics:\n  name: Đình\n", 1, "relics: phải là danh sách"),
        ("relics:\n  - rank: Cấp thành phố\n", 2, "di tích thiếu name:"),
        (
            "relics:\n  - name: Đình\n    photos:\n      - caption: Chính điện\n",
            4,
            "ảnh thiếu photo: (đường dẫn tệp ảnh trong content/",
        ),
        (
            "relics:\n  - name: Đình\n    photos:\n      - photo: data/Ảnh hội nghị (1).jpeg\n",
            4,
            'không tìm thấy tệp "data/Ảnh hội nghị (1).jpeg"',
        ),
        (
            "relics:\n  - name: Đình\n    photos:\n      - photo: data/z5123456789012_abcdef0123456789.jpg\n",
            4,
            "thiếu caption: (chú thích)",
        ),
        (
            "relics:\n  - name: Đình\n    photos:\n      - photo: ../../etc/passwd\n        caption: A\n",
            4,
            "nằm ngoài thư mục content/",
        ),
        (
            "organisation:\n  - name: UBND\n    units:\n      - nam: Văn phòng\n",
            4,
            'không có trường "nam"',
        ),
        (DEEP, 7, "tối đa 3 cấp"),
        ("info_officer: Bà Thu\n", 1, "info_officer: phải có dạng"),
        ("info_officer:\n  name: Bà Thu\n", 1, "ghi phone: hoặc email:"),
        ("info_officer:\n  unit: Văn phòng\n  phone: '1'\n", 1, "thiếu name:"),
    ],
)
def test_bad_intro_files_name_the_line(tmp_path, text, line, fragment):
    _photo(tmp_path, "z5123456789012_abcdef0123456789.jpg")
    parsed = parse_intro_file(text, tmp_path)
    assert parsed.intro is None
    [problem] = parsed.problems
    assert problem.line == line, problem
    assert fragment in problem.render()
    assert "Error" not in problem.render()


_KEYS = st.sampled_from(
    [
        "history",
        "relics",
        "photos",
        "photo",
        "caption",
        "name",
        "organisation",
        "units",
        "head",
        "info_officer",
        "contacts",
        "phone",
    ]
)
_TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _TREES, max_size=5))
def test_any_tree_gives_an_introduction_or_problems_with_lines(tree):
    parsed = parse_intro_file(yaml.safe_dump(tree, allow_unicode=True), Path("/khong"))
    assert (parsed.intro is None) == bool(parsed.problems)
    assert all(p.message and p.line >= 1 for p in parsed.problems)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_introduction_or_problems(text):
    parsed = parse_intro_file(text, Path("/khong"))
    assert (parsed.intro is None) == bool(parsed.problems)
    assert all(p.message for p in parsed.problems)


# --- compliance: the requirements read the data file -------------------------------


def _req(key: str, page: str = "") -> Requirement:
    return Requirement(
        id=key,
        title=key,
        basis="Nghị định 224/2026/NĐ-CP",
        form="Trang web",
        evidence="intro",
        file="data/gioi-thieu.yml",
        key=key,
        page=page,
        url="trang/gioi-thieu/",
    )


@pytest.mark.parametrize(
    ("req", "facts", "status", "issue"),
    [
        (_req("history"), SiteFacts(intro={"history": []}), "Đã có", ""),
        (_req("history"), SiteFacts(intro={"summary": []}), "Chưa có", ""),
        (
            _req("relics"),
            SiteFacts(intro={"relics": ["di tích Đình chưa có ảnh"]}),
            "Cần bổ sung",
            "di tích Đình chưa có ảnh",
        ),
        (_req("info_officer"), SiteFacts(intro={}), "Chưa có", ""),
        # A site without the data file: the WARD key or the Markdown page still count.
        (_req("info_officer"), SiteFacts(ward={"info_officer": "Bà Thu"}), "Đã có", ""),
        (
            _req("history", page="gioi-thieu"),
            SiteFacts(pages={"gioi-thieu": Item("Giới thiệu", "trang/gioi-thieu/")}),
            "Đã có",
            "",
        ),
    ],
)
def test_intro_requirements(req, facts, status, issue):
    finding = evaluate(req, facts, None)
    assert finding.status == status
    assert issue in "; ".join(finding.issues)


def test_make_check_notes_what_the_introduction_lacks(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    data = content / "data" / "gioi-thieu.yml"
    text = data.read_text(encoding="utf-8")
    start, end = text.index("history: |"), text.index("relics:")
    text = text[:start] + text[end:]
    start, end = (
        text.index("    photos:\n      - photo: data/gioi-thieu/ben"),
        text.index("organisation:"),
    )
    text = text[:start] + text[end:]
    data.write_text(text[: text.index("info_officer:")], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("Lưu ý")]
    [history] = [n for n in notes if "Lịch sử, truyền thống văn hóa" in n]
    assert "chưa có" in history and "Nghị định 224/2026/NĐ-CP, Điều 9" in history
    [relics] = [n for n in notes if "Di tích, danh thắng" in n]
    assert "Bến Ninh Kiều và bờ kè sông Cần Thơ chưa có ảnh" in relics
    [officer] = [n for n in notes if "đầu mối tiếp nhận yêu cầu" in n]
    assert "104/2016/QH13, Điều 19" in officer and "info_officer" in officer
    assert not [n for n in notes if "cơ cấu tổ chức" in n]


# --- the sample site ------------------------------------------------------------------


def test_introduction_page_from_the_data_file(sample_build):
    page = sample_build.html("trang/gioi-thieu/")
    main = page.select_one("main")
    headings = [_text(h) for h in main.select("h2")]
    assert headings == [
        "Các đơn vị hành chính trước khi sắp xếp (01/7/2025)",
        "Điều kiện tự nhiên",
        "Lịch sử, truyền thống văn hóa",
        "Di tích, danh thắng",
    ]
    relics = main.select("section.relic")
    assert [_text(r.h3) for r in relics] == [
        "Đình An Lạc",
        "Bến Ninh Kiều và bờ kè sông Cần Thơ",
    ]
    assert (
        relics[0].h3["id"] == "di-tich-dinh-an-lac"
    )  # a link that survives edits above it
    img = relics[0].select_one("figure picture img")
    assert img["alt"] == "Chính điện đình An Lạc (ảnh mẫu)" and img["width"]
    assert (sample_build.output / img["src"].lstrip("/")).is_file()
    webp = relics[0].select_one("source[type='image/webp']")["srcset"].split()[0]
    assert (sample_build.output / webp.lstrip("/")).is_file()
    assert _text(relics[0].figcaption) == "Chính điện đình An Lạc (ảnh mẫu)"
    links = {a.get_text(): a["href"] for a in main.select(".intro-links a")}
    assert links["Cơ cấu tổ chức"].endswith("/trang/co-cau-to-chuc/")
    # In the menu, at the address the Markdown page had.
    menu = {a.get_text(): a for a in page.select("#menu-chinh a")}
    assert menu["Giới thiệu"]["href"] == "/trang/gioi-thieu/"
    assert menu["Giới thiệu"]["aria-current"] == "page"
    assert menu["Liên hệ"]["href"] == "/trang/lien-he/"


def test_organisation_chart_is_nested_lists_with_heads_linked(sample_build):
    page = sample_build.html("trang/co-cau-to-chuc/")
    top = page.select("main > article > ul.org-chart > li")
    assert [_text(li.h2) for li in top] == [
        "Hội đồng nhân dân phường",
        "Ủy ban nhân dân phường",
    ]
    units = top[1].select(":scope > ul.org-chart > li > h3")
    assert len(units) == 4 and _text(units[1]) == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert not page.select("main img")  # the chart is text, not a picture
    head = top[1].select_one(".org-head a")
    assert head.get_text() == "Nguyễn Văn Hùng"
    path, anchor = head["href"].split("#")
    leaders = sample_build.html(path.strip("/") + "/")
    assert leaders.find(id=anchor) is not None
    assert "Chủ tịch UBND phường" in _text(leaders.find(id=anchor))


def test_contact_page_names_the_information_officer(sample_build):
    page = sample_build.html("trang/lien-he/")
    main = page.select_one("main")
    officer = main.find(id="dau-moi-thong-tin").find_next("p")
    assert _text(officer).startswith("Bà Trần Thị Thu, Văn phòng HĐND và UBND phường")
    assert officer.select_one('a[href="tel:02923820116"]')
    assert "Sáng Thứ Bảy: 7:30–11:00" in _text(main)
    assert [_text(li.strong) for li in main.select("ul.contacts li")] == [
        "Văn phòng HĐND và UBND phường",
        "Trung tâm Phục vụ hành chính công phường",
    ]
    catalogue = sample_build.html("danh-muc-thong-tin/")
    row = catalogue.find("tr", id="dau-moi-thong-tin")
    assert row.select_one("td a")["href"].endswith("/trang/lien-he/#dau-moi-thong-tin")


# --- refused ---------------------------------------------------------------------------


def test_a_bad_intro_file_stops_the_build_naming_file_and_line(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    data = content / "data" / "gioi-thieu.yml"
    text = data.read_text(encoding="utf-8")
    line = text[: text.index("caption: Chính điện")].count("\n") + 1
    data.write_text(text.replace("caption: Chính điện", "captoin: Chính điện"), "utf-8")
    build = run_build(content, tmp_path / "out")
    assert not build.ok
    assert f"gioi-thieu.yml:{line}" in build.log
    assert 'không có trường "captoin"' in build.log
    assert "Traceback" not in build.log


def test_a_markdown_page_at_the_same_address_is_refused(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    (content / "pages" / "gioi-thieu.md").write_text(
        "---\ntitle: Giới thiệu\n---\nPhường.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    [line] = [x for x in result.stdout.splitlines() if "pages/gioi-thieu.md" in x]
    assert "trang/gioi-thieu/" in line and "xóa tệp này" in line


# --- the editor: the file is a mapping it edits field by field ---------------------------


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    from tests.editorkit import preview_server

    root = tmp_path_factory.mktemp("intro-editor")
    content = copy_sample_content(root / "content")
    with preview_server(root, content) as server:
        yield server


def _persist(editor, raw: str):
    return editor.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": "content/data/gioi-thieu.yml", "raw": raw}],
                "assets": [],
            },
        }
    )


def test_intro_file_round_trips_through_the_editor(editor):
    path = editor.content / "data" / "gioi-thieu.yml"
    _, entry = editor.post(
        {"action": "getEntry", "params": {"path": "content/data/gioi-thieu.yml"}}
    )
    data = yaml.safe_load(entry["data"])
    assert data["info_officer"]["name"] == "Bà Trần Thị Thu"  # a mapping, no wrapper
    # What Decap sends back after the officer empties the information officer's form.
    data["info_officer"] = {"name": "", "unit": "", "phone": "", "email": ""}
    data["history"] += "\nNăm 2026 phường đón danh hiệu mới (dữ liệu mẫu).\n"
    status, answer = _persist(editor, yaml.safe_dump(data, allow_unicode=True))
    assert status == 200, answer
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# Giới thiệu Phường Hòa Thuận (DỮ LIỆU MẪU")  # kept
    parsed = parse_intro_file(saved, editor.content)
    assert parsed.problems == [] and parsed.intro.info_officer is None
    assert parsed.intro.history[-1].startswith("Năm 2026 phường")
    assert len(parsed.intro.relics[0].photos) == 1


def test_editor_refuses_a_photo_without_caption_and_writes_nothing(editor):
    path = editor.content / "data" / "gioi-thieu.yml"
    before = path.read_bytes()
    raw = (
        "relics:\n- name: Đình An Lạc\n  photos:\n"
        "  - photo: data/gioi-thieu/dinh-an-lac.jpg\n"
    )
    status, answer = _persist(editor, raw)
    assert status == 422, answer
    assert "gioi-thieu.yml" in answer["error"] and "chú thích" in answer["error"]
    assert path.read_bytes() == before


# --- the provincial portal in the footer, and the bytes that made room for it ------------


def test_footer_links_the_provincial_portal(sample_build):
    for page in ("index.html", "trang/gioi-thieu/"):
        soup = sample_build.html(page)
        footer = soup.select_one(".site-footer .footer-links")
        link = footer.find("a", href="https://cantho.gov.vn")
        assert link.get_text() == "Cổng thông tin điện tử thành phố Cần Thơ"
        assert soup.select_one("a.brand-region")["href"] == "https://cantho.gov.vn"
        # Every link stands apart from the dot before and after it.
        text = footer.get_text()
        assert text.count("·") >= 4
        assert re.search(r"\S·|·\S", text) is None, text


@pytest.mark.parametrize(
    "title",
    [
        "Chủ tịch UBND phường đối thoại với Nhân dân",
        "Kế hoạch 12/KH-UBND: “Ngày Chủ nhật xanh” & tổng vệ sinh?",
        "Word\u00a0paste\u200bwith invisible\u00adcharacters",
        "x" * 120,
    ],
)
def test_comment_mailto_keeps_letters_and_reads_back_the_same(title):
    from urllib.parse import parse_qs, urlsplit

    from ward_comments.stub import mailto_url

    link = mailto_url("ubnd@example.gov.vn", title, "https://p.vn/a-b/")
    query = parse_qs(urlsplit(link).query)
    assert query["subject"] == [f"Bình luận: {title}"]
    assert query["body"][0].startswith("Bài viết: https://p.vn/a-b/\n\n")
    # Only visible letters stay unescaped: no space, no control or invisible one.
    assert not any(ch.isspace() or not ch.isprintable() for ch in link)
    assert "&" not in link.split("&body=")[0].split("?", 1)[1]


@pytest.mark.browser
def test_the_browser_reads_the_lighter_mailto_as_the_escaped_one(page):
    from html import escape
    from urllib.parse import quote

    from ward_comments.stub import mailto_url

    title = "Chủ tịch UBND phường đối thoại: “Ngày Chủ nhật xanh”"
    link = mailto_url("ubnd@example.gov.vn", title, "https://p.vn/a-b/")
    page.set_content(f'<a href="{escape(link)}">thư</a>')
    seen = page.evaluate("document.querySelector('a').href")
    subject = quote(f"Bình luận: {title}", safe=":/@")
    assert seen.startswith(f"mailto:ubnd@example.gov.vn?subject={subject}&body=")
    assert seen.isascii()
