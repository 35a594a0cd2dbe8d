"""Whether a build is the one citizens will see (WARD_RELEASE in publishconf.py).

A final build (`make publish`, and `make check`, which checks as if publishing)
refuses what the preview only marks: a post still holding `make new`'s
placeholder text, a photo without a caption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .settings import strict_settings


@dataclass(frozen=True)
class ReleaseSettings:
    final: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ReleaseSettings:
        return strict_settings(cls, settings.get("WARD_RELEASE"), "WARD_RELEASE")
