"""Published addresses never break: a post whose address changed keeps the old one.

A final build (`make publish`) records, in content/data/dia-chi-da-dang.yml, the
address (slug) each post was published at. When a later final build finds a
post at another address (its title was edited and it has no `slug:` line), it
adds a redirect from the old address to the new one (content/data/chuyen-huong.yml,
which the redirects plugin turns into a redirect page, `_redirects` and the
nginx map), moves the post's comments file to the new address, and tells the
officer. Runs before the checkers, so the moved comments file is found.
A published post whose file is gone (deleted by hand, not through the editor's
trash) is recorded as withdrawn (content/data/bai-da-go.yml): its address shows
"Bài viết này đã được gỡ xuống" instead of a bare 404.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ward_comments.stub import CommentSettings
from ward_redirects.model import DATA_FILE, Redirect, parse_redirects, render_redirects
from ward_redirects.withdrawn import (
    WITHDRAWN_FILE,
    Withdrawn,
    parse_withdrawn,
    render_withdrawn,
)

from ward_core.dates import VIETNAM
from ward_core.ledger import LEDGER, read_ledger
from ward_core.sources import load_sources
from ward_core.textfile import read_text

LEDGER_HEADER = (
    "# Địa chỉ (slug) mỗi bài đã được đăng, do make publish tự ghi: khi địa chỉ một\n"
    "# bài thay đổi, địa chỉ cũ được chuyển hướng sang địa chỉ mới. Không cần sửa tay.\n"
)


def _write_ledger(path: Path, ledger: Mapping[str, str]) -> None:
    lines = [
        f"{json.dumps(source, ensure_ascii=False)}: {slug}"
        for source, slug in sorted(ledger.items())
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(LEDGER_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def _old_address(settings: Mapping[str, Any], slug: str) -> str:
    pattern = str(settings.get("ARTICLE_URL") or "{slug}/")
    try:
        return "/" + pattern.format(slug=slug).lstrip("/")
    except (KeyError, IndexError, ValueError):
        return f"/{slug}/"


def follow_moved_addresses(
    settings: Mapping[str, Any], content_root: Path
) -> list[str]:
    """Record published addresses; redirect and move comments for changed ones.
    Returns a Vietnamese notice per moved post."""
    sources = load_sources(settings, content_root)
    root = sources.content_root
    current: dict[str, str] = {}
    for source in sources.articles:
        status = source.header.get("status")
        if source.problems or (isinstance(status, str) and status.strip() == "draft"):
            continue
        slug = sources.slug_of(source)
        if slug:
            current[source.path.relative_to(root).as_posix()] = slug
    ledger_path = root / LEDGER
    ledger = read_ledger(root)
    moves = {
        relative: (ledger[relative], slug)
        for relative, slug in current.items()
        if relative in ledger and ledger[relative] != slug
    }
    notices = []
    if moves:
        notices = _redirect(settings, root, moves)
    gone = {
        relative: slug
        for relative, slug in ledger.items()
        if relative not in current
        and not (root / relative).exists()
        and slug not in current.values()
    }
    if gone:
        notices += _withdraw(settings, root, gone)
    if (
        current != {k: v for k, v in ledger.items() if k in current}
        or not ledger_path.exists()
    ):
        _write_ledger(ledger_path, {**ledger, **current})
    return notices


def _redirect(
    settings: Mapping[str, Any], root: Path, moves: dict[str, tuple[str, str]]
) -> list[str]:
    redirects_path = root / DATA_FILE
    entries: list[Redirect] = []
    if redirects_path.is_file():
        entries = list(parse_redirects(read_text(redirects_path)).entries)
    renamed = {old: new for old, new in moves.values()}
    # Old addresses that led to a moved post now lead to its new address.
    entries = [
        Redirect(e.old, renamed.get(e.slug, e.slug), e.former_unit, e.line)
        for e in entries
    ]
    known = {(e.old, e.slug) for e in entries}
    folder = root / CommentSettings.from_settings(settings).folder
    notices = []
    for relative, (old, new) in sorted(moves.items()):
        address = _old_address(settings, old)
        if (address, new) not in known:
            entries.append(Redirect(address, new))
        moved_comments = ""
        for suffix in (".yml", ".yaml"):
            source, target = folder / f"{old}{suffix}", folder / f"{new}{suffix}"
            if source.is_file() and not target.exists():
                source.rename(target)
                moved_comments = f" Tệp bình luận đã đổi tên thành {target.name}."
        notices.append(
            f"content/{relative}: địa chỉ bài đổi từ {address} thành "
            f"{_old_address(settings, new)} (tiêu đề đã sửa). Địa chỉ cũ vẫn dùng được: "
            f"đã thêm chuyển hướng vào content/{DATA_FILE}.{moved_comments} Muốn giữ "
            f'địa chỉ cũ thì thêm dòng "slug: {old}" vào phần đầu bài.'
        )
    redirects_path.parent.mkdir(parents=True, exist_ok=True)
    redirects_path.write_text(render_redirects(entries), encoding="utf-8")
    return notices


def _withdraw(
    settings: Mapping[str, Any], root: Path, gone: dict[str, str]
) -> list[str]:
    path = root / WITHDRAWN_FILE
    entries = parse_withdrawn(read_text(path)) if path.is_file() else []
    known = {entry.slug for entry in entries}
    today = f"{dt.datetime.now(VIETNAM):%d/%m/%Y}"
    notices = []
    for relative, slug in sorted(gone.items()):
        if slug in known:
            continue
        known.add(slug)
        entries.append(Withdrawn(slug, "", today))
        notices.append(
            f"content/{relative}: bài đã đăng ở {_old_address(settings, slug)} không "
            "còn; địa chỉ đó nay hiện trang “Bài viết này đã được gỡ xuống” (ghi trong "
            f"content/{WITHDRAWN_FILE}). Muốn đăng lại: đưa bài về chỗ cũ (hoặc khôi "
            "phục trong Thùng rác của trình soạn)."
        )
    if notices:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_withdrawn(entries), encoding="utf-8")
    return notices
