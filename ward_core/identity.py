"""The ward's identity (name, province, contact details, former units) read once
from settings.

Since 1 July 2025 there is no district level: a ward (or commune) belongs
directly to a province or centrally-run city, and a merged ward keeps the names
and old addresses of the units it was formed from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from .folding import fold
from .problems import Problem
from .settings import SETTINGS_FILE, refuse_unknown, settings_error

# Keys an older settings file may still use, and the key that replaced them.
RENAMED = {"city": "province"}
DISTRICT_GONE = (
    'WARD có khóa "district" (quận/huyện), nhưng từ 01/7/2025 không còn cấp huyện. '
    'Cách sửa: xóa dòng "district"; ghi tỉnh/thành phố ở "province", ví dụ '
    '"province": "Thành phố Cần Thơ"; các phường, xã cũ trước khi sáp nhập ghi ở '
    '"former_units", ví dụ "former_units": [{"name": "Phường An Lạc", '
    '"address": "Số 5 đường Hùng Vương"}].'
)
FORMER_HELP = (
    'WARD["former_units"] phải là danh sách, mỗi đơn vị cũ dạng '
    '{"name": "Phường An Lạc", "address": "Số 5 đường Hùng Vương"}.'
)
# "Tỉnh An Giang" -> "angiang", "Thành phố Cần Thơ" -> "cantho" in the decree's address.
_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def tel_uri(number: str) -> str:
    """A link a phone dials: "0292 3820 111" → "tel:02923820111"."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


class Dialable:
    """A ward, office or person with a ``phone`` the pages link as a tel: address."""

    phone: str

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)


@dataclass(frozen=True)
class FormerUnit:
    """A ward or commune merged into this one on 1 July 2025."""

    name: str
    address: str = ""


@dataclass(frozen=True)
class WardIdentity(Dialable):
    name: str
    province: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    hotline: str = ""
    hours: str = ""
    zalo_oa_id: str = ""
    # The person receiving information requests (Law 104/2016/QH13 Art. 19).
    info_officer: str = ""
    former_units: tuple[FormerUnit, ...] = ()
    # Old keys that were read under their new name (shown as notes).
    migrated: tuple[str, ...] = ()

    @property
    def region(self) -> str:
        """ "Thành phố Cần Thơ": what the header shows under the ward's name."""
        return self.province

    @property
    def hotline_uri(self) -> str:
        return tel_uri(self.hotline)

    @property
    def notes(self) -> list[Problem]:
        """Notes about settings read under a new name (never silently ignored)."""
        return [
            Problem(
                SETTINGS_FILE,
                field=f"WARD.{old}",
                message=f'khóa "{old}" đã đổi tên thành "{RENAMED[old]}"; trang vẫn '
                f'dùng giá trị này. Cách sửa: đổi "{old}" thành "{RENAMED[old]}" '
                "trong khối WARD.",
                error=False,
            )
            for old in self.migrated
        ]

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any] | None) -> WardIdentity:
        if not raw:
            raise settings_error(
                "thiếu khối WARD (tên phường, địa chỉ, điện thoại…). "
                'Cách sửa: thêm WARD = {"name": "Phường …", …} như trong README.'
            )
        if "district" in raw:
            raise settings_error(DISTRICT_GONE)
        known = sorted(f.name for f in fields(cls) if f.name != "migrated")
        refuse_unknown(
            {k: v for k, v in raw.items() if k not in RENAMED}, known, "WARD"
        )
        values: dict[str, Any] = {}
        migrated = []
        for written, value in raw.items():
            key = RENAMED.get(written, written)
            if key != written:
                if key in raw:
                    raise settings_error(
                        f'WARD có cả "{written}" và "{key}"; xóa dòng "{written}".'
                    )
                migrated.append(written)
            if key == "former_units":
                values[key] = _former_units(value)
                continue
            if not isinstance(value, str):
                raise settings_error(
                    f'WARD["{key}"] phải là một chuỗi chữ trong '
                    'dấu ngoặc kép, ví dụ "0292 3820 111".'
                )
            values[key] = value.strip()
        if not values.get("name"):
            raise settings_error('WARD["name"] (tên phường) không được để trống.')
        return cls(**values, migrated=tuple(migrated))


def _former_units(value: Any) -> tuple[FormerUnit, ...]:
    if not isinstance(value, list | tuple):
        raise settings_error(FORMER_HELP)
    units = []
    for item in value:
        if not isinstance(item, Mapping) or not set(item) <= {"name", "address"}:
            raise settings_error(FORMER_HELP)
        name, address = item.get("name"), item.get("address", "")
        if (
            not isinstance(name, str)
            or not name.strip()
            or not isinstance(address, str)
        ):
            raise settings_error(FORMER_HELP)
        units.append(FormerUnit(" ".join(name.split()), " ".join(address.split())))
    return tuple(units)


def _compact(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def expected_host(ward: WardIdentity) -> str:
    """The address Decree 224/2026/NĐ-CP Art. 11 gives a ward's site:
    <ward's full name without diacritics>.<province>.gov.vn, or "" without a province."""
    if not ward.province:
        return ""
    province = _PROVINCE_PREFIX.sub("", " ".join(ward.province.split()))
    return f"{_compact(ward.name)}.{_compact(province)}.gov.vn"


def address_note(ward: WardIdentity, siteurl: str) -> Problem | None:
    """A note (not an error) when the published address is not the decree's."""
    expected = expected_host(ward)
    host = (urlsplit(siteurl).hostname or "").lower() if siteurl else ""
    if not expected or not host or host == expected:
        return None
    return Problem(
        "publishconf.py",
        field="SITE_ADDRESS",
        message=f'địa chỉ trang "{host}" khác địa chỉ theo Nghị định 224/2026/NĐ-CP '
        f'(Điều 11): "{expected}" (tên phường không dấu . tên tỉnh/thành phố .gov.vn). '
        "Nếu tỉnh đã cấp địa chỉ khác, có thể bỏ qua lưu ý này.",
        error=False,
    )
