"""Core glue for the ward news site: identity, Vietnamese dates, URL safety."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pelican import signals

from ward_core.dates import format_vi_date, format_vi_month
from ward_core.identity import WardIdentity
from ward_core.paths import display_path
from ward_core.problems import SiteError

from .collisions import (
    Output,
    describe_collision,
    describe_reserved,
    find_collisions,
    find_reserved,
)
from .related import neighbours_by_group, related_by_group

logger = logging.getLogger(__name__)

# Top-level folders the site writes itself; a post slug must not take them.
RESERVED_TOP_LEVEL = {
    "theme",
    "chuyen-muc",
    "the",
    "luu-tru",
    "trang",
    "feeds",
    "can-bo",
    "van-ban",
    "tim-kiem",
}


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
    generator.context["ward"] = identity
    if "ASSET_VERSION" not in generator.context:
        generator.context["ASSET_VERSION"] = asset_version(generator.theme)
    generator.env.filters["vi_date"] = format_vi_date
    generator.env.filters["vi_month"] = format_vi_month


def on_content_init(content) -> None:
    date = getattr(content, "date", None)
    if date is not None:
        content.locale_date = format_vi_date(date)
    modified = getattr(content, "modified", None)
    if modified is not None:
        content.locale_modified = format_vi_date(modified)


ARTICLE_LISTS = ("articles", "drafts", "hidden_articles", "translations")
PAGE_LISTS = ("pages", "hidden_pages", "draft_pages")


def _outputs(generators, lists: tuple[str, ...]) -> list[Output]:
    outputs = []
    for generator in generators:
        for name in lists:
            for content in getattr(generator, name, []) or []:
                outputs.append(
                    Output(
                        save_as=content.save_as,
                        source=display_path(content.source_path),
                        slug=content.slug or "",
                    )
                )
    return outputs


def on_all_generators_finalized(generators) -> None:
    articles = _outputs(generators, ARTICLE_LISTS)
    pages = _outputs(generators, PAGE_LISTS)
    problems = [
        describe_collision(target, group)
        for target, group in find_collisions(articles + pages)
    ]
    problems += [
        describe_reserved(output)
        for output in find_reserved(articles, RESERVED_TOP_LEVEL)
    ]
    if problems:
        raise SiteError("\n".join(problems))


def on_articles_finalized(generator) -> None:
    by_category = lambda article: article.category  # noqa: E731
    related = related_by_group(generator.articles, by_category)
    neighbours = neighbours_by_group(generator.articles, by_category)
    for article in generator.articles:
        article.related_posts = related.get(id(article), [])
        newer, older = neighbours.get(id(article), (None, None))
        article.next_article_in_category = newer
        article.prev_article_in_category = older


def get_writer(pelican):
    if pelican.settings.get("WARD_WRITE_ONLY"):
        from .writer import SelectiveWriter

        return SelectiveWriter
    return None


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
