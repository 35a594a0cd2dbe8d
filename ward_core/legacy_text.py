"""Vietnamese typed in the legacy font encodings (TCVN3/ABC, VNI, VISCII),
recognised and turned into NFC Unicode.

Before Unicode, and long after in many ward offices, Vietnamese was typed in
fonts that draw Vietnamese letters at Latin-1 code points: a plan typed in
.VnTime reads "kÕ ho¹ch" to any program without that font, and the address
made from it is nonsense. Such text is ordinary characters to every library,
so nothing fails; it is only wrong. This module says which encoding a run of
text is in (from the font it was typed in where the file names one, from the
characters themselves where it does not) and converts it.

The conversion tables and the character model come from viparse (MIT), whose
tables were checked against real government documents; this module decides
where they apply, which viparse leaves to its caller: per run of text, so a
TCVN3 body under a Unicode header converts only the body, and never on text
that already holds Unicode Vietnamese letters (a Unicode document that merely
keeps a .VnTime font name stays as it is).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

TCVN3 = "tcvn3"
VNI = "vni"
VISCII = "viscii"
# The officer's names for them, in messages ("đã chuyển từ mã TCVN3 sang Unicode").
LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI", VISCII: "VISCII"}

# PDF subsets fonts under a tag: "ABCDEF+.VnTime".
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# Windows-1252's printable characters above U+00FF: a legacy byte 0x80–0x9F read
# as cp1252 surfaces as one of these, so they do not prove the text is Unicode.
_CP1252_HIGH = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
# Vietnamese letters Latin-1 itself has: Unicode text made only of these and
# ASCII is ordinary Vietnamese, whatever a table would make of it.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# A character only legacy text shows: Latin-1 or cp1252 beyond ASCII, other
# than the Vietnamese letters Latin-1 has. Without one, text is Unicode.
# Typographic quotes and dashes (from cp1252) and the no-break space are in
# every Unicode news post and prove nothing.
_LEGACY_SIGN = re.compile(
    "[\u0080-\u009f\u00a1-\u00ff"
    + re.escape("".join(sorted(_CP1252_HIGH - set("“”‘’–—…•"))))
    + "](?<!["
    + "".join(sorted(_VIETNAMESE_LATIN1))
    + "])"
)
# Fewer letters than this say too little for a guess from the characters alone.
_MIN_LETTERS_FOR_CONTENT = 12


@dataclass(frozen=True)
class Verdict:
    """Which encoding a text is in: None for Unicode. `method` says how it was
    decided ("font", "content") for the note to the officer."""

    encoding: str | None
    method: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.encoding or "", "")


UNICODE = Verdict(None)


# A legacy byte 0x80–0x9F as Windows-1252 shows it (its five gaps kept as Latin-1).
_CP1252_FROM_LATIN1 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def surface(data: bytes) -> str:
    """Bytes that are not UTF-8 as a program without the legacy font shows them
    (Windows-1252, Latin-1 where it has no character): what the tables read."""
    return data.decode("latin-1").translate(_CP1252_FROM_LATIN1)


def encoding_for_font(font: str | None) -> str | None:
    """The legacy encoding a font name implies: .VnTime, .VnArialH → TCVN3;
    VNI-Times, VNI-Helve → VNI; any other font → None."""
    if not font:
        return None
    name = _SUBSET_TAG.sub("", font.strip()).upper()
    if name.startswith(".VN"):
        return TCVN3
    if name.startswith("VNI"):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """TCVN3 has no capital accented letters: headings were typed in the "H"
    fonts (.VnTimeH, .VnArialH), which draw the lowercase codes as capitals."""
    if encoding_for_font(font) != TCVN3:
        return False
    return _SUBSET_TAG.sub("", font.strip()).upper().rstrip(",; ").endswith("H")


def can_be_legacy(text: str) -> bool:
    """Whether `text` could be legacy-encoded at all: every character is one a
    legacy byte can surface as (Latin-1, cp1252). Any other letter — ế, ư, đ —
    means the text is Unicode already and must never be converted."""
    return all(ord(char) <= 0xFF or char in _CP1252_HIGH for char in text)


@cache
def _charmaps() -> dict:
    # viparse is imported on first use: `make check` and the build's start-up
    # never pay for it unless a file needs it.
    from viparse.normalize import tcvn3, viscii, vni

    return {TCVN3: tcvn3.TCVN3, VNI: vni.VNI, VISCII: viscii.VISCII}


def convert(text: str, encoding: str, *, capitals: bool = False) -> str:
    """`text` from `encoding` to NFC Unicode; text that holds Unicode letters
    already is returned unchanged."""
    if not text or not can_be_legacy(text):
        return text
    from viparse.normalize.tables import convert as convert_with

    converted = convert_with(text, _charmaps()[encoding])
    converted = unicodedata.normalize("NFC", converted)
    return converted.upper() if capitals else converted


def convert_lines(text: str, encoding: str) -> str:
    """Every line of `text` that could be legacy-encoded, converted; lines
    already holding Unicode Vietnamese (typed later, in Unicode) kept."""
    return "\n".join(convert(line, encoding) for line in text.split("\n"))


def detect_by_content(text: str) -> Verdict:
    """The encoding the characters of `text` suggest, for text with no font to
    go by (a web page, a PDF's text, a pasted file). Unicode unless one legacy
    table clearly turns it into Vietnamese: a guess that might corrupt good text
    (Spanish, German, a name with é) is not made."""
    if text.isascii() or not _LEGACY_SIGN.search(text):
        return UNICODE  # the usual case, decided without looking at words
    # Only the words a legacy byte shows in: YAML keys, numbers and plain
    # syllables ("cho", "Lan") dilute the evidence in a short file, and words
    # holding Unicode Vietnamese letters (a header typed later) are no evidence.
    marked = " ".join(
        word for word in text.split() if not word.isascii() and can_be_legacy(word)
    )
    if sum(char.isalpha() for char in marked) < _MIN_LETTERS_FOR_CONTENT:
        return UNICODE
    if all(char.isascii() or char in _VIETNAMESE_LATIN1 for char in marked):
        return UNICODE  # "Chú thích ghép": Unicode Vietnamese that Latin-1 holds
    from viparse.normalize.detector import detect_encoding_by_content

    found = detect_encoding_by_content(marked, _charmaps())
    return Verdict(found.encoding, "content") if found.encoding else UNICODE


def verdict_for(text: str, fonts: Iterable[str | None] = ()) -> Verdict:
    """The encoding of a document: the legacy font it names, if any (the surest
    sign), else what its characters suggest."""
    named = sorted({encoding for encoding in map(encoding_for_font, fonts) if encoding})
    return Verdict(named[0], "font") if named else detect_by_content(text)


def looks_garbled(text: str) -> bool:
    """Text that reads as neither Vietnamese nor another language after every
    table: many Latin-1 symbols (¹ µ ¸ Õ) among letters. Such text is refused
    rather than published, since no table can be trusted with it."""
    if not can_be_legacy(text) or text.isascii():
        return False
    symbols = sum(
        1 for char in text if 0xA0 <= ord(char) <= 0xFF and not char.isalpha()
    )
    letters = sum(char.isalpha() for char in text)
    return letters >= _MIN_LETTERS_FOR_CONTENT and symbols * 12 > letters


def note_for(verdict: Verdict) -> str:
    """The officer's note for a converted file."""
    how = "theo phông chữ" if verdict.method == "font" else "theo các ký tự"
    return f"đã chuyển từ mã {verdict.label} sang Unicode ({how}); đọc lại để kiểm tra."
