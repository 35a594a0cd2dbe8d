"""Find files that officers name in content (photos, banners), whatever the name.

A name typed on Windows is NFC; a file copied from a Mac may be named in NFD
("Hòa" as o + combining grave). Both mean the same file. Names that cannot be
a file at all (a NUL byte, longer than the file system allows) are simply
not found, never an exception.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType

# The files the editor is about to write (absolute path -> bytes): while its
# save is checked (``proposed_files``), the checks find them as if they were
# on disk, so no photo or document is written before the save passes. Empty
# in a build and outside that check.
_PROPOSED: ContextVar[Mapping[Path, bytes]] = ContextVar(
    "proposed_files", default=MappingProxyType({})
)


@contextmanager
def proposed_files(files: Mapping[Path, bytes]) -> Iterator[None]:
    """The checks inside see ``files`` (absolute paths) as if on disk."""
    token = _PROPOSED.set({Path(path).resolve(): data for path, data in files.items()})
    try:
        yield
    finally:
        _PROPOSED.reset(token)


def proposed_data(path: Path) -> bytes | None:
    """The bytes proposed for ``path`` in the check under way, if any."""
    files = _PROPOSED.get()
    if not files:
        return None
    found = files.get(path)
    if found is None:
        try:
            found = files.get(path.resolve())
        except (OSError, ValueError):
            return None
    return found


def file_size(path: Path) -> int:
    """The size of the file at ``path``, proposed or on disk (OSError if none)."""
    data = proposed_data(path)
    return len(data) if data is not None else path.stat().st_size


def _exists(path: Path) -> bool:
    if proposed_data(path) is not None:
        return True
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def is_file(path: Path) -> bool:
    if proposed_data(path) is not None:
        return True
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
