"""The ward's identity (name, contact details) read once from settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from .settings import refuse_unknown, settings_error


@dataclass(frozen=True)
class WardIdentity:
    name: str
    district: str = ""
    city: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    hotline: str = ""
    hours: str = ""
    zalo_oa_id: str = ""

    @property
    def region(self) -> str:
        """ "Quận Ninh Kiều, Thành phố Cần Thơ" (whatever parts are set)."""
        return ", ".join(part for part in (self.district, self.city) if part)

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def hotline_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.hotline if ch.isdigit() or ch == "+")

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any] | None) -> WardIdentity:
        if not raw:
            raise settings_error(
                "thiếu khối WARD (tên phường, địa chỉ, điện thoại…). "
                'Cách sửa: thêm WARD = {"name": "Phường …", …} như trong README.'
            )
        refuse_unknown(raw, sorted(f.name for f in fields(cls)), "WARD")
        values: dict[str, str] = {}
        for key, value in raw.items():
            if not isinstance(value, str):
                raise settings_error(
                    f'WARD["{key}"] phải là một chuỗi chữ trong '
                    'dấu ngoặc kép, ví dụ "0292 3820 111".'
                )
            values[key] = value.strip()
        if not values.get("name"):
            raise settings_error('WARD["name"] (tên phường) không được để trống.')
        return cls(**values)
