"""Site-wide notices (planned downtime, storm warning, election) from
content/data/thong-bao-chung.yml, validated (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ward_core.datafile import RecordReader, clean
from ward_core.problems import Problem

from .workdays import known_years, working_days_between

NOTICE_FIELDS = ("title", "text", "level", "start", "end", "kind", "downtime", "link")
LEVELS = {"info": "Thông báo", "warning": "Cảnh báo", "urgent": "Khẩn cấp"}
KINDS = ("", "downtime")
REQUIRED_DATE = "ngày, ví dụ 10/03/2026"
FORMAT_HELP = (
    "Tệp gồm notices: rồi từng thông báo - title: …, level: info, start: …, end: …"
)


@dataclass(frozen=True)
class Notice:
    title: str
    start: dt.date
    end: dt.date
    line: int = 0
    text: str = ""
    level: str = "info"
    kind: str = ""
    downtime: dt.date | None = None
    link: str = ""

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    def shown_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Parsed:
    notices: list[Notice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Reader(RecordReader):
    help_text = FORMAT_HELP

    def __init__(self, notice_days: int) -> None:
        super().__init__()
        self.notice_days = notice_days
        self.result = Parsed(problems=self.problems)

    def notice(self, raw: Any, line: int) -> None:
        raw = self.record(raw, line, NOTICE_FIELDS, "thông báo")
        if raw is None:
            return
        title = clean(raw.get("title"))
        if not title:
            self.problem(raw.line, "thông báo thiếu title: (nội dung chính).", "title")
            return
        level = clean(raw.get("level")) or "info"
        if level not in LEVELS:
            self.problem(
                raw.line_of("level"),
                f'level: "{level}" không có; dùng info (thông báo), warning (cảnh báo) '
                "hoặc urgent (khẩn cấp).",
                "level",
            )
            return
        kind = clean(raw.get("kind"))
        if kind not in KINDS:
            self.problem(
                raw.line_of("kind"),
                'kind: chỉ nhận "downtime" (tạm ngừng dịch vụ).',
                "kind",
            )
            return
        results = [
            self.date(
                raw, key, "10/03/2026", "" if key == "downtime" else REQUIRED_DATE
            )
            for key in ("start", "end", "downtime")
        ]
        if not all(ok for ok, _ in results):
            return
        (_, start), (_, end), (_, downtime) = results
        if end < start:
            self.problem(
                raw.line_of("end"), "end: (ngày thôi hiện) trước start:.", "end"
            )
            return
        if kind == "downtime" and downtime is None:
            self.problem(
                raw.line,
                "thông báo tạm ngừng dịch vụ cần downtime: (ngày ngừng).",
                "downtime",
            )
            return
        link = clean(raw.get("link"))
        if link and not link.startswith(("https://", "http://", "/")):
            self.problem(raw.line_of("link"), "link: viết https://… hoặc /…", "link")
            return
        notice = Notice(
            title=title,
            start=start,
            end=end,
            line=raw.line,
            text=clean(raw.get("text")),
            level=level,
            kind=kind,
            downtime=downtime,
            link=link,
        )
        self.result.notices.append(notice)
        if downtime is not None:
            self.downtime(notice, raw.line_of("start"))

    def downtime(self, notice: Notice, line: int) -> None:
        years = {notice.start.year, notice.downtime.year}
        if not years <= known_years():
            self.problem(
                line,
                f"chưa có lịch nghỉ lễ năm {', '.join(map(str, sorted(years - known_years())))} "
                "để đếm ngày làm việc; thêm vào plugins/ward_notices/ngay-nghi-le.yml.",
                "start",
                error=False,
            )
            return
        days = working_days_between(notice.start, notice.downtime)
        if days < self.notice_days:
            self.problem(
                line,
                f"thông báo tạm ngừng dịch vụ ngày {notice.downtime:%d/%m/%Y} chỉ hiện "
                f"trước {days} ngày làm việc; phải thông báo trước ít nhất "
                f"{self.notice_days} ngày làm việc (không tính Thứ Bảy, Chủ nhật, ngày "
                "lễ). Cho hiện sớm hơn (start:) hoặc lùi ngày ngừng.",
                "start",
                error=False,
            )


def parse_notices(text: str, notice_days: int = 7) -> Parsed:
    reader = Reader(notice_days)
    reader.read(text, "notices", reader.notice)
    return reader.result
