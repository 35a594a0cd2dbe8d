"""'Lãnh đạo': the leaders page from content/data/lanh-dao.yml.

Sets the context key ``leaders_by_key`` ({person_key: Leader}) so an official's
page (ward_frontmatter's can-bo/<tên>/) shows the same person's biography, and
writes lanh-dao/index.html (current leaders, then former ones with their terms).
"""

from __future__ import annotations

from .settings import LeadersSettings


def on_initialized(pelican) -> None:
    LeadersSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardLeadersGenerator

    return WardLeadersGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
