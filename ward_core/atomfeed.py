"""Atom feeds of the site's lists (approved comments, the ward's answers): one
header, the newest entries first, at most ``limit`` of them.

Pure: the caller turns its records into ``Entry``; feedgenerator writes the XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from feedgenerator import Atom1Feed


@dataclass(frozen=True)
class Entry:
    order: tuple  # sorted descending: the newest first, ties by a stable id
    title: str
    link: str  # absolute, with the entry's anchor; also its Atom id
    description: str
    published: dt.datetime
    updated: dt.datetime
    author: str | None = None


def atom_feed(
    *,
    title: str,
    description: str,
    site_url: str,
    feed_url: str,
    entries: Iterable[Entry],
    limit: int,
) -> str:
    """The feed as text, newest entry first."""
    feed = Atom1Feed(
        title=title,
        link=f"{site_url}/",
        description=description,
        feed_url=feed_url,
        language="vi",
    )
    for entry in sorted(entries, key=lambda e: e.order, reverse=True)[:limit]:
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=entry.description,
            author_name=entry.author,
            pubdate=entry.published,
            updateddate=entry.updated,
            unique_id=entry.link,
        )
    return feed.writeString("utf-8")
