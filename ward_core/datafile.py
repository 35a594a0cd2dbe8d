"""Reading the portal's data files (content/data/*.yml, the schedules): a list of
records (read_records), one mapping (read_mapping) or one mapping holding a list
(read_keyed_list), with the line of every value for the officer's Problems.

One parse-and-refuse prologue for every data file: the YAML syntax error, or the
file's expected shape, as the one problem that stops reading it (no Pelican here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .localfiles import find_file
from .problems import Problem, unknown_keys
from .yamltree import LineDict, YamlSyntaxError, parse_yaml_text

_BLANK_LINES = re.compile(r"\n\s*\n")


def text(value: Any) -> str:
    """One line of text, single spaces ("" for a missing or non-text value)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


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


def read_records(source: str, allowed: Iterable[str], example: str) -> Records:
    """The file's records (mappings), each checked for unknown keys.

    ``example`` shows one record as the officer would write it."""
    allowed = tuple(allowed)
    tree, problems = _parse(source)
    result = Records(problems=problems)
    if problems:
        return result
    if not isinstance(tree, list):
        result.problems.append(
            Problem(
                line=getattr(tree, "line", 1),
                message=f"tệp phải là danh sách, mỗi mục bắt đầu bằng dấu -. Ví dụ: {example}",
            )
        )
        return result
    for item in tree:
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
