"""The budget checker: content/data/ngan-sach.yml, its files and spreadsheets, and
notes for the periods due. Shared by the build, `make check` and the editor."""

from __future__ import annotations

from ward_core.buildtime import validation_datetime
from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError
from ward_core.sources import SiteSources

from .load import due_notes, load
from .settings import BudgetSettings


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = BudgetSettings.from_settings(sources.settings)
        found = sources.optional_data(settings.data_file)
    except SiteError as exc:
        return list(exc.problems)
    if found is None:
        return []
    path, text = found
    shown = display_path(str(path))
    loaded = load(text, sources.content_root, shown)
    today = validation_datetime(sources.settings).date()
    return loaded.problems + due_notes(loaded.years, today, settings.warn_days, shown)


def output_folders(settings) -> set[str]:
    return {BudgetSettings.from_settings(settings).url.strip("/")}
