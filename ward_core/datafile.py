"""Reading the portal's data files (content/data/*.yml, the schedules): a list
(read_list; of records, read_records), one mapping (read_mapping) or one mapping
holding a list (read_keyed_list), with the line of every value for the officer's
Problems.

One parse-and-refuse prologue for every data file: the YAML syntax error, or the
file's expected shape, as the one problem that stops reading it (no Pelican here).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import DateFormatError, parse_vn_date
from .localfiles import content_file, find_file
from .people import clean_text
from .problems import Problem, unknown_keys
from .yamltree import LineDict, YamlSyntaxError, parse_yaml_text

_BLANK_LINES = re.compile(r"\n\s*\n")


def text(value: Any) -> str:
    """One line of text, single spaces ("" for a missing or non-text value)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def clean(value: Any) -> str:
    """A field's text as stored and shown (ward_core.people.clean_text: NFC, single
    spaces, no invisible characters pasted with it); "" for a missing or non-text
    value."""
    return clean_text(value) if isinstance(value, str) else ""


def paragraphs(value: Any) -> tuple[str, ...]:
    """A long text (biography, duties) as paragraphs split at blank lines."""
    if not isinstance(value, str):
        return ()
    return tuple(p for p in (text(part) for part in _BLANK_LINES.split(value)) if p)


@dataclass
class Records:
    items: list[LineDict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _parse(source: str) -> tuple[Any, list[Problem]]:
    """The file's YAML tree, or the syntax problem (with its line) instead."""
    try:
        return parse_yaml_text(source, 1, subject="tệp"), []
    except YamlSyntaxError as exc:
        return None, [exc.problem]


def read_list(
    source: str, help_text: str, empty_ok: bool = False
) -> tuple[list | None, list[Problem]]:
    """A file that is one list (``- …`` items): the list, or None and the one
    problem that stops reading it, a YAML syntax error or another shape
    (``help_text`` says what the file must look like). ``empty_ok``: an empty
    file is an empty list (comments not yet written), not a problem."""
    tree, problems = _parse(source)
    if problems:
        return None, problems
    if empty_ok and isinstance(tree, dict) and not tree:
        return [], []
    if not isinstance(tree, list):
        return None, [Problem(line=getattr(tree, "line", 1), message=help_text)]
    return tree, []


def read_records(source: str, allowed: Iterable[str], example: str) -> Records:
    """The file's records (mappings), each checked for unknown keys.

    ``example`` shows one record as the officer would write it."""
    allowed = tuple(allowed)
    tree, problems = read_list(
        source, f"tệp phải là danh sách, mỗi mục bắt đầu bằng dấu -. Ví dụ: {example}"
    )
    result = Records(problems=problems)
    for item in tree or ():
        line = getattr(item, "line", 1)
        if not isinstance(item, LineDict):
            result.problems.append(
                Problem(line=line, message=f"mục không đúng dạng. Ví dụ: {example}")
            )
            continue
        unknown = unknown_key(item, allowed)
        if unknown:
            result.problems.append(unknown)
            continue
        result.items.append(item)
    return result


def read_mapping(source: str, help_text: str) -> tuple[LineDict | None, list[Problem]]:
    """A file that is one mapping (``key: value`` lines: the introduction, a
    week's schedule, the reception schedule, the budget): the mapping (empty for
    an empty file), or None and the one problem that stops reading it, a YAML
    syntax error or another shape. ``help_text`` says what the file must look
    like; which keys it may have is the caller's check."""
    tree, problems = _parse(source)
    if problems:
        return None, problems
    if not isinstance(tree, LineDict):
        return None, [Problem(line=getattr(tree, "line", 1), message=help_text)]
    return tree, []


def read_keyed_list(
    source: str, key: str, help_text: str
) -> tuple[list, list[Problem]]:
    """A file that is one mapping ``key: [ … ]`` (questions:, years:, notices:,
    documents:): its items (with their lines), or the problem that stops reading
    it. An empty file has no items and no problem."""
    tree, problems = read_mapping(source, help_text)
    if tree is None:
        return [], problems
    if not tree:
        return [], []  # an empty file: nothing yet
    if set(tree) - {key}:
        return [], [Problem(line=tree.line, message=help_text)]
    items = tree.get(key) or []
    if not isinstance(items, list):
        return [], [Problem(line=tree.line_of(key), field=key, message=help_text)]
    return items, []


class RecordReader:
    """What the readers of the keyed-list data files share (Q&A, procurement,
    notices, budget; the schedules' items too): the officer's Problems collected
    while the records are read, a record of the wrong shape or with an unknown key
    refused in one wording, a date or a file under content/ checked on its line.
    Each plugin's subclass reads its own fields."""

    help_text = ""  # what the file looks like, ending "not the right shape" messages

    def __init__(self, content_root: Path | None = None) -> None:
        self.content_root = content_root
        self.problems: list[Problem] = []

    def problem(
        self, line: int, message: str, name: str = "", error: bool = True
    ) -> None:
        self.problems.append(
            Problem(line=line, field=name, message=message, error=error)
        )

    def read(self, source: str, key: str, record: Callable[[Any, int], object]) -> None:
        """Each item of the file's ``key:`` list handed to ``record`` with its line."""
        items, problems = read_keyed_list(source, key, self.help_text)
        self.problems += problems
        for item in items:
            record(item, getattr(item, "line", 1))

    def unknown(self, mapping: dict, allowed: tuple[str, ...], what: str) -> bool:
        """Whether ``mapping`` has a key not in ``allowed``; the first is recorded
        ("không có trường … trong {what}", on its line)."""
        found = unknown_keys(mapping, allowed, what=f"trong {what}")
        self.problems += found[:1]
        return bool(found)

    def record(
        self, raw: Any, line: int, allowed: tuple[str, ...], what: str
    ) -> LineDict | None:
        """``raw`` if it is a mapping of ``allowed`` keys, else None (refused)."""
        if not isinstance(raw, dict):
            self.problem(line, f"{what} không đúng dạng. {self.help_text}")
            return None
        return None if self.unknown(raw, allowed, what) else raw

    def date(
        self, item: LineDict, key: str, example: str, missing: str = ""
    ) -> tuple[bool, dt.date | None]:
        """(True, the date, or None when not written) or (False, None) once
        refused. ``missing``: what the date is, when the record must have it."""
        raw = clean(item.get(key))
        if not raw:
            if missing:
                self.problem(item.line, f"thiếu {key}: ({missing}).", key)
            return not missing, None
        try:
            return True, parse_vn_date(raw)
        except DateFormatError as exc:
            self.problem(item.line_of(key), f"{exc}. Viết dạng {example}.", key)
            return False, None

    def file(
        self, item: LineDict, key: str, suffixes: tuple[str, ...], example: str
    ) -> tuple[bool, Path | None]:
        """(True, the file under content/, or None when not written) or (False,
        None) once refused."""
        written = clean(item.get(key))
        if not written:
            return True, None
        found, why = content_file(self.content_root, written, suffixes, example)
        if found is None:
            self.problem(item.line_of(key), why, key)
        return found is not None, found


def unknown_key(item: LineDict, allowed: tuple[str, ...]) -> Problem | None:
    """The first key of ``item`` that is not allowed, as the project's one
    "unknown key" Problem (ward_core.problems.unknown_keys), on the key's line."""
    found = unknown_keys(item, allowed, field=None)
    return found[0] if found else None


def local_file(content_root: Path, written: str) -> Path | str:
    """The file ``written`` names under content/, or why it cannot be used."""
    candidate = (content_root / written.replace("\0", "")).resolve()
    if not candidate.is_relative_to(content_root.resolve()):
        return f'tệp "{written}" nằm ngoài thư mục content/.'
    found = find_file(candidate)
    if found is None:
        return f'không tìm thấy tệp "{written}" (đường dẫn tính từ thư mục content/).'
    return found
