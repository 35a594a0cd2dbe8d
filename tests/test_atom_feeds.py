"""The Atom feeds of comments and of the ward's answers, byte for byte.

Both are built by one helper (ward_core.atomfeed); the bytes below are what the
feeds wrote before the helper existed, so a reader's feed app sees no change
(same ids, order, dates and escaping). Ties in date keep a stable order, the
limit keeps the newest."""

from __future__ import annotations

import datetime as dt

from ward_comments.feed import FeedItem, comments_feed
from ward_comments.model import Comment, Reply
from ward_qa.feed import questions_feed
from ward_qa.model import parse_qa_file

from ward_core.dates import VIETNAM

SITE = "https://phuong.example.vn"

COMMENTS_FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xml:lang="vi" xmlns="http://www.w3.org/2005/Atom">'
    "<title>Bình luận – Phường Hòa Thuận</title>"
    '<link href="https://phuong.example.vn/" rel="alternate"/>'
    '<link href="https://phuong.example.vn/feeds/binh-luan.atom.xml" rel="self"/>'
    "<id>https://phuong.example.vn/</id>"
    "<updated>2026-02-04T09:15:00+07:00</updated>"
    "<subtitle>Bình luận đã duyệt trên Phường Hòa Thuận</subtitle>"
    "<entry>"
    "<title>Trần Thị Lan bình luận về: Bài A</title>"
    '<link href="https://phuong.example.vn/bai-a/#binh-luan-1cd24c10" rel="alternate"/>'
    "<published>2026-02-03T08:15:00+07:00</published>"
    "<updated>2026-02-03T08:15:00+07:00</updated>"
    "<author>"
    "<name>Trần Thị Lan</name>"
    "</author>"
    "<id>https://phuong.example.vn/bai-a/#binh-luan-1cd24c10</id>"
    '<summary type="html">Đường &amp; cống &lt;ngập&gt;</summary>'
    "</entry>"
    "<entry>"
    "<title>Lê Văn Bình bình luận về: Bài B</title>"
    '<link href="https://phuong.example.vn/bai-b/#binh-luan-02a82d5d" rel="alternate"/>'
    "<published>2026-02-03T08:15:00+07:00</published>"
    "<updated>2026-02-04T09:15:00+07:00</updated>"
    "<author>"
    "<name>Lê Văn Bình</name>"
    "</author>"
    "<id>https://phuong.example.vn/bai-b/#binh-luan-02a82d5d</id>"
    '<summary type="html">Cảm ơn\n\nTrả lời của UBND phường: Phường sẽ sửa</summary>'
    "</entry>"
    "</feed>"
)

ANSWERS_FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xml:lang="vi" xmlns="http://www.w3.org/2005/Atom">'
    "<title>Hỏi đáp – Phường Hòa Thuận</title>"
    '<link href="https://phuong.example.vn/" rel="alternate"/>'
    '<link href="https://phuong.example.vn/feeds/hoi-dap.atom.xml" rel="self"/>'
    "<id>https://phuong.example.vn/</id>"
    "<updated>2026-02-05T00:00:00+07:00</updated>"
    "<subtitle>Câu hỏi của người dân và trả lời của Phường Hòa Thuận</subtitle>"
    "<entry>"
    "<title>Hộ tịch: Đăng ký khai sinh cần gì?</title>"
    '<link href="https://phuong.example.vn/hoi-dap/#cau-hoi-a5b60743" rel="alternate"/>'
    "<published>2026-02-01T00:00:00+07:00</published>"
    "<updated>2026-02-05T00:00:00+07:00</updated>"
    "<id>https://phuong.example.vn/hoi-dap/#cau-hoi-a5b60743</id>"
    '<summary type="html">Đăng ký khai sinh cần gì?\n\nTrả lời: Tờ khai và giấy chứng sinh.</summary>'
    "</entry>"
    "<entry>"
    "<title>Xây dựng: Xin giấy phép xây dựng ở đâu?</title>"
    '<link href="https://phuong.example.vn/hoi-dap/#cau-hoi-14b90a02" rel="alternate"/>'
    "<published>2026-02-05T00:00:00+07:00</published>"
    "<updated>2026-02-05T00:00:00+07:00</updated>"
    "<id>https://phuong.example.vn/hoi-dap/#cau-hoi-14b90a02</id>"
    '<summary type="html">Xin giấy phép xây dựng ở đâu?\n\nTrả lời: Tại bộ phận Một cửa.</summary>'
    "</entry>"
    "</feed>"
)


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 2, day, hour, 15, tzinfo=VIETNAM)


def test_comments_feed_bytes():
    items = [
        FeedItem(
            Comment("Trần Thị Lan", "Đường & cống <ngập>", _at(3, 8)),
            "Bài A",
            f"{SITE}/bai-a/",
        ),
        FeedItem(
            Comment(
                "Lê Văn Bình",
                "Cảm ơn",
                _at(3, 8),
                reply=Reply("UBND phường", "Phường sẽ sửa", _at(4, 9), "Văn phòng"),
            ),
            "Bài B",
            f"{SITE}/bai-b/",
        ),
        FeedItem(
            Comment("Ngô Thị Cúc", "Khi nào?", _at(1, 7)), "Bài A", f"{SITE}/bai-a/"
        ),
    ]
    text = comments_feed(
        "Phường Hòa Thuận", SITE, f"{SITE}/feeds/binh-luan.atom.xml", items, limit=2
    )
    assert text == COMMENTS_FEED


def test_answers_feed_bytes():
    parsed = parse_qa_file(
        "questions:\n"
        "  - question: Đăng ký khai sinh cần gì?\n    field: Hộ tịch\n"
        "    date: 01/02/2026\n    answer: Tờ khai và giấy chứng sinh.\n"
        "    answer_date: 05/02/2026\n"
        "  - question: Xin giấy phép xây dựng ở đâu?\n    field: Xây dựng\n"
        "    date: 05/02/2026\n    answer: Tại bộ phận Một cửa.\n"
        "  - question: Cũ?\n    field: Khác\n    date: 01/01/2026\n    answer: Có.\n"
    )
    assert parsed.problems == []
    pairs = [(question, f"{SITE}/hoi-dap/") for question in parsed.questions]
    text = questions_feed(
        "Phường Hòa Thuận", SITE, f"{SITE}/feeds/hoi-dap.atom.xml", pairs, limit=2
    )
    assert text == ANSWERS_FEED
