"""The real editor (Decap CMS) in Chromium: the officer edits the introduction
data file field by field, sees it on the preview, and is refused in Vietnamese
when the information officer can no longer be reached."""

from __future__ import annotations

import pytest

from tests.editorkit import preview_server
from tests.sitekit import PROJECT, copy_sample_content
from tests.test_editor_browser import save
from ward_core.intro import parse_intro_file

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)
ADDED = "Năm 2026, phường được công nhận đạt chuẩn văn minh đô thị (dữ liệu mẫu)."


def replace_text(field, value: str) -> None:
    field.click()
    field.press("Control+a")
    field.press("Delete")
    if value:
        field.type(value)


@pytest.mark.browser
def test_officer_edits_the_introduction_in_the_editor(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    data = content / "data" / "gioi-thieu.yml"
    with preview_server(tmp_path, content) as preview:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda d: d.accept())
        page.goto(preview.base + "quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").click()
        page.get_by_role("link", name="bài viết").first.wait_for()
        page.goto(preview.base + "quan-tri/#/collections/gioi-thieu/entries/intro")
        history = page.locator("textarea[id^=history-field]")
        history.wait_for(timeout=60_000)
        assert "khai phá từ cuối thế kỷ XVIII" in history.input_value()

        # The information officer without phone or e-mail: refused, nothing written.
        before = data.read_bytes()
        replace_text(page.locator("input[id^=phone-field]").last, "")
        replace_text(page.locator("input[id^=email-field]").last, "")
        save(page)
        page.get_by_text("để người dân liên hệ được", exact=False).first.wait_for()
        assert data.read_bytes() == before

        replace_text(page.locator("input[id^=phone-field]").last, "0292 3820 117")
        history.click()
        history.press("Control+End")
        history.type("\n\n" + ADDED)
        save(page)
        preview.wait_for("trang/gioi-thieu/", lambda html: ADDED in html)
        parsed = parse_intro_file(data.read_text(encoding="utf-8"), content)
        assert parsed.problems == []
        assert parsed.intro.history[-1] == ADDED
        assert parsed.intro.info_officer.phone == "0292 3820 117"
        assert len(parsed.intro.relics) == 2 and parsed.intro.organisation[1].units
        contact = preview.wait_for("trang/lien-he/", lambda html: "3820 117" in html)
        assert 'href="tel:02923820117"' in contact
        context.close()
