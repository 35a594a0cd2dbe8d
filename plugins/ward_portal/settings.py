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
    statement_url: str = "tiep-can/"
    statement_save_as: str = "tiep-can/index.html"
    # JSON Feed 1.1 of posts and documents for the provincial portal to collect.
    feed_save_as: str = "du-lieu/tin-bai.json"
    # The provincial portal this site is a component of (Decree 224/2026 Art. 11).
    province_portal_name: str = ""
    province_portal_url: str = ""

    @property
    def output_dirs(self) -> set[str]:
        return {
            path.split("/", 1)[0]
            for path in (
                self.catalogue_save_as,
                self.statement_save_as,
                self.feed_save_as,
            )
        }

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PortalSettings:
        return strict_settings(cls, settings.get("WARD_PORTAL"), "WARD_PORTAL")
