"""Settings of the leaders page (WARD_LEADERS in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class LeadersSettings:
    data_file: str = "data/lanh-dao.yml"  # under content/
    url: str = "lanh-dao/"
    save_as: str = "lanh-dao/index.html"
    photo_widths: tuple[int, ...] = (160, 320)

    @property
    def output_dir(self) -> str:
        return self.save_as.split("/", 1)[0]

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LeadersSettings:
        return strict_settings(cls, settings.get("WARD_LEADERS"), "WARD_LEADERS")
