"""Every schedule file of the site, read once: shared by the build, `make check`
and the editor's save (which passes the texts being saved)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed

from .model import Reception, Week, parse_reception_file, parse_week_file
from .settings import SchedulesSettings

PATTERNS = ("*.yml", "*.yaml")


@dataclass
class Loaded:
    weeks: list[Week] = field(default_factory=list)  # oldest first
    reception: Reception | None = None
    problems: list[Problem] = field(default_factory=list)


def load(
    settings: SchedulesSettings,
    content_root: Path,
    read: Callable[[Path], str],
    week_files: Iterable[Path],
    reception_exists: bool,
) -> Loaded:
    loaded = Loaded()
    seen: dict[tuple[int, int], str] = {}
    for path in week_files:
        shown = display_path(str(path))
        try:
            parsed = parse_week_file(read(path))
        except SiteError as exc:
            loaded.problems += exc.problems
            continue
        loaded.problems += placed(parsed.problems, shown)
        week = parsed.week
        if week is None:
            continue
        key = (week.year, week.number)
        if key in seen:
            loaded.problems.append(
                Problem(
                    shown,
                    field="week",
                    message=f"tuần {week.number} năm {week.year} đã có trong "
                    f"{seen[key]}; gộp hai tệp làm một.",
                )
            )
            continue
        seen[key] = shown
        loaded.weeks.append(replace(week, source=shown))
    loaded.weeks.sort(key=lambda w: (w.year, w.number))
    path = content_root / settings.reception_file
    if not reception_exists:
        return loaded
    try:
        text = read(path)
    except SiteError as exc:
        loaded.problems += exc.problems
        return loaded
    parsed = parse_reception_file(text)
    loaded.problems += placed(parsed.problems, display_path(str(path)))
    loaded.reception = parsed.reception
    return loaded
