"""The procurement checker: content/data/dau-thau-dau-tu.yml, its files and
spreadsheets. Shared by the build, `make check` and the editor's save."""

from __future__ import annotations

from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_disclosures
from .settings import ProcurementSettings


def check(sources: SiteSources) -> list[Problem]:
    def problems_of(text: str, settings: ProcurementSettings, shown: str):
        parsed = sources.keep_fact(
            "ward_procurement",
            parse_disclosures(text, sources.content_root, settings.kind_keys),
        )
        return placed(parsed.problems, shown)

    return check_data_file(sources, ProcurementSettings.from_settings, problems_of)


def output_folders(settings) -> set[str]:
    s = ProcurementSettings.from_settings(settings)
    return {url.strip("/").split("/")[0] for _, _, url in s.kinds}
