"""Settings of the portal pages (WARD_PORTAL in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.settings import strict_settings

# The requirements with their legal basis: data in the repo, not officer content.
REQUIREMENTS_FILE = str(Path(__file__).with_name("requirements.yml"))


@dataclass(frozen=True)
class PortalSettings:
    requirements_file: str = REQUIREMENTS_FILE
    catalogue_url: str = "danh-muc-thong-tin/"
    catalogue_save_as: str = "danh-muc-thong-tin/index.html"

    @property
    def output_dir(self) -> str:
        return self.catalogue_save_as.split("/", 1)[0]

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PortalSettings:
        return strict_settings(cls, settings.get("WARD_PORTAL"), "WARD_PORTAL")
