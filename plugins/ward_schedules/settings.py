"""Settings of the schedules (WARD_SCHEDULES in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class SchedulesSettings:
    work_folder: str = "lich-cong-tac"  # under content/: one file per week
    reception_file: str = "data/lich-tiep-cong-dan.yml"  # under content/
    # Under one folder "lich/": a post titled "Lịch tiếp công dân" keeps its own
    # address (lich-tiep-cong-dan/) instead of colliding with the schedule's.
    work_url: str = "lich/cong-tac/"
    week_url: str = "lich/cong-tac/{year}/tuan-{week}/"
    work_feed: str = "lich/cong-tac.ics"
    reception_url: str = "lich/tiep-cong-dan/"
    reception_feed: str = "lich/tiep-cong-dan.ics"
    # An item without an end time lasts this long in calendar apps.
    default_minutes: int = 60

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SchedulesSettings:
        return strict_settings(cls, settings.get("WARD_SCHEDULES"), "WARD_SCHEDULES")
