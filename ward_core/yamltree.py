"""YAML front matter read as text exactly as written, with the line of every value.

YAML 1.1 resolvers turn `012` into 10, `NO` into False and `2023-04-27` into a
date. Officers write document numbers and names, not typed data, so every
scalar here stays the string that was written; the schema decides types.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from .problems import Problem

# LibYAML's C parser when PyYAML was built with it: the same nodes and marks, 10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineStr(str):
    """A string that remembers the (1-based) line it was written on."""

    line: int

    def __new__(cls, value: str, line: int) -> LineStr:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self):
        return (LineStr, (str(self), self.line))


class LineList(list):
    line: int

    def __init__(self, items=(), line: int = 0) -> None:
        super().__init__(items)
        self.line = line

    def __reduce__(self):
        return (LineList, (list(self), self.line))


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def __init__(self, items=(), line: int = 0, key_lines=None) -> None:
        super().__init__(items)
        self.line = line
        self.key_lines = dict(key_lines or {})

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def __reduce__(self):
        return (LineDict, (dict(self), self.line, self.key_lines))


class YamlSyntaxError(Exception):
    """Malformed YAML; ``problem`` has the line and the Vietnamese explanation."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _problem(line: int, message: str) -> Problem:
    return Problem(line=line, message=message)


@dataclass(frozen=True)
class SplitDocument:
    front_matter: str | None
    body: str
    first_line: int  # line number of the first front matter line in the file


def split_front_matter(text: str) -> SplitDocument:
    """Split `---` delimited front matter from the body; None if there is none."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return SplitDocument(None, text, 0)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitDocument(
                "".join(lines[1:index]), "".join(lines[index + 1 :]), 2
            )
    raise YamlSyntaxError(
        _problem(
            1,
            'phần đầu bài mở bằng "---" nhưng không có dòng "---" đóng lại. '
            'Thêm một dòng chỉ có "---" giữa phần đầu và nội dung bài.',
        )
    )


# Officers write a few dozen lines; a comments file for a busy post a few
# hundred kilobytes. Anything far larger, or nested deeper than any real field
# needs, is refused before it can cost time or memory.
MAX_YAML_CHARS = 2_000_000
MAX_DEPTH = 24

_ANCHOR_HINT = (
    "Trang không dùng neo/bí danh YAML (& và *). Nếu đây là chữ, đặt cả giá trị "
    'trong dấu ngoặc kép, ví dụ title: "*Thông báo*".'
)


def _refuse(line: int, message: str):
    raise YamlSyntaxError(_problem(line, message))


def _nfc(value: str) -> str:
    # Text typed on macOS arrives decomposed (NFD); escapes can produce it too.
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


class _Frame:
    """A sequence or mapping being filled while its events arrive."""

    __slots__ = ("container", "key", "key_line")

    def __init__(self, container) -> None:
        self.container = container
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_line = 0


def _add(
    frame: _Frame, value, line: int, is_scalar: bool, in_list: bool = False
) -> None:
    container = frame.container
    if isinstance(container, LineList):
        container.append(value)
        return
    if frame.key is None:
        if not is_scalar:
            _refuse(line, "tên trường phải là một từ, ví dụ title: hoặc date:")
        if value in container:
            again = f'trường "{value}" được ghi hai lần; chỉ giữ một dòng.'
            if in_list:
                again += (
                    f' Nếu đây là một mục mới của danh sách, viết "- {value}: …" '
                    'với dấu "- " thẳng cột với mục trên.'
                )
            _refuse(line, again)
        frame.key, frame.key_line = str(value), line
        return
    container[frame.key] = value
    container.key_lines[frame.key] = frame.key_line
    frame.key = None


def _refuse_list_item_in_text(lines: list[str], event, first_line: int) -> None:
    """A plain value running over several lines where a later line starts with
    "- ": a list item indented unlike the others, silently glued to the one
    above (officials "Ông A – Chủ tịch - Bà B – Phó"). Refuse it instead."""
    for index in range(event.start_mark.line + 1, event.end_mark.line + 1):
        if index < len(lines) and lines[index].lstrip().startswith("- "):
            _refuse(
                index + first_line,
                f'mục danh sách "{lines[index].strip()[:60]}" thụt đầu dòng không thẳng '
                'hàng với mục trên nên bị ghép vào nó. Các dấu "- " của cùng một danh '
                "sách phải thẳng cột.",
            )


def _compose(events, first_line: int, lines: list[str] = ()):
    """Build LineStr/LineList/LineDict from parser events, without recursion.

    Aliases and anchors are refused: officers never need them, and expanding
    them is how a few hundred bytes become gigabytes ("billion laughs").
    """
    stack: list[_Frame] = []
    root = None
    documents = 0
    for event in events:
        kind = type(event)
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        line = event.start_mark.line + first_line
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                _refuse(
                    line,
                    'chỉ được có một phần dữ liệu; xóa dòng "---" hoặc "..." thừa.',
                )
            continue
        if kind is yaml.AliasEvent or getattr(event, "anchor", None):
            _refuse(line, _ANCHOR_HINT)
        if kind is yaml.ScalarEvent:
            value = LineStr(_nfc(event.value), line)
            if not event.style and event.end_mark.line > event.start_mark.line:
                _refuse_list_item_in_text(lines, event, first_line)
            if stack:
                in_list = len(stack) > 1 and isinstance(stack[-2].container, LineList)
                _add(stack[-1], value, line, True, in_list)
            else:
                root = value
        elif kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                _refuse(
                    line,
                    f"dữ liệu lồng quá {MAX_DEPTH} cấp; kiểm tra thụt đầu dòng "
                    'và các dấu ngoặc "[" "{".',
                )
            container = (
                LineList(line=line)
                if kind is yaml.SequenceStartEvent
                else LineDict(line=line)
            )
            if stack:
                _add(stack[-1], container, line, False)
            else:
                root = container
            stack.append(_Frame(container))
        elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
            stack.pop()
    return root


def parse_yaml_text(text: str, first_line: int = 1, subject: str = "phần đầu bài"):
    """Parse YAML into LineStr/LineList/LineDict; raise YamlSyntaxError if malformed,
    too large, too deep or using anchors/aliases. Keys and values are NFC."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlSyntaxError(
            _problem(
                first_line,
                f"{subject} quá lớn ({len(text) // 1_000_000} triệu ký tự, giới hạn "
                f"{MAX_YAML_CHARS // 1_000_000} triệu). Kiểm tra xem có dán nhầm "
                "nội dung vào không, hoặc chia thành nhiều tệp.",
            )
        )
    try:
        root = _compose(yaml.parse(text, Loader=_LOADER), first_line, text.splitlines())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and any(
            what in (exc.context or "")
            for what in ("quoted scalar", "flow sequence", "flow mapping", "simple key")
        ):
            # An unclosed quote or bracket is reported where the parser gave up;
            # the officer needs the line where it was opened.
            mark = exc.context_mark
        quoted = _unclosed_quote(text)
        if quoted is not None and (mark is None or quoted[0] <= mark.line):
            # A quote left open swallows the lines after it: the parser fails
            # further down, with advice about something else.
            number, quote = quoted
            raise YamlSyntaxError(
                _problem(number + first_line, _quote_hint(text, number, quote, subject))
            ) from None
        line = (mark.line + first_line) if mark else first_line
        raise YamlSyntaxError(
            _problem(line, _explain_yaml_error(exc, text, mark, subject))
        ) from None
    except yaml.reader.ReaderError as exc:
        offset = max(0, min(exc.position, len(text)))
        raise YamlSyntaxError(
            _problem(
                first_line + text.count("\n", 0, offset),
                f"{subject} có ký tự điều khiển không in được ({_codepoint(exc.character)}); "
                "xóa ký tự đó (thường do dán từ Word hoặc Zalo) rồi lưu lại.",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(
            _problem(first_line, f"{subject} không đọc được ({_plain(exc)}).")
        ) from None
    if root is None:
        return LineDict(line=first_line)
    return root


_VALUE_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*:\s+)?(?P<value>.*)$")


def _closes(rest: str, quote: str) -> bool:
    """Whether a quoted value that starts just before ``rest`` ends on this line."""
    index = 0
    while index < len(rest):
        char = rest[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and rest[index + 1 : index + 2] == "'":
                index += 2  # '' is a quote inside single quotes
                continue
            return True
        index += 1
    return False


def _unclosed_quote(text: str) -> tuple[int, str] | None:
    """(0-based line, quote) of the first value that opens a quote and does not
    close it on its line. Officers write one-line values; only used to explain
    an error the parser found."""
    for number, line in enumerate(text.splitlines()):
        match = _VALUE_START.match(line)
        value = match.group("value") if match else ""
        if value[:1] in ('"', "'") and not _closes(value[1:], value[0]):
            return number, value[0]
    return None


def _quote_hint(text: str, number: int, quote: str, subject: str) -> str:
    line = text.splitlines()[number].strip()
    name = "ngoặc kép" if quote == '"' else "nháy đơn"
    return (
        f'{subject} không đúng cú pháp YAML (dòng: "{line}"). Dấu {name} {quote} mở ở '
        f"dòng này chưa được đóng: thêm {quote} ở cuối giá trị. Nếu trong giá trị có dấu "
        f"{quote}, dùng loại dấu kia bao ngoài, ví dụ title: 'Ra quân \"Ngày xanh\"'."
    )


def _codepoint(character) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return f"U+{code:04X}"


def _plain(exc: BaseException) -> str:
    """The parser's own words without the exception class name."""
    return " ".join(str(exc).split())[:200]


def _explain_yaml_error(
    exc: yaml.MarkedYAMLError, text: str, mark, subject: str
) -> str:
    problem = (exc.problem or "").strip()
    hint = ""
    line_text = raw_line = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines):
            raw_line = lines[mark.line]
            line_text = raw_line.strip()
    if "quoted scalar" in (exc.context or ""):
        hint = "Dấu ngoặc mở ở dòng này chưa được đóng lại."
    elif "flow" in (exc.context or ""):
        hint = 'Dấu ngoặc "[" hoặc "{" mở ở dòng này chưa được đóng lại.'
    elif "\t" in raw_line or "'\\t'" in problem:
        hint = "Dùng dấu cách để thụt đầu dòng, không dùng phím Tab."
    elif "mapping values are not allowed" in problem:
        hint = (
            'Giá trị có dấu hai chấm ":" phải đặt trong dấu ngoặc kép, '
            'ví dụ title: "Thông báo: lịch tiếp dân".'
        )
    elif "could not find expected ':'" in problem:
        hint = (
            'Mỗi dòng phải có dạng tên: giá trị (thiếu dấu ":"). Nếu dòng này là một '
            'mục của danh sách (cán bộ, văn bản, ảnh), thêm "- " ở đầu, thẳng cột với '
            "các mục khác."
        )
    elif "found undefined alias" in problem or "found character" in problem:
        hint = (
            "Giá trị bắt đầu bằng ký tự đặc biệt (*, &, @, `, %) phải đặt trong "
            "dấu ngoặc kép."
        )
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = (
            "Kiểm tra thụt đầu dòng: các mục cùng cấp phải thẳng hàng, "
            'mục danh sách bắt đầu bằng "- ".'
        )
    else:
        hint = "Kiểm tra dấu ngoặc kép, dấu hai chấm và thụt đầu dòng."
    shown = f' (dòng: "{line_text}")' if line_text else ""
    return f"{subject} không đúng cú pháp YAML{shown}. {hint}"
