"""Paths as the officer sees them in messages."""

from __future__ import annotations

import os


def display_path(path: str) -> str:
    """Relative to the working folder when inside it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
