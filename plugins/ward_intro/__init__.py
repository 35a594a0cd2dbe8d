"""'Giới thiệu': the introduction, organisation and contact pages from
content/data/gioi-thieu.yml (Decree 224/2026/NĐ-CP Art. 9.1.c; Law 104/2016/QH13
Art. 19), at the addresses the Markdown pages had (trang/gioi-thieu/,
trang/co-cau-to-chuc/, trang/lien-he/). Relics' photos go through the gallery
pipeline; a unit's head links to the leaders' page. Sets the context key ``intro``
(the pages' addresses, for the menu) when the file exists.
"""

from __future__ import annotations

from .settings import IntroSettings


def on_initialized(pelican) -> None:
    IntroSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardIntroGenerator

    return WardIntroGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
