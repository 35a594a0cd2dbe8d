"""Settings of the procurement and public investment lists (WARD_PROCUREMENT)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class ProcurementSettings:
    data_file: str = "data/dau-thau-dau-tu.yml"  # under content/
    # kind key -> (title of its index page, its address)
    kinds: tuple[tuple[str, str, str], ...] = (
        ("dau-thau", "Mua sắm công, lựa chọn nhà thầu", "cong-khai/dau-thau/"),
        ("dau-tu-cong", "Dự án đầu tư công", "cong-khai/dau-tu-cong/"),
    )

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ProcurementSettings:
        return strict_settings(
            cls, settings.get("WARD_PROCUREMENT"), "WARD_PROCUREMENT"
        )

    @property
    def kind_keys(self) -> tuple[str, ...]:
        return tuple(kind[0] for kind in self.kinds)
