"""The map plugin's checker: content/data/ranh-gioi.geojson. A bad file is refused
with the file and the reason. Shared by the build, `make check` and the editor."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources

from .model import BoundaryMap, parse_geojson
from .settings import MapSettings


def read_map(sources: SiteSources, settings: MapSettings) -> BoundaryMap | None:
    path = (sources.content_root / settings.data_file).resolve()
    if path in sources.proposed:
        raw = sources.proposed[path].encode("utf-8")
    elif path.is_file():
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SiteError(
                problems=[
                    Problem(
                        display_path(str(path)),
                        message=f"không đọc được tệp: {exc.strerror}",
                    )
                ]
            ) from None
    else:
        return None
    shown = parse_geojson(raw)
    shown.problems = placed(shown.problems, display_path(str(path)))
    return sources.keep_fact("ward_map", shown)


def check(sources: SiteSources) -> list[Problem]:
    try:
        shown = read_map(sources, MapSettings.from_settings(sources.settings))
    except SiteError as exc:
        return list(exc.problems)
    return shown.problems if shown else []


def output_folders(settings) -> set[str]:
    return {MapSettings.from_settings(settings).output_dir}
