"""The comments plugin's checker: settings, each post's `comments:` mode and every
approved comments file. Shared by the build, `make check` and the editor's save;
the generator reads the files through `read_comment_files` too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ward_core.buildtime import validation_datetime
from ward_core.ledger import read_ledger
from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources

from .model import STATUSES, Comment, parse_comments
from .stub import CommentSettings

COMMENT_FILES = ("*.yml", "*.yaml")
STATUS_HELP = "không hợp lệ; dùng open (mở), closed (đóng) hoặc hidden (ẩn)."


def no_post_message(slug: str, folder: str, moved_from: str = "") -> str:
    if moved_from:
        return (
            f'{moved_from} trước đây được đăng ở địa chỉ "{slug}" nhưng nay địa chỉ đã '
            f'đổi (tiêu đề đã sửa). Thêm dòng "slug: {slug}" vào phần đầu bài để giữ '
            "địa chỉ cũ (nên làm), hoặc make publish sẽ tự chuyển bình luận sang địa chỉ mới."
        )
    return (
        f'không có bài viết nào có địa chỉ (slug) "{slug}". Đặt tên tệp bằng slug '
        f"của bài, ví dụ content/{folder}/hoi-nghi-doi-thoai.yml."
    )


def status_problem(value: Any, line: int) -> Problem | None:
    """A post's `comments:` value, if it is not one of the three modes."""
    if value is None or (isinstance(value, str) and value.strip() in STATUSES):
        return None
    shown = value.strip() if isinstance(value, str) else "…"
    return Problem(line=line, field="comments", message=f'"{shown}" {STATUS_HELP}')


def read_comment_files(
    paths: Iterable[Path],
    read: Callable[[Path], str],
    slugs: set[str],
    folder_name: str,
    now: dt.datetime,
    published_at: dict[str, str] | None = None,
) -> tuple[dict[str, list[Comment]], list[Problem]]:
    """Approved comments by post slug, and the problems of the files."""
    by_slug: dict[str, list[Comment]] = {}
    problems: list[Problem] = []
    for path in paths:
        shown = display_path(str(path))
        try:
            text = read(path)
        except SiteError as exc:
            problems += exc.problems
            continue
        if path.stem not in slugs:
            moved_from = (published_at or {}).get(path.stem, "")
            problems.append(
                Problem(
                    shown, message=no_post_message(path.stem, folder_name, moved_from)
                )
            )
            continue
        parsed = parse_comments(text, now)
        problems += placed(parsed.problems, shown)
        by_slug[path.stem] = parsed.comments
    return by_slug, problems


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = CommentSettings.from_settings(sources.settings)
    except SiteError as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    for source in sources.articles:
        problem = status_problem(
            source.header.get("comments"), source.line_of("comments")
        )
        if problem and not source.problems:
            problems.append(problem.at(source.shown))
    read = read_comment_files(
        sources.data_files(sources.content_root / settings.folder, COMMENT_FILES),
        sources.read,
        {sources.slug_of(source) for source in sources.articles},
        settings.folder,
        validation_datetime(sources.settings),
        {
            slug: f"content/{post}"
            for post, slug in read_ledger(sources.content_root).items()
        },
    )
    _, found = sources.keep_fact("ward_comments", read)
    return problems + found
