"""Pelican adapter: collect every page of the build and write sitemap.xml."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from .sitemap import SitemapEntry, build_robots, build_sitemap

SITEMAP_PATH = "sitemap.xml"


def _newest(articles) -> object:
    dates = [getattr(a, "modified", None) or a.date for a in articles]
    return max(dates) if dates else None


class SitemapGenerator(Generator):
    """Runs after the content generators, so their context is complete."""

    def generate_context(self) -> None:
        pass

    def _entries(self) -> list[SitemapEntry]:
        context = self.context
        articles = context.get("articles", [])
        entries = [SitemapEntry("", _newest(articles))]
        for article in articles:
            entries.append(
                SitemapEntry(
                    article.url, getattr(article, "modified", None) or article.date
                )
            )
        for page in context.get("pages", []):
            entries.append(SitemapEntry(page.url, getattr(page, "modified", None)))
        for group in ("categories", "tags"):
            for term, term_articles in context.get(group, []):
                entries.append(SitemapEntry(term.url, _newest(term_articles)))
        archives = self.settings.get("ARCHIVES_SAVE_AS") and self.settings.get(
            "ARCHIVES_URL"
        )
        if archives:
            entries.append(SitemapEntry(archives, _newest(articles)))
        for key in ("officials_index", "documents_index"):
            index = context.get(key) or []
            for entry in index:
                entries.append(SitemapEntry(entry.url, _newest(entry.posts)))
        if context.get("OFFICIALS_INDEX_URL"):
            entries.append(SitemapEntry(context["OFFICIALS_INDEX_URL"]))
        if context.get("DOCUMENTS_INDEX_URL"):
            entries.append(SitemapEntry(context["DOCUMENTS_INDEX_URL"]))
        return entries

    def generate_output(self, writer) -> None:
        siteurl = self.settings.get("SITEURL", "")
        output = Path(self.output_path)
        (output / SITEMAP_PATH).write_text(
            build_sitemap(siteurl, self._entries()), encoding="utf-8"
        )
        (output / "robots.txt").write_text(
            build_robots(siteurl, SITEMAP_PATH), encoding="utf-8"
        )
