"""'Lịch công tác' (one file per week under content/lich-cong-tac/) and 'Lịch tiếp
công dân' (content/data/lich-tiep-cong-dan.yml): pages, the current week on the
home page (context ``schedule_week``) and iCalendar feeds."""

from __future__ import annotations

from .settings import SchedulesSettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_schedules.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    SchedulesSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardSchedulesGenerator

    return WardSchedulesGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
