"""Site-wide notices (content/data/thong-bao-chung.yml): shown on every page between
their start and end dates (the build date decides), without JavaScript."""

from __future__ import annotations

from .settings import NoticesSettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_notices.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    NoticesSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardNoticesGenerator

    return WardNoticesGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
