"""The officer's side of the editor: comments moderated in it (a first comment,
a queue of citizens' comments approved with a reply or rejected), Vietnamese on
every screen, errors that stay and point at the field, newest posts first."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from ward_comments.model import parse_comments

from tests.editorkit import axe_violations, preview_server
from tests.sitekit import PROJECT, copy_sample_content
from wardtools.comment_queue import (
    APPROVE,
    REJECT,
    WAIT,
    DecisionError,
    queued_text,
    read_decision,
    read_header,
    slug_from_url,
)
from wardtools.content_index import iter_posts, load_settings
from wardtools.editor.documents import sort_key

DECAP = PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
needs_decap = pytest.mark.skipif(
    not DECAP.is_file(), reason="decap-cms is not installed (npm ci)"
)

NO_COMMENTS = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach"
NO_COMMENTS_TITLE = 'Ra quân "Ngày Chủ nhật xanh" dọn vệ sinh kênh rạch'
HOTLINE = "duong-day-nong-tiep-nhan-phan-anh-ve-trat-tu-do-thi"
FIRST = "Cảm ơn phường đã tổ chức, kênh sạch hẳn."
QUEUED = "Đèn đường hẻm 12 bị hỏng ba hôm nay, xin phường kiểm tra."
SPAM = "Mua bán sim số đẹp giá rẻ, liên hệ ngay."
REPLY = "Phường đã báo điện lực, đèn sẽ được sửa trong tuần này."

# Decap's English that reached the officer before (issue #26) and the words of
# its lists, filters, media library and dialogs; none may show on any screen.
ENGLISH = (
    "Copy",
    "Copy Name",
    "Copy URL",
    "Copy Path",
    "No options",
    "Loading...",
    "Select...",
    "already exists",
    "Do you want to replace",
    "Sort by",
    "View as",
    "Group by",
    "Filter by",
    "Collections",
    "Media",
    "Search",
    "Upload",
    "Delete",
    "Publish",
    "Save",
    "Close",
    "Expand",
    "Collapse",
    "Are you sure",
    "API_ERROR",
    "Error",
    "Bold",
    "Italic",
    "Headings",
    "Quote",
    "Bulleted List",
    "Numbered List",
    "Add Component",
    "Toggle",
    "Choose",
    "Remove",
    "Loading",
    "Entries",
    "Ascending",
    "Descending",
    "New",
)
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


# --- pure parts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("15/03/2024 08:00", "2024-03-15T08:00:00+07:00"),
        ("2023-05-29", "2023-05-29T00:00:00+07:00"),
        ("31/02/2024", ""),
        ("hôm qua", ""),
        (None, ""),
    ],
)
def test_sort_key_is_iso_time_or_empty(date, expected):
    assert sort_key(date) == expected


def test_posts_sort_newest_first_on_the_key_not_the_typed_date():
    typed = ["02/02/2024 09:00", "14/03/2024 14:00", "29/01/2024", "09/07/2023 06:30"]
    newest_first = sorted(typed, key=sort_key, reverse=True)
    assert newest_first == [
        "14/03/2024 14:00",
        "02/02/2024 09:00",
        "29/01/2024",
        "09/07/2023 06:30",
    ]
    assert sorted(typed, reverse=True)[0] == "29/01/2024"  # what text order gives


@pytest.mark.parametrize(
    ("extra", "choice", "reply"),
    [
        ("", WAIT, None),
        ("decision: chờ duyệt\n", WAIT, None),
        (f"decision: {APPROVE}\n", APPROVE, None),
        (f"decision: {REJECT}\n", REJECT, None),
        (
            f"decision: {APPROVE}\nreply:\n  author: Phạm Thanh Hòa\n  role: ''\n"
            "  date: ''\n  text: Đã sửa.\n",
            APPROVE,
            {"author": "Phạm Thanh Hòa", "role": "", "date": "", "text": "Đã sửa."},
        ),
        (
            "reply: {author: '', role: '', date: '', text: ''}\n",
            WAIT,
            None,
        ),
    ],
)
def test_a_saved_queue_form_is_read_as_a_decision(extra, choice, reply):
    raw = queued_text(
        "bai-mo",
        {
            "author": "Lê Thị Bé",
            "date": "20/01/2026 08:30",
            "text": "Đèn hỏng.\nXin sửa.",
        },
    )
    decision = read_decision(raw + "post_title: Bài mở\n" + extra)
    assert decision.choice == choice
    assert decision.slug == "bai-mo"
    assert decision.fields["author"] == "Lê Thị Bé"
    assert decision.fields["text"].strip() == "Đèn hỏng.\nXin sửa."
    assert decision.reply == reply


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("decision: duyệt luôn\n", 'trường "Quyết định"'),
        ("- a\n- b\n", "trường: giá trị"),
        ("author: [unclosed\n", "không đọc được"),
    ],
)
def test_a_broken_queue_form_is_refused_in_vietnamese(raw, fragment):
    with pytest.raises(DecisionError, match=re.escape(fragment)):
        read_decision(raw)


@pytest.mark.parametrize(
    "author",
    ["Lê Thị Bé", 'Bà "Tư" bán nước', "- tên lạ: có dấu hai chấm", "#1", "yes", ""],
)
def test_a_queue_file_holds_the_comment_exactly_as_the_approved_file_would(author):
    fields = {
        "author": author,
        "area": "Khu phố 2",
        "date": "20/01/2026 08:30",
        "text": "Dòng một\n\nDòng ba: có dấu hai chấm",
    }
    text = queued_text("bai-mo", fields)
    data = yaml.safe_load(text)
    assert data["post"] == "bai-mo"
    assert data["author"] == author
    assert data["text"].rstrip("\n") == fields["text"]
    assert str(data["date"]) == "20/01/2026 08:30"
    # The same lines, as a list item, are a valid approved comments file.
    body = text.split("post: ", 1)[1].split("\n", 1)[1]
    item = "".join(
        ("- " if i == 0 else "  ") + line + "\n"
        for i, line in enumerate(body.splitlines())
    )
    parsed = parse_comments(item, dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    if author:
        assert parsed.problems == []
        assert parsed.comments[0].author == author
    else:
        assert "thiếu người gửi" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            queued_text(
                "bai-mo", {"author": "A", "date": "20/01/2026 08:30", "text": "B"}
            ),
            ("bai-mo", "20/01/2026 08:30"),
        ),
        ("post: [\n", ("", "")),
        ("- a\n", ("", "")),
        ("author: A\n", ("", "")),
    ],
)
def test_the_queue_lists_each_comment_with_its_post_and_date(text, expected):
    assert read_header(text) == expected


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://phuong.example/bai-mo/", "bai-mo"),
        ("https://phuong.example/bai-mo", "bai-mo"),
        ("https://phuong.example/drafts/bai-mo.html", "bai-mo"),
        ("", ""),
    ],
)
def test_the_post_of_a_mailed_comment_comes_from_its_address(url, slug):
    assert slug_from_url(url) == slug


# --- in the browser ----------------------------------------------------------------


def mail(path: Path, name: str, text: str, slug: str) -> Path:
    message = EmailMessage()
    message["From"] = f"{name} <nguoidan@example.com>"
    message["To"] = "ubnd@example.gov.vn"
    message["Subject"] = "Bình luận"
    message["Date"] = "Tue, 20 Jan 2026 01:30:15 +0000"
    message.set_content(
        f"Bài viết: https://phuong.example/{slug}/\nHọ và tên: {name}\n"
        f"Khu vực, địa chỉ: Khu phố 2\n\n{text}\n"
    )
    path.write_bytes(bytes(message))
    return path


def english_on(page) -> list[str]:
    """English words of Decap's on the page: its text and its accessible names."""
    texts = page.evaluate(
        """() => [document.body.innerText].concat(
             Array.from(document.querySelectorAll('[aria-label],[title],[placeholder]'))
               .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'),
                          e.getAttribute('placeholder')].filter(Boolean).join(' ')))"""
    )
    return sorted({m for text in texts for m in _ENGLISH.findall(text)})


def login(page, base: str) -> None:
    page.goto(base + "quan-tri/")
    page.get_by_role("button", name="Vào trình soạn bài").click()
    page.get_by_role("link", name="bài viết").first.wait_for()


def save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


def choose(page, field_prefix: str, option: str) -> None:
    page.locator(f"input[id^={field_prefix}-field]").last.click()
    page.get_by_role("option", name=option, exact=True).click()


def comment_texts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [c.get_text(" ", strip=True) for c in soup.select(".comment")]


@needs_decap
def test_comments_are_moderated_in_the_editor(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    # One comment queued by the officer's command, one by a mail dropped in.
    queued = subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "comment",
            "--cho-duyet",
            "--eml",
            str(mail(tmp_path / "Thư góp ý (1).eml", "Lê Thị Bé", QUEUED, HOTLINE)),
            "--content",
            str(content),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert queued.returncode == 0, queued.stderr
    assert "hàng chờ" in queued.stdout
    folder = content / "comments" / "cho-duyet"
    mail(folder / "z5123456789012_abcdef.eml", "Trần Văn Rác", SPAM, HOTLINE)

    with preview_server(tmp_path, content) as preview:
        page_of = f"{HOTLINE}/"
        before = preview.wait_for(page_of, lambda h: "</html>" in h)
        assert QUEUED not in before  # waiting comments never reach the site
        page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
        login(page, preview.base)

        # Every post is listed by title, newest first; a first comment is added.
        page.goto(preview.base + "quan-tri/#/collections/comments")
        entries = page.locator("a[href*='/collections/comments/entries/']")
        entries.first.wait_for()
        settings = load_settings(PROJECT / "pelicanconf.py")
        posts = sorted(
            iter_posts(content, settings),
            key=lambda p: sort_key(p.front_matter.get("date")),
            reverse=True,
        )
        assert [t.strip() for t in entries.all_inner_texts()] == [
            str(p.title) for p in posts
        ]
        page.get_by_text(NO_COMMENTS_TITLE, exact=True).click()
        page.get_by_role("button", name="Thêm bình luận").click()
        page.locator("input[id^=author-field]").first.fill("Nguyễn Văn An")
        page.locator("input[id^=date-field]").first.fill("10/07/2023 09:00")
        page.locator("textarea[id^=text-field]").first.fill(FIRST)
        save(page)
        shown = preview.wait_for(f"{NO_COMMENTS}/", lambda h: FIRST in h)
        assert any("Nguyễn Văn An" in c for c in comment_texts(shown))
        first_file = content / "comments" / f"{NO_COMMENTS}.yml"
        assert first_file.read_text(encoding="utf-8").startswith("# Bình luận đã duyệt")
        assert "- author: Nguyễn Văn An\n" in first_file.read_text(encoding="utf-8")

        # The queue: both mails are there (the dropped one read when listed).
        page.goto(preview.base + "quan-tri/#/collections/comment_queue")
        page.get_by_text("Lê Thị Bé", exact=False).first.wait_for()
        assert page.get_by_text("Trần Văn Rác", exact=False).count() == 1
        assert not list(folder.glob("*.eml"))
        assert len(list(folder.glob("*.yml"))) == 2

        # Approved with the ward's reply: on the rebuilt page, out of the queue.
        page.get_by_text("Lê Thị Bé", exact=False).first.click()
        choose(page, "decision", "Duyệt và đăng lên trang")
        page.locator("input[id^=author-field]").last.fill("Phạm Thanh Hòa")
        page.locator("input[id^=role-field]").last.fill("Phó Chủ tịch UBND phường")
        page.locator("textarea[id^=text-field]").last.fill(REPLY)
        save(page)
        shown = preview.wait_for(page_of, lambda h: REPLY in h)
        [approved] = [c for c in comment_texts(shown) if QUEUED in c]
        assert "Lê Thị Bé" in approved and REPLY in approved
        approved_file = (content / "comments" / f"{HOTLINE}.yml").read_text()
        assert "- author: Lê Thị Bé\n  area: Khu phố 2\n  date: 20/01/2026 08:30\n" in (
            approved_file
        )
        page.wait_for_url("**/collections/comment_queue")
        page.get_by_text("Trần Văn Rác", exact=False).first.wait_for()
        assert page.get_by_text("Lê Thị Bé", exact=False).count() == 0

        # Rejected: gone from the queue, never on the site.
        page.get_by_text("Trần Văn Rác", exact=False).first.click()
        choose(page, "decision", "Từ chối (xóa bình luận)")
        save(page)
        page.wait_for_url("**/collections/comment_queue")
        page.get_by_text("Không có mục nào", exact=False).or_(
            page.get_by_text("Chưa có", exact=False)
        ).first.wait_for()
        assert list(folder.glob("*.yml")) == []
        final = preview.wait_for(page_of, lambda h: REPLY in h)
        assert SPAM not in final and SPAM not in approved_file


@needs_decap
def test_every_screen_speaks_vietnamese_and_lists_newest_first(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    photo = tmp_path / "IMG_20260120_083015.jpg"
    Image.new("RGB", (800, 600), (30, 120, 60)).save(photo, "JPEG")
    with preview_server(tmp_path, content) as preview:
        page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
        dialogs: list[str] = []

        def answer(dialog) -> None:
            """Leave when asked; never delete."""
            dialogs.append(dialog.message)
            message = dialog.message.lower()
            if "xoá" in message or "xóa" in message:
                dialog.dismiss()
            else:
                dialog.accept()

        page.on("dialog", answer)
        seen: dict[str, list[str]] = {}
        page.goto(preview.base + "quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").wait_for()
        seen["đăng nhập"] = english_on(page)
        page.get_by_role("button", name="Vào trình soạn bài").click()

        # The posts list: newest first by default, with status.
        entries = page.locator("a[href*='/collections/posts/entries/']")
        entries.first.wait_for()
        settings = load_settings(PROJECT / "pelicanconf.py")
        posts = sorted(
            iter_posts(content, settings),
            key=lambda p: sort_key(p.front_matter.get("date")),
            reverse=True,
        )
        listed = [t.strip() for t in entries.all_inner_texts()]
        assert [t.split(" · ")[0] for t in listed] == [str(p.title) for p in posts]
        assert all(t.endswith((" · đã duyệt", " · bản nháp")) for t in listed), listed
        seen["danh sách bài"] = english_on(page)
        violations = axe_violations(page)
        assert violations == [], "\n".join(violations)
        for control in ("Sắp xếp theo", "Lọc theo", "Nhóm theo"):
            button = page.get_by_role("button", name=control)
            if button.count():
                button.first.click()
                seen[f"danh sách bài, {control}"] = english_on(page)
                page.keyboard.press("Escape")

        # A new post: an empty select, the media library with a photo chosen.
        page.goto(preview.base + "quan-tri/#/collections/posts/new")
        page.locator("input[id^=title-field]").first.wait_for()
        page.locator("input[id^=category-field]").click()
        page.keyboard.type("không có chuyên mục này")
        page.get_by_text("Không có lựa chọn nào").wait_for()
        seen["chọn không có lựa chọn"] = english_on(page)
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Chọn một hình").last.click()
        page.set_input_files("input[type=file]", photo)
        page.get_by_text("Chép tên").wait_for()  # was "Copy Name"
        seen["thư viện ảnh"] = english_on(page)
        # The same photo again: Decap's replace question (English before).
        page.set_input_files("input[type=file]", photo)
        page.wait_for_timeout(1500)
        page.keyboard.press("Escape")

        # An existing post edited, then left: the unsaved-changes question.
        page.goto(preview.base + "quan-tri/#/collections/posts")
        entries.first.click()
        page.locator("input[id^=title-field]").first.fill("Tiêu đề sửa dở")
        seen["sửa bài"] = english_on(page)
        page.get_by_role("button", name="Xoá mục này", exact=True).click()
        page.go_back()
        for collection in ("comments", "comment_queue", "pages", "data"):
            page.goto(preview.base + f"quan-tri/#/collections/{collection}")
            page.wait_for_timeout(1500)
            seen[collection] = english_on(page)

        assert {screen: words for screen, words in seen.items() if words} == {}
        english = [m for m in dialogs if _ENGLISH.search(m)]
        assert dialogs and english == [], dialogs


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return r.bottom > 0 && r.top < window.innerHeight; }""",
        selector,
    )


@needs_decap
def test_a_refused_save_points_at_the_field_and_stays(tmp_path, browser):
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        page = browser.new_context(viewport={"width": 1300, "height": 700}).new_page()
        login(page, preview.base)
        page.locator("a[href*='/collections/posts/entries/']").first.click()
        date = "input[id^=date-field]"
        page.locator(date).first.wait_for()
        before = {p: p.read_bytes() for p in content.rglob("*.md")}
        box = page.locator("#loi-khi-luu")
        for typed, expected in (
            ("hôm qua", "Viết ngày dạng 27/04/2023"),  # the form's own check
            ("31/02/2024 08:00", "không có thật"),  # the server's check
        ):
            field = page.locator(date).first
            field.click()
            field.press("Control+a")
            field.press("Delete")
            field.type(typed)
            assert field.input_value() == typed
            page.locator("[data-slate-editor]").scroll_into_view_if_needed()
            assert not in_view(page, date)
            save(page)
            box.wait_for()
            shown = box.inner_text()
            assert "Ngày giờ" in shown and expected in shown, shown
            assert in_view(page, date)  # the form scrolled to the field
            for leak in ("API_ERROR", "content/", "/tmp/", "index.md", "Error"):
                assert leak not in shown, shown
            # Only Decap's nested toolbar menus remain (README lists them).
            violations = axe_violations(page)
            assert {v.split(":")[0] for v in violations} <= {"nested-interactive"}, (
                violations
            )
            # Decap's toast closes by itself; the box stays until it is closed.
            page.wait_for_timeout(11_000)
            assert page.locator(".Toastify__toast").count() == 0
            assert box.is_visible() and box.inner_text() == shown
            page.get_by_role("button", name="Đã hiểu, đóng thông báo").click()
            assert box.is_hidden()
        assert {p: p.read_bytes() for p in content.rglob("*.md")} == before


def test_the_editor_keeps_a_comment_marked_as_a_question():
    from wardtools.comment_cmd import comments_file_text

    text = comments_file_text(
        [
            {
                "author": "Lê Thị Bé",
                "date": "20/01/2026 08:30",
                "text": "Thủ tục tách thửa cần giấy tờ gì?",
                "question": "Đất đai",
                "reply": {"author": "", "role": "", "date": "", "text": ""},
            }
        ],
        "# Bình luận đã duyệt\n",
    )
    assert "  question: Đất đai\n" in text
    [comment] = parse_comments(text, dt.datetime(2026, 2, 1, tzinfo=dt.UTC)).comments
    assert comment.question == "Đất đai" and comment.reply is None
