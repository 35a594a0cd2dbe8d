"""sitemap.xml (every article, page, list and index page) and robots.txt."""

from __future__ import annotations

from pelican import signals

from .generator import SitemapGenerator


def get_generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
