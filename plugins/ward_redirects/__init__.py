"""Old portal addresses kept alive: redirect pages and a _redirects file."""

from __future__ import annotations

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_redirects.check` (make check, the editor's save) stays light.


def get_generators(_pelican):
    from .generator import WardRedirectsGenerator

    return WardRedirectsGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
