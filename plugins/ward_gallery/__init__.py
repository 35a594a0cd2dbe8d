"""Captioned photo galleries: validated front matter, cached Pillow pipeline, figures."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from ward_core.paths import display_path

from .generator import WardGalleryGenerator
from .spec import parse_cover, parse_gallery


def on_content_init(content) -> None:
    metadata = getattr(content, "metadata", {}) or {}
    raw_gallery = metadata.get("gallery")
    raw_cover = metadata.get("cover")
    content.photo_specs = []
    content.cover_spec = None
    content.photo_problems = []
    if raw_gallery is None and raw_cover is None:
        return
    post_dir = Path(content.source_path).parent
    content_root = Path(content.settings["PATH"])
    specs, problems = parse_gallery(
        raw_gallery, post_dir, content_root, getattr(raw_gallery, "line", 0)
    )
    cover, cover_problems = parse_cover(
        raw_cover, specs, post_dir, content_root, getattr(raw_cover, "line", 0)
    )
    shown = display_path(content.source_path)
    # Reported by the generator together with the photos that fail to decode,
    # so the officer sees every photo problem of the site in one build.
    content.photo_problems = [
        f'{shown}:{p.line}: trường "{p.field}": {p.message}'
        for p in problems + cover_problems
    ]
    content.photo_specs = specs
    content.cover_spec = cover


def get_generators(_pelican):
    return WardGalleryGenerator


def register() -> None:
    signals.content_object_init.connect(on_content_init)
    signals.get_generators.connect(get_generators)
