"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

from pathlib import Path

from ward_core.signals import body_replaced

from .settings import SearchSettings

# Pelican, the generator and the Pagefind client are imported when Pelican
# calls in, so that `import ward_search.check` (make check, the editor's save)
# stays light.

# The index of the build under way: pages go to Pagefind as Pelican writes them.
_live: dict = {"index": None}


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
    settings = SearchSettings.from_settings(pelican.settings)  # a typo fails early
    from ward_core.preview import PreviewSettings
    from ward_core.report import record_of
    from ward_core.reuse import ReuseSettings

    from .indexer import search_error
    from .live import LiveIndex, stop_all
    from .service import PagefindServiceError

    stop_all()  # a previous build in this process that failed half-way
    _live["index"] = None
    if (
        not settings.enabled
        or PreviewSettings.from_settings(pelican.settings).write_only
    ):
        return
    previous = ReuseSettings.from_settings(pelican.settings).previous
    try:
        index = LiveIndex(
            Path(pelican.output_path),
            resolve_root=bool(pelican.settings.get("RELATIVE_URLS")),
            previous=Path(previous) if previous else None,
        )
    except PagefindServiceError as exc:
        raise search_error(exc) from None
    _live["index"] = index
    # A build that fails half-way never reaches `finalized`: Pagefind stops when
    # the tool ends the run (and at exit, for a bare `pelican` run).
    record = record_of(pelican.settings)
    if record is not None:
        record.at_end.append(index.stop)


def on_content_written(path, context=None) -> None:
    index = _live["index"]
    if index is None:
        return
    from .indexer import search_error
    from .live import stop_all
    from .service import PagefindServiceError

    try:
        index.page_written(path)
    except (PagefindServiceError, OSError) as exc:
        _live["index"] = None
        stop_all()
        raise search_error(exc) from None


def on_finalized(pelican) -> None:
    index, _live["index"] = _live["index"], None
    if index is None and not SearchSettings.from_settings(pelican.settings).enabled:
        return
    from .indexer import SearchIndexError, build_index, finish_bundle, search_error
    from .live import stop_all
    from .service import PagefindServiceError

    site = Path(pelican.output_path)
    try:
        if index is not None:
            index.finish()
            finish_bundle(site)
        else:
            build_index(site)  # a preview rebuild of a few pages, if search is on
    except (SearchIndexError, PagefindServiceError, OSError) as exc:
        stop_all()
        raise search_error(exc) from None


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
    body_replaced.connect(on_body_replaced)
