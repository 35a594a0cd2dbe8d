"""Settings of the boundary map (WARD_MAP in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class MapSettings:
    data_file: str = "data/ranh-gioi.geojson"  # under content/
    url: str = "ban-do/"
    save_as: str = "ban-do/index.html"

    @property
    def output_dir(self) -> str:
        return self.save_as.split("/", 1)[0]

    @property
    def download_as(self) -> str:
        """The GeoJSON offered for download, beside the map page."""
        return f"{self.output_dir}/ranh-gioi.geojson"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> MapSettings:
        return strict_settings(cls, settings.get("WARD_MAP"), "WARD_MAP")
