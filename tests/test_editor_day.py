"""The officer's day in one go, in the real editor: a new post with a phone
photo, a 120-character title and a paste from Word; saved, its draft viewed
and sent for approval; approved and published; deleted and restored. Each
step is asserted on content/ and on the rebuilt pages (regressions between
the parts other tests cover one by one)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.editorkit import preview_server
from tests.sitekit import PROJECT, copy_sample_content
from tests.test_editor_browser import choose, save
from tests.test_editor_safety_browser import open_editor, paste_word

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)

TITLE = (
    "Ủy ban nhân dân phường tổ chức hội nghị triển khai kế hoạch chuyển đổi số "
    "năm 2026 và ký kết giao ước thi đua ở các khóm"
)
CAPTION = "Hội nghị triển khai chuyển đổi số"


def test_a_day_of_work_in_the_editor(tmp_path, browser):
    assert len(TITLE) == 120
    phone = tmp_path / "phone" / "IMG_2026_0001.jpg"
    phone.parent.mkdir()
    Image.new("RGB", (1600, 1200), (30, 120, 40)).save(phone, "JPEG")
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        context, page = open_editor(
            browser, preview.base, "quan-tri/#/collections/posts/new"
        )
        page.locator("input[id^=title-field]").fill(TITLE)
        page.locator("input[id^=date-field]").fill("20/01/2026 08:30")
        paste_word(context, page)
        page.get_by_role("button", name="Thêm ảnh").click()
        page.get_by_role("button", name="Chọn một hình").nth(-2).click()
        page.set_input_files("input[type=file]", phone)
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.locator("input[id^=caption-field]").last.fill(CAPTION)
        save(page)
        page.wait_for_url("**/entries/**")

        # Saved: the photo under the name written in the post, a short address.
        [post] = list(content.glob("posts/2026/*/index.md"))
        assert sorted(p.name for p in post.parent.iterdir()) == [
            "img-2026-0001.jpg",
            "index.md",
        ]
        text = post.read_text(encoding="utf-8")
        assert f"title: {TITLE}\n" in text and "status: draft\n" in text
        assert "  - src: img-2026-0001.jpg\n" in text
        slug = post.parent.name
        assert f"slug: {slug}\n" in text and len(slug) <= 80
        assert "- Dọn vệ sinh kênh\n- Trồng cây xanh\n" in text
        assert "\u00a0" not in text and "\u200b" not in text

        # The draft, as the leader sees it: on the preview and as one file.
        view = page.get_by_role("link", name="Xem trên trang")
        assert view.get_attribute("href").startswith("/quan-tri/xem/posts/2026/")
        draft = preview.wait_for(f"drafts/{slug}.html", lambda h: CAPTION in h)
        assert TITLE in BeautifulSoup(draft, "html.parser").h1.get_text()
        send = page.locator("a[data-gui-duyet=html]")
        status, sent = preview.get(send.get_attribute("href"))
        assert status == 200 and CAPTION in sent.decode("utf-8")
        assert b"data:image/jpeg;base64," in sent

        # Approved: published at its address, with its photo.
        choose(page, "status", "Đã duyệt, đăng lên trang")
        save(page)
        page.get_by_text("Thay đổi đã được lưu").wait_for()
        assert "status: published\n" in post.read_text(encoding="utf-8")
        published = preview.wait_for(f"{slug}/", lambda h: CAPTION in h)
        assert "Dọn vệ sinh kênh" in published

        # Deleted by mistake, restored from the trash: page and files are back.
        page.get_by_role("button", name="Xoá mục này").click()
        page.get_by_role("link", name="Mở Thùng rác").first.click()
        assert not post.exists()
        preview.wait_for(f"{slug}/", lambda h: "gỡ xuống" in h)
        row = page.get_by_role("row").filter(has_text="chuyển đổi số")
        row.get_by_role("button", name="Khôi phục", exact=False).click()
        page.get_by_text("Đã khôi phục", exact=False).wait_for()
        assert sorted(p.name for p in post.parent.iterdir()) == [
            "img-2026-0001.jpg",
            "index.md",
        ]
        preview.wait_for(f"{slug}/", lambda h: "gỡ xuống" not in h and CAPTION in h)
        context.close()
