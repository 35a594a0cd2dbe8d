"""Slugs short enough for every file system, still unique.

Realistic Vietnamese titles run to 300 characters; a folder name may not pass
255 bytes, and nobody reads an 80-character address to the end anyway. A
generated slug longer than the limit is cut at a word (hyphen) and gets a
short hash of the full slug, so two long titles that begin alike still get
two addresses, and the same title always the same one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

MAX_SLUG_LENGTH = 80
_HASH_LENGTH = 6


def cut_at_word(slug: str, limit: int) -> str:
    """At most ``limit`` characters, ending at a whole word when one fits."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def shorten_slug(slug: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """The slug itself when short enough, else a word-cut prefix plus a hash."""
    if len(slug) <= limit:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:_HASH_LENGTH]
    prefix = cut_at_word(slug, limit - _HASH_LENGTH - 1)
    return f"{prefix}-{digest}" if prefix else digest


def address_of(slug: str, title: str) -> str:
    """The address a post gets: its slug, or, when the title has no letter or
    digit to make one of ("🎉🎉🎉", "!!!"), "bai-" and a short hash of the
    title, the same for the same title, so the address never comes out empty
    (an empty one used to stop the build with Pelican's English error)."""
    if any(char.isalnum() for char in slug):
        return slug
    # Only what is seen counts: the check reads the raw header, the build the
    # cleaned title, and both must give the same address.
    seen = " ".join(
        "".join(c for c in title if unicodedata.category(c)[0] != "C").split()
    )
    return "bai-" + hashlib.sha256(seen.encode()).hexdigest()[:8]


def numbered_slug(slug: str, number: int, limit: int = MAX_SLUG_LENGTH) -> str:
    """The slug with "-<number>" on the end, still within the limit."""
    suffix = f"-{number}"
    return cut_at_word(slug, limit - len(suffix)) + suffix


def unique_slug(
    slug: str,
    taken: Callable[[str], bool],
    alternatives: Iterable[str] = (),
    limit: int = MAX_SLUG_LENGTH,
) -> str | None:
    """The first free address of: the slug, the alternatives (shortened like the
    slug), the slug numbered -2, -3, … (None when 999 are taken). The editor,
    `make new` and the importer give a second post of the same title the same
    address this way."""
    candidates = [slug, *(shorten_slug(a, limit) for a in alternatives)]
    candidates += [numbered_slug(slug, number, limit) for number in range(2, 1000)]
    return next((c for c in candidates if not taken(c)), None)


def slug_from_title(
    title: str,
    regex_subs: Iterable[tuple[str, str]] = (),
    preserve_case: bool = False,
    use_unicode: bool = False,
) -> str:
    """The slug Pelican 4.12 makes of a title (`pelican.utils.slugify`), without
    importing Pelican: tags dropped, NFKC, ASCII unless ``use_unicode``, the
    site's regex substitutions (case-insensitive), lowercase. Kept equal to
    Pelican's by a property test in tests/test_startup.py."""
    from markupsafe import Markup
    from unidecode import unidecode

    text = unicodedata.normalize("NFKC", Markup(title).striptags())
    if not use_unicode:
        text = unidecode(text)
    for pattern, replacement in regex_subs:
        text = re.sub(
            unicodedata.normalize("NFKC", pattern),
            unicodedata.normalize("NFKC", replacement),
            text,
            flags=re.IGNORECASE,
        )
    return (text if preserve_case else text.lower()).strip()


def free_file_name(name: str, taken: Callable[[str], bool]) -> str:
    """``name``, or ``stem-2.ext``, ``stem-3.ext``… when ``taken`` says another
    file has it: one numbering for the editor, `make photos` and the importer."""
    path = PurePosixPath(name)
    candidate, number = name, 2
    while taken(candidate):
        candidate = f"{path.stem}-{number}{path.suffix}"
        number += 1
    return candidate


def clean_file_name(name: str, slugify: Callable[[str], str]) -> str:
    """The one name a photo or document is stored under, whoever brings it in
    (the editor, `make photos`, the importer, the build's published files):
    "IMG_2026_0001.JPG" -> "img-2026-0001.jpg", "Ảnh hội nghị (1).jpeg" ->
    "anh-hoi-nghi-1.jpg". Lowercase ASCII, hyphens, no leading or trailing
    hyphen, so the result is unchanged by this rule and by Decap's own slug
    cleaning (``encoding: ascii``) applied again."""
    base = PurePosixPath(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem, dot, extension = base.rpartition(".")
    suffix = dot + extension.lower()
    if not dot:
        stem = base
    if suffix == ".jpeg":
        suffix = ".jpg"
    if not suffix.isascii() or not suffix[1:].isalnum():
        suffix = ""
    return (slugify(stem).strip("-") or "tep") + suffix
