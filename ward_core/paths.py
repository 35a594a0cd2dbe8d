"""Paths as the officer sees them in messages."""

from __future__ import annotations

import functools
import os


def display_path(path: str) -> str:
    """Relative to the working folder when inside it, else as given."""
    return _display_path(path, os.getcwd())


@functools.lru_cache(maxsize=1 << 16)
def _display_path(path: str, folder: str) -> str:
    # Every citation and problem of every post names its file: the same few
    # thousand paths, each worked out once.
    try:
        relative = os.path.relpath(path, folder)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
