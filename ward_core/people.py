"""One person, however their name is typed: shared by officials in posts
(ward_frontmatter) and the leaders data file (ward_leaders)."""

from __future__ import annotations

import functools
import unicodedata

from . import pasted

# Tone marks (combining) used in Vietnamese; everything else is part of the letter.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def clean_text(text: str) -> str:
    """NFC with single spaces and no invisible characters (bidi overrides,
    zero-width spaces, soft hyphens: ward_core.pasted): what we store and show."""
    return " ".join(unicodedata.normalize("NFC", pasted.clean_text(text)).split())


@functools.lru_cache(maxsize=16384)
def person_key(name: str) -> str:
    """A key equal for "Hoà"/"Hòa" and "Uỷ"/"Ủy": tone placement does not matter.

    Each word becomes its letters without tone mark, followed by its tone mark,
    so old-style and new-style placement of the same tone give the same key.
    """
    words = []
    for word in clean_text(name).casefold().split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
        letters = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        )
        words.append(letters + tones)
    return " ".join(words)
