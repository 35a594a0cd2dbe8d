"""The procedures plugin's checker: content/data/thu-tuc.yml. Shared by the build,
`make check`, `make linkcheck` and the editor's save."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources

from .model import Parsed, parse_procedures_file
from .settings import ProceduresSettings


def read_procedures(
    sources: SiteSources, settings: ProceduresSettings
) -> Parsed | None:
    path = (sources.content_root / settings.data_file).resolve()
    if not (path.is_file() or path in sources.proposed):
        return None
    parsed = parse_procedures_file(sources.read(path))
    parsed.problems = placed(parsed.problems, display_path(str(path)))
    return parsed


def check(sources: SiteSources) -> list[Problem]:
    try:
        parsed = read_procedures(
            sources, ProceduresSettings.from_settings(sources.settings)
        )
    except SiteError as exc:
        return list(exc.problems)
    return parsed.problems if parsed else []


def output_folders(settings) -> set[str]:
    return {ProceduresSettings.from_settings(settings).output_dir}
