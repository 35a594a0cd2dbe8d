"""Vietnamese official document references: "342/KH-UBND ngày 24/04/2023"."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ward_core.dates import DateFormatError, parse_vn_date

# Document type abbreviations (Nghị định 30/2020/NĐ-CP, appendix I) and party ones.
DOCUMENT_TYPES = {
    "BC": "Báo cáo",
    "CĐ": "Công điện",
    "CT": "Chỉ thị",
    "CV": "Công văn",
    "GM": "Giấy mời",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "PA": "Phương án",
    "QC": "Quy chế",
    "QĐ": "Quyết định",
    "QyĐ": "Quy định",
    "TB": "Thông báo",
    "TT": "Thông tư",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "L": "Luật",
}

_LETTER = r"A-Za-zĐđ\u00C0-\u1EF9"
# 342/KH-UBND · 34/2021/NĐ-CP · 249/HĐND-VP · 25/QĐ-TTg · 39-CT/TW · 15/2023/QH15
NUMBER_PATTERN = re.compile(
    rf"^(?P<serial>\d{{1,6}}[a-z]?)(?:/(?P<year>\d{{4}}))?[/-]"
    rf"(?P<code>[{_LETTER}0-9]+(?:[-/.][{_LETTER}0-9]+)*)$"
)
# " ngày 24/04/2023", " ngày 24 tháng 4 năm 2023", " ngày 2023-04-24"
_NAMED = re.compile(r"^(?P<prefix>[^\d]*?)\bsố\s+(?P<rest>\d.*)$", re.IGNORECASE)
_WITH_DATE = re.compile(r"^(?P<number>\S+)(?:\s+ngày\s+(?P<date>.+))?$", re.IGNORECASE)

NUMBER_HELP = (
    "Số văn bản viết liền, không dấu cách, ví dụ 342/KH-UBND, 34/2021/NĐ-CP, "
    "25/QĐ-TTg hoặc 39-CT/TW."
)
DATE_HELP = (
    'Ngày ban hành viết sau chữ "ngày": 342/KH-UBND ngày 24/04/2023, '
    "ngày 24 tháng 4 năm 2023 hoặc ngày 2023-04-24."
)


class DocumentRefError(ValueError):
    pass


@dataclass(frozen=True)
class DocumentRef:
    number: str
    date: dt.date | None = None
    title: str = ""
    file: str = ""  # the document's file as written (beside the post or in van-ban/)
    line: int = field(default=0, compare=False)  # where the post cites it

    @property
    def year(self) -> int | None:
        """The year that, with the number, identifies the document: the one inside
        the number (34/2021/NĐ-CP), else the issue date's. Numbering restarts
        every year (Nghị định 30/2020/NĐ-CP), so the number alone is not enough."""
        match = NUMBER_PATTERN.match(self.number)
        if match and match.group("year"):
            return int(match.group("year"))
        return self.date.year if self.date else None

    @property
    def kind_code(self) -> str:
        """ "KH" for 342/KH-UBND, when it is a known type."""
        first = re.split(r"[-/.]", self.code, maxsplit=1)[0]
        return first if first in DOCUMENT_TYPES else ""

    @property
    def code(self) -> str:
        """The part after the serial number: "KH-UBND" for 342/KH-UBND."""
        match = NUMBER_PATTERN.match(self.number)
        return match.group("code") if match else ""

    @property
    def kind(self) -> str:
        """ "Kế hoạch" for 342/KH-UBND; "" when the type is not known."""
        return DOCUMENT_TYPES.get(self.kind_code, "")

    @property
    def label(self) -> str:
        """ "Kế hoạch số 342/KH-UBND ngày 24/04/2023" (parts that are known)."""
        text = f"{self.kind} số {self.number}" if self.kind else f"Số {self.number}"
        if self.date:
            text += f" ngày {self.date:%d/%m/%Y}"
        return text


def normalize_number(text: str) -> str:
    """NFC, no spaces around separators; case kept exactly as written (TTg, QyĐ)."""
    value = unicodedata.normalize("NFC", text.strip())
    return re.sub(r"\s*([/-])\s*", r"\1", value)


def parse_number(text: str) -> str:
    number = normalize_number(text)
    if not NUMBER_PATTERN.match(number):
        raise DocumentRefError(f'số văn bản "{text}" không đúng dạng. {NUMBER_HELP}')
    return number


def parse_document_string(text: str, line: int = 0) -> DocumentRef:
    value = " ".join(unicodedata.normalize("NFC", text).split())
    # Allow "Kế hoạch số 342/KH-UBND ngày …" as officers often write it; a
    # prefix that is more than the document type ("Luật Tiếp công dân") is its title.
    prefix = ""
    named = _NAMED.match(value)
    if named:
        prefix, value = named.group("prefix").strip(), named.group("rest")
    match = _WITH_DATE.match(value)
    if not match:
        raise DocumentRefError(f'không đọc được văn bản "{text}". {NUMBER_HELP}')
    number = parse_number(match.group("number"))
    date = None
    if match.group("date"):
        try:
            date = parse_vn_date(match.group("date"))
        except DateFormatError as exc:
            raise DocumentRefError(f"{exc}. {DATE_HELP}") from None
    ref = DocumentRef(number=number, date=date, line=line)
    if prefix and prefix.casefold() != ref.kind.casefold():
        ref = DocumentRef(number=number, date=date, title=prefix, line=line)
    return ref
