"""A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the ward's posts and their
documents, for the provincial portal to collect without scraping (Decree
224/2026/NĐ-CP Art. 11: a ward's site is a component of the provincial portal).

Pure: the caller turns posts into ``FeedPost``. Ward metadata the standard has no
field for (category, officials, document numbers, former unit) goes in the
``_ward`` extension object, as the specification allows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

VERSION = "https://jsonfeed.org/version/1.1"
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True)
class FeedDocument:
    number: str
    title: str = ""
    date: dt.date | None = None
    url: str = ""  # the document's page on the site
    file_url: str = ""  # the file itself, if published
    file_size: int = 0


@dataclass(frozen=True)
class FeedPost:
    url: str
    title: str
    text: str
    published: dt.datetime
    modified: dt.datetime | None = None
    summary: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    location: str = ""
    former_unit: str = ""
    officials: tuple[tuple[str, str], ...] = ()  # (name, role)
    documents: tuple[FeedDocument, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _mime(url: str) -> str:
    suffix = "." + url.rsplit(".", 1)[-1].lower() if "." in url else ""
    return MIME_TYPES.get(suffix, "application/octet-stream")


def _item(post: FeedPost, author: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": post.url,
        "url": post.url,
        "title": post.title,
        "content_text": post.text,
        "date_published": post.published.isoformat(),
        "language": "vi",
        "authors": [{"name": author}],
    }
    if post.summary:
        item["summary"] = post.summary
    if post.modified:
        item["date_modified"] = post.modified.isoformat()
    tags = [t for t in (post.category, *post.tags) if t]
    if tags:
        item["tags"] = list(dict.fromkeys(tags))
    attachments = [
        {
            "url": d.file_url,
            "mime_type": _mime(d.file_url),
            "title": f"{d.number} {d.title}".strip(),
            **({"size_in_bytes": d.file_size} if d.file_size else {}),
        }
        for d in post.documents
        if d.file_url
    ]
    if attachments:
        item["attachments"] = attachments
    item["_ward"] = {
        "category": post.category,
        "location": post.location,
        "former_unit": post.former_unit,
        "officials": [{"name": n, "role": r} for n, r in post.officials],
        "documents": [
            {
                "number": d.number,
                "title": d.title,
                "date": d.date.isoformat() if d.date else None,
                "url": d.url,
            }
            for d in post.documents
        ],
    }
    return item


def build_feed(
    *,
    title: str,
    description: str,
    author: str,
    home_page_url: str,
    feed_url: str,
    posts: list[FeedPost],
) -> dict[str, Any]:
    """The feed as a dict, newest post first. Without an absolute address (a site
    built with relative links) the addresses are relative to the feed's folder's
    root and home_page_url/feed_url are left out."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": title,
        "description": description,
        "language": "vi",
        "authors": [{"name": author}],
    }
    if home_page_url:
        feed["home_page_url"] = home_page_url
    if feed_url:
        feed["feed_url"] = feed_url
    feed["items"] = [_item(post, author) for post in newest_first(posts)]
    return feed


def newest_first(posts: list[FeedPost]) -> list[FeedPost]:
    return sorted(posts, key=lambda p: (p.published, p.url), reverse=True)


def dump_feed(feed: dict[str, Any]) -> str:
    """Stable bytes: the same site gives the same file."""
    return json.dumps(feed, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


# dump_feed's indentation of an item in "items" (indent=1, two levels down).
_ITEM_INDENT = "\n  "


def dump_item(post: FeedPost, author: str) -> str:
    """One post's item as it stands in dump_feed's text: what join_feed joins,
    so that a post whose body changed is dumped again alone (the preview)."""
    text = json.dumps(_item(post, author), ensure_ascii=False, indent=1)
    return text.replace("\n", _ITEM_INDENT)  # a JSON string holds no raw newline


def join_feed(feed: dict[str, Any], items: list[str]) -> str:
    """dump_feed's text of ``feed`` (built with no posts) holding ``items``
    (dump_item's, newest first)."""
    if not items:
        return dump_feed(feed)
    empty = dump_feed({**feed, "items": []})
    end = "[]\n}\n"
    if not empty.endswith(end):  # "items" is the last key
        raise ValueError("the feed's items are not its last key")
    joined = ("," + _ITEM_INDENT).join(items)
    return f"{empty[: -len(end)]}[{_ITEM_INDENT}{joined}\n ]\n}}\n"
