"""Settings of search (WARD_SEARCH in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class SearchSettings:
    enabled: bool = True  # run Pagefind after the build

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SearchSettings:
        return strict_settings(cls, settings.get("WARD_SEARCH"), "WARD_SEARCH")
