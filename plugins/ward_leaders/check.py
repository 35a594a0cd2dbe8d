"""The leaders plugin's checker: content/data/lanh-dao.yml. Shared by the build,
`make check` and the editor's save."""

from __future__ import annotations

from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_leaders_file
from .settings import LeadersSettings


def check(sources: SiteSources) -> list[Problem]:
    return check_data_file(
        sources,
        LeadersSettings.from_settings,
        lambda text, _settings, shown: placed(
            sources.keep_fact(
                "ward_leaders", parse_leaders_file(text, sources.content_root)
            ).problems,
            shown,
        ),
    )


def output_folders(settings) -> set[str]:
    return {LeadersSettings.from_settings(settings).output_dir}
