"""Officials present at an event: "Ông Đỗ Văn A – Chủ tịch UBND phường"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ward_core.people import clean_text, person_key

HONORIFICS = ("Đồng chí", "Đ/c", "Ông", "Bà")
_HONORIFIC = "|".join(re.escape(h) for h in HONORIFICS)
_OFFICIAL = re.compile(
    rf"^(?:(?P<honorific>{_HONORIFIC})\s+)?(?P<name>[^–—]+?)"
    r"\s*(?:–|—|\s-\s)\s*(?P<role>.+?)\s*$",
    re.IGNORECASE,
)
_PRESIDING = re.compile(r"\s*\((?:chủ trì|chu tri)\)\s*$", re.IGNORECASE)

OFFICIAL_HELP = (
    "Viết dạng: Ông Nguyễn Văn A – Chủ tịch UBND phường (dấu gạch ngang giữa tên và "
    "chức vụ; thêm (chủ trì) ở cuối nếu người đó chủ trì), hoặc dạng có name:, role:."
)

__all__ = ["Official", "OfficialError", "clean_text", "person_key"]


class OfficialError(ValueError):
    pass


@dataclass(frozen=True)
class Official:
    name: str
    role: str = ""
    honorific: str = ""
    presiding: bool = False

    @property
    def key(self) -> str:
        return person_key(self.name)


def canonical_honorific(text: str) -> str:
    for honorific in HONORIFICS:
        if text.lower() == honorific.lower():
            return honorific
    return text


def parse_official_string(text: str) -> Official:
    value = clean_text(text)
    presiding = bool(_PRESIDING.search(value))
    value = _PRESIDING.sub("", value)
    match = _OFFICIAL.match(value)
    if not match:
        raise OfficialError(
            f'không tách được tên và chức vụ trong "{text}". {OFFICIAL_HELP}'
        )
    name = match.group("name").strip()
    if not name or any(ch.isdigit() for ch in name):
        raise OfficialError(f'tên cán bộ không hợp lệ trong "{text}". {OFFICIAL_HELP}')
    return Official(
        name=name,
        role=match.group("role").strip(),
        honorific=canonical_honorific(match.group("honorific") or ""),
        presiding=presiding,
    )
