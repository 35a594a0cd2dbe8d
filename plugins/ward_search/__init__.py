"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from ward_core.problems import SiteError

from .generator import SearchWordsGenerator
from .indexer import SearchIndexError, build_index
from .settings import SearchSettings


def get_generators(_pelican):
    return SearchWordsGenerator


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
