"""What changes every week (issue 29): work and reception schedules with their
iCalendar feeds, built once into a fixture site under a fixed build date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.browserkit import serve_directory
from tests.checkkit import problems_of
from tests.editorkit import axe_violations, preview_server
from tests.sitekit import run_build, vnu_errors, write_post

BUILD_DATE = "2026-03-04"  # a Wednesday of ISO week 10
CHAIR = "Ông Nguyễn Văn Hùng – Chủ tịch UBND phường"
LONG_TITLE = (
    "Hội nghị triển khai kế hoạch chỉnh trang đô thị, bảo đảm trật tự an toàn giao "
    "thông và vệ sinh môi trường trên địa bàn phường"
)
WEEK_10 = f"""\
# Lịch tuần 10
week: 2026-W10
note: Lịch có thể thay đổi.
items:
  - date: 02/03/2026
    time: "7:30"
    end: "9:00"
    title: Họp giao ban Ủy ban nhân dân phường
    chair: {CHAIR}
    attendees: Các Phó Chủ tịch, công chức chuyên môn
    place: Phòng họp số 1
  - date: 05/03/2026
    time: "14:00"
    title: {LONG_TITLE}
    chair: Bà Trần Thị Lan – Phó Chủ tịch UBND phường
    place: Hội trường khu vực 5
    changes:
      - Đổi giờ từ 8:00 sáng sang 14:00 chiều do trùng lịch họp của thành phố.
  - date: 07/03/2026
    title: Ra quân ngày Chủ nhật xanh
"""
WEEK_9 = """\
week: 2026-W09
items:
  - date: 24/02/2026
    time: "8:00"
    title: Kiểm tra công tác phòng cháy chữa cháy
    chair: Ông Nguyễn Văn Hùng
"""
WEEK_52 = """\
week: 2025-W52
items:
  - date: 23/12/2025
    time: "8:00"
    title: Tổng kết công tác năm 2025
"""
RECEPTION = f"""\
place: Phòng tiếp công dân, tầng 1, trụ sở UBND phường
register: Đăng ký trước tại bộ phận Một cửa hoặc gọi 0292 3820 111.
items:
  - date: 27/02/2026
    time: "8:00"
    leader: {CHAIR}
  - date: 06/03/2026
    time: "8:00"
    end: "11:00"
    leader: {CHAIR}
  - date: 20/03/2026
    time: "8:00"
    end: "11:00"
    leader: Bà Trần Thị Lan – Phó Chủ tịch UBND phường
    place: Nhà văn hóa khu vực 3
    changes: [Đổi nơi tiếp sang Nhà văn hóa khu vực 3.]
"""
WEEK_PAGE = "lich-cong-tac/2026/tuan-10/"
PAGES = ["", "lich-cong-tac/", WEEK_PAGE, "lich-tiep-cong-dan/"]


def weekly_content(root: Path) -> Path:
    content = root / "content"
    write_post(
        content,
        "posts/giao-ban/index.md",
        f"---\ntitle: Giao ban đầu tháng\ndate: 2026-03-02 09:00\n"
        f"officials:\n  - {CHAIR}\n---\nNội dung.\n",
    )
    write_post(content, "lich-cong-tac/2026-W10.yml", WEEK_10)
    write_post(content, "lich-cong-tac/2026-W09.yml", WEEK_9)
    write_post(content, "lich-cong-tac/2025-W52.yml", WEEK_52)
    write_post(content, "data/lich-tiep-cong-dan.yml", RECEPTION)
    return content


@pytest.fixture(scope="module")
def weekly_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("weekly")
    build = run_build(
        weekly_content(root), root / "output", overrides={"BUILD_DATE": BUILD_DATE}
    )
    assert build.ok, build.log
    return build


def _calendar(site, name: str) -> tuple[bytes, Calendar]:
    data = (site.output / name).read_bytes()
    return data, Calendar.from_ical(data)


def test_current_week_on_the_home_page(weekly_site):
    home = weekly_site.html("index.html").select_one(".schedule-home")
    text = home.get_text(" ", strip=True)
    assert "Họp giao ban Ủy ban nhân dân phường" in text
    assert "(điều chỉnh)" in text
    assert "phòng cháy" not in text  # last week stays in the archive
    assert home.find("a", href=f"/{WEEK_PAGE}")


def test_past_weeks_archived_by_year(weekly_site):
    index = weekly_site.html("lich-cong-tac/")
    years = [
        h.get_text(strip=True)
        for h in index.select("main h3")
        if h.text.startswith("Năm ")
    ]
    assert years == ["Năm 2026", "Năm 2025"]
    links = [a["href"] for a in index.select("main .term-list a")]
    assert links == [
        "/lich-cong-tac/2026/tuan-10/",
        "/lich-cong-tac/2026/tuan-9/",
        "/lich-cong-tac/2025/tuan-52/",
    ]
    old = weekly_site.html("lich-cong-tac/2026/tuan-9/")
    assert "Kiểm tra công tác phòng cháy chữa cháy" in old.main.get_text()
    assert old.find("a", href="/can-bo/nguyen-van-hung/")  # name alone matches too


def test_changed_item_shows_what_changed_and_officials_link(weekly_site):
    page = weekly_site.html(WEEK_PAGE)
    changed = page.select_one(".schedule-changed")
    assert LONG_TITLE in changed.get_text()
    assert "Đổi giờ từ 8:00 sáng sang 14:00 chiều" in changed.get_text()
    assert len(page.select(".schedule-changed")) == 1
    chair = page.find("a", string=CHAIR)
    assert chair["href"] == "/can-bo/nguyen-van-hung/"
    # Someone with no official page is shown, not linked.
    assert "Bà Trần Thị Lan" in changed.get_text()
    assert not changed.find("a", string=lambda s: s and "Trần Thị Lan" in s)
    days = [h.get_text(strip=True) for h in page.select(".schedule-date")]
    assert days == [
        "Thứ Hai, 02/03/2026",
        "Thứ Năm, 05/03/2026",
        "Thứ Bảy, 07/03/2026",
    ]
    assert "(hôm nay)" not in " ".join(days)


def test_work_feed_is_valid_icalendar(weekly_site):
    data, cal = _calendar(weekly_site, "lich-cong-tac.ics")
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75  # folded by octets (RFC 5545 3.1)
    assert cal.get("version") == "2.0"
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Ho_Chi_Minh"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 5
    meeting = events["Họp giao ban Ủy ban nhân dân phường"]
    start = meeting.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert start == dt.datetime(2026, 3, 2, 0, 30, tzinfo=dt.UTC)
    assert meeting.decoded("DTEND").hour == 9
    assert meeting["LOCATION"] == "Phòng họp số 1"
    assert f"Chủ trì: {CHAIR}" in meeting["DESCRIPTION"]
    assert int(meeting["SEQUENCE"]) == 0
    changed = events[f"{LONG_TITLE} (điều chỉnh)"]
    assert int(changed["SEQUENCE"]) == 1
    assert "Điều chỉnh: Đổi giờ" in changed["DESCRIPTION"]
    whole_day = events["Ra quân ngày Chủ nhật xanh"]
    assert whole_day.decoded("DTSTART") == dt.date(2026, 3, 7)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert b"TZID=Asia/Ho_Chi_Minh" in data


def test_reception_page_and_feed(weekly_site):
    page = weekly_site.html("lich-tiep-cong-dan/")
    text = page.main.get_text(" ", strip=True)
    assert "Đăng ký trước tại bộ phận Một cửa" in text
    assert "27/02/2026" not in text  # a session already past is not "upcoming"
    assert "Thứ Sáu, 06/03/2026" in text and "Thứ Sáu, 20/03/2026" in text
    assert page.find("a", string=CHAIR)["href"] == "/can-bo/nguyen-van-hung/"
    assert "Nhà văn hóa khu vực 3" in text and "(điều chỉnh)" in text
    _, cal = _calendar(weekly_site, "lich-tiep-cong-dan.ics")
    events = cal.walk("VEVENT")
    assert len(events) == 3  # the feed keeps past sessions
    assert {int(e["SEQUENCE"]) for e in events} == {0, 1}
    footer = weekly_site.html("index.html").select_one(".footer-links")
    assert footer.find("a", href="/lich-tiep-cong-dan/")
    assert footer.find("a", href="/lich-cong-tac/")


def test_schedule_pages_in_sitemap_and_search_index(weekly_site):
    sitemap = (weekly_site.output / "sitemap.xml").read_text(encoding="utf-8")
    for path in PAGES[1:]:
        assert f"/{path}</loc>" in sitemap, path
    entry = json.loads(
        (weekly_site.output / "pagefind" / "pagefind-entry.json").read_text()
    )
    pages = sum(language["page_count"] for language in entry["languages"].values())
    assert pages == 1 + 3 + 1  # the post, three weeks, the reception schedule


def test_schedule_pages_are_valid_html(weekly_site):
    files = [weekly_site.output / path / "index.html" for path in PAGES]
    assert vnu_errors(files) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_schedule_pages_pass_axe(weekly_site, browser, width):
    context = browser.new_context(
        bypass_csp=True, viewport={"width": width, "height": 800}
    )
    tab = context.new_page()
    found = []
    with serve_directory(weekly_site.output) as base:
        for path in PAGES:
            tab.goto(f"{base}/{path}")
            overflow = tab.evaluate(
                "() => document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, overflow)
            found += [f"/{path}: {v}" for v in axe_violations(tab)]
    context.close()
    assert found == []


# --- The checker (make check and the editor's save), without a build ----------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("week: 2026-10\nitems: []\n", 1, "2026-W10"),
        ("week: 2026-W54\nitems: []\n", 1, "2026-W10"),
        (
            "week: 2026-W10\nitems:\n  - date: 12/03/2026\n    title: Họp\n",
            3,
            "không thuộc tuần 10",
        ),
        (
            "week: 2026-W10\nitems:\n  - date: 02/03/2026\n    time: 25:00\n"
            "    title: Họp\n",
            4,
            'giờ "25:00"',
        ),
        (
            "week: 2026-W10\nitems:\n  - date: 02/03/2026\n    time: '9:00'\n"
            "    end: '8:00'\n    title: Họp\n",
            5,
            "sau giờ bắt đầu",
        ),
        (
            "week: 2026-W10\nitems:\n  - date: 02/03/2026\n    title: Họp\n"
            "    chu_tri: Ông A\n",
            5,
            'trường lạ "chu_tri"',
        ),
        ("week: 2026-W10\nitems:\n  - date: 31/02/2026\n    title: Họp\n", 3, "31/02"),
        ("week: 2026-W10\nitems:\n  - date: 02/03/2026\n", 3, "thiếu title"),
        ("week: [2026\n", 1, ""),
    ],
)
def test_bad_week_file_is_named_with_its_line(tmp_path, text, line, words):
    content = tmp_path / "content"
    write_post(content, "posts/a.md", "---\ntitle: A\ndate: 2026-03-01\n---\nA.\n")
    (content / "lich-cong-tac").mkdir()
    (content / "lich-cong-tac" / "2026-W10.yml").write_text(text, encoding="utf-8")
    problems = [p for p in problems_of(content) if p.error]
    assert problems, text
    first = problems[0]
    assert first.path.endswith("lich-cong-tac/2026-W10.yml")
    assert first.line == line
    assert words in first.message
    assert "Traceback" not in first.render() and "Error" not in first.render()


def test_same_week_twice_and_reception_without_leader(tmp_path):
    content = weekly_content(tmp_path)
    write_post(content, "lich-cong-tac/tuan-10-ban-sao.yml", WEEK_10)
    write_post(
        content,
        "data/lich-tiep-cong-dan.yml",
        "items:\n  - date: 06/03/2026\n    time: '8:00'\n",
    )
    rendered = [p.render() for p in problems_of(content) if p.error]
    assert any("tuần 10 năm 2026 đã có trong" in r for r in rendered), rendered
    assert any(
        "data/lich-tiep-cong-dan.yml:2:" in r and "leader" in r for r in rendered
    ), rendered


def test_editor_save_is_checked_by_the_same_checker(tmp_path):
    content = weekly_content(tmp_path)
    path = (content / "lich-cong-tac" / "2026-W11.yml").resolve()
    bad = "week: 2026-W11\nitems:\n  - date: 02/03/2026\n    title: Họp\n"
    rendered = [p.render() for p in problems_of(content, proposed={path: bad})]
    assert any("2026-W11.yml:3:" in r and "không thuộc tuần 11" in r for r in rendered)


def test_editor_saves_a_week_through_the_same_checker(tmp_path):
    """The editor's real save (Decap's proxy protocol) refuses a bad week with the
    file and line, and writes a good one, which the preview then shows."""
    content = weekly_content(tmp_path)
    api_path = "content/lich-cong-tac/2026-W11.yml"
    # As Decap writes it: empty optional fields, an empty list of changes.
    raw = (
        "week: 2026-W11\nitems:\n  - date: {day}\n    time: '8:00'\n    end: ''\n"
        "    title: Họp dân khu vực 2 về chỉnh trang hẻm\n    chair: ''\n"
        "    changes: []\n"
    )
    save = {"action": "persistEntry", "params": {"assets": []}}
    with preview_server(tmp_path, content) as preview:
        save["params"]["dataFiles"] = [
            {"path": api_path, "raw": raw.format(day="02/03/2026")}
        ]
        status, answer = preview.post(save)
        assert status == 422, answer
        assert "2026-W11.yml:3" in answer["error"]
        assert "không thuộc tuần 11" in answer["error"]
        assert not (content / "lich-cong-tac" / "2026-W11.yml").exists()
        save["params"]["dataFiles"] = [
            {"path": api_path, "raw": raw.format(day="10/03/2026")}
        ]
        status, answer = preview.post(save)
        assert status == 200, answer
        saved = (content / "lich-cong-tac" / "2026-W11.yml").read_text(encoding="utf-8")
        assert "10/03/2026" in saved
        preview.wait_for(
            "/lich-cong-tac/2026/tuan-11/",
            lambda html: "Họp dân khu vực 2 về chỉnh trang hẻm" in html,
        )
        # The reception file sits in content/data/ beside the links' root list,
        # but is a mapping: saved as such, not emptied into a list.
        reception = (
            "place: Phòng tiếp công dân\nregister: Gọi 0292 3820 111.\nnote: ''\n"
            "items:\n  - date: 13/03/2026\n    time: '8:00'\n    end: ''\n"
            f"    leader: {CHAIR}\n    title: ''\n    place: ''\n    changes: []\n"
        )
        save["params"]["dataFiles"] = [
            {"path": "content/data/lich-tiep-cong-dan.yml", "raw": reception}
        ]
        status, answer = preview.post(save)
        assert status == 200, answer
        preview.wait_for(
            "/lich-tiep-cong-dan/",
            lambda html: "13/03/2026" in html and "Gọi 0292 3820 111." in html,
        )
