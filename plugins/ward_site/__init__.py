"""Core glue for the ward news site: identity, Vietnamese dates, URL safety.

Context keys it sets: ``ward`` (WardIdentity) and ``ASSET_VERSION``.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from ward_core.dates import format_vi_date, format_vi_month
from ward_core.identity import WardIdentity
from ward_core.localfiles import is_dangling_link
from ward_core.paths import display_path
from ward_core.problems import SiteError
from ward_core.report import metadata_digest
from ward_core.reuse import digest, link_all
from ward_core.session import session_of
from ward_core.slugs import address_of, shorten_slug
from ward_core.urls import resolve_root_marker, site_address
from ward_core.views import (
    ARTICLE_GENERATOR_LISTS,
    SiteView,
    attach,
    attach_missing,
    contents_in,
    listing_key,
    view_of,
)

from .collisions import Output, describe_collision, find_collisions
from .related import neighbours_by_group, related_by_group

# Pelican and beautifulsoup4 are imported when Pelican calls in, so that
# `import ward_site.check` (make check, the editor's save) stays light.

logger = logging.getLogger(__name__)

WARD_CONTEXT = "ward"
ASSET_VERSION_CONTEXT = "ASSET_VERSION"
SITE_ADDRESS_CONTEXT = "SITE_ADDRESS"


def on_initialized(pelican) -> None:
    # Validate early so a typo in WARD fails before any file is read.
    WardIdentity.from_settings(pelican.settings.get("WARD"))


def asset_version(theme: str) -> str:
    """A short hash of the theme's static files: URLs change when the files do,
    so servers may cache /theme/ for a year."""
    digest = hashlib.sha256()
    static = Path(theme) / "static"
    for path in sorted(static.rglob("*")) if static.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(static).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def on_generator_init(generator) -> None:
    identity = WardIdentity.from_settings(generator.settings.get("WARD"))
    generator.context[WARD_CONTEXT] = identity
    if ASSET_VERSION_CONTEXT not in generator.context:
        generator.context[ASSET_VERSION_CONTEXT] = asset_version(generator.theme)
    # The absolute address for canonical links, Open Graph and JSON-LD; "" when
    # the site is published without one (relative links, any folder).
    generator.context[SITE_ADDRESS_CONTEXT] = site_address(generator.settings)
    generator.env.filters["vi_date"] = format_vi_date
    generator.env.filters["vi_month"] = format_vi_month
    generator.env.bytecode_cache = template_cache(generator.settings)
    from pelican.generators import StaticGenerator

    if (
        isinstance(generator, StaticGenerator)
        and session_of(generator.settings).write_only
    ):
        # A preview rebuild of a few pages writes into the folder being served,
        # where the theme's files are already (a theme change is a full build):
        # copying them again would overwrite served files in place, unminified.
        # Content files are copied only when new or changed.
        generator.settings = {
            **generator.settings,
            "THEME_STATIC_PATHS": [],
            "STATIC_CHECK_IF_MODIFIED": True,
        }


def template_cache(settings):
    """Compiled templates kept in the cache folder: every generator has its own
    Jinja environment, and every build compiled each template again. Jinja
    checks the template's source; the folder is per environment options and
    Jinja version, which the compiled code also depends on."""
    import jinja2

    options = repr(sorted((settings.get("JINJA_ENVIRONMENT") or {}).items()))
    key = digest([options, jinja2.__version__])[:16]
    folder = Path(settings["CACHE_PATH"]) / "templates" / key
    # One per folder and build (in the build's session), shared by its generators.
    caches = session_of(settings).plugin_state("ward_site.templates", dict)
    cached = caches.get(folder)
    if cached is None:
        folder.mkdir(parents=True, exist_ok=True)
        cached = caches[folder] = jinja2.FileSystemBytecodeCache(str(folder))
    return cached


def on_content_init(content) -> None:
    slug = getattr(content, "slug", None)
    if "slug" not in content.metadata and getattr(content, "title", None):
        # Generated from the title: never empty (an emoji-only title), and cut
        # when long so the folder name fits any file system.
        content.slug = shorten_slug(address_of(slug or "", content.title))
    attach_missing(content)  # other plugins replace theirs with real ones
    date = getattr(content, "date", None)
    modified = getattr(content, "modified", None)
    attach(
        content,
        SiteView(
            locale_date=format_vi_date(date) if date is not None else "",
            locale_modified=format_vi_date(modified) if modified is not None else "",
        ),
    )
    if "summary" not in content.metadata:
        # Pelican would cut the raw HTML, tables and captions included.
        from ward_core.summary import plain_summary

        settings = content.settings
        content.metadata["summary"] = plain_summary(
            content._content or "",
            settings.get("SUMMARY_MAX_LENGTH") or 50,
            settings.get("SUMMARY_END_SUFFIX") or "…",
        )
    # As read and set up: the preview's worker compares it with a file read
    # again to tell a body edit from one that lists show.
    view_of(content, SiteView).metadata_digest = metadata_digest(content.metadata)


def _outputs(contents) -> list[Output]:
    return [
        Output(
            save_as=content.save_as,
            source=display_path(content.source_path),
            slug=content.slug or "",
        )
        for content in contents
    ]


def on_all_generators_finalized(generators) -> None:
    """The checker saw the sources; this sees what Pelican will really write."""
    contents = contents_in(*generators)
    if generators:
        session = session_of(generators[0].settings)
        record = session.record
        record.generators = list(generators)
        for content in contents:
            record.save_as[content.source_path] = content.save_as
            record.listing[content.source_path] = listing_key(content)
        if session.inputs:
            record.site_fingerprint = site_fingerprint(
                session.inputs, contents, record.listing
            )
    outputs = _outputs(contents)
    problems = [
        describe_collision(target, group) for target, group in find_collisions(outputs)
    ]
    if problems:
        raise SiteError("\n".join(problems))
    for content in contents:
        # Every card, neighbour and index entry asks for the address again, and
        # Pelican derives it afresh each time (a quarter of a cold build's
        # rendering); from here on nothing changes it, so pin it, and the
        # output path the plugins and the preview ask for, with Pelican's own
        # overrides.
        if not hasattr(content, "override_url"):
            content.override_url = content.url
        if not hasattr(content, "override_save_as"):
            content.override_save_as = content.save_as


def site_fingerprint(inputs: str, contents, listing: dict) -> str:
    """Everything but the bodies: the build's other inputs, and what every list,
    index and neighbour shows of each post and page (ward_core.reuse);
    ``listing``: their listing keys, just taken."""
    return digest(
        [inputs]
        + [
            (
                content.source_path,
                content.url,
                content.save_as,
                metadata_digest(content.metadata),
                listing[content.source_path],
            )
            for content in contents
        ]
    )


def on_articles_pretaxonomy(generator) -> None:
    """Posts with the same date are ordered by their file, not by the order the
    file system listed them in (which changes between copies of a folder):
    every list, archive and neighbour comes out the same in every build."""
    from pelican.utils import order_content

    order_by = generator.settings.get("ARTICLE_ORDER_BY")
    for name in ARTICLE_GENERATOR_LISTS:
        items = getattr(generator, name, None)
        if items:
            items.sort(key=lambda content: content.source_path or "")
            order_content(items, order_by)  # a stable sort: ties keep the file order


def on_articles_finalized(generator) -> None:
    by_category = lambda article: article.category  # noqa: E731
    related = related_by_group(generator.articles, by_category)
    neighbours = neighbours_by_group(generator.articles, by_category)
    for article in generator.articles:
        site = view_of(article, SiteView)
        site.related = related.get(id(article), [])
        site.newer, site.older = neighbours.get(id(article), (None, None))
        attach(article, site)


def on_finalized(pelican) -> None:
    """Pages taken from the last build are linked in; then, in relative mode,
    photo addresses get the way back to the root of each page. Runs first among
    the plugins' finalizers (ward_site is first in PLUGINS), so that the search
    index, the sitemap and precompression see the whole site."""
    session = session_of(pelican.settings)
    record, previous = session.record, session.previous
    if record.reused_files and previous:
        output = Path(pelican.output_path)
        link_all(
            (Path(previous) / relative, output / relative)
            for relative in record.reused_files
        )
    if pelican.settings.get("RELATIVE_URLS"):
        resolve_root_marker(Path(pelican.output_path))


DANGLING_LINK = (
    "%s: liên kết tắt (symlink) trỏ tới tệp không còn tồn tại; đã bỏ qua. "
    "Xóa liên kết này hoặc chép tệp thật vào chỗ nó."
)


def _skip_dangling_links() -> None:
    """Pelican lists a symlink whose target is gone as a file, then stumbles on it
    in English. Treat it as absent (with a warning) wherever Pelican looks for
    content: posts, pages and static files."""
    from pelican.generators import Generator

    include = Generator._include_path
    if getattr(include, "skips_dangling_links", False):
        return

    def include_path(self, path, extensions=None):
        if not include(self, path, extensions):
            return False
        full = os.path.join(self.path, path)
        if is_dangling_link(full):
            logger.warning(DANGLING_LINK, display_path(full))
            return False
        return True

    include_path.skips_dangling_links = True
    Generator._include_path = include_path


def get_writer(_pelican):
    from .writer import WardWriter

    return WardWriter


def register() -> None:
    from pelican import signals

    _skip_dangling_links()
    signals.get_writer.connect(get_writer)
    signals.article_generator_pretaxonomy.connect(on_articles_pretaxonomy)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
