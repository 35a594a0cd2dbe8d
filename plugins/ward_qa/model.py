"""Questions and the ward's answers, from content/data/hoi-dap.yml (no Pelican here).

Comments marked `question:` (a field such as "Đất đai") join the same list; the
ward's reply is their answer."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from ward_core.datafile import RecordReader, clean
from ward_core.people import clean_text
from ward_core.problems import Problem

QUESTION_FIELDS = (
    "question",
    "field",
    "date",
    "asker",
    "area",
    "answer",
    "answered_by",
    "answer_date",
    "links",
)
LINK_FIELDS = ("title", "url")
FORMAT_HELP = (
    "Tệp gồm questions: rồi từng câu - question: …, field: …, date: …, answer: …"
)


@dataclass(frozen=True)
class QALink:
    title: str
    url: str


@dataclass(frozen=True)
class Question:
    question: str
    field: str
    date: dt.date
    line: int = 0
    asker: str = ""
    area: str = ""
    answer: str = ""
    answered_by: str = ""
    answer_date: dt.date | None = None
    links: tuple[QALink, ...] = ()
    source: str = ""  # the post's address for a question asked in a comment

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def status(self) -> str:
        return "Đã trả lời" if self.answered else "Đang xử lý"

    @property
    def anchor(self) -> str:
        basis = f"{self.date.isoformat()}|{self.question}"
        return "cau-hoi-" + hashlib.sha1(basis.encode()).hexdigest()[:8]


@dataclass
class Parsed:
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _block(value: Any) -> str:
    """Answers keep their paragraphs (blank lines); lines inside are joined."""
    if not isinstance(value, str):
        return ""
    paragraphs = [" ".join(p.split()) for p in value.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def check_url(url: str) -> str | None:
    if url.startswith(("https://", "http://")) and len(url) > 8:
        return None
    if url.startswith("/") and not url.startswith("//"):
        return None  # a page of this site: /thu-tuc/…, /van-ban/…
    return (
        f'địa chỉ "{url}" không dùng được: viết https://… hoặc địa chỉ trong trang '
        "bắt đầu bằng /, ví dụ /van-ban/342-kh-ubnd/."
    )


class Reader(RecordReader):
    help_text = FORMAT_HELP

    def __init__(self) -> None:
        super().__init__()
        self.result = Parsed(problems=self.problems)

    def links(self, raw: Any, line: int) -> tuple[QALink, ...] | None:
        if raw is None or raw == "":
            return ()
        if not isinstance(raw, list):
            self.problem(
                line, "links: là danh sách, mỗi mục có title: và url:.", "links"
            )
            return None
        found = []
        for item in raw:
            where = getattr(item, "line", line)
            if not isinstance(item, dict) or set(item) - set(LINK_FIELDS):
                self.problem(where, "mỗi liên kết chỉ có title: và url:.", "links")
                return None
            title, url = clean(item.get("title")), clean(item.get("url"))
            reason = check_url(url) if url else "liên kết thiếu url:."
            if reason or not title:
                self.problem(where, reason or "liên kết thiếu title:.", "links")
                return None
            found.append(QALink(title, url))
        return tuple(found)

    def question(self, raw: Any, line: int) -> None:
        raw = self.record(raw, line, QUESTION_FIELDS, "câu hỏi")
        if raw is None:
            return
        text, topic = _block(raw.get("question")), clean(raw.get("field"))
        if not text:
            self.problem(raw.line, "thiếu question: (nội dung câu hỏi).", "question")
            return
        if not topic:
            self.problem(raw.line, "thiếu field: (lĩnh vực, ví dụ Đất đai).", "field")
            return
        ok_date, date = self.date(raw, "date", "12/02/2026")
        ok_answer, answer_date = self.date(raw, "answer_date", "12/02/2026")
        if not (ok_date and ok_answer):
            return
        if date is None:
            self.problem(raw.line, "thiếu date: (ngày hỏi, ví dụ 12/02/2026).", "date")
            return
        if answer_date and answer_date < date:
            self.problem(
                raw.line_of("answer_date"),
                "ngày trả lời trước ngày hỏi.",
                "answer_date",
            )
            return
        links = self.links(raw.get("links"), raw.line_of("links"))
        if links is None:
            return
        self.result.questions.append(
            Question(
                question=text,
                field=topic,
                date=date,
                line=raw.line,
                asker=clean(raw.get("asker")),
                area=clean(raw.get("area")),
                answer=_block(raw.get("answer")),
                answered_by=clean(raw.get("answered_by")),
                answer_date=answer_date,
                links=links,
            )
        )


def parse_qa_file(text: str) -> Parsed:
    reader = Reader()
    reader.read(text, "questions", reader.question)
    return reader.result


def from_comment(comment: Any, post_url: str) -> Question:
    """A comment the officer marked `question: <field>`; its reply is the answer."""
    reply = getattr(comment, "reply", None)
    return Question(
        question=_block(comment.text),
        field=clean_text(comment.question),
        date=comment.date.date(),
        asker=comment.author,
        area=comment.area,
        answer=_block(reply.text) if reply else "",
        answered_by=(reply.author if reply else ""),
        answer_date=reply.date.date() if reply else None,
        source=post_url,
    )
