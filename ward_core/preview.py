"""Settings of a preview rebuild (WARD_PREVIEW), set by the preview worker only.

``write_only``: output paths (relative to the output folder) the rebuild writes;
every other page is skipped before its template is rendered, and the plugins
that post-process the output (minify, search words) touch only those pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .settings import strict_settings


@dataclass(frozen=True)
class PreviewSettings:
    write_only: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> PreviewSettings:
        return strict_settings(cls, settings.get("WARD_PREVIEW"), "WARD_PREVIEW")
