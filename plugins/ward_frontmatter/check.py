"""The front matter plugin's checker: every post's and page's header, and the
officials' spellings across the site. The build, `make check` and the editor's
save all run it (through `wardtools.check.check_site`)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from ward_core.placeholders import placeholder_lines
from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, SourceFile, slug_for
from ward_core.yamltree import LineDict, LineStr

from .files import FileChecker, published_name, resolve_file
from .indexes import Citation, DocumentGroups, group_citations
from .officials import person_key
from .schema import Validated, validate_front_matter
from .settings import DocumentSettings

NO_YAML = "bài không có phần đầu YAML (---); nên chuyển sang dạng YAML."
PLACEHOLDER = (
    "đoạn này vẫn là chữ mẫu của make new. Viết nội dung thật thay cho dòng trong "
    "ngoặc (hoặc xóa dòng) trước khi đăng."
)
NO_CATEGORY = (
    'bài chưa có chuyên mục; thêm dòng "category: Tin hoạt động" '
    "(hoặc chuyên mục phù hợp)."
)


def body_problems(source: SourceFile, final: bool) -> list[Problem]:
    """What this checker finds in a file's body, the only place it reads one
    (wardtools/check.py, analyse_edit): make new's sample lines left in,
    errors for a final build, marks for the preview. (A header missing or
    hidden behind blank lines, told by the body too, is found only in files
    without a YAML header, which a body edit's analysis leaves to the whole
    site's.)"""
    if "placeholders" not in source.derived:
        source.derived["placeholders"] = placeholder_lines(source.body)
    return [
        Problem(source.shown, source.body_line + line - 1, "", PLACEHOLDER, error=final)
        for line in source.derived["placeholders"]
    ]


def check_file(source: SourceFile) -> tuple[list[Problem], dict]:
    """Problems of one file's header, and its validated values (kept with the
    file while it is unchanged)."""
    if "frontmatter" not in source.derived:
        source.derived["frontmatter"] = _check_file(source)
    return source.derived["frontmatter"]


def hidden_front_matter(text: str) -> bool:
    """A `---` header with blank lines, spaces or invisible characters before
    it (pasted from Word or a chat app): meant as YAML, read as none."""
    return text.lstrip(" \t\n\x00\ufeff\u200b").startswith("---")


def no_front_matter(text: str) -> str:
    """Why a file without `---` front matter cannot be published, and the fix."""
    if hidden_front_matter(text):
        return (
            'dòng đầu tiên của tệp phải là "---" (trước nó đang có dòng trống, dấu '
            "cách hoặc ký tự ẩn). Xóa mọi thứ trước dòng --- đầu tiên."
        )
    return (
        'bài viết không có phần đầu. Thêm ở đầu tệp một dòng "---", các dòng '
        '"title: Tiêu đề bài viết" và "date: 27/04/2023 19:30" (trang tĩnh không '
        'cần date), rồi một dòng "---".'
    )


def validated_front_matter(source: SourceFile) -> Validated:
    """The YAML header checked against the schema, once per version of the file:
    `make check`, the build's checkers and the reader all need it."""
    if "validated" not in source.derived:
        source.derived["validated"] = validate_front_matter(
            source.front_matter, require_date=not source.is_page
        )
    return source.derived["validated"]


def _check_file(source: SourceFile) -> tuple[list[Problem], dict]:
    if source.problems:
        return [], {}  # unreadable or bad YAML: already reported
    if not source.has_yaml:
        # Pelican's "Title: …" header: refused without a title, else checked by
        # the same schema as YAML (as the reader does).
        # A hidden `---` header is refused as the reader refuses it, even when
        # a "title:" line below it reads as Pelican's header.
        if "title" not in source.header or hidden_front_matter(source.body):
            return [Problem(source.shown, 1, "", no_front_matter(source.body))], {}
        tree = LineDict(
            {k: LineStr(str(v), 1) for k, v in source.header.items()}, line=1
        )
        validated = validate_front_matter(tree, require_date=not source.is_page)
        notes = [Problem(source.shown, 1, "", NO_YAML, error=False)]
        return placed(validated.problems, source.shown) + notes, validated.values
    validated = validated_front_matter(source)
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


def citations_of(source: SourceFile, values: dict, content_root) -> list[Citation]:
    """Every document the post names (its plan first), files resolved."""
    plan = values.get("plan")
    refs = ([plan] if plan else []) + list(values.get("documents") or [])
    return [
        Citation(
            ref=ref,
            where=source.shown,
            is_plan=ref is plan,
            file=(
                resolve_file(ref.file, source.path.parent, content_root)
                if ref.file
                else None
            ),
        )
        for ref in refs
    ]


def _field(citation: Citation) -> str:
    return "plan" if citation.is_plan else "documents"


def identity_problems(groups: DocumentGroups) -> list[Problem]:
    """Errors for one number and year written two ways; notes for an undated
    number that several documents share."""
    problems = []
    for conflict in groups.conflicts:
        first, second = conflict.first, conflict.second
        ref = second.ref
        problems.append(
            Problem(
                second.where,
                ref.line,
                _field(second),
                f"văn bản {ref.number} năm {ref.year} được ghi {conflict.what} "
                f'"{conflict.second_value}" ở đây nhưng {conflict.what} '
                f'"{conflict.first_value}" ở {first.where}:{first.ref.line}. '
                "Cùng số và cùng năm là cùng một văn bản: sửa lại cho đúng văn bản "
                "gốc ở một trong hai bài (nếu là hai văn bản khác nhau thì một số "
                "đã bị ghi sai).",
            )
        )
    for entry in groups.entries:
        for citation in entry.citations:
            ref = citation.ref
            if ref.date and ref.year is not None and ref.date.year != ref.year:
                problems.append(
                    Problem(
                        citation.where,
                        ref.line,
                        _field(citation),
                        f"số {ref.number} mang năm {ref.year} nhưng ngày ban hành ghi "
                        f"{ref.date:%d/%m/%Y}: kiểm tra lại số hoặc ngày theo văn bản gốc.",
                        error=False,
                    )
                )
    for page in groups.numbers:
        choices = " hoặc ".join(
            f"{entry.ref.number} ngày {entry.ref.date:%d/%m/%Y}"
            if entry.ref.date
            else f"{entry.ref.number} (năm {entry.year})"
            for entry in page.entries
        )
        years = ", ".join(str(entry.year) for entry in reversed(page.entries))
        for citation in page.undated:
            problems.append(
                Problem(
                    citation.where,
                    citation.ref.line,
                    _field(citation),
                    f"văn bản {citation.ref.number} không ghi ngày ban hành, mà các bài "
                    f"nhắc đến {len(page.entries)} văn bản cùng số này (năm {years}). "
                    f"Ghi thêm ngày để chỉ đúng văn bản: {choices}.",
                    error=False,
                )
            )
    return problems


def check(sources: SiteSources) -> list[Problem]:
    problems: list[Problem] = []
    officials: list[tuple[str, list]] = []
    citations: list[Citation] = []
    files = FileChecker(DocumentSettings.from_settings(sources.settings))

    def slugify(text: str) -> str:
        return slug_for(text, sources.settings)

    for source in sources.files:
        found, values = check_file(source)
        problems += found + body_problems(source, sources.final)
        if values.get("officials"):
            officials.append((source.shown, values["officials"]))
        post_dir = source.path.parent
        for citation in citations_of(source, values, sources.content_root):
            citations.append(citation)
            if citation.ref.file:
                problems += files.problems(
                    citation.ref.file,
                    post_dir,
                    sources.content_root,
                    source.shown,
                    citation.ref.line,
                    _field(citation),
                )
        names: dict[str, str] = {}
        for attachment in values.get("attachments") or []:
            name = published_name(attachment.file, slugify)
            if name in names and names[name] != attachment.file:
                problems.append(
                    Problem(
                        source.shown,
                        attachment.line,
                        "attachments",
                        f'tệp "{attachment.file}" và tệp "{names[name]}" sẽ cùng được '
                        f'đăng với tên "{name}"; đổi tên một trong hai tệp.',
                    )
                )
            names.setdefault(name, attachment.file)
            problems += files.problems(
                attachment.file,
                post_dir,
                sources.content_root,
                source.shown,
                attachment.line,
                "attachments",
            )
    files.cache.save_index()
    groups = group_citations(citations, slugify)
    problems += identity_problems(groups)
    return problems + official_spelling_notes(officials)


def output_folders(settings) -> set[str]:
    from .settings import IndexSettings

    index = IndexSettings.from_settings(settings)
    paths = (index.officials_save_as, index.documents_save_as)
    return {path.split("/", 1)[0] for path in paths if "/" in path}
