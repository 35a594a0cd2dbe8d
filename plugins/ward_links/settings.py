"""Settings of the links sidebar (WARD_LINKS in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class LinksSettings:
    data_file: str = "data/links.yml"  # under content/
    output_dir: str = "lien-ket"  # banners are written under output/lien-ket/
    banner_widths: tuple[int, ...] = (320, 640)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LinksSettings:
        return strict_settings(cls, settings.get("WARD_LINKS"), "WARD_LINKS")
