"""The portal plugin's checker: every item the law requires that the site is
missing or has let go stale, as notes ("lưu ý") with the legal basis. Notes
never stop a build or `make publish`. Shared by the build, `make check` and the
editor's save."""

from __future__ import annotations

from ward_core.buildtime import validation_datetime
from ward_core.compliance import (
    Finding,
    evaluate,
    findings_as_notes,
    parse_requirements,
)
from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources
from ward_core.textfile import read_text

from .facts import gather
from .settings import PortalSettings


def read_requirements(settings: PortalSettings):
    requirements, problems = parse_requirements(read_text(settings.requirements_file))
    if problems:
        raise SiteError(
            problems=placed(problems, display_path(settings.requirements_file))
        )
    return requirements


def findings(sources: SiteSources, requirements, today) -> list[Finding]:
    facts = gather(sources, requirements)
    return [evaluate(req, facts, today) for req in requirements]


def check(sources: SiteSources) -> list[Problem]:
    """Notes for `make check` and `make publish` (final checks); the preview and
    the editor's save stay about the post being written."""
    if not sources.final:
        return []
    try:
        settings = PortalSettings.from_settings(sources.settings)
        requirements = read_requirements(settings)
    except SiteError as exc:
        return list(exc.problems)
    today = validation_datetime(sources.settings).date()
    return findings_as_notes(findings(sources, requirements, today))


def output_folders(settings) -> set[str]:
    return PortalSettings.from_settings(settings).output_dirs
