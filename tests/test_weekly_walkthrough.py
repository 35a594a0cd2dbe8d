"""Issue 29's "done when", tried as a newcomer would, in one preview session on a
copy of the sample site: the officer keeps this week's schedule (with a later
change), a reception day, a question and its answer, a budget period with its
spreadsheet uploaded, and a downtime notice, all in the real editor; then a
citizen on a 360 px phone reaches each from the home page in at most two taps
and finds each by searching without diacritics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from tests.editorkit import preview_server
from tests.sitekit import PROJECT, copy_sample_content
from ward_core.yamltree import parse_yaml_text

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)
# A Wednesday of ISO week 49; the sample's archived weeks are 47 and 48.
TODAY = "2026-12-02"
WEEK_ITEM = "Họp Ban Chỉ đạo chuyển đổi số phường"
WEEK_SECOND = "Kiểm tra vệ sinh an toàn thực phẩm tại chợ Hòa Thuận"
CHANGE = "Đổi giờ từ 8:00 sang 14:00 do trùng lịch họp của thành phố."
LEADER = "Bà Võ Thị Lan – Phó Chủ tịch UBND phường"
QUESTION = (
    "Nhà tôi ở hẻm 27 bị ngập mỗi khi mưa lớn, phường có kế hoạch nạo vét cống không?"
)
ANSWER = "Phường đã đưa tuyến cống hẻm 27 vào kế hoạch nạo vét quý I năm 2027."
SHEET_NAME = "Biểu số 01 - Dự toán 2026 (final).xlsx"
SHEET_WORDS = "Chi sự nghiệp môi trường đô thị"
NOTICE = "Cổng thông tin tạm ngừng để nâng cấp máy chủ"


def save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


def saved(page, path: Path, predicate, timeout: float = 60) -> dict:
    """The file once the save has written what ``predicate`` looks for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            tree = parse_yaml_text(text, 1, subject="tệp")
            if predicate(tree):
                return tree
        page.wait_for_timeout(300)
    shot = path.with_suffix(".png")
    page.screenshot(path=str(shot), full_page=True)
    raise AssertionError(f"{path.name} not saved as expected; screenshot {shot}")


def fill(page, prefix: str, value: str, first: bool = False) -> None:
    """The last field named ``prefix`` (a newly added list item), or the first,
    emptied and typed into as an officer would."""
    fields = page.locator(f"[id^={prefix}-field]")
    field = fields.first if first else fields.last
    field.click()
    field.press("Control+a")
    field.press("Delete")
    field.type(value)


def choose(page, prefix: str, option: str) -> None:
    page.locator(f"input[id^={prefix}-field]").last.click()
    page.get_by_role("option", name=option, exact=True).click()


def office_spreadsheet(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DỰ TOÁN CHI NGÂN SÁCH PHƯỜNG NĂM 2026 – THỰC HIỆN 9 THÁNG"])
    sheet.merge_cells("A1:C1")
    sheet.append(["STT", "Nội dung", "Thực hiện 9 tháng (đồng)"])
    sheet.append([1, SHEET_WORDS, 1234567890])
    sheet.append([2, "Chi đảm bảo xã hội", 1750000000])
    book.save(path)
    return path


def open_entry(page, base: str, route: str, field: str) -> None:
    """The entry at its address, typed or bookmarked as an officer would: the
    page reloads to it (editor-entry-switch.js) and shows its own ``field``."""
    page.goto(base + "quan-tri/#/collections/" + route)
    page.locator(f"[id^={field}-field]").first.wait_for(state="attached")


@pytest.mark.browser
def test_newcomer_keeps_the_weekly_sections_and_a_citizen_finds_them(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    sheet_file = office_spreadsheet(tmp_path / unicodedata.normalize("NFD", SHEET_NAME))
    with preview_server(tmp_path, content, {"BUILD_DATE": TODAY}) as preview:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        try:
            officer(page, preview, content, sheet_file)
        except Exception:
            page.screenshot(path=str(tmp_path / "fail.png"), full_page=True)
            print("SCREENSHOT", tmp_path / "fail.png")
            raise
        context.close()
        citizen(browser, preview)


def officer(page, preview, content: Path, sheet_file: Path) -> None:
    page.goto(preview.base + "quan-tri/")
    page.get_by_role("button", name="Vào trình soạn bài").click()
    page.get_by_role("link", name="bài viết").first.wait_for()

    # This week's schedule: two items, then a change to the first.
    open_entry(page, preview.base, "lich-cong-tac/new", "week")
    fill(page, "week", "2026-W49")
    for date, start, title in (
        ("03/12/2026", "8:00", WEEK_ITEM),
        ("04/12/2026", "7:30", WEEK_SECOND),
    ):
        page.get_by_role("button", name="Thêm việc").click()
        fill(page, "date", date)
        fill(page, "time", start)
        fill(page, "title", title)
    fill(page, "chair", LEADER)
    save(page)
    week_file = content / "lich-cong-tac" / "2026-w49.yml"
    saved(page, week_file, lambda t: len(t["items"]) == 2)
    page.wait_for_function("() => location.hash.includes('/entries/')")
    page.reload()
    # The items are folded after a reload: the officer opens the first one.
    page.get_by_role("button", name="Mở ra hoặc thu gọn mục này").first.click()
    fill(page, "time", "14:00", first=True)
    page.get_by_role("button", name="Thêm điều chỉnh").first.click()
    fill(page, "change", CHANGE)
    save(page)
    week = saved(page, week_file, lambda t: t["items"][0].get("changes") == [CHANGE])
    assert week["items"][0]["time"] == "14:00"

    # A reception day.
    open_entry(page, preview.base, "lich-tiep-cong-dan/entries/reception", "place")
    # Not the week's form kept by Decap (it would save the week's items here).
    assert page.get_by_text(WEEK_ITEM).count() == 0
    page.get_by_role("button", name="Thêm buổi tiếp").click()
    fill(page, "date", "09/12/2026")
    fill(page, "time", "7:30")
    fill(page, "end", "11:00")
    fill(page, "leader", LEADER)
    save(page)
    reception_file = content / "data" / "lich-tiep-cong-dan.yml"
    saved(
        page,
        reception_file,
        lambda t: any(i["date"] == "09/12/2026" for i in t["items"]),
    )

    # A citizen's question, saved while it is being handled, then its answer.
    qa_file = content / "data" / "hoi-dap.yml"
    first_keys = list(
        parse_yaml_text(qa_file.read_text("utf-8"), 1, subject="tệp")["questions"][0]
    )
    open_entry(page, preview.base, "hoi-dap/entries/questions", "questions")
    page.get_by_role("button", name="Thêm câu hỏi").click()
    fill(page, "question", QUESTION)
    choose(page, "field", "Môi trường")
    fill(page, "date", "01/12/2026")
    fill(page, "asker", "Lê Thị Hoa")
    save(page)
    saved(page, qa_file, lambda t: t["questions"][-1]["question"] == QUESTION)
    fill(page, "answer", ANSWER)
    fill(page, "answered_by", "UBND phường")
    fill(page, "answer_date", "02/12/2026")
    save(page)
    qa = saved(page, qa_file, lambda t: t["questions"][-1].get("answer") == ANSWER)
    # Decap sends an item of nine keys in hash order: written in the form's order.
    assert list(qa["questions"][0]) == first_keys

    # A budget period with the spreadsheet uploaded from the office PC.
    open_entry(page, preview.base, "ngan-sach/entries/budget", "years")
    page.get_by_role("button", name="Mở ra hoặc thu gọn mục này").first.click()
    page.get_by_role("button", name="Thêm kỳ công khai").click()
    choose(page, "period", "Thực hiện 9 tháng")
    fill(page, "date", "14/10/2026")
    page.get_by_role("button", name="Chọn một tập tin").nth(-2).click()
    page.set_input_files("input[type=file]", sheet_file)
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    save(page)
    budget_file = content / "data" / "ngan-sach.yml"
    stored = "data/ngan-sach/bieu-so-01-du-toan-2026-final.xlsx"
    saved(
        page,
        budget_file,
        lambda t: t["years"][0]["documents"][-1].get("file") == stored,
    )
    assert (content / stored).read_bytes() == sheet_file.read_bytes()
    # Saved, and told what is still due: the first and second quarter's reports.
    notes = page.locator("#luu-y-khi-luu")
    notes.wait_for()
    assert "6 tháng" in notes.inner_text() and "9 tháng" not in notes.inner_text()
    notes.get_by_role("button", name="Đã hiểu, đóng lưu ý").click()

    # A planned downtime announced 3 working days ahead: saved, with the note.
    open_entry(page, preview.base, "thong-bao-chung/entries/notices", "notices")
    page.get_by_role("button", name="Thêm thông báo").click()
    fill(page, "title", NOTICE)
    fill(page, "text", "Từ 22:00 đến 23:30, mọi trang tạm thời không truy cập được.")
    choose(page, "level", "Cảnh báo")
    fill(page, "start", "02/12/2026")
    fill(page, "end", "07/12/2026")
    choose(page, "kind", "Tạm ngừng dịch vụ (phải báo trước 7 ngày làm việc)")
    fill(page, "downtime", "07/12/2026")
    save(page)
    notice_file = content / "data" / "thong-bao-chung.yml"
    saved(page, notice_file, lambda t: t["notices"][0]["downtime"] == "07/12/2026")
    note = page.locator("#luu-y-khi-luu")
    note.wait_for()
    text = note.inner_text()
    assert "3 ngày làm việc" in text and "Hiện từ ngày" in text, text
    assert "content/" not in text and ".yml" not in text, text
    # Moved 10 working days ahead: no note any more.
    fill(page, "downtime", "16/12/2026")
    fill(page, "end", "16/12/2026")
    save(page)
    saved(page, notice_file, lambda t: t["notices"][0]["downtime"] == "16/12/2026")
    note.wait_for(state="detached")


def reach(page, base: str, taps: list[str], expected: str) -> None:
    """From the home page, ``taps`` links (at most two) lead to ``expected``."""
    assert len(taps) <= 2
    page.goto(base)
    for name in taps:
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_load_state()
    page.get_by_text(expected, exact=False).first.wait_for()
    assert page.get_by_text(expected, exact=False).first.is_visible()


def citizen(browser, preview) -> None:
    from tests.test_search import _search

    home = preview.wait_for(
        "", lambda h: NOTICE in h and WEEK_ITEM in h and "(điều chỉnh)" in h
    )
    assert "/lich/cong-tac/2026/tuan-49/" in home
    preview.wait_for("hoi-dap/", lambda h: ANSWER in h)
    preview.wait_for("ngan-sach/2026/", lambda h: SHEET_WORDS in h)
    # The notice moved 10 working days ahead: its note is gone from the preview.
    deadline = time.monotonic() + 90
    while "3 ngày làm việc" in preview.get("__wardtools/status")[1].decode():
        assert time.monotonic() < deadline, "the downtime note stayed"
        time.sleep(0.3)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    base = preview.base
    # The preview's notes (budget periods overdue) cover the page's foot until
    # hidden, once for the whole visit.
    page.goto(base)
    notes = page.locator("#ward-preview-problems")
    notes.get_by_role("button", name="Ẩn").click()
    page.reload()
    page.wait_for_timeout(1000)  # the status request answered: nothing shown
    assert notes.count() == 0
    # On every page, the home page first.
    reach(page, base, [], NOTICE)
    reach(page, base, [], WEEK_ITEM)
    reach(page, base, ["Lịch", "Lịch tiếp công dân của lãnh đạo phường"], "09/12/2026")
    reach(page, base, ["Hỏi đáp"], ANSWER)
    reach(page, base, ["Ngân sách", "Năm 2026"], SHEET_WORDS)
    # Searched without diacritics, as typed on a phone.
    for query, found in (
        ("chuyen doi so", "tuan-49"),
        ("nao vet cong hem 27", "moi-truong"),
        ("moi truong do thi", "2026"),
        ("vo thi lan", "tiep-cong-dan"),
    ):
        results = _search(page, base.rstrip("/"), query)
        assert found in results, (query, results)
        assert page.get_by_text(NOTICE).first.is_visible()
    context.close()


LIBFAKETIME = next(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"), None)


@pytest.mark.skipif(LIBFAKETIME is None, reason="faketime: run scripts/system-deps.sh")
def test_a_preview_left_running_past_midnight_shows_the_new_day(tmp_path):
    """The preview's worker, its clock moved by libfaketime while it runs: the
    first edit after midnight is a full build, so a notice starting that day
    is on the home page (the fast path would keep yesterday's context)."""
    content = copy_sample_content(tmp_path / "content")
    (content / "data" / "thong-bao-chung.yml").write_text(
        "notices:\n  - title: Bão số 9 sắp đổ bộ, người dân chủ động phòng tránh\n"
        "    level: urgent\n    start: 07/12/2026\n    end: 07/12/2026\n",
        encoding="utf-8",
    )
    clock = tmp_path / "clock"
    clock.write_text("@2026-12-06 12:00:00\n")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SOURCE_DATE_EPOCH", "FAKETIME")
    }
    env.update(
        LD_PRELOAD=str(LIBFAKETIME),
        FAKETIME_TIMESTAMP_FILE=str(clock),
        FAKETIME_NO_CACHE="1",
        FAKETIME_DONT_FAKE_MONOTONIC="1",
        TZ="Asia/Ho_Chi_Minh",
    )
    overrides = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}
    output = tmp_path / "preview"
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "wardtools", "worker", "-s", "pelicanconf.py"),
            *("-o", str(output), "--overrides", json.dumps(overrides)),
        ],
        cwd=PROJECT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def reply() -> dict:
        line = worker.stdout.readline()
        assert line, worker.stderr.read()
        return json.loads(line)

    try:
        assert reply()["ok"]
        home = output / "index.html"
        assert "Bão số 9" not in home.read_text(encoding="utf-8")
        clock.write_text("@2026-12-07 12:00:00\n")
        post = content / "posts/2023/ra-quan-chu-nhat-xanh/index.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nThêm một câu.\n")
        worker.stdin.write(json.dumps({"changed": [str(post.resolve())]}) + "\n")
        worker.stdin.flush()
        answer = reply()
        assert answer["ok"] and answer["mode"] == "full", answer
        assert "Bão số 9" in home.read_text(encoding="utf-8")
    finally:
        worker.stdin.close()
        worker.wait(timeout=120)
