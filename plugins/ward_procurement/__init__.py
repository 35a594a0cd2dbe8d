"""Procurement and public investment lists (content/data/dau-thau-dau-tu.yml): one
index page per kind, each document with its file and spreadsheets as tables."""

from __future__ import annotations

from .settings import ProcurementSettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_procurement.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    ProcurementSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardProcurementGenerator

    return WardProcurementGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
