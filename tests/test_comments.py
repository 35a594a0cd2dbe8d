"""Comments end to end: threads, counts, statuses, the feed, XSS, stubs, officer command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from ward_comments.model import parse_comments
from ward_comments.sanitize import comment_html

from tests.sitekit import PROJECT, run_build, write_post
from tests.xss import PAYLOADS, find_injections
from ward_core.dates import VIETNAM

NOW = dt.datetime(2024, 6, 1, tzinfo=VIETNAM)

POST = "---\ntitle: {title}\ndate: 2024-05-0{day} 08:00\ncategory: Tin hoạt động\n{extra}---\nNội dung.\n"

COMMENTS = """
- author: Trần Thị Lan
  area: Khu vực 3
  date: 19/05/2024 07:45
  text: |
    Hẻm 51 vẫn ngập.

    Xem thêm: https://phuong.test/ngap?khu=3.
  reply:
    author: Phạm Thanh Hòa
    role: Phó Chủ tịch UBND phường
    date: 20/05/2024 16:00
    text: Phường sẽ sửa trong tháng 6.
- author: Lê Văn Tư
  date: 18/05/2024 21:10
  text: Đề nghị thêm đèn đường.
"""


def _site(content: Path) -> None:
    write_post(content, "posts/mo.md", POST.format(title="Bài mở", day=1, extra=""))
    write_post(
        content,
        "posts/dong.md",
        POST.format(title="Bài đóng", day=2, extra="comments: closed\n"),
    )
    write_post(
        content,
        "posts/an.md",
        POST.format(title="Bài ẩn", day=3, extra="comments: hidden\n"),
    )
    (content / "pages").mkdir(exist_ok=True)
    (content / "comments").mkdir(parents=True, exist_ok=True)
    for slug in ("bai-mo", "bai-dong", "bai-an"):
        (content / "comments" / f"{slug}.yml").write_text(COMMENTS, encoding="utf-8")


@pytest.fixture(scope="module")
def comments_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("comments")
    _site(root / "content")
    build = run_build(
        root / "content",
        root / "output",
        settings="publishconf.py",
        env={"SITEURL": "https://phuong.phuong.test"},
    )
    assert build.ok, build.log
    return build


def test_threaded_comments_with_official_reply(comments_site):
    page = comments_site.html("bai-mo/")
    section = page.select_one("section#binh-luan")
    assert section.h2.get_text() == "Bình luận (2)"
    comments = section.select("li.comment")
    assert [c.select_one(".comment-author").get_text() for c in comments] == [
        "Lê Văn Tư",
        "Trần Thị Lan",
    ]  # oldest first
    lan = comments[1]
    assert lan["id"].startswith("binh-luan-")
    assert [p.get_text() for p in lan.select(":scope > .comment-text p")] == [
        "Hẻm 51 vẫn ngập.",
        "Xem thêm: https://phuong.test/ngap?khu=3.",
    ]
    link = lan.select_one(".comment-text a")
    assert (
        link["href"] == "https://phuong.test/ngap?khu=3"
    )  # trailing "." not in the link
    assert "nofollow" in link["rel"]
    reply = lan.select_one(".comment-reply")
    assert "Trả lời chính thức" in reply.select_one(".official-badge").get_text()
    assert reply.select_one(".reply-author").get_text() == "Phạm Thanh Hòa"
    assert "Phó Chủ tịch UBND phường" in reply.get_text()
    assert "Phường sẽ sửa trong tháng 6." in reply.get_text()


def test_closed_and_hidden(comments_site):
    closed = comments_site.html("bai-dong/").select_one("section#binh-luan")
    assert closed.h2.get_text() == "Bình luận (2)"
    assert closed.select_one(".comments-closed").get_text() == "Đã đóng bình luận."
    assert closed.select_one("form") is None
    hidden = comments_site.html("bai-an/")
    assert hidden.select_one("#binh-luan") is None
    assert "Trần Thị Lan" not in hidden.get_text()


def test_counts_on_cards(comments_site):
    home = comments_site.html("index.html")
    cards = home.select(".card, .featured")  # the newest post is featured
    counts = {
        card.select_one(".card-title, .featured-title").get_text(
            strip=True
        ): card.select_one(".card-comments")
        for card in cards
    }
    assert counts["Bài mở"].get_text() == "2 bình luận"
    assert counts["Bài mở"]["href"].endswith("/bai-mo/#binh-luan")
    assert counts["Bài đóng"].get_text() == "2 bình luận"
    assert counts["Bài ẩn"] is None


def test_comment_feed(comments_site):
    feed = ET.parse(comments_site.output / "feeds" / "binh-luan.atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 4  # open and closed posts; hidden excluded
    first = entries[0]
    assert first.findtext("a:title", namespaces=ns).startswith(
        "Trần Thị Lan bình luận về:"
    )
    link = first.find("a:link", ns).get("href")
    assert link.startswith("https://phuong.phuong.test/bai-") and "#binh-luan-" in link
    assert "Phường sẽ sửa" in first.findtext("a:summary", namespaces=ns)


def test_mailto_stub_without_javascript(comments_site):
    page = comments_site.html("bai-mo/")
    form = page.select_one("form.comment-form")
    assert form["action"] == "mailto:ubnd.hoathuan@example.gov.vn"
    assert form.get("method", "get") == "get"  # GET is the default (minified away)
    assert form.select_one("input[name=subject]")["value"] == "Bình luận: Bài mở"
    assert form.select_one("textarea[name=body]") is not None
    mailto = page.select_one("a.comment-mailto")["href"]
    parts = urlsplit(mailto)
    assert parts.scheme == "mailto" and parts.path == "ubnd.hoathuan@example.gov.vn"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Bình luận: Bài mở"]
    assert "Bài viết: https://phuong.phuong.test/bai-mo/" in query["body"][0]
    assert "0292 3820 111" in page.select_one(".comment-contact").get_text()


@pytest.mark.parametrize(
    ("mode", "check"),
    [
        ("form", "form"),
        ("none", "none"),
    ],
)
def test_stub_modes(tmp_path, mode, check):
    content = tmp_path / "content"
    _site(content)
    settings = {"mode": mode}
    if mode == "form":
        settings["form_action"] = "https://binhluan.phuong.test/gui"
    build = run_build(content, tmp_path / "out", overrides={"WARD_COMMENTS": settings})
    assert build.ok, build.log
    stub = build.html("bai-mo/").select_one(".comment-stub")
    if check == "form":
        form = stub.form
        assert form["action"] == "https://binhluan.phuong.test/gui"
        assert form["method"] == "post"
        names = {field["name"] for field in form.select("input, textarea")}
        assert {"slug", "url", "author", "text"} <= names
        assert form.select_one("input[name=slug]")["value"] == "bai-mo"
    else:
        assert stub.form is None
        assert stub.select_one("a[href^=mailto]") is None
        assert "0292 3820 111" in stub.get_text()


def test_form_mode_needs_an_address(tmp_path):
    content = tmp_path / "content"
    _site(content)
    build = run_build(
        content, tmp_path / "out", overrides={"WARD_COMMENTS": {"mode": "form"}}
    )
    assert build.returncode == 1
    assert 'WARD_COMMENTS["form_action"]' in build.log


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comment_html_removes_every_payload(payload):
    html = comment_html(f"Xin chào {payload} hết")
    soup = BeautifulSoup(str(html), "html.parser")
    assert find_injections(soup) == []
    assert {tag.name for tag in soup.find_all(True)} <= {"p", "a"}


def test_xss_payloads_in_a_built_site(tmp_path):
    content = tmp_path / "content"
    write_post(content, "posts/x.md", POST.format(title="Bài thử", day=1, extra=""))
    items = []
    for number, payload in enumerate(PAYLOADS):
        quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
        items.append(
            f'- author: "Người {number} {quoted}"\n  area: "{quoted}"\n'
            f"  date: 01/05/2024 08:{number:02d}\n  text: |\n    {payload}\n"
            f'  reply:\n    author: "{quoted}"\n    role: "{quoted}"\n'
            f"    date: 02/05/2024 08:00\n    text: |\n      {payload}\n"
        )
    (content / "comments").mkdir()
    (content / "comments" / "bai-thu.yml").write_text("".join(items), encoding="utf-8")
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    page = build.html("bai-thu/")
    assert page.select_one("#binh-luan h2").get_text() == f"Bình luận ({len(PAYLOADS)})"
    assert find_injections(page) == []
    raw = (build.output / "bai-thu" / "index.html").read_text()
    assert "<script>alert" not in raw


def test_parse_comments_sorted_and_stable_anchor():
    parsed = parse_comments(textwrap.dedent(COMMENTS), NOW)
    assert parsed.problems == []
    assert [c.author for c in parsed.comments] == ["Lê Văn Tư", "Trần Thị Lan"]
    again = parse_comments(textwrap.dedent(COMMENTS), NOW)
    assert [c.anchor for c in again.comments] == [c.anchor for c in parsed.comments]


def _command(*args: str, content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "comment",
            *args,
            "--content",
            str(content),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_officer_command_adds_a_good_comment_and_refuses_bad_ones(tmp_path):
    content = tmp_path / "content"
    _site(content)
    target = content / "comments" / "bai-mo.yml"
    before = target.read_text()

    result = _command(
        "bai-mo",
        "--author",
        "Võ Thị Hoa",
        "--area",
        "Khu vực 2",
        "--date",
        "21/05/2024 09:00",
        "--text",
        'Cảm ơn phường: đèn đã sáng! "Rất tốt".\n\nMong giữ gìn.',
        "--reply-author",
        "Nguyễn Văn Hùng",
        "--reply-role",
        "Chủ tịch UBND phường",
        "--reply-date",
        "22/05/2024 08:00",
        "--reply-text",
        "Cảm ơn bà.",
        content=content,
    )
    assert result.returncode == 0, result.stderr
    assert "Đã thêm bình luận" in result.stdout
    assert target.read_text().startswith(before)
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    section = build.html("bai-mo/").select_one("#binh-luan")
    assert section.h2.get_text() == "Bình luận (3)"
    newest = section.select("li.comment")[-1]
    assert newest.select_one(".comment-author").get_text() == "Võ Thị Hoa"
    assert (
        newest.select(".comment-text")[0].p.get_text()
        == 'Cảm ơn phường: đèn đã sáng! "Rất tốt".'
    )
    assert "Cảm ơn bà." in newest.select_one(".comment-reply").get_text()

    unchanged = target.read_text()
    for args, fragment in [
        (["khong-co", "--author", "A", "--text", "B"], 'slug "khong-co"'),
        (
            ["bai-mo", "--author", "A", "--text", "B", "--date", "01/01/2099"],
            "tương lai",
        ),
        (["bai-mo", "--author", "A", "--text", " "], "thiếu nội dung"),
        (["bai-mo", "--text", "B"], "thiếu người gửi"),
        (
            ["bai-mo", "--author", "A", "--text", "B", "--date", "hôm qua"],
            "không đọc được ngày",
        ),
    ]:
        refused = _command(*args, content=content)
        assert refused.returncode == 1, args
        assert fragment in refused.stderr, (args, refused.stderr)
        assert "Traceback" not in refused.stderr
    assert target.read_text() == unchanged


def test_officer_command_reads_a_saved_email(tmp_path):
    content = tmp_path / "content"
    _site(content)
    message = EmailMessage()
    message["From"] = "Nguyen Van Ba <ba@phuong.test>"
    message["To"] = "ubnd.hoathuan@example.gov.vn"
    message["Subject"] = "Bình luận: Bài mở"
    message["Date"] = "Tue, 21 May 2024 02:30:00 +0000"
    message.set_content(
        "Bài viết: https://phuong.phuong.test/bai-mo/\n\n"
        "Xin phường sửa đèn hẻm 12.\n\n"
        "Họ và tên: Nguyễn Văn Ba\nKhu vực, địa chỉ: Khu vực 4\n\n"
        "> đoạn thư cũ được trích\n-- \nGửi từ điện thoại\n"
    )
    eml = tmp_path / "thu.eml"
    eml.write_bytes(bytes(message))
    result = _command("--eml", str(eml), content=content)  # slug from the post URL
    assert result.returncode == 0, result.stderr
    text = (content / "comments" / "bai-mo.yml").read_text()
    added = text.split("- author:")[-1]
    assert added.startswith(" Nguyễn Văn Ba\n")  # plain, as README documents
    assert "area: Khu vực 4\n" in added
    assert "date: 21/05/2024 09:30" in added  # converted to Vietnam time
    assert "Xin phường sửa đèn hẻm 12." in added
    assert "Gửi từ điện thoại" not in added and "đoạn thư cũ" not in added
    assert "Bài viết:" not in added
    assert unquote("%20") == " "


@pytest.mark.browser
def test_mailto_form_with_javascript_composes_the_mail(sample_build, page):
    from tests.browserkit import serve_directory

    slug = "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"
    with serve_directory(sample_build.output) as base:
        page.goto(f"{base}/{slug}/")
        page.fill("#binh-luan-ten", "Đặng Văn Nam")
        page.fill("#binh-luan-khu-vuc", "Khu vực 6")
        page.fill("#binh-luan-noi-dung", "Đề nghị lắp camera ở ngã tư & hẻm 9?")
        page.click("form.comment-form button")
        opened = page.get_attribute("form.comment-form", "data-opened")
    parts = urlsplit(opened)
    assert parts.scheme == "mailto" and parts.path == "ubnd.hoathuan@example.gov.vn"
    query = parse_qs(parts.query)
    assert query["subject"] == [
        "Bình luận: Chủ tịch UBND phường đối thoại với Nhân dân về chỉnh trang đô thị năm 2023"
    ]
    body = query["body"][0]
    assert f"/{slug}/" in body
    assert "Đề nghị lắp camera ở ngã tư & hẻm 9?" in body
    assert "Họ và tên: Đặng Văn Nam" in body and "Khu vực, địa chỉ: Khu vực 6" in body
    assert "+" not in unquote(opened.split("body=")[1]).replace("&", "")


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        (
            "xin phường cho biết khi\nnào\nsửa xong tuyến cống?",
            ["xin phường cho biết khi nào sửa xong tuyến cống?"],
        ),
        ("Đoạn một\ncòn tiếp.\n\nĐoạn hai.", ["Đoạn một còn tiếp.", "Đoạn hai."]),
        ("Một\n \n\n  Hai  ba", ["Một", "Hai ba"]),
        ("Xem\nhttps://example.vn/a\nnhé", ["Xem https://example.vn/a nhé"]),
    ],
)
def test_line_breaks_join_and_blank_lines_make_paragraphs(text, paragraphs):
    soup = BeautifulSoup(str(comment_html(text)), "html.parser")
    assert [p.get_text() for p in soup.find_all("p")] == paragraphs
    assert soup.find("br") is None
