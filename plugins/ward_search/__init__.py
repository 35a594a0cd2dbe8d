"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from ward_core.problems import SiteError
from ward_core.signals import body_replaced

from .generator import SearchWordsGenerator, attach_search_words
from .indexer import SearchIndexError, build_index
from .settings import SearchSettings


def get_generators(_pelican):
    return SearchWordsGenerator


def on_body_replaced(content, generators, output) -> None:
    """The words come from the body: fold the new one (published posts only,
    as the generator does)."""
    for generator in generators:
        articles = generator.context.get("articles", [])
        if isinstance(generator, SearchWordsGenerator) and any(
            article is content for article in articles
        ):
            attach_search_words(content)


def on_initialized(pelican) -> None:
    SearchSettings.from_settings(pelican.settings)  # a typo fails early


def on_finalized(pelican) -> None:
    if not SearchSettings.from_settings(pelican.settings).enabled:
        return
    try:
        build_index(Path(pelican.output_path))
    except SearchIndexError as exc:
        raise SiteError(f"Tìm kiếm: {exc}") from None


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
    body_replaced.connect(on_body_replaced)
