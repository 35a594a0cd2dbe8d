"""Extra search words so that "duong" finds "Đường" (no Pelican here).

Pagefind strips combining marks from both the index and the query, so "hoi nghi"
finds "hội nghị". But đ is a letter of its own, not d plus a mark: "duong" can
never meet "đường". For every word of a page that contains đ we add its folded
form ("duong", "34/2021/nd-cp") in a hidden block the search script knows about:
it is searchable, ranked lower, and never shown in an excerpt. Used for posts
(ward_search) and for the text of documents (ward_frontmatter).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Words keep inner "/", "-" and "." so document numbers stay one token.
_TOKEN = re.compile(r"[\w]+(?:[/\-.][\w]+)*", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase, đ→d, no tone or vowel marks: how a phone keyboard without
    Vietnamese input types the word."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(texts: Iterable[str]) -> list[str]:
    """Folded forms of every word containing đ/Đ, with the parts of document
    numbers ("34/2021/NĐ-CP" also gives "nd-cp"), sorted and without repeats."""
    found: set[str] = set()
    for raw in texts:
        text = unicodedata.normalize("NFC", raw or "")
        if "đ" not in text and "Đ" not in text:
            continue
        # A word never spans white space: only the distinct space-separated
        # runs holding a đ need reading (a post repeats most of its words).
        for run in set(text.split()):
            if "đ" in run or "Đ" in run:
                for token in _TOKEN.findall(run):
                    if "đ" in token or "Đ" in token:
                        found |= _forms(token)
    return sorted(found)


@functools.lru_cache(maxsize=65536)
def _forms(token: str) -> frozenset[str]:
    """The folded word and, for a document number, its parts with a đ."""
    forms = {fold(token)}
    for part in token.split("/"):
        if "đ" in part.lower():
            forms.add(fold(part))
            forms.update(fold(p) for p in part.split("-") if "đ" in p.lower())
    return frozenset(forms)
