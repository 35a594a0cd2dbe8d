"""The budget checker: content/data/ngan-sach.yml, its files and spreadsheets, and
notes for the periods due. Shared by the build, `make check` and the editor."""

from __future__ import annotations

from ward_core.buildtime import validation_datetime
from ward_core.problems import Problem
from ward_core.sources import SiteSources, check_data_file

from .load import due_notes, load
from .settings import BudgetSettings


def check(sources: SiteSources) -> list[Problem]:
    today = validation_datetime(sources.settings).date()

    def problems_of(text: str, settings: BudgetSettings, shown: str) -> list[Problem]:
        loaded = sources.keep_fact(
            "ward_budget", load(text, sources.content_root, shown)
        )
        notes = due_notes(loaded.years, today, settings.warn_days, shown)
        return loaded.problems + notes

    return check_data_file(sources, BudgetSettings.from_settings, problems_of)


def output_folders(settings) -> set[str]:
    return {BudgetSettings.from_settings(settings).url.strip("/")}
