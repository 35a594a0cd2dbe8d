"""'Công khai ngân sách': content/data/ngan-sach.yml gives a page per budget year
with each period published (with date) or missing/late against the deadlines in
han-cong-khai.yml; spreadsheets shown as tables. Sets the context key ``budget``."""

from __future__ import annotations

from .settings import BudgetSettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_budget.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    BudgetSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardBudgetGenerator

    return WardBudgetGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
