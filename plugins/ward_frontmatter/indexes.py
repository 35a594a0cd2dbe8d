"""Group posts by the officials present and the documents they carry out or cite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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


@dataclass
class DocumentEntry:
    slug: str
    ref: DocumentRef
    posts: list[Any] = field(default_factory=list)
    # Posts that carry this document out (as their plan) rather than cite it.
    implementing: list[Any] = field(default_factory=list)
    conflicting_dates: set[dt.date] = field(default_factory=set)


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


def group_documents(
    posts: Iterable[Any],
    slugify: Callable[[str], str],
    plan_of: Callable[[Any], DocumentRef | None],
    documents_of: Callable[[Any], Sequence[DocumentRef]],
) -> list[DocumentEntry]:
    """One entry per document number; date and title merged from every mention."""
    entries: dict[str, DocumentEntry] = {}
    for post in _newest_first(posts):
        plan = plan_of(post)
        refs = ([plan] if plan else []) + list(documents_of(post))
        for ref in refs:
            slug = slugify(ref.number)
            entry = entries.get(slug)
            if entry is None:
                entry = entries[slug] = DocumentEntry(slug=slug, ref=ref)
            else:
                entry.ref = _merge(entry, ref)
            if post not in entry.posts:
                entry.posts.append(post)
            if ref is plan and post not in entry.implementing:
                entry.implementing.append(post)
    return sorted(entries.values(), key=_document_order)


def _merge(entry: DocumentEntry, ref: DocumentRef) -> DocumentRef:
    known = entry.ref
    date = known.date or ref.date
    if known.date and ref.date and known.date != ref.date:
        entry.conflicting_dates.update({known.date, ref.date})
    return DocumentRef(number=known.number, date=date, title=known.title or ref.title)


def _document_order(entry: DocumentEntry) -> tuple:
    """Newest documents first (by date when known, else by newest citing post)."""
    newest_post = entry.posts[0].date.date() if entry.posts else dt.date.min
    return (-(entry.ref.date or newest_post).toordinal(), entry.ref.number)
