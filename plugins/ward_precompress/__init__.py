"""Precompress the published site (WARD_PRECOMPRESS = True in publishconf.py)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .compress import precompress_tree


def on_finalized(pelican) -> None:
    if pelican.settings.get("WARD_PRECOMPRESS"):
        precompress_tree(Path(pelican.output_path))


def register() -> None:
    signals.finalized.connect(on_finalized)
