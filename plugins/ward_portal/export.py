"""The machine-readable export for the province: a JSON Feed 1.1 of the published
posts and their documents (ward_core.jsonfeed), written beside the sitemap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ward_core.jsonfeed import FeedDocument, FeedPost, build_feed, dump_feed
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


def write_feed(
    output: Path, save_as: str, context: dict, settings: dict, site: str
) -> None:
    ward = context.get("ward")
    feed = build_feed(
        title=str(settings.get("SITENAME", "")),
        description=f"Tin tức, thông báo và văn bản của {getattr(ward, 'name', '')}",
        author=str(settings.get("AUTHOR") or getattr(ward, "name", "")),
        home_page_url=f"{site}/" if site else "",
        feed_url=f"{site}/{save_as}" if site else "",
        posts=[feed_post(a, site) for a in context.get("articles", [])],
    )
    target = output / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(dump_feed(feed), encoding="utf-8")
    temporary.replace(target)
