"""Settings of the front matter plugin, read once into a typed value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class IndexSettings:
    officials_url: str = "can-bo/"
    officials_save_as: str = "can-bo/index.html"
    official_url: str = "can-bo/{slug}/"
    official_save_as: str = "can-bo/{slug}/index.html"
    documents_url: str = "van-ban/"
    documents_save_as: str = "van-ban/index.html"
    document_url: str = "van-ban/{slug}/"
    document_save_as: str = "van-ban/{slug}/index.html"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> IndexSettings:
        return strict_settings(cls, settings.get("WARD_INDEXES"), "WARD_INDEXES")
