"""Settings of the procedures pages (WARD_PROCEDURES in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ward_core.settings import settings_error, strict_settings

# Decree 224/2026/NĐ-CP Art. 9.1.a: procedures come from the National Public Service
# Portal, linked by their national code, not retyped.
NATIONAL_PORTAL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
    "?ma_thu_tuc={code}"
)


@dataclass(frozen=True)
class ProceduresSettings:
    data_file: str = "data/thu-tuc.yml"  # under content/
    url: str = "thu-tuc-hanh-chinh/"
    save_as: str = "thu-tuc-hanh-chinh/index.html"
    field_url: str = "thu-tuc-hanh-chinh/{slug}/"
    field_save_as: str = "thu-tuc-hanh-chinh/{slug}/index.html"
    portal_url: str = NATIONAL_PORTAL  # {code}: the national procedure code

    @property
    def output_dir(self) -> str:
        return self.save_as.split("/", 1)[0]

    def link(self, code: str) -> str:
        return self.portal_url.replace("{code}", code)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ProceduresSettings:
        result = strict_settings(
            cls, settings.get("WARD_PROCEDURES"), "WARD_PROCEDURES"
        )
        if "{code}" not in result.portal_url:
            raise settings_error(
                'WARD_PROCEDURES["portal_url"] phải có {code} (chỗ ghi mã thủ tục), '
                f"ví dụ {NATIONAL_PORTAL}"
            )
        return result
