"""Propose plan, documents and officials from an old post's text, for review."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ward_frontmatter.docnumbers import NUMBER_PATTERN

from ward_core.dates import DateFormatError, parse_vn_date

KINDS = (
    "Kế hoạch|Quyết định|Nghị định|Nghị quyết|Thông báo|Chỉ thị|Công văn|Hướng dẫn|"
    "Thông tư|Luật|Báo cáo|Tờ trình|Công điện|Chương trình|Quy định|Kết luận"
)
_DATE = (
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{4}-\d{2}-\d{2}"
)
_DOCUMENT = re.compile(
    rf"(?P<lead>Thực hiện|Căn cứ|Theo)?\s*(?P<kind>{KINDS})\s+(?:số\s+)?"
    rf"(?P<number>\d{{1,6}}[a-z]?(?:/\d{{4}})?[/-][\w.\-/Đđ]+?)"
    rf"(?=[\s,.;:)]|$)(?:\s+ngày\s+(?P<date>{_DATE}))?",
    re.IGNORECASE,
)
_UPPER = "A-ZĐÀ-ỸÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
_NAME_WORD = rf"[{_UPPER}][^\s,.;:–—-]*"
_OFFICIAL = re.compile(
    rf"(?P<honorific>(?i:ông|bà|đồng chí|đ/c))\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
    r"\s*(?:–|—|\s-\s)\s*(?P<role>(?:[^.;]|\.(?=\S))+?)"
    r"(?=\s+(?:chủ trì|phát biểu|báo cáo|tiếp thu|trả lời|tham dự|cùng)\b|\.(?:\s|$)|;"
    r"|,\s*(?i:ông|bà|các|đồng chí|đ/c)\s|\s+và\s|$)",
)
_PRESIDING = re.compile(r"^\s*(?:chủ trì|,\s*chủ trì)", re.IGNORECASE)


@dataclass
class Proposals:
    plan: str = ""
    documents: list[str] = field(default_factory=list)
    officials: list[str] = field(default_factory=list)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _date_suffix(raw: str | None) -> str:
    if not raw:
        return ""
    try:
        return f" ngày {parse_vn_date(raw):%d/%m/%Y}"
    except DateFormatError:
        return ""


def propose(text: str) -> Proposals:
    text = _normal(text)
    result = Proposals()
    seen: set[str] = set()
    for match in _DOCUMENT.finditer(text):
        number = match.group("number").rstrip(".-/")
        if not NUMBER_PATTERN.match(number) or number in seen:
            continue
        seen.add(number)
        entry = f"{number}{_date_suffix(match.group('date'))}"
        is_plan = (match.group("lead") or "").lower() == "thực hiện" and not result.plan
        if is_plan:
            result.plan = entry
        else:
            result.documents.append(f"{match.group('kind')} số {entry}")
    people: dict[str, str] = {}
    for match in _OFFICIAL.finditer(text):
        name = match.group("name").strip()
        if name in people:
            continue
        role = match.group("role").strip().rstrip(",")
        raw = match.group("honorific")
        honorific = raw.capitalize() if raw.lower() in ("ông", "bà") else raw
        presiding = bool(_PRESIDING.match(text[match.end() :]))
        people[name] = f"{honorific} {name} – {role}" + (
            " (chủ trì)" if presiding else ""
        )
    result.officials = list(people.values())
    return result
