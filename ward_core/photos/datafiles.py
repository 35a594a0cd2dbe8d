"""Photos named in a data file (a leader's portrait, a relic's photo) through the
same pipeline as galleries: resized, WebP + JPEG, published under one folder.

Pelican-free: the caller gives each photo its file stem and the data file's
shown path, and gets one <picture> per photo or the problems with their lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..problems import Problem, SiteError
from ..urls import asset_root
from .cache import DerivativeCache
from .imaging import EncodeSettings
from .markup import render_picture
from .pipeline import run_pipeline
from .publish import publish_photo


@dataclass(frozen=True)
class DataPhoto:
    path: Path  # the resolved file
    written: str  # as written in the data file
    alt: str
    stem: str  # the output file's name, without width and extension
    line: int = 0


@dataclass
class DataPhotoSet:
    """Everything published for one data file during one build."""

    cache: DerivativeCache
    output_dir: str
    siteurl: str
    files: dict[str, Path]
    used_keys: set[str]

    @classmethod
    def for_build(
        cls,
        settings: Mapping[str, Any],
        cache_name: str,
        widths: tuple[int, ...],
        output_dir: str,
    ) -> DataPhotoSet:
        """An empty set for one build, its derivatives cached under
        CACHE_PATH/``cache_name`` and published under ``output_dir``."""
        return cls(
            cache=DerivativeCache(
                Path(settings["CACHE_PATH"]) / cache_name,
                EncodeSettings(widths=widths),
            ),
            output_dir=output_dir,
            siteurl=asset_root(settings),
            files={},
            used_keys=set(),
        )

    def render(
        self, photos: Sequence[DataPhoto], sizes: str, shown: str
    ) -> dict[Path, Markup]:
        """{path: <picture>} for every photo; SiteError naming each bad photo's line."""
        result = run_pipeline([p.path for p in photos], self.cache, 1)
        bad = [p for p in photos if p.path in result.errors]
        if bad:
            raise SiteError(
                problems=[
                    Problem(
                        shown,
                        p.line,
                        message=f'ảnh "{p.written}": {result.errors[p.path]}',
                    )
                    for p in bad
                ]
            )
        pictures = {}
        for photo in photos:
            cached = result.photos[photo.path]
            self.used_keys.add(cached.key)
            web = publish_photo(
                cached,
                output_dir=self.output_dir,
                stem=photo.stem or "anh",
                siteurl=self.siteurl,
                files=self.files,
                alt=photo.alt,
            )
            pictures[photo.path] = Markup(render_picture(web, sizes, eager=False))
        return pictures
