"""A written page's sitemap entry, from its output path and template context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .settings import SitemapSettings
from .sitemap import SitemapEntry


def url_of(relative: str) -> str:
    """ "a/b/index.html" -> "a/b/", "index.html" -> "", "x.html" -> "x.html"."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def _date_of(content: Any) -> dt.datetime | None:
    return getattr(content, "modified", None) or getattr(content, "date", None)


def lastmod_of(context: Mapping[str, Any]) -> dt.datetime | None:
    """The page's own date, or the newest date of the posts it lists."""
    for key in ("article", "page"):
        if context.get(key) is not None:
            return _date_of(context[key])
    return _newest(context.get("articles") or [])


# The list last asked about and its newest date: most pages of a build share
# one list of every post, and a build writes thousands of pages.
_last_newest: list = [None, None]


def _newest(articles) -> dt.datetime | None:
    if _last_newest[0] is articles:
        return _last_newest[1]
    dates = [d for d in map(_date_of, articles) if d]
    newest = max(dates) if dates else None
    _last_newest[:] = [articles, newest]
    return newest


def entry_for(
    relative: str, context: Mapping[str, Any], settings: SitemapSettings
) -> SitemapEntry | None:
    if not relative.endswith(".html") or relative.startswith("../"):
        return None
    url = url_of(relative)
    if any(
        url == ex or (ex.endswith("/") and url.startswith(ex))
        for ex in settings.exclude
    ):
        return None
    if relative in settings.exclude:
        return None
    return SitemapEntry(url, lastmod_of(context))
