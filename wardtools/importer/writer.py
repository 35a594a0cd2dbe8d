"""Write an ImportedPost as a post folder: front matter, Markdown body, gallery."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markdownify import markdownify

from ward_core.dates import VIETNAM

from ..content_index import clean_photo_name, yaml_quote
from .extract import propose
from .model import ImportedPost

MARKER = ".nhap-tu-cong-cu.json"  # what the importer wrote, to detect later edits


@dataclass
class WriteResult:
    path: Path
    action: str  # "mới", "cập nhật", "không đổi", "bỏ qua (đã sửa tay)"


def to_markdown(html: str) -> str:
    text = markdownify(
        html, heading_style="ATX", bullets="-", strip=["span", "font", "div"]
    )
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def render(post: ImportedPost, slug: str, photo_names: list[tuple[str, str]]) -> str:
    from bs4 import BeautifulSoup

    text = BeautifulSoup(post.body_html, "html.parser").get_text(" ")
    proposals = propose(text)
    date = post.date or _fallback_date(post)
    lines = [
        "---",
        f"title: {yaml_quote(post.title)}",
        f"date: {date:%d/%m/%Y %H:%M}",
        f"slug: {slug}",
    ]
    if post.category:
        lines.append(f"category: {yaml_quote(post.category)}")
    if post.status != "published":
        lines.append(f"status: {post.status}")
    if proposals.plan or proposals.documents or proposals.officials:
        lines.append(
            "# CẦN KIỂM TRA: các dòng dưới do công cụ nhập tự trích từ nội dung cũ."
        )
        if proposals.plan:
            lines.append(f"plan: {yaml_quote(proposals.plan)}")
        if proposals.documents:
            lines.append("documents:")
            lines += [f"  - {yaml_quote(d)}" for d in proposals.documents]
        if proposals.officials:
            lines.append("officials:")
            lines += [f"  - {yaml_quote(o)}" for o in proposals.officials]
    if photo_names:
        lines.append("gallery:")
        for name, caption in photo_names:
            lines.append(f"  - src: {name}")
            lines.append(
                f"    caption: {yaml_quote(caption)}"
                + ("" if caption else "  # TODO: viết chú thích")
            )
    lines.append("---")
    return "\n".join(lines) + "\n\n" + to_markdown(post.body_html)


def _fallback_date(post: ImportedPost) -> dt.datetime:
    """No date in the old page: the saved file's time, so re-imports stay identical."""
    origin = Path(post.origin.split(" (", 1)[0])
    stamp = origin.stat().st_mtime if origin.exists() else 0
    return dt.datetime.fromtimestamp(stamp, VIETNAM).replace(second=0, microsecond=0)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def write_post(
    post: ImportedPost, posts_root: Path, slugify, force: bool
) -> WriteResult:
    slug = slugify(post.slug) if post.slug else slugify(post.title)
    year = (post.date or _fallback_date(post)).year
    folder = posts_root / str(year) / slug
    names: list[tuple[str, str]] = []
    copies: list[tuple[Path, str]] = []
    used: set[str] = set()
    for photo in post.photos:
        if photo.source is None:
            continue
        name = clean_photo_name(photo.source.name, slugify)
        stem, suffix = Path(name).stem, Path(name).suffix
        number = 2
        while name in used:
            name = f"{stem}-{number}{suffix}"
            number += 1
        used.add(name)
        names.append((name, photo.caption))
        copies.append((photo.source, name))
    text = render(post, slug, names)
    index = folder / "index.md"
    marker = folder / MARKER
    if index.exists():
        current = index.read_text(encoding="utf-8")
        recorded = json.loads(marker.read_text()) if marker.exists() else {}
        if current == text:
            return WriteResult(index, "không đổi")
        if not force and _digest(current) != recorded.get("written"):
            return WriteResult(index, "bỏ qua (đã sửa tay, dùng --force để ghi đè)")
        action = "cập nhật"
    else:
        action = "mới"
    folder.mkdir(parents=True, exist_ok=True)
    for source, name in copies:
        target = folder / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    index.write_text(text, encoding="utf-8")
    marker.write_text(
        json.dumps(
            {"source": post.origin, "written": _digest(text)},
            ensure_ascii=False,
            indent=1,
        )
    )
    return WriteResult(index, action)
