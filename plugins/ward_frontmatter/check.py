"""The front matter plugin's checker: every post's and page's header, and the
officials' spellings across the site. The build, `make check` and the editor's
save all run it (through `wardtools.check.check_site`)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from ward_core.placeholders import placeholder_lines
from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, SourceFile
from ward_core.yamltree import LineDict, LineStr

from .officials import person_key
from .schema import validate_front_matter

NO_YAML = "bài không có phần đầu YAML (---); nên chuyển sang dạng YAML."
PLACEHOLDER = (
    "đoạn này vẫn là chữ mẫu của make new. Viết nội dung thật thay cho dòng trong "
    "ngoặc (hoặc xóa dòng) trước khi đăng."
)
NO_CATEGORY = (
    'bài chưa có chuyên mục; thêm dòng "category: Tin hoạt động" '
    "(hoặc chuyên mục phù hợp)."
)


def placeholder_problems(source: SourceFile, final: bool) -> list[Problem]:
    """Errors for a final build, marks for the preview."""
    return [
        Problem(source.shown, source.body_line + line - 1, "", PLACEHOLDER, error=final)
        for line in placeholder_lines(source.body)
    ]


def check_file(source: SourceFile) -> tuple[list[Problem], dict]:
    """Problems of one file's header, and its validated values (kept with the
    file while it is unchanged)."""
    if "frontmatter" not in source.derived:
        source.derived["frontmatter"] = _check_file(source)
    return source.derived["frontmatter"]


def no_front_matter(text: str) -> str:
    """Why a file without `---` front matter cannot be published, and the fix."""
    if text.lstrip(" \t\n\x00\ufeff\u200b").startswith("---"):
        return (
            'dòng đầu tiên của tệp phải là "---" (trước nó đang có dòng trống, dấu '
            "cách hoặc ký tự ẩn). Xóa mọi thứ trước dòng --- đầu tiên."
        )
    return (
        'bài viết không có phần đầu. Thêm ở đầu tệp một dòng "---", các dòng '
        '"title: Tiêu đề bài viết" và "date: 27/04/2023 19:30" (trang tĩnh không '
        'cần date), rồi một dòng "---".'
    )


def _check_file(source: SourceFile) -> tuple[list[Problem], dict]:
    if source.problems:
        return [], {}  # unreadable or bad YAML: already reported
    if not source.has_yaml:
        # Pelican's "Title: …" header: refused without a title, else checked by
        # the same schema as YAML (as the reader does).
        if "title" not in source.header:
            return [Problem(source.shown, 1, "", no_front_matter(source.body))], {}
        tree = LineDict(
            {k: LineStr(str(v), 1) for k, v in source.header.items()}, line=1
        )
        validated = validate_front_matter(tree, require_date=not source.is_page)
        notes = [Problem(source.shown, 1, "", NO_YAML, error=False)]
        return placed(validated.problems, source.shown) + notes, validated.values
    validated = validate_front_matter(
        source.front_matter, require_date=not source.is_page
    )
    problems = placed(validated.problems, source.shown)
    if not source.is_page and "category" not in validated.values:
        line = getattr(source.front_matter, "line", 1)
        problems.append(Problem(source.shown, line, "", NO_CATEGORY, error=False))
    return problems, validated.values


def _edit_distance_one(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def official_spelling_notes(officials_by_file: list[tuple[str, list]]) -> list[Problem]:
    """Notes for one person written two ways, or two names one letter apart."""
    spellings: dict[str, dict[str, str]] = defaultdict(dict)
    for shown, officials in officials_by_file:
        for official in officials:
            spellings[person_key(official.name)].setdefault(official.name, shown)
    notes = []
    for forms in spellings.values():
        if len(forms) > 1:
            names = sorted(forms)
            notes.append(
                Problem(
                    forms[names[1]],
                    message=f"cán bộ được viết nhiều cách: {', '.join(names)} "
                    "(khác cách bỏ dấu). Nên thống nhất một cách viết.",
                    error=False,
                )
            )
    names = sorted({(name, key) for key, forms in spellings.items() for name in forms})
    for index, (first, first_key) in enumerate(names):
        for second, second_key in names[index + 1 :]:
            if first_key != second_key and _edit_distance_one(
                unicodedata.normalize("NFC", first.casefold()),
                unicodedata.normalize("NFC", second.casefold()),
            ):
                notes.append(
                    Problem(
                        spellings[second_key][second],
                        message=f'"{first}" và "{second}" chỉ khác một chữ: có phải cùng '
                        "một người viết sai? Kiểm tra và sửa cho thống nhất.",
                        error=False,
                    )
                )
    return notes


def check(sources: SiteSources) -> list[Problem]:
    problems: list[Problem] = []
    officials: list[tuple[str, list]] = []
    for source in sources.files:
        found, values = check_file(source)
        problems += found + placeholder_problems(source, sources.final)
        if values.get("officials"):
            officials.append((source.shown, values["officials"]))
    return problems + official_spelling_notes(officials)


def output_folders(settings) -> set[str]:
    from .settings import IndexSettings

    index = IndexSettings.from_settings(settings)
    paths = (index.officials_save_as, index.documents_save_as)
    return {path.split("/", 1)[0] for path in paths if "/" in path}
