"""The questions file's checker, shared by the build, `make check` and the editor's
save. Comments marked as questions are checked by ward_comments with the others."""

from __future__ import annotations

from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_qa_file
from .settings import QASettings


def check(sources: SiteSources) -> list[Problem]:
    return check_data_file(
        sources,
        QASettings.from_settings,
        lambda text, _settings, shown: placed(
            sources.keep_fact("ward_qa", parse_qa_file(text)).problems, shown
        ),
    )


def output_folders(settings) -> set[str]:
    return {QASettings.from_settings(settings).url.strip("/")}
