"""Write an ImportedPost as a post folder: front matter, Markdown body, gallery."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from markdownify import markdownify
from ward_frontmatter.schema import DATE_PLACEHOLDER

from ward_core.pasted import clean_markdown, clean_text
from ward_core.slugs import clean_file_name, free_file_name

from ..content_index import yaml_quote
from .extract import propose
from .model import ImportedPost

MARKER = ".nhap-tu-cong-cu.json"  # what the importer wrote, to detect later edits
# Posts whose date was not found wait here until the officer writes the date.
UNDATED_FOLDER = "chua-ro-ngay"
UNDATED_NOTE = (
    f'không tìm thấy ngày đăng trong bài cũ: đã ghi "date: {DATE_PLACEHOLDER}". '
    "make check và việc xây dựng trang sẽ báo lỗi cho đến khi bạn thay bằng ngày "
    "đăng thật (xem bài gốc)."
)


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


def render(
    post: ImportedPost,
    slug: str,
    photo_names: list[tuple[str, str]],
    document_name: str = "",
) -> str:
    text = BeautifulSoup(post.body_html, "html.parser").get_text(" ")
    proposals = propose(text)
    date = f"{post.date:%d/%m/%Y %H:%M}" if post.date else yaml_quote(DATE_PLACEHOLDER)
    lines = [
        "---",
        f"title: {yaml_quote(post.title)}",
        f"date: {date}",
        f"slug: {slug}",
    ]
    if post.category:
        lines.append(f"category: {yaml_quote(post.category)}")
    if post.summary:
        lines.append(f"summary: {yaml_quote(post.summary)}")
    if post.former_unit:
        lines.append(f"former_unit: {yaml_quote(post.former_unit)}")
    if post.status != "published":
        lines.append(f"status: {post.status}")
    document = post.document
    if document is not None and document.number:
        # The post is this document: cited with its number, date and file.
        proposals.documents = [
            entry for entry in proposals.documents if document.number not in entry
        ]
        if proposals.plan.startswith(document.number):
            proposals.plan = ""
        lines.append("documents:")
        lines.append(f"  - number: {yaml_quote(document.number)}")
        if document.date:
            lines.append(f"    date: {document.date:%d/%m/%Y}")
        if document.title:
            lines.append(f"    title: {yaml_quote(document.title)}")
        lines.append(f"    file: {document_name}")
        if proposals.documents:
            lines.append("  # CẦN KIỂM TRA: các văn bản dưới do công cụ nhập tự trích.")
            lines += [f"  - {yaml_quote(d)}" for d in proposals.documents]
            proposals.documents = []
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
    if document is not None and not document.number and document_name:
        lines.append("attachments:")
        lines.append(f"  - file: {document_name}")
    if photo_names:
        lines.append("gallery:")
        for name, caption in photo_names:
            lines.append(f"  - src: {name}")
            lines.append(
                f"    caption: {yaml_quote(caption)}"
                + ("" if caption else "  # TODO: viết chú thích")
            )
    lines.append("---")
    # Old portals' pages were often pasted from Word: the editor's cleaning rule.
    body = clean_markdown(to_markdown(post.body_html))
    return clean_text("\n".join(lines)) + "\n\n" + body


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def source_key(origin: str) -> str:
    """The same source file gives the same key, whatever folder the tool ran from."""
    path, _, item = origin.partition(" (")
    return str(Path(path).resolve()) + (f" ({item}" if item else "")


def owner_of(index: Path) -> str | None:
    """The source an imported post came from (None: written by hand)."""
    marker = index.parent / MARKER
    if index.name != "index.md" or not marker.is_file():
        return None
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
    return recorded.get("source_key") or (
        source_key(recorded["source"]) if recorded.get("source") else None
    )


def default_folder(post: ImportedPost, posts_root: Path, slug: str) -> Path:
    year = str(post.date.year) if post.date else UNDATED_FOLDER
    return posts_root / year / slug


def write_post(
    post: ImportedPost, folder: Path, slug: str, slugify, force: bool
) -> WriteResult:
    names: list[tuple[str, str]] = []
    copies: list[tuple[bytes | Path, str]] = []
    used: set[str] = set()
    for photo in post.photos:
        if photo.source is None and photo.data is None:
            continue
        original = photo.source.name if photo.source else photo.reference
        name = free_file_name(clean_file_name(original, slugify), used.__contains__)
        used.add(name)
        names.append((name, photo.caption))
        copies.append((photo.data if photo.data is not None else photo.source, name))
    document_name = ""
    if post.document is not None:
        document_name = clean_file_name(post.document.file_name, slugify)
        copies.append((post.document.data, document_name))
    text = render(post, slug, names, document_name)
    index = folder / "index.md"
    marker = folder / MARKER
    if index.exists():
        current = index.read_text(encoding="utf-8")
        try:
            recorded = json.loads(marker.read_text()) if marker.exists() else {}
        except ValueError:
            recorded = {}
        if current == text:
            return WriteResult(index, "không đổi")
        if not force and _digest(current) != recorded.get("written"):
            return WriteResult(index, "bỏ qua (đã sửa tay, dùng --force để ghi đè)")
        action = "cập nhật"
    else:
        action = "mới"
    folder.mkdir(parents=True, exist_ok=True)
    for source, name in copies:
        data = source if isinstance(source, bytes) else source.read_bytes()
        target = folder / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    index.write_text(text, encoding="utf-8")
    marker.write_text(
        json.dumps(
            {
                "source": post.origin,
                "source_key": source_key(post.origin),
                "written": _digest(text),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return WriteResult(index, action)
