"""Group posts by the officials present and the documents they carry out or cite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .docnumbers import DocumentRef
from .officials import Official


@dataclass
class OfficialEntry:
    key: str
    slug: str
    name: str = ""
    honorific: str = ""
    latest_role: str = ""
    posts: list[Any] = field(default_factory=list)
    # Every spelling seen, so the officer can be warned about inconsistencies.
    spellings: set[str] = field(default_factory=set)


def _newest_first(posts: Iterable[Any]) -> list[Any]:
    return sorted(posts, key=lambda p: (p.date, p.source_path), reverse=True)


def _unique_slugs(keys: Sequence[str], slugify: Callable[[str], str]) -> dict[str, str]:
    """Slug per key; keys that slugify alike get -2, -3… in a stable order."""
    taken: dict[str, int] = {}
    result = {}
    for key in sorted(keys):
        base = slugify(key) or "khong-ten"
        count = taken.get(base, 0) + 1
        taken[base] = count
        result[key] = base if count == 1 else f"{base}-{count}"
    return result


def group_officials(
    posts: Iterable[Any],
    slugify: Callable[[str], str],
    officials_of: Callable[[Any], Sequence[Official]],
) -> list[OfficialEntry]:
    """One entry per person (tone placement ignored), posts newest first."""
    ordered = _newest_first(posts)
    appearances: dict[str, list[tuple[Any, Official]]] = {}
    for post in ordered:
        seen_in_post = set()
        for official in officials_of(post):
            if official.key in seen_in_post:
                continue
            seen_in_post.add(official.key)
            appearances.setdefault(official.key, []).append((post, official))
    slugs = _unique_slugs(list(appearances), slugify)
    entries = []
    for key, items in appearances.items():
        _, newest = items[0]
        entries.append(
            OfficialEntry(
                key=key,
                slug=slugs[key],
                name=newest.name,
                honorific=newest.honorific
                or next((o.honorific for _, o in items if o.honorific), ""),
                latest_role=newest.role
                or next((o.role for _, o in items if o.role), ""),
                posts=[post for post, _ in items],
                spellings={o.name for _, o in items},
            )
        )
    return sorted(entries, key=lambda e: (_sort_name(e.name), e.slug))


def _sort_name(name: str) -> tuple[str, str]:
    """Vietnamese names sort by given name (the last word), then the full name."""
    words = name.split()
    return (words[-1].casefold() if words else "", name.casefold())


@dataclass(frozen=True)
class Citation:
    """One mention of a document in one post."""

    ref: DocumentRef
    where: str  # the citing file, as shown to the officer
    post: Any = None
    is_plan: bool = False
    file: Path | None = None  # the document's file, resolved


@dataclass
class DocumentEntry:
    """One document: a number in a year (or a number never dated anywhere)."""

    slug: str  # of the number: "118-kh-ubnd"
    year: int | None
    ref: DocumentRef  # merged from every citation
    citations: list[Citation] = field(default_factory=list)
    posts: list[Any] = field(default_factory=list)
    # Posts that carry this document out (as their plan) rather than cite it.
    implementing: list[Any] = field(default_factory=list)
    file: Path | None = None
    url: str = ""
    save_as: str = ""
    published: Any = None  # the file as published (set by the generator)

    @property
    def sort_date(self) -> dt.date:
        if self.ref.date:
            return self.ref.date
        newest = max((c.post.date for c in self.citations if c.post), default=None)
        if newest is not None:
            return newest.date() if isinstance(newest, dt.datetime) else newest
        return dt.date(self.year, 1, 1) if self.year else dt.date.min


@dataclass
class NumberPage:
    """The address of a number alone (van-ban/118-kh-ubnd/): a redirect to its
    only document, or the list of the documents of every year with that number."""

    slug: str
    number: str
    entries: list[DocumentEntry]
    undated: list[Citation] = field(default_factory=list)  # ambiguous mentions
    url: str = ""

    @property
    def redirect(self) -> DocumentEntry | None:
        return self.entries[0] if len(self.entries) == 1 and not self.undated else None


@dataclass(frozen=True)
class Conflict:
    """The same number and year written with two different dates, titles or files."""

    what: str  # "ngày", "tên", "tệp"
    first: Citation
    second: Citation
    first_value: str
    second_value: str


@dataclass
class DocumentGroups:
    entries: list[DocumentEntry]  # newest first
    numbers: list[NumberPage]  # numbers cited in more than one year, or redirects
    conflicts: list[Conflict]
    ambiguous: list[tuple[Citation, list[int]]]  # undated; the years to choose from
    placement: list[DocumentEntry | NumberPage]  # per citation, in input order


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _add(entry: DocumentEntry, citation: Citation, conflicts: list[Conflict]) -> None:
    known, ref = entry.ref, citation.ref
    first = entry.citations[0] if entry.citations else None
    if first is not None:
        if known.date and ref.date and known.date != ref.date:
            conflicts.append(
                Conflict(
                    "ngày",
                    first,
                    citation,
                    f"{known.date:%d/%m/%Y}",
                    f"{ref.date:%d/%m/%Y}",
                )
            )
        if known.title and ref.title and not _same_text(known.title, ref.title):
            conflicts.append(Conflict("tên", first, citation, known.title, ref.title))
        if entry.file and citation.file and entry.file != citation.file:
            conflicts.append(
                Conflict("tệp", first, citation, known.file, citation.ref.file)
            )
    entry.ref = DocumentRef(
        number=known.number,
        date=known.date or ref.date,
        title=known.title or ref.title,
        file=known.file or ref.file,
        line=known.line,
    )
    entry.file = entry.file or citation.file
    entry.citations.append(citation)
    if citation.post is not None:
        if citation.post not in entry.posts:
            entry.posts.append(citation.post)
        if citation.is_plan and citation.post not in entry.implementing:
            entry.implementing.append(citation.post)


def group_citations(
    citations: Sequence[Citation], slugify: Callable[[str], str]
) -> DocumentGroups:
    """One entry per (number, year). A mention without a year joins the only
    document with its number; with several, it is ambiguous and points to the
    page of the number, which lists them all. Give citations newest post first."""
    entries: dict[tuple[str, int | None], DocumentEntry] = {}
    conflicts: list[Conflict] = []
    keys: list[tuple[str, int | None] | None] = [None] * len(citations)
    pending = []
    for index, citation in enumerate(citations):
        slug = slugify(citation.ref.number)
        if citation.ref.year is None:
            pending.append((index, slug))
            continue
        keys[index] = (slug, citation.ref.year)
    dated_years: dict[str, set[int]] = {}
    for key in keys:
        if key is not None:
            dated_years.setdefault(key[0], set()).add(key[1])
    ambiguous_at: dict[int, list[int]] = {}
    for index, slug in pending:
        years = sorted(dated_years.get(slug, ()))
        if len(years) > 1:
            ambiguous_at[index] = years
        else:
            keys[index] = (slug, years[0] if years else None)
    for index, citation in enumerate(citations):
        key = keys[index]
        if key is None:
            continue
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = DocumentEntry(
                slug=key[0], year=key[1], ref=citation.ref
            )
        _add(entry, citation, conflicts)
    ordered = sorted(
        entries.values(),
        key=lambda e: (-e.sort_date.toordinal(), e.ref.number, e.year or 0),
    )
    numbers: dict[str, NumberPage] = {}
    for entry in ordered:
        if entry.year is not None:
            page = numbers.setdefault(
                entry.slug, NumberPage(entry.slug, entry.ref.number, [])
            )
            page.entries.append(entry)
    ambiguous = []
    for index, years in ambiguous_at.items():
        numbers[slugify(citations[index].ref.number)].undated.append(citations[index])
        ambiguous.append((citations[index], years))
    placement: list[DocumentEntry | NumberPage] = []
    for index, citation in enumerate(citations):
        key = keys[index]
        placement.append(
            entries[key] if key is not None else numbers[slugify(citation.ref.number)]
        )
    return DocumentGroups(
        entries=ordered,
        numbers=sorted(numbers.values(), key=lambda n: n.slug),
        conflicts=conflicts,
        ambiguous=ambiguous,
        placement=placement,
    )
