"""The machine-readable export for the province: a JSON Feed 1.1 of the published
posts and their documents (ward_core.jsonfeed), written beside the sitemap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ward_core.jsonfeed import (
    FeedDocument,
    FeedPost,
    build_feed,
    dump_item,
    join_feed,
    newest_first,
)
from ward_core.urls import ROOT_MARKER
from ward_core.views import IndexView, view_of


def _absolute(site: str, url: str) -> str:
    """A site address ("van-ban/x/", "/van-ban/x.pdf", marker-prefixed) made
    absolute with the site's address, or root-relative without one."""
    if url.startswith(ROOT_MARKER):
        url = url[len(ROOT_MARKER) :]
    if url.startswith(("http://", "https://")):
        return url
    path = url.lstrip("/")
    return f"{site}/{path}" if site else path


def _plain(html: str) -> str:
    return " ".join(Markup(html or "").striptags().split())


def feed_post(article: Any, site: str) -> FeedPost:
    index = view_of(article, IndexView)
    documents = []
    for linked in [*([index.plan] if index.plan else []), *index.documents]:
        published = getattr(linked, "file", None)
        documents.append(
            FeedDocument(
                number=linked.ref.number,
                title=linked.ref.title,
                date=linked.ref.date,
                url=_absolute(site, linked.url) if linked.url else "",
                file_url=_absolute(site, published.url) if published else "",
                file_size=getattr(published, "size", 0) if published else 0,
            )
        )
    return FeedPost(
        url=_absolute(site, article.url),
        title=_plain(article.title),
        text=_plain(article.content),
        summary=_plain(getattr(article, "summary", "")),
        published=article.date,
        modified=getattr(article, "modified", None),
        category=article.category.name,
        tags=tuple(t.name for t in getattr(article, "tags", None) or []),
        location=getattr(article, "location", "") or "",
        former_unit=getattr(article, "former_unit", "") or "",
        officials=tuple((o.name, o.role) for o in index.officials),
        documents=tuple(documents),
    )


class FeedWriter:
    """Writes the JSON feed, each post's item kept as dumped: when the preview
    replaces a post's body (``forget``), only that item is made again (at
    1,000 posts the whole feed takes a second)."""

    def __init__(self, save_as: str, settings: dict, site: str) -> None:
        self.save_as = save_as
        self.settings = settings
        self.site = site
        self._items: dict[int, tuple[Any, FeedPost, str]] = {}

    def forget(self, article: Any) -> None:
        self._items.pop(id(article), None)

    def write(self, output: Path, context: dict) -> None:
        ward = context.get("ward")
        site, author = self.site, str(self.settings.get("AUTHOR") or "")
        feed = build_feed(
            title=str(self.settings.get("SITENAME", "")),
            description=f"Tin tức, thông báo và văn bản của {getattr(ward, 'name', '')}",
            author=author or str(getattr(ward, "name", "")),
            home_page_url=f"{site}/" if site else "",
            feed_url=f"{site}/{self.save_as}" if site else "",
            posts=[],
        )
        author = feed["authors"][0]["name"]
        items = {}
        for article in context.get("articles", []):
            kept = self._items.get(id(article))
            if kept is None or kept[0] is not article:
                post = feed_post(article, site)
                kept = (article, post, dump_item(post, author))
            items[id(article)] = kept
        self._items = items  # the posts gone dropped
        by_post = {id(post): text for _, post, text in items.values()}
        posts = newest_first([post for _, post, _ in items.values()])
        target = output / self.save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(
            join_feed(feed, [by_post[id(post)] for post in posts]), encoding="utf-8"
        )
        temporary.replace(target)
