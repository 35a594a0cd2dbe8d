"""The questions file's checker, shared by the build, `make check` and the editor's
save. Comments marked as questions are checked by ward_comments with the others."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources

from .model import parse_qa_file
from .settings import QASettings


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = QASettings.from_settings(sources.settings)
        found = sources.optional_data(settings.data_file)
    except SiteError as exc:
        return list(exc.problems)
    if found is None:
        return []
    path, text = found
    return placed(parse_qa_file(text).problems, display_path(str(path)))


def output_folders(settings) -> set[str]:
    return {QASettings.from_settings(settings).url.strip("/")}
