"""Every front-matter field of posts and pages, described once.

One row per field: how the front matter schema reads it, which plugin
validates it, where it shows (its own page, lists and cards, the search
index, feeds) and its place in the editor's order. Everything that used to
restate these lists is derived from here: the schema's known fields
(ward_frontmatter), the order the editor writes fields in and the order of
its form (wardtools.editor), what lists show (``ward_core.views``, the
preview) and what search folds (ward_search). Adding a field shown on cards
is one row here and the template that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Where a field shows.
PAGE = "page"  # the post's own page
LISTS = "lists"  # cards, category/tag/archive lists, index pages, neighbours
INDEX = "index"  # the words search finds the post by (ward_search)
FEEDS = "feeds"  # the Atom feeds

FRONTMATTER = "ward_frontmatter"

# Keys of one cited document (plan:, documents:), in the order they are written.
DOCUMENT_KEYS = ("number", "date", "title", "file")


@dataclass(frozen=True)
class Field:
    name: str
    # How ward_frontmatter's schema reads the value ("text", "date", "tags",
    # "label", "slug", "status", "document", "documents", "officials",
    # "count", "attachments"); "raw" when another plugin validates it.
    parser: str
    shows: frozenset[str]
    owner: str = FRONTMATTER  # the plugin whose check validates the field
    editor: bool = True  # a widget of the editor's form (and written in this order)
    # The keys of each item (or of the mapping itself), in the order written;
    # for ward_frontmatter's fields, also the only keys accepted.
    items: tuple[str, ...] = ()


def _field(
    name: str, parser: str, *shows: str, owner: str = FRONTMATTER, **more
) -> Field:
    return Field(name, parser, frozenset(shows), owner, **more)


# In the editor's order (the order README documents); fields outside the
# editor come last.
FIELDS: tuple[Field, ...] = (
    _field("title", "text", PAGE, LISTS, INDEX, FEEDS),
    _field("date", "date", PAGE, LISTS, FEEDS),
    _field("slug", "slug", LISTS),
    _field("status", "status", LISTS),
    _field("category", "label", PAGE, LISTS, INDEX, FEEDS),
    _field("tags", "tags", PAGE, LISTS, FEEDS),
    _field("summary", "text", PAGE, LISTS, FEEDS),
    _field("plan", "document", PAGE, LISTS, INDEX, items=DOCUMENT_KEYS),
    _field("documents", "documents", PAGE, LISTS, INDEX, items=DOCUMENT_KEYS),
    _field(
        "officials",
        "officials",
        PAGE,
        LISTS,
        INDEX,
        items=("honorific", "name", "role", "presiding"),
    ),
    _field("location", "text", PAGE, INDEX),
    _field("attendees", "count", PAGE),
    _field("attachments", "attachments", PAGE, items=("file", "title")),
    _field(
        "gallery",
        "raw",
        PAGE,
        INDEX,
        owner="ward_gallery",
        items=("src", "caption", "alt", "credit"),
    ),
    _field("cover", "raw", LISTS, FEEDS, owner="ward_gallery"),
    _field("cover_focus", "raw", LISTS, owner="ward_gallery"),
    _field("comments", "raw", PAGE, LISTS, owner="ward_comments"),
    # A link may also have ward_links' other keys (description, new_tab…),
    # written after these.
    _field("links", "raw", PAGE, owner="ward_links", items=("title", "url")),
    # Written by hand or by the importer, not in the editor's form.
    _field("modified", "date", PAGE, FEEDS, editor=False),
    _field("author", "text", PAGE, FEEDS, editor=False),
    _field("template", "text", PAGE, editor=False),
    _field("lang", "text", PAGE, editor=False),
    _field("save_as", "text", LISTS, editor=False),
    _field("url", "text", LISTS, editor=False),
    _field("former_unit", "text", PAGE, editor=False),
)


class FieldTable:
    """The rows and what is derived from them (a test builds one with an extra
    row to show that everything follows)."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self.fields = tuple(fields)
        self.by_name = {field.name: field for field in self.fields}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.by_name)

    def known(self) -> frozenset[str]:
        return frozenset(self.by_name)

    def owned_by(self, plugin: str) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.owner == plugin)

    def showing(self, where: str) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if where in f.shows)

    def editor_order(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.editor)

    def item_order(self) -> dict[str, tuple[str, ...]]:
        return {f.name: f.items for f in self.fields if f.items}


TABLE = FieldTable(FIELDS)
KNOWN_FIELDS = TABLE.known()
LISTING_FIELDS = TABLE.showing(LISTS)  # what a post shows outside its own page
INDEXED_FIELDS = TABLE.showing(INDEX)  # the words search finds the post by
EDITOR_ORDER = TABLE.editor_order()
ITEM_ORDER = TABLE.item_order()
