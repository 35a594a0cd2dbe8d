"""Settings of the sitemap (WARD_SITEMAP in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class SitemapSettings:
    path: str = "sitemap.xml"
    # Pages that are not content: the 404 page, the search page, drafts.
    exclude: tuple[str, ...] = ("404.html", "tim-kiem/", "drafts/")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SitemapSettings:
        return strict_settings(cls, settings.get("WARD_SITEMAP"), "WARD_SITEMAP")
