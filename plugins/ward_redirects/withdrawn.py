"""Posts taken down (content/data/bai-da-go.yml): their published address keeps
answering with a page that says the post was withdrawn, not a bare 404.

The editor writes an entry when a published post is deleted (moved to the
trash) and removes it when the post is restored; `make publish` builds the
pages from the file, so a withdrawn address stays explained. No Pelican here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ward_core.yamltree import YamlSyntaxError, parse_yaml_text

WITHDRAWN_FILE = "data/bai-da-go.yml"
HEADER = (
    "# Bài đã gỡ xuống (xóa trong trình soạn, còn trong Thùng rác hoặc đã xóa hẳn):\n"
    "# địa chỉ cũ của bài hiện trang báo bài đã được gỡ xuống. Trình soạn tự ghi tệp\n"
    "# này; khôi phục bài trong Thùng rác thì mục của nó tự được xóa.\n"
)


@dataclass(frozen=True)
class Withdrawn:
    slug: str
    title: str
    date: str  # dd/mm/yyyy, as the page shows it


def parse_withdrawn(text: str) -> list[Withdrawn]:
    """The file's entries; what cannot be read is left out (the file is ours)."""
    try:
        tree = parse_yaml_text(text, 1, subject="tệp bài đã gỡ")
    except YamlSyntaxError:
        return []
    found = []
    for item in tree if isinstance(tree, list) else []:
        if not isinstance(item, dict):
            continue
        slug, title, date = (item.get(k) for k in ("slug", "title", "date"))
        if isinstance(slug, str) and slug.strip():
            found.append(
                Withdrawn(
                    slug.strip(),
                    title.strip() if isinstance(title, str) else "",
                    date.strip() if isinstance(date, str) else "",
                )
            )
    return found


def render_withdrawn(entries: list[Withdrawn]) -> str:
    lines = [HEADER.rstrip("\n")]
    for entry in sorted(entries, key=lambda e: e.slug):
        lines.append(f"- slug: {json.dumps(entry.slug, ensure_ascii=False)}")
        lines.append(f"  title: {json.dumps(entry.title, ensure_ascii=False)}")
        lines.append(f"  date: {json.dumps(entry.date, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def withdrawn_slugs(content_root: Path) -> set[str]:
    path = content_root / WITHDRAWN_FILE
    if not path.is_file():
        return set()
    return {entry.slug for entry in parse_withdrawn(path.read_text(encoding="utf-8"))}
