"""Text pasted from Word and web pages, made plain before it is stored.

Word and browsers put invisible characters into what they copy: no-break
spaces, zero-width spaces and joiners, soft hyphens, byte order marks, and
bullets typed as characters ("·", "•", Symbol-font "", "o" plus a tab) instead
of lists. They look right on screen, then break searches, dates ("27/04/2023
19:30" with a no-break space) and addresses. One rule for every way text comes
in: the editor's save, `make new`, the importer and the build's date reader.

Decisions (README, "Dán từ Word"):
- Every no-break space (U+00A0, U+202F, U+2007) becomes an ordinary space.
  Vietnamese typography needs none: thousands are written "1.000", and there
  is no space before ":" or "?" as in French.
- Zero-width characters and soft hyphens are removed; a zero-width joiner is
  kept only between two emoji (it builds one emoji out of several).
- Smart quotes, dashes and every other visible character are kept as typed.
"""

from __future__ import annotations

import re

NO_BREAK_SPACES = "\u00a0\u202f\u2007"
# ZWSP, ZWNJ, word joiner, BOM/ZWNBSP, soft hyphen, LRM/RLM (Word's bidi marks),
# and the other bidi controls (embeddings, overrides, isolates, Arabic mark):
# Vietnamese never needs them, and an override (U+202E) shows a title backwards.
INVISIBLE = (
    "\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)
_ZWJ = "\u200d"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_NO_BREAK = re.compile(f"[{NO_BREAK_SPACES}]")
# Emoji live outside the BMP or in the dingbat/symbol blocks.
_EMOJI = r"[\U0001F000-\U0001FAFF\u2600-\u27BF]"
_LONE_ZWJ = re.compile(rf"(?<!{_EMOJI}){_ZWJ}|{_ZWJ}(?!{_EMOJI})")
# HTML entities a Markdown serialiser writes for the same characters.
_ENTITIES = re.compile(
    r"&(?:nbsp|#160|#x0*a0|shy|#173|#x0*ad|zwsp|#8203|#x200b|zwnj|#8204|#x200c"
    r"|#65279|#xfeff);",
    re.IGNORECASE,
)

# Word's bullet characters: middle dot, bullet, Symbol/Wingdings private-use
# bullets, squares, and "o" (Word's second level, Courier New).
TOP_BULLETS = "·•▪■●\uf0b7\uf0a7\uf076\uf0d8\u2043"
SUB_BULLETS = "o◦○\uf06f"
_BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)\\?(?P<mark>[{TOP_BULLETS}{SUB_BULLETS}\-–])"
    r"(?P<gap>\t[ \t]*| +)(?P<text>\S.*)$"
)
_NUMBERED = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mark>\d{1,3}[.)])\t[ \t]*(?P<text>\S.*)$"
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKDOWN_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")


def clean_text(text: str) -> str:
    """One field's text: no-break spaces as spaces, invisible characters gone,
    Windows line ends as "\\n". Idempotent; visible characters untouched."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _NO_BREAK.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _LONE_ZWJ.sub("", text)


def _decode_entities(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(0)[1:-1].lower()
        spaces = name in ("nbsp", "#160") or re.fullmatch("#x0*a0", name)
        return " " if spaces else ""

    return _ENTITIES.sub(replace, text)


def _word_item(line: str, previous_item: bool) -> str | None:
    """The Markdown list line for one of Word's bullet paragraphs, or None.
    Markdown's own items ("- x", "  - x") and dashes in text are not Word's."""
    match = _BULLET.match(line)
    if match:
        mark, gap = match["mark"], match["gap"]
        if gap == " " and mark in f"{SUB_BULLETS}-–":
            return None  # "- x" is Markdown, "o sau" a word, "– x" a dash
        nested = mark in SUB_BULLETS and previous_item
        return ("    - " if nested else "- ") + match["text"].strip()
    match = _NUMBERED.match(line)
    if match:
        return f"{match['mark'][:-1]}. {match['text'].strip()}"
    return None


def clean_markdown(text: str) -> str:
    """A post's body: `clean_text`, plus Word's bullet paragraphs as one
    Markdown list (blank lines between Word's items removed, one blank line
    before the list). Markdown written as Markdown and fenced code are kept."""
    text = clean_text(_decode_entities(text or ""))
    out: list[str] = []
    in_fence = False
    in_list = False  # the last line with text was a list item
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        item = None if in_fence else _word_item(line, in_list)
        if item is None:
            out.append(line)
            if line.strip():
                in_list = not in_fence and bool(_MARKDOWN_ITEM.match(line))
            continue
        if in_list:
            while out and not out[-1].strip():
                out.pop()  # Word's items are paragraphs: one list, not many
        elif out and out[-1].strip():
            out.append("")
        out.append(item)
        in_list = True
    return "\n".join(out)
