"""Files that operating systems and editors leave beside real content.

A Mac's USB copy adds ``._name`` and ``__MACOSX/``; Windows adds ``Thumbs.db`` and
``desktop.ini``; Office leaves ``~$name`` lock files; editors leave ``*.swp``
and ``name~``. None of them is content: every reader of content/ skips them.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePath

LITTER_FOLDERS = frozenset({"__MACOSX", ".Trashes", ".Spotlight-V100", ".fseventsd"})
LITTER_PATTERNS = (
    "._*",
    ".DS_Store",
    "Thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    "~$*",
    "*.swp",
    "*.swo",
    "*~",
    ".#*",
)


def is_litter_name(name: str) -> bool:
    folded = name.casefold()
    return any(fnmatch.fnmatchcase(folded, p.casefold()) for p in LITTER_PATTERNS)


def is_litter(path: str | PurePath) -> bool:
    """True when the file, or any folder it is in, is OS or editor litter."""
    parts = PurePath(path).parts
    return bool(parts) and (
        is_litter_name(parts[-1]) or any(part in LITTER_FOLDERS for part in parts)
    )
