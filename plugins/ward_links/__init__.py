"""'Liên kết': a links sidebar from content/data/links.yml, and per-post links."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from ward_core.paths import display_path

from .generator import WardLinksGenerator
from .model import parse_post_links


def on_content_init(content) -> None:
    raw = (getattr(content, "metadata", {}) or {}).get("links")
    content.related_links = []
    content.link_problems = []
    if raw is None:
        return
    parsed = parse_post_links(
        raw, Path(content.settings["PATH"]), getattr(raw, "line", 0)
    )
    shown = display_path(content.source_path)
    content.link_problems = [
        f'{shown}:{line}: trường "links": {message}'
        for line, message in parsed.problems
    ]
    content.related_links = parsed.links


def get_generators(_pelican):
    return WardLinksGenerator


def register() -> None:
    signals.content_object_init.connect(on_content_init)
    signals.get_generators.connect(get_generators)
