"""The leaders data file (content/data/lanh-dao.yml), validated (no Pelican here).

One record per person and term: a leader who changes position or leaves keeps
the old record with `term_until`, so former leaders are listed with their terms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .datafile import local_file, paragraphs, read_records, text
from .dates import DateFormatError, format_vi_date, parse_vn_date
from .people import person_key
from .problems import Problem
from .yamltree import LineDict

FIELDS = (
    "name",
    "honorific",
    "position",
    "photo",
    "term_from",
    "term_until",
    "biography",
    "duties",
    "phone",
    "email",
)
EXAMPLE = (
    "- name: Nguyễn Văn Hùng, position: Chủ tịch UBND phường, "
    "term_from: 01/07/2025, biography: …, duties: …"
)
HONORIFICS = ("", "Ông", "Bà", "Đồng chí")


@dataclass(frozen=True)
class Leader:
    name: str
    position: str
    line: int = 0
    honorific: str = ""
    photo: Path | None = None
    photo_src: str = ""
    term_from: dt.date | None = None
    term_until: dt.date | None = None
    biography: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""

    @property
    def key(self) -> str:
        return person_key(self.name)

    @property
    def current(self) -> bool:
        """Still in office: the officer writes term_until when the term ends (a
        date compared with "today" would make the build depend on the clock)."""
        return self.term_until is None

    @property
    def term(self) -> str:
        """ "01/07/2025 – nay" or "01/2021 – 30/06/2025"."""
        start = format_vi_date(self.term_from, "dd/MM/yyyy") if self.term_from else ""
        end = (
            format_vi_date(self.term_until, "dd/MM/yyyy") if self.term_until else "nay"
        )
        return (
            f"{start} – {end}" if start else ("đến " + end if self.term_until else "")
        )


@dataclass
class Parsed:
    leaders: list[Leader] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _date(item: LineDict, key: str, problems: list[Problem]) -> dt.date | None:
    raw = text(item.get(key))
    if not raw:
        return None
    try:
        return parse_vn_date(raw)
    except DateFormatError as exc:
        problems.append(
            Problem(
                line=item.line_of(key),
                field=key,
                message=f"{exc}. Viết dạng 01/07/2025.",
            )
        )
        return None


def _leader(
    item: LineDict, content_root: Path, problems: list[Problem]
) -> Leader | None:
    name, position = text(item.get("name")), text(item.get("position"))
    if not name:
        problems.append(
            Problem(line=item.line, message=f"thiếu name: (họ tên). Ví dụ: {EXAMPLE}")
        )
        return None
    if not position:
        problems.append(
            Problem(
                line=item.line,
                field="position",
                message=f'"{name}" thiếu position: (chức vụ).',
            )
        )
        return None
    honorific = text(item.get("honorific"))
    if honorific not in HONORIFICS:
        problems.append(
            Problem(
                line=item.line_of("honorific"),
                field="honorific",
                message=f'"{honorific}" không dùng được; viết Ông, Bà hoặc Đồng chí.',
            )
        )
        return None
    before = len(problems)
    term_from = _date(item, "term_from", problems)
    term_until = _date(item, "term_until", problems)
    if term_from and term_until and term_until < term_from:
        problems.append(
            Problem(
                line=item.line_of("term_until"),
                field="term_until",
                message="ngày hết nhiệm kỳ phải sau ngày bắt đầu (term_from).",
            )
        )
    photo, photo_src = None, text(item.get("photo"))
    if photo_src:
        found = local_file(content_root, photo_src)
        if isinstance(found, str):
            problems.append(
                Problem(line=item.line_of("photo"), field="photo", message=found)
            )
        else:
            photo = found
    if len(problems) > before:
        return None
    return Leader(
        name=name,
        position=position,
        line=item.line,
        honorific=honorific,
        photo=photo,
        photo_src=photo_src,
        term_from=term_from,
        term_until=term_until,
        biography=paragraphs(item.get("biography")),
        duties=paragraphs(item.get("duties")),
        phone=text(item.get("phone")),
        email=text(item.get("email")),
    )


def parse_leaders_file(source: str, content_root: Path) -> Parsed:
    records = read_records(source, FIELDS, EXAMPLE)
    result = Parsed(problems=list(records.problems))
    for item in records.items:
        leader = _leader(item, content_root, result.problems)
        if leader:
            result.leaders.append(leader)
    return result
