"""Gallery settings, read once from Pelican's settings into a typed value."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ward_core.photos.imaging import EncodeSettings


@dataclass(frozen=True)
class GallerySettings:
    encode: EncodeSettings
    cache_root: Path
    output_dir: str = "anh"  # photos are written under output/anh/<key>/
    workers: int = 0  # 0: one per core
    marker: str = "[gallery]"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> GallerySettings:
        raw = dict(settings.get("WARD_GALLERY") or {})
        encode_names = {f.name for f in fields(EncodeSettings)}
        encode = EncodeSettings(
            **{
                k: tuple(v) if k == "widths" else v
                for k, v in raw.items()
                if k in encode_names
            }
        )
        cache_root = Path(
            raw.get("cache_path") or Path(settings["CACHE_PATH"]) / "gallery"
        )
        workers = int(raw.get("workers") or os.environ.get("WARD_GALLERY_WORKERS") or 0)
        return cls(
            encode=encode,
            cache_root=cache_root,
            output_dir=raw.get("output_dir", "anh"),
            workers=workers or (os.cpu_count() or 1),
            marker=raw.get("marker", "[gallery]"),
        )
