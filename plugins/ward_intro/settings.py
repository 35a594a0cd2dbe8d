"""Settings of the introduction pages (WARD_INTRO in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class IntroSettings:
    data_file: str = "data/gioi-thieu.yml"  # under content/
    # The addresses the sample's Markdown pages had: shared links keep working.
    intro_url: str = "trang/gioi-thieu/"
    organisation_url: str = "trang/co-cau-to-chuc/"
    contact_url: str = "trang/lien-he/"
    photo_widths: tuple[int, ...] = (480, 960)

    @property
    def pages(self) -> dict[str, str]:
        """{page slug: url} of the pages this plugin writes (each url/index.html)."""
        return {
            url.rstrip("/").rsplit("/", 1)[-1]: url
            for url in (self.intro_url, self.organisation_url, self.contact_url)
        }

    @property
    def photo_dir(self) -> str:
        return self.intro_url.rstrip("/")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> IntroSettings:
        return strict_settings(cls, settings.get("WARD_INTRO"), "WARD_INTRO")
