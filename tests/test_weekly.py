"""What changes every week (issue 29): work and reception schedules with their
iCalendar feeds, built once into a fixture site under a fixed build date."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from tests.browserkit import serve_directory
from tests.checkkit import problems_of
from tests.dockit import make_pdf
from tests.editorkit import axe_violations, preview_server
from tests.sitekit import PROJECT, run_build, vnu_errors, write_post

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
QA = """\
questions:
  - question: Tôi muốn chuyển mục đích sử dụng đất vườn sang đất ở thì cần giấy tờ gì?
    field: Đất đai
    date: 12/02/2026
    asker: Nguyễn Văn Bình
    area: Khu vực 3
    answer: |
      Ông/bà nộp đơn đăng ký chuyển mục đích sử dụng đất và giấy chứng nhận tại bộ
      phận Một cửa.

      Thời hạn giải quyết không quá 15 ngày.
    answered_by: UBND phường
    answer_date: 15/02/2026
    links:
      - title: Thủ tục chuyển mục đích sử dụng đất
        url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.012345
      - title: Bài giao ban
        url: /giao-ban/
  - question: Đăng ký khai sinh cho con cần mang theo những gì?
    field: Hộ tịch
    date: 20/02/2026
"""
COMMENTS = """\
- author: Lê Thị Hoa
  area: Khu vực 5
  date: 03/03/2026 08:15
  text: Xin hỏi xây nhà cấp bốn trong hẻm có phải xin giấy phép xây dựng không?
  question: Xây dựng
  reply:
    author: UBND phường
    date: 03/03/2026 16:00
    text: Nhà ở riêng lẻ trong đô thị phải có giấy phép xây dựng, trừ trường hợp được miễn.
- author: Trần Văn Tư
  date: 03/03/2026 09:00
  text: Cảm ơn phường đã tổ chức buổi giao ban.
"""
BUDGET = """\
years:
  - year: "2026"
    documents:
      - period: du-toan-trinh
        date: 05/12/2025
        file: data/ngan-sach/2026/Dự toán trình HĐND.pdf
        sheet: data/ngan-sach/2026/Bảng dự toán 2026.xlsx
  - year: "2025"
    documents:
      - period: thuc-hien-ca-nam
        title: Thực hiện dự toán ngân sách phường năm 2025
        date: 20/01/2026
        file: data/ngan-sach/2025/thuc-hien-2025.xlsx
"""
NOTICES = """\
notices:
  - title: Cổng thông tin tạm ngừng để bảo trì
    text: Từ 22:00 ngày 20/03/2026 đến 02:00 ngày 21/03/2026
    level: warning
    kind: downtime
    downtime: 20/03/2026
    start: 02/03/2026
    end: 21/03/2026
  - title: Bão số 3 sắp đổ bộ, người dân chủ động phòng tránh
    level: urgent
    start: 10/03/2026
    end: 12/03/2026
    link: /giao-ban/
  - title: Tạm ngừng dịch vụ công trực tuyến
    level: info
    kind: downtime
    downtime: 24/02/2026
    start: 13/02/2026
    end: 13/02/2026
"""
PROCUREMENT = """\
documents:
  - kind: dau-thau
    title: Kế hoạch lựa chọn nhà thầu gói thầu sửa chữa trụ sở khu vực 3
    number: 15/QĐ-UBND
    date: 10/02/2026
    value: 1.250.000.000
    file: data/dau-thau/Kế hoạch LCNT (1).pdf
  - kind: dau-tu-cong
    title: Danh mục dự án đầu tư công năm 2026
    date: 05/01/2026
    file: data/dau-thau/danh-muc-dau-tu-cong-2026.xlsx
  - kind: dau-thau
    title: Kết quả lựa chọn nhà thầu gói thầu mua sắm bàn ghế
    date: 20/02/2026
"""
WEEK_PAGE = "lich/cong-tac/2026/tuan-10/"
PAGES = [
    "",
    "lich/cong-tac/",
    WEEK_PAGE,
    "lich/tiep-cong-dan/",
    "hoi-dap/",
    "hoi-dap/dat-dai/",
    "ngan-sach/",
    "ngan-sach/2026/",
    "cong-khai/dau-thau/",
    "cong-khai/dau-tu-cong/",
]


def budget_sheet(path: Path, total: float = 1234567) -> Path:
    """A ward's estimate as officers lay it out: a title row merged across, a
    two-row header with merged cells, numbers in cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Dự toán"
    sheet.append(["DỰ TOÁN THU CHI NGÂN SÁCH PHƯỜNG NĂM 2026"])
    sheet.merge_cells("A1:D1")
    sheet.append(["STT", "Nội dung", "Dự toán", None])
    sheet.append([None, None, "Năm 2025", "Năm 2026"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:D2")
    sheet.append([1, "Chi sự nghiệp giáo dục", 987654, total])
    sheet.append([2, "Chi đảm bảo xã hội", 1500, 2750.5])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def weekly_content(root: Path) -> Path:
    content = root / "content"
    write_post(
        content,
        "posts/giao-ban/index.md",
        f"---\ntitle: Giao ban đầu tháng\nslug: giao-ban\ndate: 2026-03-02 09:00\n"
        f"officials:\n  - {CHAIR}\n---\nNội dung.\n",
    )
    write_post(content, "lich-cong-tac/2026-W10.yml", WEEK_10)
    write_post(content, "lich-cong-tac/2026-W09.yml", WEEK_9)
    write_post(content, "lich-cong-tac/2025-W52.yml", WEEK_52)
    write_post(content, "data/lich-tiep-cong-dan.yml", RECEPTION)
    write_post(content, "data/hoi-dap.yml", QA)
    write_post(content, "comments/giao-ban.yml", COMMENTS)
    write_post(content, "data/ngan-sach.yml", BUDGET)
    write_post(content, "data/thong-bao-chung.yml", NOTICES)
    write_post(content, "data/dau-thau-dau-tu.yml", PROCUREMENT)
    # The plan's file name as a phone saves it: NFD, spaces and parentheses.
    plan = unicodedata.normalize("NFD", "Kế hoạch LCNT (1).pdf")
    make_pdf(content / "data/dau-thau" / plan, [["Kế hoạch lựa chọn nhà thầu"]])
    budget_sheet(content / "data/dau-thau/danh-muc-dau-tu-cong-2026.xlsx")
    folder = content / "data" / "ngan-sach"
    make_pdf(folder / "2026" / "Dự toán trình HĐND.pdf", [["Dự toán ngân sách 2026"]])
    budget_sheet(folder / "2026" / "Bảng dự toán 2026.xlsx")
    budget_sheet(folder / "2025" / "thuc-hien-2025.xlsx", total=42)
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
    index = weekly_site.html("lich/cong-tac/")
    years = [
        h.get_text(strip=True)
        for h in index.select("main h3")
        if h.text.startswith("Năm ")
    ]
    assert years == ["Năm 2026", "Năm 2025"]
    links = [a["href"] for a in index.select("main .term-list a")]
    assert links == [
        "/lich/cong-tac/2026/tuan-10/",
        "/lich/cong-tac/2026/tuan-9/",
        "/lich/cong-tac/2025/tuan-52/",
    ]
    old = weekly_site.html("lich/cong-tac/2026/tuan-9/")
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
    data, cal = _calendar(weekly_site, "lich/cong-tac.ics")
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
    page = weekly_site.html("lich/tiep-cong-dan/")
    text = page.main.get_text(" ", strip=True)
    assert "Đăng ký trước tại bộ phận Một cửa" in text
    assert "27/02/2026" not in text  # a session already past is not "upcoming"
    assert "Thứ Sáu, 06/03/2026" in text and "Thứ Sáu, 20/03/2026" in text
    assert page.find("a", string=CHAIR)["href"] == "/can-bo/nguyen-van-hung/"
    assert "Nhà văn hóa khu vực 3" in text and "(điều chỉnh)" in text
    _, cal = _calendar(weekly_site, "lich/tiep-cong-dan.ics")
    events = cal.walk("VEVENT")
    assert len(events) == 3  # the feed keeps past sessions
    assert {int(e["SEQUENCE"]) for e in events} == {0, 1}
    footer = weekly_site.html("index.html").select_one(".footer-links")
    assert footer.find("a", href="/lich/cong-tac/", string="Lịch")
    # The reception schedule a tap further, from the schedules' page.
    schedules = weekly_site.html("lich/cong-tac/")
    assert schedules.select_one("main").find("a", href="/lich/tiep-cong-dan/")


def test_questions_by_field_with_answers_and_links(weekly_site):
    index = weekly_site.html("hoi-dap/")
    fields = [a.get_text(strip=True) for a in index.select("main .term-list a")]
    assert fields == ["Đất đai", "Hộ tịch", "Xây dựng"]  # the offered order
    latest = [q.get_text(strip=True) for q in index.select(".qa-question")]
    assert latest[0].startswith("Xin hỏi xây nhà cấp bốn")  # newest first
    land = weekly_site.html("hoi-dap/dat-dai/")
    item = land.select_one(".qa-item")
    text = item.get_text(" ", strip=True)
    assert "Đã trả lời" in text and "Trả lời của UBND phường ngày 15/02/2026" in text
    paragraphs = item.select(".qa-answer p")
    assert paragraphs[-1].get_text() == "Thời hạn giải quyết không quá 15 ngày."
    links = {a.get_text(): a["href"] for a in item.select(".qa-links a")}
    assert links["Bài giao ban"] == "/giao-ban/"
    assert links["Thủ tục chuyển mục đích sử dụng đất"].startswith(
        "https://dichvucong.gov.vn/"
    )
    pending = weekly_site.html("hoi-dap/ho-tich/").select_one(".qa-item")
    assert "Đang xử lý" in pending.get_text()
    # A comment marked as a question, with the ward's reply as its answer; the
    # other comment of the post is not a question.
    building = weekly_site.html("hoi-dap/xay-dung/").main.get_text(" ", strip=True)
    assert "Nhà ở riêng lẻ trong đô thị phải có giấy phép" in building
    assert "Lê Thị Hoa" in building and "Cảm ơn phường" not in building
    ask = land.select_one("a.comment-mailto")["href"]
    assert ask.startswith("mailto:") and "subject=C%C3%A2u%20h%E1%BB%8Fi" in ask
    footer = weekly_site.html("index.html").select_one(".footer-links")
    assert footer.find("a", href="/hoi-dap/")


@pytest.mark.browser
def test_questions_found_by_search_without_diacritics(weekly_site, page):
    from tests.test_search import _search

    with serve_directory(weekly_site.output) as base:
        assert "dat-dai" in _search(page, base, "chuyen muc dich su dung dat")
        assert "dat-dai" in _search(page, base, "dat dai")
        assert "xay-dung" in _search(page, base, "giay phep xay dung")
        assert "tuan-10" in _search(page, base, "hop giao ban")
        # "đ" folded on schedule pages too (Pagefind folds accents only).
        assert "tuan-10" in _search(page, base, "bao dam trat tu")
        assert "tiep-cong-dan" in _search(page, base, "dang ky truoc")
        # The spreadsheet's text, without diacritics (đ included).
        assert "2026" in _search(page, base, "dam bao xa hoi")


def test_budget_year_shows_each_period_published_late_or_missing(weekly_site):
    page = weekly_site.html("ngan-sach/2026/")
    states = {
        li.a.get_text(): li.span["class"][0] for li in page.select(".budget-periods li")
    }
    assert len(states) == 7
    assert states["Dự toán trình Hội đồng nhân dân"] == "budget-published"
    assert states["Dự toán được Hội đồng nhân dân quyết định"] == "budget-overdue"
    assert states["Tình hình thực hiện dự toán quý I (3 tháng)"] == "budget-later"
    overdue = page.select_one(".budget-overdue").get_text()
    assert overdue == "Chưa công khai, đã quá hạn 31/01/2026"
    download = page.select_one("#du-toan-trinh a.file-download")
    assert download["href"] == "/ngan-sach/2026/du-toan-trinh-hdnd.pdf"
    assert (weekly_site.output / "ngan-sach/2026/du-toan-trinh-hdnd.pdf").is_file()
    late = weekly_site.html("ngan-sach/2025/").select_one(".budget-late").get_text()
    assert late == "Đã công khai ngày 20/01/2026 (muộn so với hạn 15/01/2026)"
    index = weekly_site.html("ngan-sach/").main.get_text(" ", strip=True)
    assert "Năm 2026 (đã công khai 1/7 kỳ)" in index


def test_spreadsheet_is_an_accessible_table_in_vietnamese_numbers(weekly_site):
    table = weekly_site.html("ngan-sach/2026/").select_one("#du-toan-trinh table")
    assert table.caption.get_text() == "DỰ TOÁN THU CHI NGÂN SÁCH PHƯỜNG NĂM 2026"
    head = table.thead.find_all("tr")
    assert [
        (th.get_text(), th.get("colspan"), th.get("rowspan"), th["scope"])
        for th in head[0].find_all("th")
    ] == [
        ("STT", None, "2", "col"),
        ("Nội dung", None, "2", "col"),
        ("Dự toán", "2", None, "colgroup"),
    ]
    assert [th.get_text() for th in head[1].find_all("th")] == ["Năm 2025", "Năm 2026"]
    first = table.tbody.find("tr")
    assert (
        first.th["scope"] == "row" and first.th.get_text() == "Chi sự nghiệp giáo dục"
    )
    assert [td.get_text() for td in first.find_all("td")] == [
        "1",
        "987.654",
        "1.234.567",
    ]
    second = table.tbody.find_all("tr")[1]
    assert second.find_all("td")[-1].get_text() == "2.750,5"


def test_notice_shown_on_every_page_only_inside_its_window(weekly_site):
    for path in [*PAGES, "giao-ban/"]:
        notices = weekly_site.html(path).select(".site-notice")
        texts = [n.get_text(" ", strip=True) for n in notices]
        assert texts == [
            "Cảnh báo: Cổng thông tin tạm ngừng để bảo trì. "
            "Từ 22:00 ngày 20/03/2026 đến 02:00 ngày 21/03/2026"
        ], path
    page = weekly_site.html("index.html")
    assert page.select_one(".site-notices").find_previous("header")
    assert "Bão số 3" not in page.get_text()  # from 10/03, the build is on 04/03


def test_procurement_and_investment_lists_have_their_own_pages(weekly_site):
    page = weekly_site.html("cong-khai/dau-thau/")
    titles = [h.get_text() for h in page.select(".procurement-item h2")]
    assert titles == [
        "Kết quả lựa chọn nhà thầu gói thầu mua sắm bàn ghế",  # newest first
        "Kế hoạch lựa chọn nhà thầu gói thầu sửa chữa trụ sở khu vực 3",
    ]
    plan = page.select(".procurement-item")[1]
    assert "1.250.000.000 đồng" in plan.get_text() and "15/QĐ-UBND" in plan.get_text()
    href = plan.select_one("a.file-download")["href"]
    assert href == "/cong-khai/dau-thau/2026/ke-hoach-lcnt-1.pdf"
    assert (weekly_site.output / href.lstrip("/")).is_file()
    investment = weekly_site.html("cong-khai/dau-tu-cong/")
    cells = [td.get_text() for td in investment.select("table.sheet tbody td")]
    assert "1.234.567" in cells
    # From the budget page (the footer's "Ngân sách"), not every page's footer.
    budget = weekly_site.html("ngan-sach/").select_one("main")
    assert budget.find("a", href="/cong-khai/dau-tu-cong/")
    assert budget.find("a", href="/cong-khai/dau-thau/")


def test_schedule_pages_in_sitemap_and_search_index(weekly_site):
    sitemap = (weekly_site.output / "sitemap.xml").read_text(encoding="utf-8")
    for path in PAGES[1:]:
        assert f"/{path}</loc>" in sitemap, path
    entry = json.loads(
        (weekly_site.output / "pagefind" / "pagefind-entry.json").read_text()
    )
    pages = sum(language["page_count"] for language in entry["languages"].values())
    # The post, three weeks, the reception schedule, three fields of questions,
    # two budget years, two procurement lists.
    assert pages == 1 + 3 + 1 + 3 + 2 + 2


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
        ("documents:\n  - kind: mua-sam\n    title: A\n", 2, "dau-thau"),
        (
            "documents:\n  - kind: dau-thau\n    title: A\n    date: 01/02/2026\n"
            "    file: data/dau-thau/khong-co.pdf\n",
            5,
            "không tìm thấy tệp",
        ),
        (
            "documents:\n  - kind: dau-thau\n    title: A\n    date: 01/02/2026\n"
            "    value: một tỷ\n",
            5,
            "số tiền",
        ),
        (
            "documents:\n  - kind: dau-thau\n    title: A\n    date: 01/02/2026\n"
            "    file: ../pelicanconf.pdf\n",
            5,
            "ngoài content/",
        ),
    ],
)
def test_bad_procurement_entry_is_named_with_its_line(tmp_path, text, line, words):
    content = weekly_content(tmp_path)
    path = (content / "data/dau-thau-dau-tu.yml").resolve()
    problems = [p for p in problems_of(content, proposed={path: text}) if p.error]
    assert [p.line for p in problems] == [line], problems
    assert problems[0].path.endswith("data/dau-thau-dau-tu.yml")
    assert words in problems[0].message


def test_downtime_announced_inside_seven_working_days_is_noted(tmp_path):
    content = weekly_content(tmp_path)
    notes = [p for p in problems_of(content) if "thong-bao-chung.yml" in p.path]
    # The first downtime notice starts 14 working days ahead: nothing to say. The
    # last one: Friday 13/02, then Tết (14–22/02), then Monday 23/02: 2 days.
    assert [(p.line, p.error) for p in notes] == [(18, False)]  # its start:
    assert "chỉ hiện trước 2 ngày làm việc" in notes[0].message
    assert "ít nhất 7 ngày làm việc" in notes[0].message


def test_make_check_notes_the_missing_budget_period(tmp_path):
    content = weekly_content(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1772582400"},  # 04/03/2026
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "ngan-sach.yml:2" in out
    assert "năm ngân sách 2026: Dự toán được Hội đồng nhân dân quyết định" in out
    assert "đã quá hạn 31/01/2026" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "bị hỏng"),
        (lambda p: p.write_text("STT;Nội dung", encoding="utf-8"), "bị hỏng"),
    ],
)
def test_unreadable_spreadsheet_names_file_line_and_sheet(tmp_path, make, words):
    content = weekly_content(tmp_path)
    make(content / "data/ngan-sach/2026/Bảng dự toán 2026.xlsx")
    problems = [p for p in problems_of(content) if p.error]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path.endswith("data/ngan-sach.yml") and problem.line == 7
    assert "Bảng dự toán 2026.xlsx" in problem.message and words in problem.message


def test_ods_is_refused_with_how_to_save_it_as_xlsx(tmp_path):
    content = weekly_content(tmp_path)
    (content / "data/ngan-sach/2026/bang.ods").write_bytes(b"PK")
    text = BUDGET.replace("Bảng dự toán 2026.xlsx", "bang.ods")
    path = (content / "data/ngan-sach.yml").resolve()
    problems = [p for p in problems_of(content, proposed={path: text}) if p.error]
    assert [p.line for p in problems] == [7]
    assert "Lưu thành" in problems[0].message and ".xlsx" in problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("questions:\n  - question: Hỏi?\n    date: 12/02/2026\n", 2, "field:"),
        ("questions:\n  - question: Hỏi?\n    field: Đất đai\n", 2, "date:"),
        (
            "questions:\n  - question: Hỏi?\n    field: Đất đai\n    date: 12/02/2026\n"
            "    answer_date: 10/02/2026\n",
            5,
            "trước ngày hỏi",
        ),
        (
            "questions:\n  - question: Hỏi?\n    field: Đất đai\n    date: 12/02/2026\n"
            "    links:\n      - title: Thủ tục\n        url: javascript:alert(1)\n",
            6,
            "không dùng được",
        ),
        (
            "questions:\n  - question: Hỏi?\n    linh_vuc: Đất đai\n",
            3,
            "không có trường",
        ),
        ("- question: Hỏi?\n", 1, "questions:"),
    ],
)
def test_bad_question_file_is_named_with_its_line(tmp_path, text, line, words):
    content = tmp_path / "content"
    write_post(content, "posts/a.md", "---\ntitle: A\ndate: 2026-03-01\n---\nA.\n")
    write_post(content, "data/hoi-dap.yml", text)
    problems = [p for p in problems_of(content) if p.error]
    assert problems, text
    assert problems[0].path.endswith("data/hoi-dap.yml")
    assert (problems[0].line, words in problems[0].message) == (line, True)


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
            'không có trường "chu_tri"',
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
            "/lich/cong-tac/2026/tuan-11/",
            lambda html: "Họp dân khu vực 2 về chỉnh trang hẻm" in html,
        )
        # The reception file sits in content/data/ beside the links' root list,
        # but is a mapping: saved as such, not emptied into a list.
        # A day ahead of the calendar: the page lists the coming days of
        # reception, and the preview shows today's site.
        coming = f"{dt.date.today() + dt.timedelta(days=9):%d/%m/%Y}"
        reception = (
            "place: Phòng tiếp công dân\nregister: Gọi 0292 3820 111.\nnote: ''\n"
            f"items:\n  - date: {coming}\n    time: '8:00'\n    end: ''\n"
            f"    leader: {CHAIR}\n    title: ''\n    place: ''\n    changes: []\n"
        )
        save["params"]["dataFiles"] = [
            {"path": "content/data/lich-tiep-cong-dan.yml", "raw": reception}
        ]
        status, answer = preview.post(save)
        assert status == 200, answer
        preview.wait_for(
            "/lich/tiep-cong-dan/",
            lambda html: coming in html and "Gọi 0292 3820 111." in html,
        )
