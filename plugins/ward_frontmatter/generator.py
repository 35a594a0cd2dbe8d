"""Pelican adapter: official (can-bo/) and document (van-ban/) index pages."""

from __future__ import annotations

import logging
from functools import lru_cache, partial

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.identity import WardIdentity
from ward_core.paths import display_path
from ward_core.slugs import shorten_slug
from ward_core.views import GalleryView, IndexView, attach, view_of

from .indexes import DocumentEntry, OfficialEntry, group_documents, group_officials
from .jsonld import ArticleFacts, build_jsonld, jsonld_script_text
from .settings import IndexSettings

logger = logging.getLogger(__name__)

# Context keys the theme reads.
OFFICIALS_CONTEXT = "officials_index"
DOCUMENTS_CONTEXT = "documents_index"
OFFICIALS_URL_CONTEXT = "OFFICIALS_INDEX_URL"
DOCUMENTS_URL_CONTEXT = "DOCUMENTS_INDEX_URL"


class LinkedOfficial:
    """An official as shown on an article: what was written, plus the index URL."""

    def __init__(self, official, url: str) -> None:
        self.name = official.name
        self.role = official.role
        self.honorific = official.honorific
        self.presiding = official.presiding
        self.url = url


class LinkedDocument:
    def __init__(self, ref, url: str) -> None:
        self.ref = ref
        self.number = ref.number
        self.label = ref.label
        self.url = url


def _article_facts(
    article, siteurl: str, ward: WardIdentity, author: str | None
) -> ArticleFacts:
    return ArticleFacts(
        headline=article.title,
        url=_absolute(siteurl, article.url),
        published=article.date,
        modified=getattr(article, "modified", None),
        description=_plain(getattr(article, "summary", "")),
        section=article.category.name,
        keywords=tuple(t.name for t in getattr(article, "tags", []) or []),
        publisher=author or ward.name,
        location=getattr(article, "location", "") or "",
        address=ward.address,
        performers=tuple(o.name for o in getattr(article, "officials", None) or []),
        image=_cover_url(article),
    )


def _cover_url(article) -> str:
    """The og:image (the cover at >= 960 px), set by the gallery plugin, which has
    run by the time pages are rendered; only an absolute address (a site built
    without its real address has none)."""
    cover = view_of(article, GalleryView).cover
    if cover is None:
        return ""
    url = cover.rendition_at_least(960).jpeg_url
    return url if "://" in url else ""


class LazyJsonLd:
    """JSON-LD computed when a page is rendered: preview rebuilds render one page."""

    def __init__(self, facts) -> None:
        self._facts = facts  # a callable returning ArticleFacts
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = jsonld_script_text(build_jsonld(self._facts()))
        return self._text

    def __html__(self) -> str:
        return str(self)


def _absolute(siteurl: str, url: str) -> str:
    return f"{siteurl}/{url}" if siteurl else f"/{url}"


class WardIndexGenerator(Generator):
    """Groups posts once per build; writes one page per official and document."""

    def generate_context(self) -> None:
        self.index_settings = IndexSettings.from_settings(self.settings)
        # The same names and numbers recur in hundreds of posts: slugify each once.
        plain_slug = partial(
            slugify,
            regex_subs=tuple(map(tuple, self.settings["SLUG_REGEX_SUBSTITUTIONS"])),
            use_unicode=self.settings.get("SLUGIFY_USE_UNICODE", False),
        )
        slug = lru_cache(maxsize=None)(lambda text: shorten_slug(plain_slug(text)))
        articles = self.context.get("articles", [])
        self.officials: list[OfficialEntry] = group_officials(
            articles, slug, lambda a: getattr(a, "officials", None) or []
        )
        self.documents: list[DocumentEntry] = group_documents(
            articles,
            slug,
            lambda a: getattr(a, "plan", None),
            lambda a: getattr(a, "documents", None) or [],
        )
        for entry in self.documents:
            if entry.conflicting_dates:
                dates = ", ".join(
                    f"{d:%d/%m/%Y}" for d in sorted(entry.conflicting_dates)
                )
                files = ", ".join(display_path(p.source_path) for p in entry.posts)
                logger.warning(
                    "Văn bản %s được ghi với nhiều ngày khác nhau (%s) trong: %s",
                    entry.ref.number,
                    dates,
                    files,
                )
        self._link_articles(articles, slug)
        self.context[OFFICIALS_CONTEXT] = self.officials
        self.context[DOCUMENTS_CONTEXT] = self.documents
        self.context[OFFICIALS_URL_CONTEXT] = self.index_settings.officials_url
        self.context[DOCUMENTS_URL_CONTEXT] = self.index_settings.documents_url

    def _official_url(self, entry: OfficialEntry) -> str:
        return self.index_settings.official_url.format(slug=entry.slug)

    def _document_url(self, entry: DocumentEntry) -> str:
        return self.index_settings.document_url.format(slug=entry.slug)

    def _link_articles(self, articles, slug) -> None:
        official_urls = {e.key: self._official_url(e) for e in self.officials}
        document_urls = {e.slug: self._document_url(e) for e in self.documents}
        for entry in self.officials:
            entry.url = official_urls[entry.key]
        for entry in self.documents:
            entry.url = document_urls[entry.slug]
        siteurl = self.settings.get("SITEURL", "")
        ward = WardIdentity.from_settings(self.settings.get("WARD"))
        for article in articles:
            plan = getattr(article, "plan", None)
            attach(
                article,
                IndexView(
                    officials=[
                        LinkedOfficial(o, official_urls[o.key])
                        for o in getattr(article, "officials", None) or []
                    ],
                    plan=(
                        LinkedDocument(plan, document_urls[slug(plan.number)])
                        if plan
                        else None
                    ),
                    documents=[
                        LinkedDocument(ref, document_urls[slug(ref.number)])
                        for ref in getattr(article, "documents", None) or []
                    ],
                    jsonld=LazyJsonLd(
                        partial(
                            _article_facts,
                            article,
                            siteurl,
                            ward,
                            self.settings.get("AUTHOR"),
                        )
                    ),
                ),
            )

    def generate_output(self, writer) -> None:
        s = self.index_settings
        self._write_index(
            writer, "official", self.officials, s.officials_url, s.officials_save_as
        )
        for entry in self.officials:
            self._write_entry(writer, "official", entry, s.official_save_as)
        self._write_index(
            writer, "document", self.documents, s.documents_url, s.documents_save_as
        )
        for entry in self.documents:
            self._write_entry(writer, "document", entry, s.document_save_as)

    def _write_index(self, writer, kind: str, entries, url: str, save_as: str) -> None:
        """Writes e.g. can-bo/index.html with template "officials"."""
        writer.write_file(
            save_as,
            self.get_template(f"{kind}s"),
            self.context,
            self.settings["RELATIVE_URLS"],
            url=url,
            page_name=f"{kind}s",
            **{f"{kind}s": entries},
        )

    def _write_entry(self, writer, kind: str, entry, save_as: str) -> None:
        """Writes e.g. can-bo/<slug>/index.html with template "official"."""
        writer.write_file(
            save_as.format(slug=entry.slug),
            self.get_template(kind),
            self.context,
            self.settings["RELATIVE_URLS"],
            articles=entry.posts,
            url=entry.url,
            page_name=kind,
            **{kind: entry},
        )


def _plain(html: str) -> str:
    from markupsafe import Markup

    return " ".join(Markup(html or "").striptags().split())[:300]
