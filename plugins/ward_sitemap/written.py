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


class NewestDate:
    """The newest date of a list of posts, remembered for the list last asked
    about: most pages of a build share one list of every post, and a build
    writes thousands of pages. One per build (the sitemap's session state)."""

    def __init__(self) -> None:
        self._articles: Any = None
        self._newest: dt.datetime | None = None

    def __call__(self, articles) -> dt.datetime | None:
        if self._articles is not articles:
            dates = [d for d in map(_date_of, articles) if d]
            self._articles, self._newest = articles, max(dates) if dates else None
        return self._newest


def lastmod_of(
    context: Mapping[str, Any], newest: NewestDate | None = None
) -> dt.datetime | None:
    """The page's own date, or the newest date of the posts it lists."""
    for key in ("article", "page"):
        if context.get(key) is not None:
            return _date_of(context[key])
    return (newest or NewestDate())(context.get("articles") or [])


def entry_for(
    relative: str,
    context: Mapping[str, Any],
    settings: SitemapSettings,
    newest: NewestDate | None = None,
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
    return SitemapEntry(url, lastmod_of(context, newest))
