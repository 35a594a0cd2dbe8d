"""The procedures plugin's checker: content/data/thu-tuc.yml. Shared by the build,
`make check`, `make linkcheck` and the editor's save."""

from __future__ import annotations

from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_procedures_file
from .settings import ProceduresSettings


def check(sources: SiteSources) -> list[Problem]:
    return check_data_file(
        sources,
        ProceduresSettings.from_settings,
        lambda text, _settings, shown: placed(
            sources.keep_fact("ward_procedures", parse_procedures_file(text)).problems,
            shown,
        ),
    )


def output_folders(settings) -> set[str]:
    return {ProceduresSettings.from_settings(settings).output_dir}
