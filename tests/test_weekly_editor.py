"""The real editor (Decap CMS) in Chromium: the officer keeps a week's schedule
and is refused in Vietnamese when a day is outside the week."""

from __future__ import annotations

import pytest

from tests.editorkit import preview_server
from tests.sitekit import PROJECT
from tests.test_weekly import weekly_content
from ward_core.yamltree import parse_yaml_text

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)
TITLE = "Họp dân khu vực 2 về chỉnh trang hẻm 45"


def save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


@pytest.mark.browser
def test_officer_keeps_a_week_schedule_in_the_editor(tmp_path, browser):
    content = weekly_content(tmp_path)
    with preview_server(tmp_path, content) as preview:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.goto(preview.base + "quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").click()
        page.get_by_role("link", name="bài viết").first.wait_for()
        page.goto(preview.base + "quan-tri/#/collections/lich-cong-tac/new")
        page.locator("input[id^=week-field]").fill("2026-W11")
        page.get_by_role("button", name="Thêm việc").click()
        page.locator("input[id^=date-field]").last.fill("20/03/2026")  # week 12
        page.locator("input[id^=time-field]").last.fill("14:00")
        page.locator("input[id^=title-field]").last.fill(TITLE)
        page.locator("input[id^=chair-field]").last.fill(
            "Ông Nguyễn Văn Hùng – Chủ tịch UBND phường"
        )
        save(page)
        page.get_by_text("không thuộc tuần 11", exact=False).first.wait_for()
        assert sorted(p.name for p in (content / "lich-cong-tac").iterdir()) == [
            "2025-W52.yml",
            "2026-W09.yml",
            "2026-W10.yml",
        ]

        # Select all and type, as an officer would (Decap keeps a filled value).
        date = page.locator("input[id^=date-field]").last
        date.click()
        date.press("Control+a")
        date.press("Delete")
        date.type("10/03/2026")
        save(page)
        page.wait_for_function(
            "() => location.hash.includes('/entries/')", timeout=60000
        )
        # Decap names the file after the week, in lower case (its slug rules).
        saved = content / "lich-cong-tac" / "2026-w11.yml"
        tree = parse_yaml_text(saved.read_text(encoding="utf-8"), 1, subject="tệp")
        assert tree["week"] == "2026-W11"
        assert [(i["date"], i["time"], i["title"]) for i in tree["items"]] == [
            ("10/03/2026", "14:00", TITLE)
        ]
        week = preview.wait_for("lich/cong-tac/2026/tuan-11/", lambda h: TITLE in h)
        assert 'href="/can-bo/nguyen-van-hung/"' in week
        assert "Tuần 11 năm 2026" in preview.wait_for("lich/cong-tac/", lambda h: True)
        context.close()
