"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

from pathlib import Path

from ward_core.problems import SiteError
from ward_core.signals import body_replaced

from .settings import SearchSettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_search.check` (make check, the editor's save) stays light.


def get_generators(_pelican):
    from .generator import SearchWordsGenerator

    return SearchWordsGenerator


def on_body_replaced(content, generators, output) -> None:
    """The words come from the body: fold the new one (published posts only,
    as the generator does)."""
    from .generator import SearchWordsGenerator, attach_search_words

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
    from .indexer import SearchIndexError, build_index

    try:
        build_index(Path(pelican.output_path))
    except SearchIndexError as exc:
        raise SiteError(f"Tìm kiếm: {exc}") from None


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
    body_replaced.connect(on_body_replaced)
