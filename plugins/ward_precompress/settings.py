"""Settings of precompression (WARD_PRECOMPRESS in publishconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class PrecompressSettings:
    enabled: bool = False  # .gz and .br beside each text file (publish builds)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PrecompressSettings:
        return strict_settings(
            cls, settings.get("WARD_PRECOMPRESS"), "WARD_PRECOMPRESS"
        )
