"""The typed views plugins attach to Pelican's content objects.

Each plugin attaches one view under its own name (``article.ward_gallery``…)
instead of loose attributes; templates and other plugins read them through
these declared types. ``listing_key()`` says what of a post shows on pages
other than its own (cards, lists, indexes): the preview rebuilds only the
post's page when no listing key changed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from .fields import LISTING_FIELDS

V = TypeVar("V", bound="ContentView")


class ContentView:
    ATTRIBUTE: ClassVar[str] = ""

    def listing_key(self) -> tuple:
        return ()


@dataclass
class SiteView(ContentView):
    """ward_site: Vietnamese dates and neighbours in the category."""

    ATTRIBUTE: ClassVar[str] = "ward_site"
    locale_date: str = ""
    locale_modified: str = ""
    related: list[Any] = field(default_factory=list)  # "Tin cùng chuyên mục"
    newer: Any = None  # the next newer post of the category
    older: Any = None
    # The metadata as read and set up by the plugins (summary included): an
    # equal digest after the file is read again means only the body changed.
    metadata_digest: str = ""


@dataclass
class GalleryView(ContentView):
    """ward_gallery: the post's photos, ready for the templates."""

    ATTRIBUTE: ClassVar[str] = "ward_gallery"
    specs: list[Any] = field(default_factory=list)  # PhotoSpec, as written
    cover_spec: Any = None
    photos: list[Any] = field(default_factory=list)  # WebPhoto, in order
    cover: Any = None  # WebPhoto shown on cards and shared links
    cover_focus: int | None = None  # cover_focus: 0 (top) … 100 (bottom), None: theme
    html: str = ""  # the gallery block, unless the body placed it with [gallery]
    problems: list[Any] = field(default_factory=list)  # Problem, reported in one go

    def listing_key(self) -> tuple:
        return (self.cover_spec.src if self.cover_spec else None, self.cover_focus)


@dataclass
class IndexView(ContentView):
    """ward_frontmatter: officials and documents linked to their index pages."""

    ATTRIBUTE: ClassVar[str] = "ward_index"
    officials: list[Any] = field(default_factory=list)  # LinkedOfficial
    plan: Any = None  # LinkedDocument
    documents: list[Any] = field(default_factory=list)
    attachments: list[Any] = field(default_factory=list)  # files to download
    jsonld: Any = ""

    def listing_key(self) -> tuple:
        # Official and document pages list the post with these; a document's
        # date, title and file (whole refs) are shown on the document's page.
        return (
            tuple((o.name, o.role, o.honorific, o.presiding) for o in self.officials),
            self.plan.ref if self.plan else None,
            tuple(d.ref for d in self.documents),
        )


@dataclass
class CommentsView(ContentView):
    """ward_comments: the approved comments of a post and how to send one."""

    ATTRIBUTE: ClassVar[str] = "ward_comments"
    status: str = ""  # open, closed or hidden
    comments: list[Any] = field(default_factory=list)
    count: int = 0
    mailto: str = ""

    def listing_key(self) -> tuple:
        return (self.status, self.count)


@dataclass
class LinksView(ContentView):
    """ward_links: the post's own related links."""

    ATTRIBUTE: ClassVar[str] = "ward_links"
    links: list[Any] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)  # Problem, reported in one go


@dataclass
class SearchView(ContentView):
    """ward_search: folded forms of the post's đ-words for Pagefind."""

    ATTRIBUTE: ClassVar[str] = "ward_search"
    folded: str = ""


VIEWS: tuple[type[ContentView], ...] = (
    SiteView,
    GalleryView,
    IndexView,
    CommentsView,
    LinksView,
    SearchView,
)


def attach(content: Any, view: ContentView) -> None:
    setattr(content, view.ATTRIBUTE, view)


def attach_missing(content: Any) -> None:
    """Give the content an empty view of every kind it has none of yet, so the
    templates can read any view of any post or page."""
    for kind in VIEWS:
        if not isinstance(getattr(content, kind.ATTRIBUTE, None), kind):
            attach(content, kind())


def view_of(content: Any, kind: type[V]) -> V:
    """The content's view of that kind, or an empty one (plugin not enabled)."""
    found = getattr(content, kind.ATTRIBUTE, None)
    return found if isinstance(found, kind) else kind()


# The fields that cards, lists, index pages, feeds and neighbours show, as
# Pelican sets them on the content object (ward_core.fields).
PELICAN_LISTING_FIELDS = LISTING_FIELDS


def listing_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(listing_value(item) for item in value)
    name = getattr(value, "name", None)
    if isinstance(name, str) and not dataclasses.is_dataclass(value):
        return name  # Pelican's Category and Tag (an Official is more than a name)
    return repr(value)


def listing_key(content: Any) -> tuple:
    """What the content shows outside its own page: Pelican's fields and what
    every plugin's view declares. Equal keys: no other page needs rewriting."""
    fields = tuple(
        listing_value(getattr(content, name, None)) for name in PELICAN_LISTING_FIELDS
    )
    return fields + tuple(view_of(content, kind).listing_key() for kind in VIEWS)


# Pelican's own lists of content objects, in the context and on generators.
ARTICLE_LISTS = ("articles", "drafts", "hidden_articles", "translations")
# Every list Pelican's article generator reads a post into (each ordered by
# ARTICLE_ORDER_BY).
ARTICLE_GENERATOR_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_LISTS = ("pages", "hidden_pages", "draft_pages")


def contents_in(
    *sources: Any, lists: tuple[str, ...] = ARTICLE_LISTS + PAGE_LISTS
) -> list:
    """Every distinct content object in the given contexts (dicts) or generators,
    in source-path order."""
    seen: dict[int, Any] = {}
    for source in sources:
        for name in lists:
            items = (
                source.get(name)
                if isinstance(source, dict)
                else getattr(source, name, None)
            )
            for content in items or []:
                seen.setdefault(id(content), content)
    return sorted(seen.values(), key=lambda c: c.source_path or "")


def forget_rendered(content: Any) -> None:
    """Drop Pelican's memoized content and summary of ``content``: its body was
    rewritten after they were computed."""
    for method in (content.get_content, content.get_summary):
        cache = getattr(method, "cache", {})
        for key in [key for key in cache if key and key[0] is content]:
            del cache[key]
