"""Settings of the budget disclosure (WARD_BUDGET in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import strict_settings


@dataclass(frozen=True)
class BudgetSettings:
    data_file: str = "data/ngan-sach.yml"  # under content/
    url: str = "ngan-sach/"
    year_url: str = "ngan-sach/{year}/"
    # `make check` notes a period this many days before its deadline.
    warn_days: int = 30

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> BudgetSettings:
        return strict_settings(cls, settings.get("WARD_BUDGET"), "WARD_BUDGET")
