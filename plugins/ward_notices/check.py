"""The notices checker: content/data/thong-bao-chung.yml, and a note when planned
downtime is announced fewer than 7 working days ahead. Shared by the build,
`make check` and the editor's save."""

from __future__ import annotations

from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_notices
from .settings import NoticesSettings


def check(sources: SiteSources) -> list[Problem]:
    return check_data_file(
        sources,
        NoticesSettings.from_settings,
        lambda text, settings, shown: placed(
            sources.keep_fact(
                "ward_notices", parse_notices(text, settings.downtime_notice_days)
            ).problems,
            shown,
        ),
    )
