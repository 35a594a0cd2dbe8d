"""'Bản đồ địa giới': the ward's boundary (content/data/ranh-gioi.geojson) drawn as
an SVG at build time (no tiles, no scripts from other hosts), with a text
description and the GeoJSON to download, at ban-do/. Sets ``MAP_URL``.
"""

from __future__ import annotations

from .settings import MapSettings


def on_initialized(pelican) -> None:
    MapSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardMapGenerator

    return WardMapGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
