"""sitemap.xml and robots.txt text, from a list of pages (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # relative to the site root, e.g. "hoi-nghi/" ("" is the home page)
    lastmod: dt.datetime | None = None


def absolute_url(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url}"


def build_sitemap(siteurl: str, entries: Iterable[SitemapEntry]) -> str:
    """A sitemap with one <url> per distinct page, sorted so builds are reproducible."""
    newest: dict[str, dt.datetime | None] = {}
    for entry in entries:
        known = newest.get(entry.url)
        if entry.url not in newest or (
            entry.lastmod and (not known or entry.lastmod > known)
        ):
            newest[entry.url] = entry.lastmod
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in sorted(newest):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute_url(siteurl, url))}</loc>")
        lastmod = newest[url]
        if lastmod is not None:
            lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def build_robots(siteurl: str, sitemap_path: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if siteurl:
        lines.append(f"Sitemap: {absolute_url(siteurl, sitemap_path)}")
    return "\n".join(lines) + "\n"
