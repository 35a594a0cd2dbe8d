"""Approved comments files (content/comments/<slug>.yml), parsed and validated."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from ward_core.datafile import read_list
from ward_core.dates import ACCEPTED_FORMS, DateFormatError, parse_vn_datetime
from ward_core.problems import Problem, unknown_keys

# question: a field ("Đất đai"…): the comment is also listed in Hỏi đáp (ward_qa).
COMMENT_FIELDS = ("author", "date", "text", "area", "reply", "question")
REPLY_FIELDS = ("author", "role", "date", "text")
STATUSES = ("open", "closed", "hidden")
FORMAT_HELP = (
    'Mỗi bình luận là một mục bắt đầu bằng "- author:", có date: và text:; '
    "trả lời của phường viết trong reply: (author, role, date, text)."
)


@dataclass(frozen=True)
class Reply:
    author: str
    text: str
    date: dt.datetime
    role: str = ""


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    date: dt.datetime
    area: str = ""
    reply: Reply | None = None
    question: str = ""  # the field of a comment listed as a question, else ""

    @property
    def anchor(self) -> str:
        """A stable id: the same comment keeps its link across rebuilds."""
        digest = hashlib.sha1(
            f"{self.author}|{self.date.isoformat()}|{self.text}".encode()
        ).hexdigest()[:8]
        return f"binh-luan-{digest}"


@dataclass
class ParsedComments:
    comments: list[Comment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class _Reader:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.result = ParsedComments()

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(line=line, message=message))

    def date(self, item: dict, line: int, what: str) -> dt.datetime | None:
        raw = _text(item.get("date"))
        line = item.line_of("date") if "date" in item else line
        if raw is None:
            self.problem(
                line,
                f"{what} thiếu date: (ngày giờ gửi), ví dụ date: 28/04/2023 08:15.",
            )
            return None
        try:
            value = parse_vn_datetime(raw)
        except DateFormatError as exc:
            self.problem(line, f"{what}: {exc}. Viết dạng {ACCEPTED_FORMS}.")
            return None
        if value > self.now + dt.timedelta(days=1):
            self.problem(
                line,
                f'{what}: ngày "{raw}" ở tương lai. Kiểm tra lại năm, tháng, ngày.',
            )
            return None
        return value

    def fields(self, item: Any, allowed: tuple[str, ...], line: int, what: str) -> bool:
        if not isinstance(item, dict):
            self.problem(line, f"{what} không đúng dạng. {FORMAT_HELP}")
            return False
        unknown = unknown_keys(item, allowed, what=f"trong {what}")
        for problem in unknown:
            self.problem(problem.line, problem.message)
        if unknown:
            return False
        for key in ("author", "text"):
            if _text(item.get(key)) is None:
                label = "người gửi (author:)" if key == "author" else "nội dung (text:)"
                self.problem(
                    item.line_of(key) if key in item else item.line,
                    f"{what} thiếu {label}.",
                )
                return False
        return True

    def reply(self, raw: Any, line: int) -> Reply | None:
        if not self.fields(raw, REPLY_FIELDS, line, "trả lời của phường"):
            return None
        date = self.date(raw, raw.line, "trả lời của phường")
        if date is None:
            return None
        return Reply(
            author=" ".join(raw["author"].split()),
            role=" ".join((_text(raw.get("role")) or "").split()),
            text=raw["text"].strip(),
            date=date,
        )

    def comment(self, raw: Any, line: int) -> None:
        if not self.fields(raw, COMMENT_FIELDS, line, "bình luận"):
            return
        date = self.date(raw, raw.line, "bình luận")
        reply = None
        if "reply" in raw:
            reply = self.reply(raw["reply"], raw.line_of("reply"))
            if reply is None:
                return
        if date is None:
            return
        self.result.comments.append(
            Comment(
                author=" ".join(raw["author"].split()),
                text=raw["text"].strip(),
                date=date,
                area=" ".join((_text(raw.get("area")) or "").split()),
                reply=reply,
                question=" ".join((_text(raw.get("question")) or "").split()),
            )
        )


def parse_comments(text: str, now: dt.datetime) -> ParsedComments:
    reader = _Reader(now)
    tree, reader.result.problems = read_list(
        text, f"tệp phải là danh sách bình luận. {FORMAT_HELP}", empty_ok=True
    )
    for item in tree or ():
        reader.comment(item, getattr(item, "line", 1))
    reader.result.comments.sort(key=lambda c: (c.date, c.anchor))
    return reader.result
