"""The schedules' checker: every week file and the reception file.
Shared by the build, `make check` and the editor's save."""

from __future__ import annotations

from pathlib import Path

from ward_core.problems import Problem, SiteError
from ward_core.sources import SiteSources

from .load import PATTERNS, load
from .settings import SchedulesSettings


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = SchedulesSettings.from_settings(sources.settings)
    except SiteError as exc:
        return list(exc.problems)
    root = Path(sources.content_root)
    reception = (root / settings.reception_file).resolve()
    files = sources.data_files(root / settings.work_folder, PATTERNS)
    exists = reception.is_file() or reception in sources.proposed
    loaded = load(settings, root, sources.read, files, exists)
    return sources.keep_fact("ward_schedules", loaded).problems


def output_folders(settings) -> set[str]:
    s = SchedulesSettings.from_settings(settings)
    return {url.strip("/").split("/")[0] for url in (s.work_url, s.reception_url)}
