"""The introduction data file (content/data/gioi-thieu.yml), validated (no Pelican here).

One mapping the editor edits field by field: the ward's natural conditions,
history and traditions, relics and landmarks (with photos), the organisation of
its administration (units nested, heads named), contacts, working hours and the
person receiving information requests (Law 104/2016/QH13 Art. 19). The build
turns it into the introduction, organisation and contact pages; the portal's
compliance check reads the same model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .datafile import RecordReader, local_file, paragraphs, read_mapping, text
from .identity import Dialable
from .people import person_key
from .problems import Problem, unknown_keys
from .yamltree import LineDict, LineList

FIELDS = (
    "summary",
    "natural_conditions",
    "history",
    "relics",
    "organisation",
    "contacts",
    "hours",
    "info_officer",
)
RELIC_FIELDS = ("name", "rank", "address", "description", "photos")
PHOTO_FIELDS = ("photo", "caption")
UNIT_FIELDS = ("name", "head", "duties", "units")
CONTACT_FIELDS = ("unit", "address", "phone", "email")
OFFICER_FIELDS = ("name", "unit", "phone", "email")
# What the first (required) field of a record holds, for "thiếu …" messages.
FIRST_HINTS = {
    "photo": "đường dẫn tệp ảnh trong content/, ví dụ data/gioi-thieu/dinh.jpg",
    "unit": "tên bộ phận",
}
# An organisation chart deeper than this is a mistake in the file, not a ward.
MAX_DEPTH = 3
EXAMPLE = (
    "natural_conditions: |, history: |, relics: (danh sách, mỗi mục có name:, "
    "photos:), organisation: (danh sách đơn vị có name:, head:, units:), "
    "contacts:, hours:, info_officer: (name:, unit:, phone:, email:)"
)


@dataclass(frozen=True)
class RelicPhoto:
    path: Path
    written: str
    caption: str
    line: int = 0


@dataclass(frozen=True)
class Relic:
    name: str
    line: int = 0
    rank: str = ""  # "Di tích lịch sử - văn hóa cấp thành phố (Quyết định …)"
    address: str = ""
    description: tuple[str, ...] = ()
    photos: tuple[RelicPhoto, ...] = ()


@dataclass(frozen=True)
class Unit:
    """One unit of the organisation chart; ``units`` are the units under it."""

    name: str
    line: int = 0
    head: str = ""  # a person's name, linked to the leaders' page when it is one
    duties: tuple[str, ...] = ()
    units: tuple[Unit, ...] = ()

    @property
    def head_key(self) -> str:
        return person_key(self.head) if self.head else ""


@dataclass(frozen=True)
class Contact(Dialable):
    unit: str
    line: int = 0
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class InfoOfficer(Dialable):
    name: str
    unit: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Intro:
    summary: tuple[str, ...] = ()
    natural_conditions: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    relics: tuple[Relic, ...] = ()
    organisation: tuple[Unit, ...] = ()
    contacts: tuple[Contact, ...] = ()
    hours: tuple[str, ...] = ()
    info_officer: InfoOfficer | None = None

    def photos(self) -> list[RelicPhoto]:
        return [photo for relic in self.relics for photo in relic.photos]

    def missing(self) -> dict[str, list[str]]:
        """{part: what is missing in it} for the parts the file has (the
        compliance check's view); a part absent from the result is absent."""
        present: dict[str, list[str]] = {}
        for name in (
            "summary",
            "natural_conditions",
            "history",
            "organisation",
            "contacts",
            "hours",
        ):
            if getattr(self, name):
                present[name] = []
        if self.relics:
            present["relics"] = [
                f"di tích {relic.name} chưa có ảnh"
                for relic in self.relics
                if not relic.photos
            ]
        if self.info_officer:
            present["info_officer"] = []
        return present


@dataclass
class Parsed:
    intro: Intro | None = None
    problems: list[Problem] = field(default_factory=list)


class _Reader(RecordReader):
    """Collects the problems of one file while its parts are read."""

    def mapping(
        self, value: Any, allowed: tuple[str, ...], what: str, line: int
    ) -> LineDict | None:
        if not isinstance(value, LineDict):
            self.problem(
                getattr(value, "line", line),
                f"{what} phải có dạng trường: giá trị (các trường: {', '.join(allowed)}).",
            )
            return None
        bad = unknown_keys(value, allowed, field=None)
        if bad:
            self.problems += bad
            return None
        return value

    def records(
        self, holder: LineDict, key: str, allowed: tuple[str, ...], what: str
    ) -> list[LineDict]:
        value = holder.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, LineList):
            self.problem(
                holder.line_of(key),
                f"{key}: phải là danh sách, mỗi {what} bắt đầu bằng dấu -.",
                key,
            )
            return []
        found = []
        for item in value:
            line = getattr(item, "line", holder.line_of(key))
            checked = self.mapping(item, allowed, f"mỗi {what}", line)
            if checked is None:
                continue
            first = allowed[0]
            if not text(checked.get(first)):
                hint = FIRST_HINTS.get(first, "tên")
                self.problem(checked.line, f"{what} thiếu {first}: ({hint}).", first)
                continue
            found.append(checked)
        return found

    def photo(self, item: LineDict) -> RelicPhoto | None:
        written = text(item.get("photo"))  # never empty: records() refused it
        found = local_file(self.content_root, written)
        if isinstance(found, str):
            self.problem(item.line_of("photo"), found, "photo")
            return None
        caption = text(item.get("caption"))
        if not caption:
            self.problem(
                item.line,
                f'ảnh "{written}" thiếu caption: (chú thích); mỗi ảnh phải có chú thích.',
                "caption",
            )
            return None
        return RelicPhoto(found, written, caption, item.line)

    def relic(self, item: LineDict) -> Relic:
        photos = [
            self.photo(p) for p in self.records(item, "photos", PHOTO_FIELDS, "ảnh")
        ]
        return Relic(
            name=text(item.get("name")),
            line=item.line,
            rank=text(item.get("rank")),
            address=text(item.get("address")),
            description=paragraphs(item.get("description")),
            photos=tuple(p for p in photos if p),
        )

    def units(self, holder: LineDict, key: str, depth: int) -> tuple[Unit, ...]:
        items = self.records(holder, key, UNIT_FIELDS, "đơn vị")
        if items and depth > MAX_DEPTH:
            self.problem(
                holder.line_of(key),
                f"sơ đồ tổ chức chỉ được lồng tối đa {MAX_DEPTH} cấp.",
                key,
            )
            return ()
        return tuple(
            Unit(
                name=text(item.get("name")),
                line=item.line,
                head=text(item.get("head")),
                duties=paragraphs(item.get("duties")),
                units=self.units(item, "units", depth + 1),
            )
            for item in items
        )

    def contact(self, item: LineDict) -> Contact:
        return Contact(
            unit=text(item.get("unit")),
            line=item.line,
            address=text(item.get("address")),
            phone=text(item.get("phone")),
            email=text(item.get("email")),
        )

    def officer(self, tree: LineDict) -> InfoOfficer | None:
        value = tree.get("info_officer")
        if value is None or value == "":
            return None
        line = tree.line_of("info_officer")
        item = self.mapping(value, OFFICER_FIELDS, "info_officer:", line)
        if item is None or not any(text(v) for v in item.values()):
            return None  # the editor writes the empty form as empty fields
        name = text(item.get("name"))
        if not name:
            self.problem(
                line,
                "info_officer: thiếu name: (họ tên người làm đầu mối).",
                "info_officer",
            )
            return None
        officer = InfoOfficer(
            name,
            text(item.get("unit")),
            text(item.get("phone")),
            text(item.get("email")),
        )
        if not (officer.phone or officer.email):
            self.problem(
                line,
                f'ghi phone: hoặc email: để người dân liên hệ được với "{name}".',
                "info_officer",
            )
            return None
        return officer


def parse_intro_file(source: str, content_root: Path) -> Parsed:
    """The introduction, or the problems with their lines (then no intro)."""
    tree, problems = read_mapping(source, f"tệp phải có dạng {EXAMPLE}.")
    if tree is None:
        return Parsed(problems=problems)
    reader = _Reader(content_root)
    result = Parsed(problems=reader.problems)
    if reader.mapping(tree, FIELDS, "tệp giới thiệu", 1) is None:
        return result
    intro = Intro(
        summary=paragraphs(tree.get("summary")),
        natural_conditions=paragraphs(tree.get("natural_conditions")),
        history=paragraphs(tree.get("history")),
        relics=tuple(
            reader.relic(item)
            for item in reader.records(tree, "relics", RELIC_FIELDS, "di tích")
        ),
        organisation=reader.units(tree, "organisation", 1),
        contacts=tuple(
            reader.contact(item)
            for item in reader.records(tree, "contacts", CONTACT_FIELDS, "nơi liên hệ")
        ),
        hours=paragraphs(tree.get("hours")),
        info_officer=reader.officer(tree),
    )
    if not reader.problems:
        result.intro = intro
    return result
