"""Reuse the pages of the last good build that cannot have changed.

A build is staged in an empty folder and swapped in whole. Rendering every page
again after one post's body was edited is most of the cost of `make html`, so
the build keeps a record, beside the output, of every page it rendered: a
fingerprint of what the page is made of, and the files written for it. The next
build renders a page only if its fingerprint changed; otherwise the previous
output's files are hard-linked into the staging folder (never written through:
nothing in the published output changes until the swap).

A page's fingerprint is made of
- the site's fingerprint: every input of the build except the Markdown sources
  (theme, plugins, tools, settings, data files, comments, photos…: computed by
  the tool that starts the build, ``inputs``), plus, for every post and page,
  everything lists and indexes show of it (its metadata as read, its address,
  its views' listing keys);
- the page's own address, template and arguments;
- the body of the post or page it shows, as rendered (photos placed in it).
So a change to one post's body re-renders that post's page only; any other
change (a title, a date, a comment, a theme file) re-renders everything.

Set by the tool in the build's session (``ward_core.session``: ``previous``,
``inputs``); without them (or without a readable record) every page is
rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD_VERSION = 1


@dataclass
class RenderedPage:
    fingerprint: str
    # The files written for it (a paginated list writes several), relative
    # to the output, with their (size, mtime_ns) once the build finished.
    files: dict[str, list[int]] = field(default_factory=dict)


def record_path(output: Path) -> Path:
    return output.parent / f".{output.name}-pages.json"


def load_record(output: Path) -> dict[str, RenderedPage]:
    """The pages of the last good build into ``output`` ({} when unknown)."""
    try:
        raw = json.loads(record_path(output).read_text(encoding="utf-8"))
        if raw.get("version") != RECORD_VERSION:
            return {}
        return {
            name: RenderedPage(entry["fingerprint"], dict(entry["files"]))
            for name, entry in raw["pages"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def load_search_state(output: Path) -> Any:
    """What the search index of the last good build into ``output`` holds, as
    the search plugin recorded it (None when unknown): the next build seeds
    Pagefind with it."""
    try:
        raw = json.loads(record_path(output).read_text(encoding="utf-8"))
        return raw.get("search") if raw.get("version") == RECORD_VERSION else None
    except (OSError, ValueError, AttributeError):
        return None


def save_record(
    output: Path, pages: Mapping[str, RenderedPage], search: Any = None
) -> None:
    """``search``: the search plugin's record of its index (JSON), if any."""
    data = {
        "version": RECORD_VERSION,
        "pages": {
            name: {"fingerprint": page.fingerprint, "files": page.files}
            for name, page in sorted(pages.items())
        },
    }
    if search is not None:
        data["search"] = search
    target = record_path(output)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, target)


def forget_record(output: Path) -> None:
    record_path(output).unlink(missing_ok=True)


def stamp_files(root: Path, pages: Mapping[str, RenderedPage]) -> None:
    """Fill in each file's (size, mtime_ns) as the build left it; a page with a
    file gone missing is dropped (it will be rendered next time)."""
    for name in list(pages):
        page = pages[name]
        try:
            for relative in page.files:
                stat = os.stat(root / relative)
                page.files[relative] = [stat.st_size, stat.st_mtime_ns]
        except OSError:
            del pages[name]


def unchanged_files(previous: Path, page: RenderedPage) -> bool:
    """The previous output still holds the page's files as the build left them
    (nobody edited or removed them by hand since)."""
    try:
        for relative, stamp in page.files.items():
            stat = os.stat(previous / relative)
            if [stat.st_size, stat.st_mtime_ns] != list(stamp):
                return False
    except OSError:
        return False
    return bool(page.files)


def digest(parts: Iterable[Any]) -> str:
    """A digest of reprs: values without a stable repr (an object's address)
    make every digest differ, which only costs a render."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def link_all(pairs: Iterable[tuple[Path, Path]]) -> None:
    """``link_or_copy`` for many files, making each folder once (thousands of
    pages each in a folder of its own: ``mkdir`` calls add up on a slow disk)."""
    made: set[Path] = set()
    for source, target in pairs:
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _link_or_copy(source, target)


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _link_or_copy(source, target)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copy2(source, target)
