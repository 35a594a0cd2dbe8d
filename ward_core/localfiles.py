"""Find files that officers name in content (photos, banners), whatever the name.

A name typed on Windows is NFC; a file copied from a Mac may be named in NFD
("Hòa" as o + combining grave). Both mean the same file. Names that cannot be
a file at all (a NUL byte, longer than the file system allows) are simply
not found, never an exception.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def find_entry(path: Path) -> Path | None:
    """``path`` as it is on disk, each part matched regardless of normalisation."""
    if _exists(path):
        return path
    parent = path.parent
    if parent == path:
        return None
    real_parent = find_entry(parent)
    if real_parent is None:
        return None
    try:
        with os.scandir(real_parent) as entries:
            for entry in entries:
                if _same_name(entry.name, path.name):
                    return real_parent / entry.name
    except (OSError, ValueError):
        return None
    return None


def find_file(path: Path) -> Path | None:
    """The file at ``path`` (absolute), or None when there is no such file."""
    found = find_entry(path)
    return found if found is not None and is_file(found) else None


def is_dangling_link(path: str | Path) -> bool:
    """A symlink whose target is gone (deleted, or on a USB stick since removed)."""
    try:
        return os.path.islink(path) and not os.path.exists(path)
    except (OSError, ValueError):
        return False


def content_file(
    root: Path, written: str, suffixes: tuple[str, ...], example: str
) -> tuple[Path | None, str]:
    """The file a data file names (relative to content/, any Unicode form of its
    name), or None and why not, in Vietnamese."""
    if Path(written).suffix.lower() not in suffixes:
        return None, f'tệp "{written}" phải có đuôi {", ".join(suffixes)}.'
    candidate = (root / written.replace("\0", "")).resolve()
    if not candidate.is_relative_to(root.resolve()):
        return None, f'tệp "{written}" nằm ngoài content/.'
    found = find_file(candidate)
    if found is None:
        return None, (
            f'không tìm thấy tệp "{written}" (đường dẫn tính từ thư mục content/, '
            f"ví dụ {example})."
        )
    return found, ""
