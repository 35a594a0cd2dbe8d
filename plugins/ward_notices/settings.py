"""Settings of the site-wide notices (WARD_NOTICES in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class NoticesSettings:
    data_file: str = "data/thong-bao-chung.yml"  # under content/
    # Decree 224/2026, Art. 13: planned downtime announced this many working days ahead.
    downtime_notice_days: int = 7

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> NoticesSettings:
        return strict_settings(cls, settings.get("WARD_NOTICES"), "WARD_NOTICES")
