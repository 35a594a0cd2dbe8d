"""Work schedules (one file per week) and the citizen reception schedule,
validated into plain objects with the line of every item (no Pelican here).

One item model serves both: a day, a time, what, who chairs (or receives), who
attends, where, and the later changes ("điều chỉnh") the officer recorded."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ward_core import pasted
from ward_core.datafile import RecordReader, clean, read_mapping
from ward_core.dates import DateFormatError, parse_vn_date
from ward_core.people import clean_text, person_key
from ward_core.problems import Problem

WORK_ITEM_FIELDS = (
    "date",
    "time",
    "end",
    "title",
    "chair",
    "attendees",
    "place",
    "changes",
)
WEEK_FIELDS = ("week", "note", "items")
RECEPTION_ITEM_FIELDS = ("date", "time", "end", "title", "leader", "place", "changes")
RECEPTION_FIELDS = ("register", "place", "note", "items")
WEEK_HELP = "week: viết dạng 2026-W10 (năm, chữ W, số tuần theo lịch ISO)."
_WEEK = re.compile(r"^(?P<year>\d{4})-?W(?P<week>\d{1,2})$", re.IGNORECASE)
_TIME = re.compile(r"^(?P<hour>\d{1,2})\s*(?:[:hg.]\s*(?P<minute>\d{2})?)?$")
_HONORIFIC = re.compile(r"^(?:đồng chí|đ/c|ông|bà)\s+", re.IGNORECASE)
_ROLE = re.compile(r"\s*(?:–|—|\s-\s|,|\().*$")


def week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def person_name(text: str) -> str:
    """ "Ông Nguyễn Văn A – Chủ tịch UBND phường" -> "Nguyễn Văn A" (invisible
    characters pasted with it removed, as for officials in posts)."""
    return _ROLE.sub(
        "", _HONORIFIC.sub("", clean_text(pasted.clean_text(text)))
    ).strip()


@dataclass(frozen=True)
class Item:
    date: dt.date
    title: str
    line: int
    start: dt.time | None = None  # None: the whole day
    end: dt.time | None = None
    chair: str = ""  # as written: "Ông Nguyễn Văn A – Chủ tịch UBND phường"
    attendees: str = ""
    place: str = ""
    changes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def chair_key(self) -> str:
        return person_key(person_name(self.chair)) if self.chair else ""


@dataclass(frozen=True)
class Week:
    year: int
    number: int
    items: tuple[Item, ...]
    note: str = ""
    source: str = ""  # the file, as shown to the officer

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 7)

    def contains(self, day: dt.date) -> bool:
        return week_of(day) == (self.year, self.number)

    @property
    def days(self) -> list[tuple[dt.date, list[Item]]]:
        by_day: dict[dt.date, list[Item]] = {}
        for item in sorted(self.items, key=_order):
            by_day.setdefault(item.date, []).append(item)
        return sorted(by_day.items())


@dataclass(frozen=True)
class Reception:
    items: tuple[Item, ...]
    register: str = ""
    place: str = ""
    note: str = ""


def _order(item: Item) -> tuple:
    return (item.date, item.start or dt.time(0), item.line)


@dataclass
class Parsed:
    week: Week | None = None
    reception: Reception | None = None
    problems: list[Problem] = field(default_factory=list)


def parse_time(text: str) -> dt.time:
    """ "7:30", "07:30", "7h30", "14g", "8" -> a time; ValueError otherwise."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    return dt.time(int(match["hour"]), int(match["minute"] or 0))


def parse_week_label(text: str) -> tuple[int, int]:
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(text)
    year, week = int(match["year"]), int(match["week"])
    dt.date.fromisocalendar(year, week, 1)  # ValueError for week 54…
    return year, week


class ItemReader(RecordReader):
    def __init__(self, fields: tuple[str, ...], person: str) -> None:
        super().__init__()
        self.fields = fields
        self.person = person  # "chair" or "leader"

    def _time(self, item: dict, key: str) -> tuple[bool, dt.time | None]:
        raw = clean(item.get(key))
        if not raw:
            return True, None
        try:
            return True, parse_time(raw)
        except ValueError:
            self.problem(
                item.line_of(key),
                f'giờ "{raw}" không đọc được; viết dạng 7:30 hoặc 14:00.',
                key,
            )
            return False, None

    def item(self, raw: Any, line: int) -> Item | None:
        if not isinstance(raw, dict):
            self.problem(line, "mục lịch phải có date:, time:, title:…")
            return None
        if self.unknown(raw, self.fields, "mục lịch"):
            return None
        title = clean(raw.get("title"))
        written = clean(raw.get("date"))
        if not written:
            self.problem(raw.line, "mục lịch thiếu date: (ngày, ví dụ 02/03/2026).")
            return None
        try:
            day = parse_vn_date(written)
        except DateFormatError as exc:
            self.problem(raw.line_of("date"), f"{exc}. Viết dạng 02/03/2026.", "date")
            return None
        ok_start, start = self._time(raw, "time")
        ok_end, end = self._time(raw, "end")
        if not (ok_start and ok_end):
            return None
        if end and not start:
            self.problem(
                raw.line_of("end"), "có giờ kết thúc thì phải có time:.", "end"
            )
            return None
        if start and end and end <= start:
            self.problem(
                raw.line_of("end"), "giờ kết thúc phải sau giờ bắt đầu.", "end"
            )
            return None
        changes = raw.get("changes") or []
        if isinstance(changes, str):
            changes = [changes]
        if not isinstance(changes, list) or not all(
            isinstance(c, str) for c in changes
        ):
            self.problem(
                raw.line_of("changes"),
                "changes: là danh sách các lần điều chỉnh, mỗi dòng một câu.",
                "changes",
            )
            return None
        return Item(
            date=day,
            title=title,
            line=raw.line,
            start=start,
            end=end,
            chair=clean(raw.get(self.person)),
            attendees=clean(raw.get("attendees")),
            place=clean(raw.get("place")),
            changes=tuple(clean(c) for c in changes if clean(c)),
        )

    def items(self, raw: Any, line: int) -> list[Item]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(line, "items: phải là danh sách các mục lịch.", "items")
            return []
        found = [self.item(entry, getattr(entry, "line", line)) for entry in raw]
        return [item for item in found if item]


def _tree(text: str, reader: ItemReader) -> Any:
    tree, problems = read_mapping(
        text, "tệp phải có các mục week:, items: (danh sách)."
    )
    reader.problems += problems
    return tree


def parse_week_file(text: str) -> Parsed:
    reader = ItemReader(WORK_ITEM_FIELDS, "chair")
    tree = _tree(text, reader)
    if tree is None or reader.unknown(tree, WEEK_FIELDS, "tệp lịch tuần"):
        return Parsed(problems=reader.problems)
    label = clean(tree.get("week"))
    try:
        year, number = parse_week_label(label)
    except ValueError:
        reader.problem(tree.line_of("week"), WEEK_HELP, "week")
        return Parsed(problems=reader.problems)
    items = reader.items(tree.get("items"), tree.line_of("items"))
    for item in items:
        if week_of(item.date) != (year, number):
            reader.problem(
                item.line,
                f"ngày {item.date:%d/%m/%Y} không thuộc tuần {number} năm {year} "
                f"(từ {dt.date.fromisocalendar(year, number, 1):%d/%m} đến "
                f"{dt.date.fromisocalendar(year, number, 7):%d/%m/%Y}); "
                "sửa ngày hoặc chuyển mục sang tệp của tuần đó.",
                "date",
            )
        if not item.title:
            reader.problem(item.line, "mục lịch thiếu title: (nội dung công việc).")
    week = Week(year, number, tuple(items), note=clean(tree.get("note")))
    return Parsed(week=week, problems=reader.problems)


def parse_reception_file(text: str) -> Parsed:
    reader = ItemReader(RECEPTION_ITEM_FIELDS, "leader")
    tree = _tree(text, reader)
    if tree is None or reader.unknown(tree, RECEPTION_FIELDS, "tệp lịch tiếp công dân"):
        return Parsed(problems=reader.problems)
    items = reader.items(tree.get("items"), tree.line_of("items"))
    for item in items:
        if not item.chair:
            reader.problem(
                item.line, "mục lịch thiếu leader: (lãnh đạo tiếp công dân).", "leader"
            )
    reception = Reception(
        items=tuple(
            item if item.title else _titled(item, "Tiếp công dân định kỳ")
            for item in sorted(items, key=_order)
        ),
        register=clean(tree.get("register")),
        place=clean(tree.get("place")),
        note=clean(tree.get("note")),
    )
    return Parsed(reception=reception, problems=reader.problems)


def _titled(item: Item, title: str) -> Item:
    return Item(**{**item.__dict__, "title": title})
