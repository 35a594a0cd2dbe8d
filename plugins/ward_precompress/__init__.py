"""Precompress the published site (WARD_PRECOMPRESS = {"enabled": True} in
publishconf.py)."""

from __future__ import annotations

from pathlib import Path

from .settings import PrecompressSettings


def on_initialized(pelican) -> None:
    PrecompressSettings.from_settings(pelican.settings)  # a typo fails early


def on_finalized(pelican) -> None:
    if PrecompressSettings.from_settings(pelican.settings).enabled:
        from .compress import precompress_tree

        cache = Path(pelican.settings["CACHE_PATH"]) / "precompress"
        precompress_tree(Path(pelican.output_path), cache)


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
