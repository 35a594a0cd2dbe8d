"""Delete is recoverable: the editor moves what it deletes into
content/.thung-rac/ (skipped by the build, the watcher and the editor's lists
like OS litter, ward_core/litter.py) and restores it from there.

A post is deleted with its folder (photos, attachments) and its comments file.
A published post leaves a record in content/data/bai-da-go.yml, so its
address shows "Bài viết này đã được gỡ xuống ngày …" (plugins/ward_redirects)
until it is restored.

content/.thung-rac/<time>-<name>/muc.json   what it was, when it was deleted
content/.thung-rac/<time>-<name>/tep/…      the files, at their content/ paths
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from ward_comments.stub import CommentSettings
from ward_redirects.withdrawn import (
    WITHDRAWN_FILE,
    Withdrawn,
    parse_withdrawn,
    render_withdrawn,
)

from ward_core.ledger import read_ledger
from ward_core.litter import TRASH_FOLDER
from ward_core.sources import MARKDOWN_SUFFIXES, read_source, slug_for

RECORD = "muc.json"
FILES = "tep"
_ITEM_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[a-z0-9-]{1,90}$")


class TrashError(Exception):
    """Restoring is not possible (the message is for the officer)."""


@dataclass(frozen=True)
class TrashItem:
    id: str
    title: str
    deleted: str  # "09:14 06/12/2026"
    deleted_iso: str
    kind: str  # "bài viết", "trang", "bình luận", "tệp"
    files: list[str]  # paths relative to content/
    slug: str = ""
    published: bool = False


def write_text_atomically(path: Path, text: str) -> None:
    from .backend import write_atomically  # backend imports this module

    write_atomically(path, text.encode("utf-8"))


class Trash:
    def __init__(self, settings: dict, content_root: Path) -> None:
        self.settings = settings
        self.root = content_root.resolve()
        self.folder = self.root / TRASH_FOLDER
        try:
            self.zone = ZoneInfo(str(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh"))
        except (KeyError, ValueError):
            self.zone = ZoneInfo("Asia/Ho_Chi_Minh")

    # --- deleting ---------------------------------------------------------------

    def _kind(self, relative: Path) -> str:
        top = relative.parts[0]
        if relative.suffix not in (*MARKDOWN_SUFFIXES, ".yml", ".yaml"):
            return "tệp"
        if top in (self.settings.get("ARTICLE_PATHS") or ["posts"]):
            return "bài viết"
        if top in (self.settings.get("PAGE_PATHS") or ["pages"]):
            return "trang"
        if top == CommentSettings.from_settings(self.settings).folder:
            return "bình luận"
        return "tệp"

    def _moved_with(self, path: Path, kind: str) -> tuple[list[Path], str, str]:
        """The files that go with `path`, its title and its address (slug)."""
        if kind == "bình luận":
            return [path], f"Bình luận của bài {path.stem}", ""
        if kind not in ("bài viết", "trang"):
            return [path], path.name, ""
        header = dict(read_source(path, is_page=kind == "trang").header)
        title = " ".join(str(header.get("title", "") or "").split())
        folder = path.parent
        # An unreadable post has no title: the address it was published at, if any.
        relative = path.relative_to(self.root).as_posix()
        slug = str(header.get("slug", "") or "") or (
            slug_for(title, self.settings)
            if title
            else read_ledger(self.root).get(relative, "")
        )
        if not title:
            title = folder.name if path.stem == "index" else path.name
        files = [path]
        # A post in a folder of its own (index.md): its photos and documents too.
        if path.stem == "index" and folder.parent != self.root:
            files = sorted(p for p in folder.rglob("*") if p.is_file())
        comments = self.root / CommentSettings.from_settings(self.settings).folder
        files += [
            comments / f"{slug}{suffix}"
            for suffix in (".yml", ".yaml")
            if slug and (comments / f"{slug}{suffix}").is_file()
        ]
        return files, title, slug

    def put(self, path: Path) -> list[Path]:
        """Move `path` (and what belongs to it) into the trash; the paths that
        left content/. Empty folders left behind are removed."""
        relative = path.relative_to(self.root)
        kind = self._kind(relative)
        files, title, slug = self._moved_with(path, kind)
        published = kind == "bài viết" and bool(slug) and self._published(path)
        now = dt.datetime.now(self.zone)
        name = re.sub(r"[^a-z0-9]+", "-", (slug or path.stem).lower()).strip("-")
        item_id = f"{now:%Y%m%d-%H%M%S}-{name[:80] or 'muc'}"
        target = self.folder / item_id
        counter = 1
        while target.exists():
            counter += 1
            target = self.folder / f"{item_id}-{counter}"
        item = TrashItem(
            id=target.name,
            title=title,
            deleted=f"{now:%H:%M %d/%m/%Y}",
            deleted_iso=now.isoformat(timespec="seconds"),
            kind=kind,
            files=[f.relative_to(self.root).as_posix() for f in files],
            slug=slug,
            published=published,
        )
        (target / FILES).mkdir(parents=True)
        write_text_atomically(
            target / RECORD, json.dumps(asdict(item), ensure_ascii=False, indent=1)
        )
        for file in files:
            destination = target / FILES / file.relative_to(self.root)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(file, destination)
            self._prune(file.parent)
        changed = list(files)
        if published and slug:
            changed.append(self._withdraw(slug, title, f"{now:%d/%m/%Y}"))
        return changed

    def _published(self, path: Path) -> bool:
        status = read_source(path, is_page=False).header.get("status")
        return str(status or "published").strip() != "draft"

    def _prune(self, folder: Path) -> None:
        """Remove folders left empty (never content/ or a top folder like posts/)."""
        while (
            self.root not in (folder, folder.parent)
            and folder.is_dir()
            and not any(folder.iterdir())
        ):
            folder.rmdir()
            folder = folder.parent

    # --- the withdrawn-addresses file --------------------------------------------

    def _withdrawn(self) -> list[Withdrawn]:
        path = self.root / WITHDRAWN_FILE
        return (
            parse_withdrawn(path.read_text(encoding="utf-8")) if path.is_file() else []
        )

    def _withdraw(self, slug: str, title: str, date: str) -> Path:
        kept = [w for w in self._withdrawn() if w.slug != slug]
        path = self.root / WITHDRAWN_FILE
        write_text_atomically(
            path, render_withdrawn([*kept, Withdrawn(slug, title, date)])
        )
        return path

    def _unwithdraw(self, slug: str) -> list[Path]:
        entries = self._withdrawn()
        kept = [w for w in entries if w.slug != slug]
        if len(kept) == len(entries):
            return []
        path = self.root / WITHDRAWN_FILE
        write_text_atomically(path, render_withdrawn(kept))
        return [path]

    # --- listing and restoring ---------------------------------------------------

    def items(self) -> list[TrashItem]:
        """What is in the trash, newest first."""
        found = []
        if not self.folder.is_dir():
            return found
        for record in self.folder.glob(f"*/{RECORD}"):
            try:
                data = json.loads(record.read_text(encoding="utf-8"))
                found.append(TrashItem(**data))
            except (OSError, ValueError, TypeError):
                continue  # a record we cannot read is left alone
        return sorted(found, key=lambda item: item.deleted_iso, reverse=True)

    def restore(self, item_id: str) -> tuple[TrashItem, list[Path]]:
        """Put an item's files back where they were; refused (nothing moved)
        when something else is there now."""
        if not isinstance(item_id, str) or not _ITEM_ID.match(item_id):
            raise TrashError("không có mục này trong Thùng rác.")
        target = self.folder / item_id
        item = next((i for i in self.items() if i.id == item_id), None)
        if item is None:
            raise TrashError(
                "không có mục này trong Thùng rác (có thể đã được khôi phục)."
            )
        if any(".." in Path(name).parts or name.startswith(".") for name in item.files):
            raise TrashError(f'mục "{item.title}" trong Thùng rác bị hỏng.')
        moves = [(target / FILES / name, self.root / name) for name in item.files]
        taken = [back for _, back in moves if back.exists()]
        if taken:
            raise TrashError(
                f'Chưa khôi phục "{item.title}": đã có tệp khác ở chỗ cũ '
                f"(content/{taken[0].relative_to(self.root).as_posix()}). Đổi tên "
                "hoặc chuyển tệp đó đi trước rồi thử lại."
            )
        for source, back in moves:
            if source.is_file():
                back.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, back)
        changed = [back for _, back in moves]
        if item.published and item.slug:
            changed += self._unwithdraw(item.slug)
        shutil.rmtree(target)
        return item, changed
