"""Our editor scripts find Decap's elements through decap-hooks.js (labels tied
to controls, roles, ARIA, our locale's words), not Decap's generated class
names. On the real editor each hook must find its element: a Decap upgrade
that moves one fails here, not silently in the officer's browser."""

from __future__ import annotations

import pytest

from tests.editorkit import preview_server
from tests.sitekit import PROJECT, copy_sample_content
from tests.test_editor_browser import save
from tests.test_editor_safety_browser import open_editor

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)

FOUND = """() => {
  const d = window.wardDecap;
  const text = e => (e && e.textContent || "").trim();
  const input = p => document.querySelector(`[id^=${p}-field]`);
  const labelOf = box => text(box && box.querySelector("label[for]"));
  return {
    labels: d.labels().map(text),
    titleBox: labelOf(d.fieldOf(input("title"))),
    dateBox: labelOf(d.fieldOf(input("date"))),
    hints: d.hints().map(text),
    back: text(d.backLink()),
    status: d.backStatus().map(text),
    toolbarHasSave: Boolean(d.toolbarMain() && d.toolbarMain().contains(d.publishButtons()[0])),
    save: d.publishButtons().map(text),
    bars: d.listItemBars().map(bar => Array.from(bar.querySelectorAll(":scope > button"))
      .map(b => b.getAttribute("aria-label"))),
    switches: d.markdownSwitches().map(s => s.getAttribute("aria-label")),
    errors: d.errorItems().map(text),
    errorBoxes: d.errorItems().map(li => labelOf(d.fieldOf(li))),
  };
}"""


def test_every_hook_finds_its_element_in_the_real_editor(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        context, page = open_editor(browser, preview.base)
        page.get_by_role("button", name="Bỏ mục này khỏi danh sách").first.wait_for()
        found = page.evaluate(FOUND)
        assert {"Tiêu đề", "Ngày giờ"} <= set(found["labels"]), found
        assert (found["titleBox"], found["dateBox"]) == ("Tiêu đề", "Ngày giờ")
        assert any(h.startswith("Ngày/tháng/năm giờ:phút") for h in found["hints"])
        assert "Đang viết trong bộ sưu tập Bài viết" in found["back"]
        assert found["status"] == ["Thay đổi đã được lưu"]
        assert found["toolbarHasSave"] and found["save"] == ["Đã lưu"], found
        # The gallery's photos: each bar's buttons named by editor-a11y.js.
        assert found["bars"] and all(
            bar[0] == "Mở ra hoặc thu gọn mục này"
            and bar[-1] == "Bỏ mục này khỏi danh sách"
            for bar in found["bars"]
        ), found["bars"]
        assert found["switches"] == ["Soạn dạng Markdown"]
        assert found["errors"] == []

        # A required field emptied: Decap's error beside it, found and named
        # by editor-errors.js in its box.
        title = page.locator("input[id^=title-field]")
        title.click()
        title.press("Control+a")
        title.press("Delete")
        save(page)
        page.get_by_role("alert").filter(has_text="Trường “Tiêu đề”").wait_for()
        found = page.evaluate(FOUND)
        assert found["errors"] == ["Tiêu đề bắt buộc nhập."], found
        assert found["errorBoxes"] == ["Tiêu đề"]
        assert found["status"] == ["Thay đổi chưa được lưu"]
        context.close()
