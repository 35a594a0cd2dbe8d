"""The leaders plugin's checker: content/data/lanh-dao.yml. Shared by the build,
`make check` and the editor's save."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources

from .model import Parsed, parse_leaders_file
from .settings import LeadersSettings


def read_leaders(sources: SiteSources, settings: LeadersSettings) -> Parsed | None:
    """The parsed file (problems placed in it), or None when the ward has none."""
    path = (sources.content_root / settings.data_file).resolve()
    if not (path.is_file() or path in sources.proposed):
        return None
    parsed = parse_leaders_file(sources.read(path), sources.content_root)
    parsed.problems = placed(parsed.problems, display_path(str(path)))
    return parsed


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = LeadersSettings.from_settings(sources.settings)
        parsed = read_leaders(sources, settings)
    except SiteError as exc:
        return list(exc.problems)
    return parsed.problems if parsed else []


def output_folders(settings) -> set[str]:
    return {LeadersSettings.from_settings(settings).output_dir}
