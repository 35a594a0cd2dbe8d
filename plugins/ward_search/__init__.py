"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.session import session_in, session_of
from ward_core.signals import body_replaced

from .settings import SearchSettings

# Pelican, the generator and the Pagefind client are imported when Pelican
# calls in, so that `import ward_search.check` (make check, the editor's save)
# stays light.

PLUGIN = "ward_search"

logger = logging.getLogger(__name__)


@dataclass
class _Live:
    """The index of the build under way (in its session): pages go to Pagefind
    as Pelican writes them."""

    index: Any = None
    # The Markdown files of the content folder when the build started: a seed
    # is used only if the last build had the same (a new or removed post moves
    # the pages Pagefind numbers in order, and the seed would be dropped).
    sources: list[str] | None = None
    # The last post the article generator writes: once it is written, the
    # bundle may be asked for early (LiveIndex.early_bundle).
    last_post: Any = None

    def drop(self) -> None:
        index, self.index = self.index, None
        if index is not None:
            index.stop()


def _live(settings) -> _Live:
    return session_of(settings).plugin_state(PLUGIN, _Live)


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
    from .indexer import search_error
    from .service import PagefindServiceError

    session = session_of(pelican.settings)
    live = _live(pelican.settings)
    output = Path(os.path.abspath(pelican.output_path))
    if live.index is not None and live.index.site == output:
        return  # started before the checks (start_early)
    live.drop()
    if not (settings.enabled and session.search) or session.write_only:
        return
    try:
        _start(live, session, pelican.settings, output)
    except PagefindServiceError as exc:
        raise search_error(exc) from None


def start_early(settings, output: Path) -> None:
    """Start Pagefind for the build of these settings (their session's) into
    ``output`` before its checks run: with a seed (see live.py), Pagefind reads
    the last build's pages meanwhile (0.5 s of checks at 1,000 posts). Pelican's
    `initialized` takes this index over; anything amiss is left to it."""
    session = session_of(settings)
    if PLUGIN not in (settings.get("PLUGINS") or []) or not session.previous:
        return
    if not (session.search and not session.write_only):
        return
    try:
        if not SearchSettings.from_settings(settings).enabled:
            return
        live = _live(settings)
        live.drop()
        _start(live, session, settings, Path(os.path.abspath(output)))
    except Exception:  # `initialized` starts it again and says why
        logger.debug("search index not started early", exc_info=True)


def _start(live: _Live, session, settings, output: Path) -> None:
    from ward_core.reuse import load_search_state

    from .live import LiveIndex, SearchState

    previous = Path(session.previous) if session.previous else None
    live.sources = _markdown_files(Path(settings["PATH"]))
    seed = None
    if previous is not None:
        raw = load_search_state(previous)
        if isinstance(raw, dict) and raw.get("sources") == live.sources:
            seed = SearchState.from_json(raw)
    index = LiveIndex(
        output,
        resolve_root=bool(settings.get("RELATIVE_URLS")),
        previous=previous,
        seed=seed,
    )
    live.index = index
    # A build that fails half-way never reaches `finalized`: Pagefind stops when
    # the session ends (the tool ends it; at exit for a bare `pelican` run).
    session.record.at_end.append(index.stop)


def _markdown_files(content: Path) -> list[str]:
    found = []
    for folder, _dirs, names in os.walk(content):
        found += [os.path.join(folder, name) for name in names if name.endswith(".md")]
    return sorted(os.path.relpath(path, content) for path in found)


def on_content_written(path, context=None) -> None:
    session = session_in(context)
    live = session.plugin_state(PLUGIN, _Live) if session else None
    if live is None or live.index is None:
        return
    from .indexer import search_error
    from .service import PagefindServiceError

    try:
        live.index.page_written(path)
        if (
            live.last_post is not None
            and (context or {}).get("article") is live.last_post
        ):
            live.index.early_bundle()
    except (PagefindServiceError, OSError) as exc:
        live.drop()
        raise search_error(exc) from None


def on_articles_finalized(generator) -> None:
    """The posts in the order the generator writes them (Pelican 4.12's), the
    first pages of the site it writes: the index checks its seed against them
    and remembers the last one."""
    live = _live(generator.settings)
    if live.index is None:
        return
    from .indexer import search_error
    from .service import PagefindServiceError

    posts = (
        generator.translations
        + generator.articles
        + generator.hidden_translations
        + generator.hidden_articles
    )
    live.last_post = posts[-1] if posts else None
    try:
        live.index.posts_first([post.save_as.replace(os.sep, "/") for post in posts])
    except (PagefindServiceError, OSError) as exc:
        live.drop()
        raise search_error(exc) from None


def on_finalized(pelican) -> None:
    live = _live(pelican.settings)
    index, live.index = live.index, None
    session = session_of(pelican.settings)
    enabled = SearchSettings.from_settings(pelican.settings).enabled and session.search
    if index is None and not enabled:
        return
    from .indexer import SearchIndexError, build_index, finish_bundle, search_error
    from .service import PagefindServiceError

    site = Path(pelican.output_path)
    try:
        if index is not None:
            index.finish()
            finish_bundle(site)
            if index.state is not None:
                session.record.search_state = {
                    **index.state.to_json(),
                    "sources": live.sources,
                }
        else:
            build_index(site)  # a preview rebuild of a few pages, if search is on
    except (SearchIndexError, PagefindServiceError, OSError) as exc:
        if index is not None:
            index.stop()
        raise search_error(exc) from None


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_content_written)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.finalized.connect(on_finalized)
    body_replaced.connect(on_body_replaced)
