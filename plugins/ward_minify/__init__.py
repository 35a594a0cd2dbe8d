"""Minify the whole output once Pelican has written it (WARD_MINIFY = False turns it off)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .minify import minify_files, minify_tree

logger = logging.getLogger(__name__)


def on_finalized(pelican) -> None:
    if not pelican.settings.get("WARD_MINIFY", True):
        return
    only = pelican.settings.get("WARD_WRITE_ONLY")
    if only:  # a preview rebuild: just the pages it wrote
        saved = minify_files(Path(pelican.output_path) / path for path in only)
    else:
        saved = minify_tree(Path(pelican.output_path))
    logger.info("Minified output: %d bytes saved", saved)


def register() -> None:
    signals.finalized.connect(on_finalized)
