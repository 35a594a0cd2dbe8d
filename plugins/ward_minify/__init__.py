"""Minify the whole output once Pelican has written it (WARD_MINIFY = False turns it off)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican import signals

from .minify import minify_tree

logger = logging.getLogger(__name__)


_started: dict[str, float] = {}


def on_initialized(pelican) -> None:
    # Files older than this run are already minified (preview rebuilds write in place).
    _started["at"] = time.time() - 1


def on_finalized(pelican) -> None:
    if not pelican.settings.get("WARD_MINIFY", True):
        return
    since = _started.get("at", 0) if pelican.settings.get("WARD_WRITE_ONLY") else 0
    saved = minify_tree(Path(pelican.output_path), since)
    logger.info("Minified output: %d bytes saved", saved)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
