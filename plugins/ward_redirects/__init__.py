"""Old portal addresses kept alive: redirect pages and a _redirects file."""

from __future__ import annotations

from pelican import signals

from .generator import WardRedirectsGenerator


def get_generators(_pelican):
    return WardRedirectsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
