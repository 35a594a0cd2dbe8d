"""The ward portal the law asks for (issue 28): leaders, procedures, the
compliance notes, the catalogue, the export, the map, the rating form, built
from the sample content (one real build, shared) and checked with their units."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ward_leaders.model import parse_leaders_file
from ward_procedures.model import check_code, parse_procedures_file
from ward_procedures.settings import NATIONAL_PORTAL, ProceduresSettings

from tests.browserkit import serve_directory
from tests.sitekit import PROJECT, copy_sample_content
from tests.test_theme_browser import AXE
from ward_core.compliance import (
    Item,
    LeaderFact,
    Requirement,
    SiteFacts,
    evaluate,
    findings_as_notes,
    parse_requirements,
)
from ward_core.datafile import read_records
from wardtools.linkcheck import collect

# --- units: the data files ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- name: A\n  positon: Chủ tịch\n", 2, 'trường lạ "positon"'),
        ("- name: A\n", 1, "thiếu position"),
        ("- position: Chủ tịch\n", 1, "thiếu name"),
        (
            "- name: A\n  position: B\n  term_from: 31/02/2025\n",
            3,
            "Viết dạng 01/07/2025",
        ),
        (
            "- name: A\n  position: B\n  term_from: 01/07/2025\n  term_until: 01/01/2025\n",
            4,
            "phải sau ngày bắt đầu",
        ),
        ("- name: A\n  position: B\n  honorific: Anh\n", 3, "Ông, Bà hoặc Đồng chí"),
        (
            "- name: A\n  position: B\n  photo: data/khong-co.jpg\n",
            3,
            'không tìm thấy tệp "data/khong-co.jpg"',
        ),
        ("name: A\n", 1, "tệp phải là danh sách"),
        ("- name: A\n  position: 'B\n", 2, ""),
    ],
)
def test_bad_leader_records_name_the_line(tmp_path, text, line, fragment):
    parsed = parse_leaders_file(text, tmp_path)
    assert parsed.leaders == []
    [problem] = parsed.problems
    assert problem.line == line
    assert fragment in problem.render()


def test_leader_record_read_in_full(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "Ảnh chủ tịch (1).jpeg").write_bytes(b"x")
    text = (
        "- name: Phạm Thanh Hoà\n"
        "  honorific: Ông\n"
        "  position: Phó Chủ tịch UBND phường\n"
        "  photo: data/Ảnh chủ tịch (1).jpeg\n"
        "  term_from: 01/07/2025\n"
        "  biography: |\n    Sinh năm 1980.\n\n    Kỹ sư.\n"
    )
    [leader] = parse_leaders_file(text, tmp_path).leaders
    assert leader.biography == ("Sinh năm 1980.", "Kỹ sư.")
    assert leader.term == "01/07/2025 – nay"
    assert leader.photo.name == "Ảnh chủ tịch (1).jpeg"
    # The same person as "Phạm Thanh Hòa" in a post (tone placed the new way).
    from ward_core.people import person_key

    assert leader.key == person_key("Phạm Thanh Hòa")


def test_records_refuse_unknown_keys_with_their_line():
    records = read_records("- a: 1\n- a: 2\n  b: 3\n", ("a",), "- a: 1")
    assert len(records.items) == 1
    [problem] = records.problems
    assert (problem.line, problem.field) == (3, "b")


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("1.001193", True),
        ("2.000908", True),
        ("1.004227.000.00.00.H12", True),
        ("1001193", False),
        ("1.1193", False),
        ("TT-01", False),
        ("1.001193 ", False),
    ],
)
def test_procedure_codes(code, ok):
    assert (check_code(code) is None) == ok


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- code: 1.001193\n  name: Khai sinh\n", 1, "thiếu field"),
        ("- code: 1001193\n  name: A\n  field: B\n", 1, "không đúng dạng mã"),
        (
            "- code: 1.001193\n  name: A\n  field: B\n"
            "- code: 1.001193\n  name: C\n  field: B\n",
            4,
            "đã có ở dòng 1",
        ),
        ("- code: 1.001193\n  name: A\n  field: B\n  online: có\n", 4, "Toàn trình"),
        ("- code: 1.001193\n  ten: A\n", 2, 'trường lạ "ten"'),
    ],
)
def test_bad_procedures_name_the_line(text, line, fragment):
    parsed = parse_procedures_file(text)
    assert len(parsed.procedures) == ("đã có" in fragment)  # the first one stays
    [problem] = parsed.problems
    assert problem.line == line and fragment in problem.render()


def test_procedure_link_format_is_one_setting():
    assert ProceduresSettings.from_settings({}).link("1.001193") == (
        NATIONAL_PORTAL.replace("{code}", "1.001193")
    )
    own = {"WARD_PROCEDURES": {"portal_url": "https://dvc.cantho.gov.vn/tt?ma={code}"}}
    assert ProceduresSettings.from_settings(own).link("2.000908") == (
        "https://dvc.cantho.gov.vn/tt?ma=2.000908"
    )
    from ward_core.problems import SiteError

    with pytest.raises(SiteError, match=r"phải có \{code\}"):
        ProceduresSettings.from_settings(
            {"WARD_PROCEDURES": {"portal_url": "https://x"}}
        )


def test_linkcheck_covers_every_procedure():
    content = Path(__file__).resolve().parents[1] / "content"
    settings = {
        "SLUG_REGEX_SUBSTITUTIONS": [],
        "ARTICLE_PATHS": ["posts"],
        "PATH": str(content),
    }
    found = {f.url: f.where for f in collect(content, settings)}
    link = NATIONAL_PORTAL.replace("{code}", "1.001193")
    assert link in found and found[link].endswith("thu-tuc.yml:3")


# --- the sample site -----------------------------------------------------------


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


def test_introduction_lists_the_former_units(sample_build):
    page = sample_build.html("trang/gioi-thieu/")
    units = [_text(li) for li in page.select(".former-units li")]
    assert len(units) == 3
    assert units[0].startswith("Phường An Lạc (cũ): trụ sở cũ tại Số 40")
    assert _text(page.select_one(".brand-region")) == "Thành phố Cần Thơ"


def test_leaders_page_lists_current_then_former_leaders(sample_build):
    page = sample_build.html("lanh-dao/")
    names = [_text(h) for h in page.select("section.leader h2")]
    assert names == ["Ông Nguyễn Văn Hùng", "Ông Phạm Thanh Hoà", "Bà Võ Thị Lan"]
    first = page.select_one("section.leader")
    assert "Nhiệm kỳ: 01/07/2025 – nay" in _text(first)
    assert "Tiểu sử tóm tắt" in _text(first) and "Sinh năm 1975" in _text(first)
    photo = first.select_one("picture img")
    assert photo["alt"] == "Nguyễn Văn Hùng" and photo["width"]
    assert (sample_build.output / photo["src"].lstrip("/")).is_file()
    former = [_text(li) for li in page.select(".former-leaders li")]
    assert former == [
        "Trần Minh Tâm – Chủ tịch UBND phường An Lạc (cũ) (01/07/2021 – 30/06/2025)"
    ]


def test_a_leader_in_posts_is_the_same_official(sample_build):
    # Posts write both "Phạm Thanh Hoà" and "Phạm Thanh Hòa"; the data file "Hoà".
    leaders = sample_build.html("lanh-dao/")
    link = leaders.find("a", string="Tin bài có Phạm Thanh Hoà")
    assert link is not None
    official = sample_build.html(link["href"].strip("/") + "/")
    body = _text(official.select_one("main"))
    assert "Phụ trách kinh tế, đô thị" in body  # the duties
    assert "Nguyên Phó Chủ tịch UBND phường An Lạc" in body  # the biography
    assert official.select("main .post-list li, main article, main li")  # the posts
    assert official.find("a", string="Tất cả lãnh đạo")
    # A leader who never appears in a post has no official page, and no link.
    assert leaders.find("a", string="Tin bài có Võ Thị Lan") is None


def test_sample_content_is_complete():
    root = Path(__file__).resolve().parents[1] / "content" / "data"
    assert (root / "lanh-dao.yml").is_file()


def test_procedures_grouped_by_field_and_linked_by_code(sample_build):
    index = sample_build.html("thu-tuc-hanh-chinh/")
    fields = [_text(h) for h in index.select("main h2")]
    assert fields == ["Hộ tịch (3)", "Chứng thực (2)", "Bảo trợ xã hội (1)"]
    page = sample_build.html("thu-tuc-hanh-chinh/ho-tich/")
    links = page.select("ul.procedures a")
    assert links[0].get_text() == "Thủ tục đăng ký khai sinh"
    assert links[0]["href"] == NATIONAL_PORTAL.replace("{code}", "1.001193")
    assert "Mã 1.001193 · Dịch vụ công trực tuyến toàn trình" in _text(page)
    footer = sample_build.html("index.html").select_one(".site-footer")
    assert footer.find("a", string="Thủ tục hành chính")["href"].endswith(
        "/thu-tuc-hanh-chinh/"
    )


@pytest.mark.browser
def test_search_finds_procedures_without_diacritics(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(f"{base}/tim-kiem/?q=dang+ky+khai+sinh")
        page.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'dang ky khai sinh'",
            timeout=30000,
        )
        hrefs = page.eval_on_selector_all(
            ".search-title a", "els => els.map(e => e.getAttribute('href'))"
        )
    assert any(h.rstrip("/").endswith("thu-tuc-hanh-chinh/ho-tich") for h in hrefs), (
        hrefs
    )


# --- requirements, compliance notes, catalogue -----------------------------------

REQUIREMENTS = PROJECT / "plugins" / "ward_portal" / "requirements.yml"


def test_requirements_file_is_valid_and_cites_the_law():
    requirements, problems = parse_requirements(
        REQUIREMENTS.read_text(encoding="utf-8")
    )
    assert problems == []
    assert len(requirements) >= 10
    assert all(
        "224/2026/NĐ-CP" in r.basis or "104/2016/QH13" in r.basis for r in requirements
    )


def _req(**values) -> Requirement:
    base = {"id": "x", "title": "X", "basis": "Luật", "form": "Trang web"}
    return Requirement(**{**base, **values})


TODAY = dt.date(2026, 3, 1)
POSTS = [
    Item(
        "Công khai quyết toán ngân sách năm 2025",
        "a/",
        dt.date(2026, 1, 20),
        "Công khai quyết toán ngân sách năm 2025",
    ),
    Item("Kế hoạch ra quân", "b/", dt.date(2024, 1, 5), "Kế hoạch ra quân"),
]


@pytest.mark.parametrize(
    ("req", "facts", "status", "issue"),
    [
        (_req(evidence="page", page="gioi-thieu"), SiteFacts(), "Chưa có", ""),
        (
            _req(evidence="page", page="gioi-thieu"),
            SiteFacts(pages={"gioi-thieu": Item("Giới thiệu", "trang/gioi-thieu/")}),
            "Đã có",
            "",
        ),
        (
            _req(evidence="file", file="data/ranh-gioi.geojson"),
            SiteFacts(),
            "Chưa có",
            "",
        ),
        (
            _req(evidence="leaders", url="lanh-dao/"),
            SiteFacts(leaders=[LeaderFact("Võ Thị Lan", False, True)]),
            "Cần bổ sung",
            "lãnh đạo Võ Thị Lan chưa có tiểu sử tóm tắt",
        ),
        (_req(evidence="leaders"), SiteFacts(leaders=[]), "Chưa có", ""),
        (
            _req(evidence="posts", match="quyết toán ngân sách", previous_year=True),
            SiteFacts(posts=POSTS),
            "Đã có",
            "",
        ),
        (
            _req(evidence="posts", match="kế hoạch", max_age_days=365),
            SiteFacts(posts=POSTS),
            "Cần bổ sung",
            "lần cập nhật cuối 05/01/2024, đã quá 365 ngày",
        ),
        (_req(evidence="ward", key="info_officer"), SiteFacts(ward={}), "Chưa có", ""),
        (_req(evidence="documents"), SiteFacts(documents=POSTS[:1]), "Đã có", ""),
    ],
)
def test_requirement_evaluation(req, facts, status, issue):
    finding = evaluate(req, facts, TODAY)
    assert finding.status == status
    assert issue in "; ".join(finding.issues)
    notes = findings_as_notes([finding])
    assert len(notes) == (status != "Đã có")
    assert all(not note.error and req.basis in note.message for note in notes)


def test_make_check_prints_the_missing_items_as_notes(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    leaders = content / "data" / "lanh-dao.yml"
    text = leaders.read_text(encoding="utf-8")
    start = text.index("  biography: |\n    Sinh năm 1983.")
    end = text.index("  duties:", start)
    leaders.write_text(text[:start] + text[end:], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    bio = [line for line in lines if "Võ Thị Lan chưa có tiểu sử tóm tắt" in line]
    assert (
        bio
        and bio[0].startswith("Lưu ý")
        and "Nghị định 224/2026/NĐ-CP, Điều 9" in bio[0]
    )
    [boundary] = [line for line in lines if "Bản đồ địa giới hành chính" in line]
    assert "chưa có" in boundary and "content/data/ranh-gioi.geojson" in boundary
    assert "Traceback" not in result.stdout + result.stderr


def test_catalogue_lists_where_each_item_is_and_what_is_missing(sample_build):
    page = sample_build.html("danh-muc-thong-tin/")
    rows = {row["id"]: row for row in page.select("table.catalogue tbody tr")}
    assert set(rows) >= {"lanh-dao", "thu-tuc", "ban-do", "gioi-thieu"}
    leaders = rows["lanh-dao"]
    assert leaders.select_one("td a")["href"].endswith("/lanh-dao/")
    assert _text(leaders.select("td")[-1]) == "Đã có"
    boundary = rows["ban-do"]
    assert _text(boundary.select("td")[-1]) == "Chưa có"
    assert boundary.select_one("td a") is None
    assert "Nghị định 224/2026/NĐ-CP" in _text(boundary.select_one("th"))
    intro = rows["gioi-thieu"]
    assert intro.select_one("td a")["href"].endswith("/trang/gioi-thieu/")


# --- the portal's pages: valid HTML, accessible at 360 px and on a desktop -------

PORTAL_PAGES = (
    "lanh-dao/",
    "can-bo/pham-thanh-hoa/",
    "thu-tuc-hanh-chinh/",
    "thu-tuc-hanh-chinh/ho-tich/",
    "danh-muc-thong-tin/",
    "trang/gioi-thieu/",
    "trang/co-cau-to-chuc/",
)


def test_portal_pages_are_valid_html(sample_build):
    vnu = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert vnu.is_file(), "run: npm ci (make bootstrap-dev)"
    files = [str(sample_build.output / page / "index.html") for page in PORTAL_PAGES]
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stderr or result.stdout).strip()
    assert report.startswith("{"), f"vnu printed no report: {result}"
    errors = [
        f"{m.get('url', '')}: {m.get('message')}"
        for m in json.loads(report)["messages"]
        if m["type"] == "error"
    ]
    assert errors == []


AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
  return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 360, "height": 740}, id="360"),
        pytest.param({"width": 1280, "height": 900}, id="1280"),
    ],
)
def test_portal_pages_pass_axe(sample_build, browser, viewport):
    context = browser.new_context(bypass_csp=True, viewport=viewport)
    tab = context.new_page()
    found = []
    try:
        with serve_directory(sample_build.output) as base:
            for path in PORTAL_PAGES:
                tab.goto(f"{base}/{path}")
                tab.add_script_tag(path=str(AXE))
                found += [f"{path} {v}" for v in tab.evaluate(AXE_RUN)]
    finally:
        context.close()
    assert found == []
