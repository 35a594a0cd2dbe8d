"""The real editor (Decap CMS from node_modules) served by `wardtools serve`,
driven in Debian's Chromium: write, illustrate, refuse, approve."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from ward_frontmatter.schema import validate_front_matter

from tests.editorkit import axe_violations, preview_server
from tests.sitekit import PROJECT, copy_sample_content
from ward_core.yamltree import parse_yaml_text, split_front_matter

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)

TITLE = "Đoàn viên ra quân dọn đường Đinh Tiên Hoàng"
SLUG = "doan-vien-ra-quan-don-duong-dinh-tien-hoang"
CAPTIONS = ("Đoàn viên quét dọn lòng đường", "Lãnh đạo phường phát biểu tại lễ ra quân")
REPLY = "Phường sẽ lắp hai bóng đèn trong tháng 6."
OFFICIALS = (
    ("Ông", "Đỗ Văn Lâm", "Chủ tịch UBND phường"),
    ("Bà", "Lê Thị Mai", "Chủ tịch Ủy ban MTTQ Việt Nam phường"),
)


def folder_state(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
    }


def choose(page, field_prefix: str, option: str) -> None:
    """Pick an option of a Decap select (react-select) field."""
    page.locator(f"input[id^={field_prefix}-field]").last.click()
    page.get_by_role("option", name=option, exact=True).click()


def set_text(page, field_prefix: str, value: str) -> None:
    """Replace a text field's value (select all, then type, as an officer would)."""
    field = page.locator(f"input[id^={field_prefix}-field]").last
    field.click()
    field.press("Control+a")
    field.press("Delete")
    field.type(value)
    assert field.input_value() == value


def save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


def figures(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [f.get_text(" ", strip=True) for f in soup.select("article figcaption")]


def test_officer_writes_illustrates_and_approves_a_post(tmp_path, browser):
    photos = tmp_path / "phone"
    photos.mkdir()
    Image.new("RGB", (1200, 900), (200, 40, 40)).save(photos / "IMG 0001.JPG", "JPEG")
    Image.new("RGB", (1200, 900), (40, 40, 200)).save(photos / "Ảnh hội nghị.png")
    content = copy_sample_content(tmp_path / "content")

    with preview_server(tmp_path, content) as preview:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(preview.base + "quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").wait_for()
        assert axe_violations(page) == []  # the login screen with our wording
        page.get_by_role("button", name="Vào trình soạn bài").click()
        page.get_by_role("link", name="bài viết").first.wait_for()
        page.goto(preview.base + "quan-tri/#/collections/posts/new")

        page.locator("input[id^=title-field]").fill(TITLE)
        page.locator("input[id^=date-field]").fill("15/03/2024 08:00")
        page.locator("input[id^=plan-field]").fill("12/KH-UBND ngày 01/03/2024")
        for honorific, name, role in OFFICIALS:
            page.get_by_role("button", name="Thêm thành phần tham dự").click()
            choose(page, "honorific", honorific)
            page.locator("input[id^=name-field]").last.fill(name)
            page.locator("input[id^=role-field]").last.fill(role)
        for photo, caption in zip(sorted(photos.iterdir()), CAPTIONS, strict=True):
            page.get_by_role("button", name="Thêm ảnh").click()
            # The new photo's button; the last "choose" button is the cover's.
            page.get_by_role("button", name="Chọn một hình").nth(-2).click()
            page.set_input_files("input[type=file]", photo)
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            page.locator("input[id^=caption-field]").last.fill(caption)
        # Our preview template: the site's look, figures with captions, accessible.
        preview_frame = page.frames[-1]
        preview_frame.get_by_text(CAPTIONS[1]).wait_for()
        assert preview_frame.locator("figure figcaption").all_inner_texts() == list(
            CAPTIONS
        )
        assert axe_violations(preview_frame) == []
        page.locator("[data-slate-editor]").click()
        page.keyboard.type("Sáng 15/3, đoàn viên ra quân dọn vệ sinh tuyến đường.")
        save(page)
        page.wait_for_url("**/entries/**")

        # The post folder: valid documented front matter and both photos, clean names.
        [post] = list(content.glob(f"posts/*/{SLUG}/index.md"))
        folder = post.parent
        assert sorted(p.name for p in folder.iterdir()) == [
            "anh-hoi-nghi.png",
            "img-0001.jpg",
            "index.md",
        ]
        text = post.read_text(encoding="utf-8")
        split = split_front_matter(text)
        result = validate_front_matter(
            parse_yaml_text(split.front_matter, split.first_line)
        )
        assert result.problems == []
        assert f"title: {TITLE}\n" in text
        assert "date: 15/03/2024 08:00\n" in text
        assert f"slug: {SLUG}\n" in text
        assert "status: draft\n" in text
        assert "  - Ông Đỗ Văn Lâm – Chủ tịch UBND phường\n" in text
        assert "!!" not in text  # no YAML tags

        # The rebuilt draft page shows both photos as figures with their captions.
        draft = f"drafts/{SLUG}.html"
        html = preview.wait_for(draft, lambda h: CAPTIONS[1] in h)
        assert figures(html) == list(CAPTIONS)
        home = preview.wait_for("/", lambda h: True)
        assert TITLE not in home  # a draft is not listed, searched, mapped or fed
        assert "data-pagefind-body" not in html
        assert SLUG not in preview.wait_for("sitemap.xml", lambda h: True)
        for feed in preview.output.glob("feeds/*.xml"):
            assert SLUG not in feed.read_text(encoding="utf-8")

        # A new title keeps the address.
        set_text(page, "title", "Ra quân dọn đường Đinh Tiên Hoàng")
        save(page)
        preview.wait_for(draft, lambda h: "Ra quân dọn đường Đinh Tiên Hoàng</h1>" in h)
        assert list(content.glob(f"posts/*/{SLUG}/index.md")) == [post]
        assert f"slug: {SLUG}\n" in post.read_text(encoding="utf-8")

        # A date that does not exist is refused in Vietnamese; nothing changes.
        before = folder_state(folder)
        set_text(page, "date", "31/02/2024 08:00")
        save(page)
        page.get_by_text("không có thật", exact=False).first.wait_for()
        assert folder_state(folder) == before

        # A leader approves: the post goes on the home page at the same address.
        set_text(page, "date", "15/03/2024 08:00")
        choose(page, "status", "Đã duyệt, đăng lên trang")
        save(page)
        preview.wait_for("/", lambda h: "Ra quân dọn đường Đinh Tiên Hoàng" in h)
        page_html = preview.wait_for(f"{SLUG}/", lambda h: True)
        assert figures(page_html) == list(CAPTIONS)
        # "Xem trên trang" leads to the post's page in the preview.
        view = page.get_by_role("link", name="Xem trên trang")
        view.wait_for()
        _, shown = preview.get(view.get_attribute("href"))
        assert "Ra quân dọn đường Đinh Tiên Hoàng</h1>" in shown.decode("utf-8")
        assert "status: published\n" in post.read_text(encoding="utf-8")

        # The editor's list shows each post's status in the officer's words.
        # (A fresh load: Decap keeps the list it had when the post was created.)
        page.goto(preview.base + "quan-tri/#/collections/posts")
        page.reload()
        page.get_by_text("Tuyên truyền phòng cháy").wait_for()
        listed = page.inner_text("main") if page.locator("main").count() else ""
        listed = listed or page.inner_text("body")
        assert "Ra quân dọn đường Đinh Tiên Hoàng · đã duyệt" in listed, listed
        assert page.get_by_text("Trao 120 phần quà Tết cho hộ nghèo").count() == 1

        # Comment moderation: the ward's reply to an approved comment.
        post_slug = (
            "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"
        )
        page.goto(preview.base + "quan-tri/#/collections/comments")
        page.get_by_text(
            "Chủ tịch UBND phường đối thoại với Nhân dân về chỉnh trang đô thị năm 2023",
            exact=True,
        ).click()
        page.locator("input[id^=author-field]").nth(3).wait_for()
        # Second comment (Lê Văn Tư) has no reply yet: its reply fields are the last.
        page.locator("input[id^=author-field]").nth(3).fill("Phạm Thanh Hòa")
        page.locator("input[id^=role-field]").nth(1).fill("Phó Chủ tịch UBND phường")
        page.locator("input[id^=date-field]").nth(3).fill("21/05/2023 08:00")
        page.locator("textarea[id^=text-field]").nth(3).fill(REPLY)
        save(page)
        shown = preview.wait_for(f"{post_slug}/", lambda h: REPLY in h)
        comments = BeautifulSoup(shown, "html.parser").select(".comment")
        assert any(
            "Lê Văn Tư" in c.get_text() and REPLY in c.get_text() for c in comments
        )
        comment_file = content / "comments" / f"{post_slug}.yml"
        assert comment_file.read_text(encoding="utf-8").startswith(
            "# Bình luận đã duyệt"
        )

        # Nothing left this machine.
        foreign = [
            url
            for url in requests
            if not url.startswith(preview.base)
            and not url.startswith(("data:", "blob:"))
        ]
        assert foreign == []
        context.close()
