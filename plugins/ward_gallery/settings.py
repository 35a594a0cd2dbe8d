"""Gallery settings (WARD_GALLERY in pelicanconf.py), read once into typed values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.photos.encoding import EncodeSettings
from ward_core.settings import strict_settings


@dataclass(frozen=True)
class GalleryOptions:
    """The keys an officer or developer may set, with their defaults."""

    widths: tuple[int, ...] = EncodeSettings.widths
    webp_quality: int = EncodeSettings.webp_quality
    webp_method: int = EncodeSettings.webp_method
    jpeg_quality: int = EncodeSettings.jpeg_quality
    max_pixels: int = EncodeSettings.max_pixels
    cache_path: str = ""  # default: <CACHE_PATH>/gallery
    output_dir: str = "anh"  # photos are written under output/anh/<key>/
    workers: int = 0  # 0: one per core
    marker: str = "[gallery]"


@dataclass(frozen=True)
class GallerySettings:
    encode: EncodeSettings
    cache_root: Path
    output_dir: str = "anh"
    workers: int = 1
    marker: str = "[gallery]"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> GallerySettings:
        options = strict_settings(
            GalleryOptions, settings.get("WARD_GALLERY"), "WARD_GALLERY"
        )
        return cls(
            encode=EncodeSettings(
                widths=tuple(options.widths),
                webp_quality=options.webp_quality,
                webp_method=options.webp_method,
                jpeg_quality=options.jpeg_quality,
                max_pixels=options.max_pixels,
            ),
            cache_root=Path(
                options.cache_path or Path(settings["CACHE_PATH"]) / "gallery"
            ),
            output_dir=options.output_dir,
            workers=options.workers or (os.cpu_count() or 1),
            marker=options.marker,
        )
