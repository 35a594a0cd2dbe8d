"""Search with Pagefind, including "duong" for "Đường" (đ folded at index time)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from ward_core.problems import SiteError

from .generator import SearchWordsGenerator
from .indexer import SearchIndexError, build_index


def get_generators(_pelican):
    return SearchWordsGenerator


def on_finalized(pelican) -> None:
    if not pelican.settings.get("WARD_SEARCH", True):
        return
    try:
        build_index(Path(pelican.output_path))
    except SearchIndexError as exc:
        raise SiteError(f"Tìm kiếm: {exc}") from None


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(on_finalized)
