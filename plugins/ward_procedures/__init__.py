"""'Thủ tục hành chính': procedures the ward handles, from content/data/thu-tuc.yml,
grouped by field, each linked to the National Public Service Portal by its code.

Writes thu-tuc-hanh-chinh/index.html and one page per field; sets the context key
``PROCEDURES_URL``.
"""

from __future__ import annotations

from .settings import ProceduresSettings


def on_initialized(pelican) -> None:
    ProceduresSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardProceduresGenerator

    return WardProceduresGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
