"""YAML front matter read as text exactly as written, with the line of every value.

YAML 1.1 resolvers turn `012` into 10, `NO` into False and `2023-04-27` into a
date. Officers write document numbers and names, not typed data, so every
scalar here stays the string that was written; the schema decides types.
"""

from __future__ import annotations

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
        Problem(
            line=1,
            message='phần đầu bài mở bằng "---" nhưng không có dòng "---" đóng lại. '
            'Thêm một dòng chỉ có "---" giữa phần đầu và nội dung bài.',
        )
    )


def _convert(node: yaml.Node, first_line: int):
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.ScalarNode):
        return LineStr(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        return LineList((_convert(item, first_line) for item in node.value), line)
    if isinstance(node, yaml.MappingNode):
        result = LineDict(line=line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(
                    Problem(
                        line=key_node.start_mark.line + first_line,
                        message="tên trường phải là một từ, ví dụ title: hoặc date:",
                    )
                )
            key = key_node.value
            if key in result:
                raise YamlSyntaxError(
                    Problem(
                        line=key_node.start_mark.line + first_line,
                        message=f'trường "{key}" được ghi hai lần; chỉ giữ một dòng.',
                    )
                )
            result[key] = _convert(value_node, first_line)
            result.key_lines[key] = key_node.start_mark.line + first_line
        return result
    raise YamlSyntaxError(Problem(line=line, message="giá trị YAML không đọc được"))


def parse_yaml_text(text: str, first_line: int = 1, subject: str = "phần đầu bài"):
    """Parse YAML into LineStr/LineList/LineDict; raise YamlSyntaxError if malformed."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and any(
            what in (exc.context or "")
            for what in ("quoted scalar", "flow sequence", "flow mapping")
        ):
            # An unclosed quote is reported at the end of the text; the officer
            # needs the line where the quote was opened.
            mark = exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlSyntaxError(
            Problem(line=line, message=_explain_yaml_error(exc, text, mark, subject))
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(
            Problem(line=first_line, message=f"YAML không hợp lệ ({exc})")
        ) from None
    if node is None:
        return LineDict(line=first_line)
    return _convert(node, first_line)


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
        hint = "Dấu ngoặc kép mở ở dòng này chưa được đóng lại."
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
        hint = 'Mỗi dòng phải có dạng tên: giá trị (thiếu dấu ":").'
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
