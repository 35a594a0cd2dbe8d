"""Files that posts publish: a document's own file and a post's attachments.

A file is named as the officer wrote it and looked for beside the post, then in
the shared ``content/van-ban/`` folder. Whether it can be published (type, size,
encryption, damage, active content) is decided by ``ward_core.officefiles``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ward_core.localfiles import file_size, is_file, proposed_data
from ward_core.officefiles import FILE_TYPES, DocumentCache, file_type
from ward_core.problems import Problem
from ward_core.slugs import clean_file_name

from .settings import DocumentSettings

SHARED_FOLDER = "van-ban"
ACCEPTED = ", ".join(FILE_TYPES.values())
ATTACHMENT_HELP = (
    'viết dạng danh sách, mỗi tệp một dòng "- ten-tep.pdf", hoặc "- file: ten-tep.pdf" '
    f'kèm "title: Tên hiển thị". Nhận các loại tệp {ACCEPTED}.'
)


@dataclass(frozen=True)
class Attachment:
    """A file attached to a post (a form, an announcement, a list of households)."""

    file: str
    title: str = ""
    line: int = field(default=0, compare=False)


def file_name_problem(written: str) -> str:
    """Why ``written`` cannot name a publishable file; "" when it can."""
    if not written:
        return "thiếu tên tệp, ví dụ: file: ke-hoach-342.pdf"
    parts = PurePosixPath(written.replace("\\", "/")).parts
    if written.startswith(("/", "\\")) or ".." in parts or ":" in written:
        return (
            f'"{written}": chỉ ghi tên tệp nằm cạnh bài viết hoặc trong thư mục '
            f"content/{SHARED_FOLDER}/, ví dụ: ke-hoach-342.pdf"
        )
    if not file_type(written):
        return f'tệp "{written}" không đăng được: chỉ nhận các loại tệp {ACCEPTED}.'
    return ""


def published_name(written: str, slugify: Callable[[str], str]) -> str:
    """ "Mẫu đơn kiến nghị.DOCX" -> "mau-don-kien-nghi.docx": safe in any URL,
    and the name the editor stores an uploaded file under."""
    return clean_file_name(written, slugify)


def resolve_file(written: str, post_dir: Path, content_root: Path) -> Path | None:
    """The file beside the post, else in content/van-ban/; never outside content/."""
    root = content_root.resolve()
    for base in (post_dir, root / SHARED_FOLDER):
        candidate = (base / written).resolve()
        if candidate.is_relative_to(root) and is_file(candidate):
            return candidate
    return None


def missing_message(written: str) -> str:
    return (
        f'không tìm thấy tệp "{written}" cạnh bài viết hay trong thư mục '
        f"content/{SHARED_FOLDER}/. Chép tệp vào thư mục của bài (cạnh index.md) "
        "hoặc sửa tên tệp cho đúng (kể cả chữ hoa, chữ thường)."
    )


def file_problems(
    written: str,
    path: Path | None,
    settings: DocumentSettings,
    cache: DocumentCache,
) -> list[tuple[str, bool]]:
    """(message, is_error) about one file, each naming the file."""
    if path is None:
        return [(missing_message(written), True)]
    size = file_size(path)
    if size > settings.max_file_bytes:
        return [
            (
                f'tệp "{written}" nặng {size / 1024 / 1024:.0f} MB, quá giới hạn '
                f"{settings.max_file_mb} MB. Hãy nén hoặc chia nhỏ tệp (giới hạn đặt ở "
                'WARD_DOCUMENTS["max_file_mb"] trong pelicanconf.py).',
                True,
            )
        ]
    analysis = cache.analysis(path, file_type(written), proposed_data(path))
    return [(f'tệp "{written}": {f.message}', f.error) for f in analysis.findings]


class FileChecker:
    """Checks each file once per run, however many posts name it."""

    def __init__(self, settings: DocumentSettings) -> None:
        self.settings = settings
        self.cache = DocumentCache(settings.cache_root)
        self._seen: dict[tuple[str, Path | None], list[tuple[str, bool]]] = {}

    def problems(
        self,
        written: str,
        post_dir: Path,
        content_root: Path,
        where: str,
        line: int,
        field_name: str,
    ) -> list[Problem]:
        path = resolve_file(written, post_dir, content_root)
        key = (written, path)
        if key not in self._seen:
            self._seen[key] = file_problems(written, path, self.settings, self.cache)
        return [
            Problem(where, line, field_name, message, error)
            for message, error in self._seen[key]
        ]
