"""Officials present at an event: "Ông Đỗ Văn A – Chủ tịch UBND phường"."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ward_core import pasted

HONORIFICS = ("Đồng chí", "Đ/c", "Ông", "Bà")
_HONORIFIC = "|".join(re.escape(h) for h in HONORIFICS)
_OFFICIAL = re.compile(
    rf"^(?:(?P<honorific>{_HONORIFIC})\s+)?(?P<name>[^–—]+?)"
    r"\s*(?:–|—|\s-\s)\s*(?P<role>.+?)\s*$",
    re.IGNORECASE,
)
_PRESIDING = re.compile(r"\s*\((?:chủ trì|chu tri)\)\s*$", re.IGNORECASE)

OFFICIAL_HELP = (
    "Viết dạng: Ông Nguyễn Văn A – Chủ tịch UBND phường (dấu gạch ngang giữa tên và "
    "chức vụ; thêm (chủ trì) ở cuối nếu người đó chủ trì), hoặc dạng có name:, role:."
)

# Tone marks (combining) used in Vietnamese; everything else is part of the letter.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


class OfficialError(ValueError):
    pass


@dataclass(frozen=True)
class Official:
    name: str
    role: str = ""
    honorific: str = ""
    presiding: bool = False

    @property
    def key(self) -> str:
        return person_key(self.name)


def clean_text(text: str) -> str:
    """NFC with single spaces and no invisible characters (bidi overrides,
    zero-width spaces, soft hyphens: ward_core.pasted): what we store and show."""
    return " ".join(unicodedata.normalize("NFC", pasted.clean_text(text)).split())


def canonical_honorific(text: str) -> str:
    for honorific in HONORIFICS:
        if text.lower() == honorific.lower():
            return honorific
    return text


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


def parse_official_string(text: str) -> Official:
    value = clean_text(text)
    presiding = bool(_PRESIDING.search(value))
    value = _PRESIDING.sub("", value)
    match = _OFFICIAL.match(value)
    if not match:
        raise OfficialError(
            f'không tách được tên và chức vụ trong "{text}". {OFFICIAL_HELP}'
        )
    name = match.group("name").strip()
    if not name or any(ch.isdigit() for ch in name):
        raise OfficialError(f'tên cán bộ không hợp lệ trong "{text}". {OFFICIAL_HELP}')
    return Official(
        name=name,
        role=match.group("role").strip(),
        honorific=canonical_honorific(match.group("honorific") or ""),
        presiding=presiding,
    )
