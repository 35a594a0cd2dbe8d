"""The ward portal's legal layer: the requirements (requirements.yml, with their legal
basis) checked as notes, and the catalogue of information that must be published
(Law on Access to Information 104/2016/QH13, Art. 19), generated from the same file
and the site itself at danh-muc-thong-tin/. Sets the context key ``CATALOGUE_URL``.
"""

from __future__ import annotations

from .settings import PortalSettings


def on_initialized(pelican) -> None:
    PortalSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardPortalGenerator

    return WardPortalGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
