"""Files that operating systems and editors leave beside real content.

A Mac's USB copy adds ``._name`` and ``__MACOSX/``; Windows adds ``Thumbs.db`` and
``desktop.ini``; Office leaves ``~$name`` lock files; editors leave ``*.swp``
and ``name~``. None of them is content: every reader of content/ skips them.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePath

# The editor's trash (content/.thung-rac/, wardtools/editor/trash.py) is skipped
# like the Mac's: what is in it is not on the site until it is restored.
TRASH_FOLDER = ".thung-rac"
LITTER_FOLDERS = frozenset(
    {"__MACOSX", ".Trashes", ".Spotlight-V100", ".fseventsd", TRASH_FOLDER}
)
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


# One expression for all patterns: every reader of content/ asks per file.
_LITTER_NAME = re.compile(
    "|".join(fnmatch.translate(pattern.casefold()) for pattern in LITTER_PATTERNS)
)


def is_litter_name(name: str) -> bool:
    return _LITTER_NAME.match(name.casefold()) is not None


def is_litter(path: str | PurePath) -> bool:
    """True when the file, or any folder it is in, is OS or editor litter."""
    parts = PurePath(path).parts
    return bool(parts) and (
        is_litter_name(parts[-1]) or any(part in LITTER_FOLDERS for part in parts)
    )
