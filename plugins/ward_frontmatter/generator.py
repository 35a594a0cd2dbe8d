"""Pelican adapter: official (can-bo/) and document (van-ban/) index pages."""

from __future__ import annotations

import html
import logging
import posixpath
import shutil
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.folding import folded_words
from ward_core.identity import WardIdentity
from ward_core.officefiles import DocumentCache, file_type, size_label
from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.photos.cache import publish_files
from ward_core.problems import SiteError
from ward_core.slugs import shorten_slug
from ward_core.urls import asset_root
from ward_core.views import GalleryView, IndexView, attach, contents_in, view_of

from .check import identity_problems
from .files import file_problems, published_name, resolve_file
from .indexes import (
    Citation,
    DocumentEntry,
    NumberPage,
    OfficialEntry,
    group_citations,
    group_officials,
)
from .jsonld import ArticleFacts, build_jsonld, jsonld_script_text
from .settings import DocumentSettings, IndexSettings

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
    def __init__(self, ref, url: str, published=None) -> None:
        self.ref = ref
        self.number = ref.number
        self.label = ref.label
        self.url = url
        self.file = published  # PublishedFile of the document, if it has one


@dataclass(frozen=True)
class PublishedFile:
    """A document's file or an attachment as the page offers it."""

    url: str
    name: str  # the published file name
    title: str  # what the link says
    type: str  # "PDF", "DOCX"…
    size: int
    pages: int = 0
    text: tuple[str, ...] = ()
    text_truncated: bool = False
    text_recognised: bool = False  # read by OCR from a scan
    preview_url: str = ""
    preview_width: int = 0
    preview_height: int = 0
    folded: str = ""  # folded đ-words of the text, for search ("duong")

    @property
    def size_label(self) -> str:
        return size_label(self.size)


@dataclass(frozen=True)
class FilterLink:
    """A year or a kind of document the index can be narrowed to."""

    label: str
    url: str
    count: int


UNKNOWN_KIND = "Văn bản khác"


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

    # Its context attaches views to posts: the preview's worker runs it again
    # after regrouping posts in memory (wardtools/memory_render.ListedEdit).
    ATTACHES_VIEWS = True

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
        self.doc_settings = DocumentSettings.from_settings(self.settings)
        self.doc_cache = DocumentCache(self.doc_settings.cache_root)
        self.originals: dict[str, Path] = {}  # output path -> file, copied as is
        self.previews: dict[str, Path] = {}  # output path -> cached preview
        self.file_errors: list[str] = []
        self._group_documents(articles, slug)
        self._link_articles(articles, slug)
        self.context[OFFICIALS_CONTEXT] = self.officials
        self.context[DOCUMENTS_CONTEXT] = self.documents
        self.context[OFFICIALS_URL_CONTEXT] = self.index_settings.officials_url
        self.context[DOCUMENTS_URL_CONTEXT] = self.index_settings.documents_url

    def _official_url(self, entry: OfficialEntry) -> str:
        return self.index_settings.official_url.format(slug=entry.slug)

    def _group_documents(self, articles, slug) -> None:
        """Documents by number and year; their files analysed and placed."""
        s = self.index_settings
        content_root = Path(self.settings["PATH"])
        citations: list[Citation] = []
        for article in sorted(
            articles, key=lambda a: (a.date, a.source_path), reverse=True
        ):
            plan = getattr(article, "plan", None)
            for ref in ([plan] if plan else []) + list(
                getattr(article, "documents", None) or []
            ):
                citations.append(
                    Citation(
                        ref=ref,
                        where=display_path(article.source_path),
                        post=article,
                        is_plan=ref is plan,
                        file=(
                            resolve_file(
                                ref.file, Path(article.source_path).parent, content_root
                            )
                            if ref.file
                            else None
                        ),
                    )
                )
        groups = group_citations(citations, slug)
        conflicts = [p for p in identity_problems(groups) if p.error]
        if conflicts:
            raise SiteError(problems=conflicts)
        self.citations = citations
        self.groups = groups
        self.documents: list[DocumentEntry] = groups.entries
        self.numbers: list[NumberPage] = groups.numbers
        for entry in self.documents:
            if entry.year is None:
                entry.url = s.number_url.format(slug=entry.slug)
                save_as = s.number_save_as.format(slug=entry.slug)
            else:
                entry.url = s.document_url.format(slug=entry.slug, year=entry.year)
                save_as = s.document_save_as.format(slug=entry.slug, year=entry.year)
            entry.save_as = save_as
            if entry.ref.file:
                first = next(c for c in entry.citations if c.ref.file)
                entry.published = self._publish(
                    first.file,
                    entry.ref.file,
                    posixpath.dirname(save_as),
                    entry.ref.title or entry.ref.label,
                    f"{first.where}:{first.ref.line}",
                    slug,
                )
        for page in self.numbers:
            page.url = s.number_url.format(slug=page.slug)

    def _publish(
        self, path: Path | None, written: str, folder: str, title: str, where: str, slug
    ) -> PublishedFile | None:
        """Plans the copy of one file (and its preview) into ``folder``."""
        problems = file_problems(written, path, self.doc_settings, self.doc_cache)
        errors = [message for message, error in problems if error]
        if errors or path is None:
            self.file_errors += [f"{where}: {message}" for message in errors]
            return None
        kind = file_type(written)
        analysis = self.doc_cache.analysis(path, kind)
        name = published_name(written, slug)
        stem = name.rsplit(".", 1)[0]
        relative = f"{folder}/{name}" if folder else name
        self.originals[relative] = path
        # Absolute with an address; a marker resolved per page in relative mode.
        siteurl = asset_root(self.settings)
        preview_url, width, height = "", 0, 0
        if analysis.preview:
            preview = (
                f"{folder}/{stem}-trang-1.webp" if folder else f"{stem}-trang-1.webp"
            )
            self.previews[preview] = self.doc_cache.preview_path(analysis, kind)
            preview_url = f"{siteurl}/{preview}"
            width, height = analysis.preview
        return PublishedFile(
            url=f"{siteurl}/{relative}",
            name=name,
            title=title,
            type=kind,
            size=analysis.size,
            pages=analysis.pages,
            text=analysis.text,
            text_truncated=analysis.text_truncated,
            text_recognised=analysis.text_recognised,
            preview_url=preview_url,
            preview_width=width,
            preview_height=height,
            folded=" ".join(folded_words(analysis.text)),
        )

    def _attachments_of(
        self, content, slug, folder: str | None = None
    ) -> list[PublishedFile]:
        found = []
        content_root = Path(self.settings["PATH"])
        where = display_path(content.source_path)
        if folder is None:
            folder = posixpath.dirname(content.save_as or "")
        for attachment in getattr(content, "attachments", None) or []:
            path = resolve_file(
                attachment.file, Path(content.source_path).parent, content_root
            )
            published = self._publish(
                path,
                attachment.file,
                folder,
                attachment.title or attachment.file,
                f"{where}:{attachment.line}",
                slug,
            )
            if published is not None:
                found.append(published)
        return found

    def _link_articles(self, articles, slug) -> None:
        official_urls = {e.key: self._official_url(e) for e in self.officials}
        for entry in self.officials:
            entry.url = official_urls[entry.key]
        placement = {
            (id(c.post), id(c.ref)): place
            for c, place in zip(self.citations, self.groups.placement, strict=True)
        }

        def linked(article, ref) -> LinkedDocument:
            place = placement[(id(article), id(ref))]
            return LinkedDocument(ref, place.url, getattr(place, "published", None))

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
                    plan=linked(article, plan) if plan else None,
                    documents=[
                        linked(article, ref)
                        for ref in getattr(article, "documents", None) or []
                    ],
                    attachments=self._attachments_of(article, slug),
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
        self._link_drafts(official_urls, slug)
        if self.file_errors:
            raise SiteError("\n".join(sorted(set(self.file_errors))))

    def _link_drafts(self, official_urls: dict, slug) -> None:
        """A draft shows the leader what its page will show once approved: plan,
        documents, officials and files. It is in no index, so its names link
        only to pages that already exist, and its files are placed beside it."""
        for draft in self.context.get("drafts", []):
            if not draft.save_as:  # `make publish` writes no draft, nor its files
                continue
            # drafts/<slug>/: two drafts' "ke-hoach.pdf" never overwrite each other.
            folder = posixpath.join(posixpath.dirname(draft.save_as), draft.slug)
            where = display_path(draft.source_path)

            def unlisted(ref, draft=draft, folder=folder, where=where):
                path = (
                    resolve_file(
                        ref.file,
                        Path(draft.source_path).parent,
                        Path(self.settings["PATH"]),
                    )
                    if ref.file
                    else None
                )
                published = (
                    self._publish(
                        path,
                        ref.file,
                        folder,
                        ref.title or ref.label,
                        f"{where}:{ref.line}",
                        slug,
                    )
                    if ref.file
                    else None
                )
                return LinkedDocument(ref, "", published)

            plan = getattr(draft, "plan", None)
            attach(
                draft,
                IndexView(
                    officials=[
                        LinkedOfficial(o, official_urls.get(o.key, ""))
                        for o in getattr(draft, "officials", None) or []
                    ],
                    plan=unlisted(plan) if plan else None,
                    documents=[
                        unlisted(ref) for ref in getattr(draft, "documents", None) or []
                    ],
                    attachments=self._attachments_of(draft, slug, folder),
                ),
            )

    def _filters(self) -> tuple[list[FilterLink], list[FilterLink]]:
        s = self.index_settings
        years: dict[int, int] = {}
        kinds: dict[str, int] = {}
        for entry in self.documents:
            if entry.year is not None:
                years[entry.year] = years.get(entry.year, 0) + 1
            kind = entry.ref.kind or UNKNOWN_KIND
            kinds[kind] = kinds.get(kind, 0) + 1
        self.kind_slugs = {kind: self._slug(kind) for kind in kinds}
        return (
            [
                FilterLink(str(year), s.year_url.format(year=year), count)
                for year, count in sorted(years.items(), reverse=True)
            ],
            [
                FilterLink(kind, s.kind_url.format(kind=self.kind_slugs[kind]), count)
                for kind, count in sorted(kinds.items())
            ],
        )

    def _slug(self, text: str) -> str:
        return slugify(
            text,
            regex_subs=tuple(map(tuple, self.settings["SLUG_REGEX_SUBSTITUTIONS"])),
        )

    def generate_output(self, writer) -> None:
        s = self.index_settings
        self._write_index(
            writer, "official", self.officials, s.officials_url, s.officials_save_as
        )
        for entry in self.officials:
            self._write_entry(writer, "official", entry, s.official_save_as)
        years, kinds = self._filters()
        self._write_documents(
            writer, self.documents, s.documents_url, s.documents_save_as, years, kinds
        )
        for year in years:
            chosen = [e for e in self.documents if str(e.year) == year.label]
            self._write_documents(
                writer,
                chosen,
                year.url,
                s.year_save_as.format(year=year.label),
                years,
                kinds,
                filter_label=f"năm {year.label}",
            )
        for kind in kinds:
            chosen = [
                e for e in self.documents if (e.ref.kind or UNKNOWN_KIND) == kind.label
            ]
            self._write_documents(
                writer,
                chosen,
                kind.url,
                s.kind_save_as.format(kind=self.kind_slugs[kind.label]),
                years,
                kinds,
                filter_label=kind.label,
            )
        for entry in self.documents:
            write_page(
                self,
                writer,
                entry.save_as,
                "document",
                entry.url,
                articles=entry.posts,
                document=entry,
            )
        output = Path(self.output_path)
        for page in self.numbers:
            save_as = s.number_save_as.format(slug=page.slug)
            if page.redirect is not None:
                # Written directly, not through the writer: a redirect is no page
                # of the site (the sitemap lists what the writer wrote).
                target = output / save_as
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(
                    render_redirect(
                        self._address_from(save_as, page.redirect.url),
                        page.redirect.ref.label,
                    ),
                    encoding="utf-8",
                )
                continue
            write_page(
                self, writer, save_as, "document_number", page.url, number_page=page
            )
        copy_originals(self.originals, output)
        publish_files(self.previews, output)
        self._keep_unpublished_files()
        self.doc_cache.prune()
        self.doc_cache.save_index()

    def _address_from(self, save_as: str, url: str) -> str:
        """``url`` as a link written in the page saved at ``save_as``."""
        if self.settings.get("RELATIVE_URLS"):
            return posixpath.relpath(url, posixpath.dirname(save_as)) + "/"
        return f"{self.settings.get('SITEURL', '')}/{url}"

    def _keep_unpublished_files(self) -> None:
        """Drafts' and pages' files are checked too: keep their cache entries."""
        content_root = Path(self.settings["PATH"])
        for content in contents_in(self.context):
            refs = [getattr(content, "plan", None)]
            refs += list(getattr(content, "documents", None) or [])
            refs += list(getattr(content, "attachments", None) or [])
            for item in refs:
                if item is None or not getattr(item, "file", ""):
                    continue
                path = resolve_file(
                    item.file, Path(content.source_path).parent, content_root
                )
                if path is not None:
                    self.doc_cache.keep(path)

    def _write_documents(
        self, writer, entries, url, save_as, years, kinds, filter_label=""
    ) -> None:
        write_page(
            self,
            writer,
            save_as,
            "documents",
            url,
            documents=entries,
            document_years=years,
            document_kinds=kinds,
            filter_label=filter_label,
        )

    def _write_index(self, writer, kind: str, entries, url: str, save_as: str) -> None:
        """Writes e.g. can-bo/index.html with template "officials"."""
        write_page(self, writer, save_as, f"{kind}s", url, **{f"{kind}s": entries})

    def _write_entry(self, writer, kind: str, entry, save_as: str) -> None:
        """Writes e.g. can-bo/<slug>/index.html with template "official"."""
        write_page(
            self,
            writer,
            save_as.format(slug=entry.slug),
            kind,
            entry.url,
            articles=entry.posts,
            **{kind: entry},
        )


def render_redirect(url: str, label: str) -> str:
    """The old address of a document (its number alone): a redirect that works
    without JavaScript, kept out of search engines' indexes."""
    address, text = html.escape(url, quote=True), html.escape(label)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Đã chuyển: {text}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={address}">\n'
        "</head><body>\n"
        f'<p>Văn bản này đã chuyển sang địa chỉ mới: <a href="{address}">{text}</a></p>\n'
        "</body></html>\n"
    )


def copy_originals(files: dict[str, Path], output: Path) -> None:
    """Documents and attachments are published byte for byte, as copies (a link
    would let a later edit of the source change the published site)."""
    for relative, source in sorted(files.items()):
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        shutil.copyfile(source, target)


def _plain(html: str) -> str:
    from markupsafe import Markup

    return " ".join(Markup(html or "").striptags().split())[:300]
