"""Validate a post's front matter and turn it into typed values.

Every problem is collected (not only the first) with its line and a Vietnamese
explanation of how to write the field correctly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ward_core.dates import (
    ACCEPTED_FORMS,
    DateFormatError,
    parse_vn_date,
    parse_vn_datetime,
)
from ward_core.fields import DOCUMENT_KEYS, FRONTMATTER, TABLE, FieldTable
from ward_core.problems import Problem, unknown_keys
from ward_core.slugs import MAX_SLUG_LENGTH, cut_at_word
from ward_core.yamltree import LineDict

from .docnumbers import (
    NUMBER_HELP,
    DocumentRef,
    DocumentRefError,
    parse_document_string,
    parse_number,
)
from .files import ATTACHMENT_HELP, Attachment, file_name_problem
from .officials import (
    OFFICIAL_HELP,
    Official,
    OfficialError,
    canonical_honorific,
    clean_text,
    parse_official_string,
)

# Every field is a row of ward_core.fields; the schema reads those it owns and
# passes the others (gallery, comments, links) through to their plugins.
KNOWN_FIELDS = TABLE.known()
PASS_THROUGH_FIELDS = KNOWN_FIELDS - TABLE.owned_by(FRONTMATTER)
STATUSES = ("published", "draft", "hidden")
# What the importer writes when an old post shows no date: refused until replaced.
DATE_PLACEHOLDER = "CHƯA RÕ NGÀY"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRUE = {"true", "yes", "có", "co", "1"}
_FALSE = {"false", "no", "không", "khong", "0"}


@dataclass
class Validated:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# Categories and tags name folders (chuyen-muc/<slug>/, the/<slug>/): a file
# name holds 255 bytes; real ones are a few words.
MAX_LABEL_LENGTH = 120


def _label_too_long(text: str) -> str:
    return (
        f'"{text[:40]}…" quá dài ({len(text)} ký tự, tối đa {MAX_LABEL_LENGTH}). '
        "Chuyên mục và thẻ là vài từ ngắn, ví dụ: môi trường, an ninh trật tự."
    )


def _line(value: Any, fallback: int) -> int:
    return getattr(value, "line", fallback) or fallback


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return "một dòng chữ"


class _Checker:
    def __init__(
        self, tree: LineDict, require_date: bool, table: FieldTable = TABLE
    ) -> None:
        self.tree = tree
        self.table = table
        self.require_date = require_date
        self.result = Validated()

    def problem(self, line: int, name: str, message: str) -> None:
        self.result.problems.append(Problem(line=line, field=name, message=message))

    def text(self, name: str, value: Any, line: int) -> str | None:
        if not isinstance(value, str):
            self.problem(
                line, name, f"phải là một dòng chữ, không phải {_kind(value)}."
            )
            return None
        return clean_text(value)

    def run(self) -> Validated:
        tree = self.tree
        if not isinstance(tree, dict):
            self.problem(
                _line(tree, 1),
                "",
                "phần đầu bài phải gồm các dòng dạng tên: giá trị "
                "(ví dụ title: …, date: …).",
            )
            return self.result
        table = self.table
        # The unknown name is the field concerned (field=None).
        self.result.problems += unknown_keys(
            tree, table.names, what="ở phần đầu bài", field=None
        )
        parsers: dict[str, Callable[[str, Any, int], Any]] = {
            "text": self.text,
            "date": self.date,
            "tags": self.tags,
            "label": self.label,
            "slug": self.slug,
            "status": self.status,
            "document": self.document,
            "documents": self.documents,
            "officials": self.officials,
            "count": self.attendees,
            "attachments": self.attachments,
        }
        for name, value in tree.items():
            row = table.by_name.get(name)
            if row is None:
                continue
            line = tree.line_of(name)
            if row.owner != FRONTMATTER:  # another plugin's check reads it
                self.result.values[name] = value
                continue
            converted = parsers[row.parser](name, value, line)
            if converted is not None:
                self.result.values[name] = converted
        self._required()
        return self.result

    def _unknown(self, name: str, value: LineDict, known, what: str) -> bool:
        """Report the keys of one item that ``known`` lacks; True if any."""
        found = unknown_keys(value, known, what=what, field=name)
        self.result.problems.extend(found)
        return bool(found)

    def _required(self) -> None:
        values = self.result.values
        failed = {p.field for p in self.result.problems}
        if not values.get("title") and "title" not in failed:
            self.problem(
                self.tree.line,
                "title",
                "bài viết thiếu tiêu đề. Thêm dòng: title: Tiêu đề bài viết",
            )
        if self.require_date and "date" not in values and "date" not in failed:
            self.problem(
                self.tree.line,
                "date",
                f"bài viết thiếu ngày. Thêm dòng: date: 27/04/2023 19:30 "
                f"(dạng {ACCEPTED_FORMS}).",
            )

    def date(self, name: str, value: Any, line: int) -> dt.datetime | None:
        text = self.text(name, value, line)
        if text is None:
            return None
        if text.upper().startswith(DATE_PLACEHOLDER):
            self.problem(
                line,
                name,
                "công cụ nhập không tìm thấy ngày đăng trong bài cũ. Mở bài gốc, "
                f"tìm ngày đăng rồi thay dòng này, ví dụ: {name}: 04/05/2023 09:15",
            )
            return None
        try:
            return parse_vn_datetime(text)
        except DateFormatError as exc:
            self.problem(line, name, f"{exc}. Viết dạng {ACCEPTED_FORMS}.")
            return None

    def tags(self, name: str, value: Any, line: int) -> list[str] | None:
        if isinstance(value, str):
            items = [part for part in re.split(r"[,;]", value)]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            items = list(value)
        else:
            self.problem(
                line,
                name,
                "viết dạng: tags: môi trường, thanh niên (cách nhau dấu phẩy).",
            )
            return None
        tags = [clean_text(item) for item in items if item.strip()]
        too_long = [tag for tag in tags if len(tag) > MAX_LABEL_LENGTH]
        if too_long:
            self.problem(line, name, _label_too_long(too_long[0]))
            return None
        return tags

    def label(self, name: str, value: Any, line: int) -> str | None:
        """A category: a short name that becomes a folder of the site."""
        text = self.text(name, value, line)
        if text is not None and len(text) > MAX_LABEL_LENGTH:
            self.problem(line, name, _label_too_long(text))
            return None
        return text

    def slug(self, name: str, value: Any, line: int) -> str | None:
        text = self.text(name, value, line)
        if text is None:
            return None
        if not _SLUG.match(text):
            self.problem(
                line,
                name,
                f'"{text}" không dùng được làm địa chỉ. Chỉ dùng chữ thường không dấu, '
                "số và dấu gạch ngang, ví dụ: slug: hoi-nghi-doi-thoai-2023",
            )
            return None
        if len(text) > MAX_SLUG_LENGTH:
            self.problem(
                line,
                name,
                f"địa chỉ quá dài ({len(text)} ký tự, tối đa {MAX_SLUG_LENGTH}: tên "
                "thư mục dài hơn không ghi được trên mọi máy). Rút ngắn, ví dụ: "
                f"slug: {cut_at_word(text, MAX_SLUG_LENGTH - 20)}",
            )
            return None
        return text

    def status(self, name: str, value: Any, line: int) -> str | None:
        text = self.text(name, value, line)
        if text is None:
            return None
        if text not in STATUSES:
            self.problem(
                line,
                name,
                f'"{text}" không hợp lệ. Dùng published (đăng), draft (bản nháp) '
                "hoặc hidden (ẩn khỏi danh sách).",
            )
            return None
        return text

    def attendees(self, name: str, value: Any, line: int) -> int | None:
        text = self.text(name, value, line)
        if text is None:
            return None
        digits = text.replace(".", "").replace(",", "")
        if not digits.isdigit():
            self.problem(
                line, name, f'"{text}" phải là một số người, ví dụ: attendees: 100'
            )
            return None
        return int(digits)

    def document(self, name: str, value: Any, line: int) -> DocumentRef | None:
        line = _line(value, line)
        if isinstance(value, str):
            try:
                return parse_document_string(value, line)
            except DocumentRefError as exc:
                self.problem(line, name, f"{exc}")
                return None
        if isinstance(value, dict):
            return self._document_map(name, value, line)
        self.problem(
            line,
            name,
            "viết dạng: 342/KH-UBND ngày 24/04/2023, hoặc các trường number:, "
            "date:, title:.",
        )
        return None

    def _document_map(
        self, name: str, value: LineDict, line: int
    ) -> DocumentRef | None:
        if self._unknown(name, value, DOCUMENT_KEYS, "cho văn bản"):
            return None
        number_value = value.get("number")
        if not isinstance(number_value, str) or not number_value.strip():
            self.problem(line, name, f"thiếu number: (số văn bản). {NUMBER_HELP}")
            return None
        try:
            number = parse_number(number_value)
        except DocumentRefError as exc:
            self.problem(value.line_of("number"), name, str(exc))
            return None
        date = None
        if "date" in value:
            date_text = self.text(name, value["date"], value.line_of("date"))
            if date_text is None:
                return None
            try:
                date = parse_vn_date(date_text)
            except DateFormatError as exc:
                self.problem(
                    value.line_of("date"), name, f"{exc}. Viết dạng 24/04/2023."
                )
                return None
        title = ""
        if "title" in value:
            title = self.text(name, value["title"], value.line_of("title")) or ""
        file = ""
        if "file" in value:
            file = self.file_name(name, value["file"], value.line_of("file"))
            if file is None:
                return None
        return DocumentRef(number=number, date=date, title=title, file=file, line=line)

    def file_name(self, name: str, value: Any, line: int) -> str | None:
        text = self.text(name, value, line)
        if text is None:
            return None
        problem = file_name_problem(text)
        if problem:
            self.problem(line, name, problem)
            return None
        return text

    def attachments(self, name: str, value: Any, line: int) -> list[Attachment] | None:
        if not isinstance(value, list):
            self.problem(line, name, ATTACHMENT_HELP)
            return None
        found = [self._attachment(name, item, _line(item, line)) for item in value]
        # The valid ones are kept so that their files are checked in the same run.
        return [item for item in found if item is not None]

    def _attachment(self, name: str, value: Any, line: int) -> Attachment | None:
        if isinstance(value, str):
            file = self.file_name(name, value, line)
            return Attachment(file=file, line=line) if file else None
        if not isinstance(value, dict):
            self.problem(line, name, ATTACHMENT_HELP)
            return None
        if self._unknown(
            name, value, self.table.by_name[name].items, "cho tệp đính kèm"
        ):
            return None
        if "file" not in value:
            self.problem(line, name, "thiếu file: (tên tệp). " + ATTACHMENT_HELP)
            return None
        file = self.file_name(name, value["file"], value.line_of("file"))
        if file is None:
            return None
        title = ""
        if "title" in value:
            title = self.text(name, value["title"], value.line_of("title")) or ""
        return Attachment(file=file, title=title, line=line)

    def documents(self, name: str, value: Any, line: int) -> list[DocumentRef] | None:
        items = value if isinstance(value, list) else [value]
        refs = [self.document(name, item, _line(item, line)) for item in items]
        if any(ref is None for ref in refs):
            return None
        return [ref for ref in refs if ref is not None]

    def officials(self, name: str, value: Any, line: int) -> list[Official] | None:
        if not isinstance(value, list):
            self.problem(
                line,
                name,
                'phải là danh sách, mỗi người một dòng bắt đầu bằng "- ". '
                + OFFICIAL_HELP,
            )
            return None
        people = [self._official(name, item, _line(item, line)) for item in value]
        if any(person is None for person in people):
            return None
        return [person for person in people if person is not None]

    def _official(self, name: str, value: Any, line: int) -> Official | None:
        if isinstance(value, str):
            try:
                return parse_official_string(value)
            except OfficialError as exc:
                self.problem(line, name, str(exc))
                return None
        if not isinstance(value, dict):
            self.problem(line, name, OFFICIAL_HELP)
            return None
        if self._unknown(name, value, self.table.by_name[name].items, "cho cán bộ"):
            return None
        person_name = value.get("name")
        if not isinstance(person_name, str) or not person_name.strip():
            self.problem(line, name, "thiếu name: (họ tên cán bộ).")
            return None
        texts = {}
        for key in ("role", "honorific"):
            if key in value:
                text = self.text(name, value[key], value.line_of(key))
                if text is None:
                    return None
                texts[key] = text
        presiding = False
        if "presiding" in value:
            flag = value["presiding"]
            flag_text = flag.strip().lower() if isinstance(flag, str) else ""
            if flag_text not in _TRUE | _FALSE:
                self.problem(
                    value.line_of("presiding"),
                    name,
                    "presiding: chỉ nhận true (chủ trì) hoặc false.",
                )
                return None
            presiding = flag_text in _TRUE
        return Official(
            name=clean_text(person_name),
            role=texts.get("role", ""),
            honorific=canonical_honorific(texts.get("honorific", "")),
            presiding=presiding,
        )


def validate_front_matter(
    tree: Any, require_date: bool = True, table: FieldTable = TABLE
) -> Validated:
    """``table``: the field table (ward_core.fields) the schema follows."""
    return _Checker(tree, require_date, table).run()
