"""Word files made from the standard administrative template (Decree 30/2020):
the header, the number, the place-and-date line, the kind and title, and the
"Nơi nhận" and signature blocks are recognised and taken out of the body.

Every plan a ward issues starts with the same lines ("ỦY BAN NHÂN DÂN PHƯỜNG …"
beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), so a reader that takes the first
line as the title gives every plan the same title and address. The template's
parts have fixed wording instead, which is what is matched here, whether Word
laid them out in tables (the usual way) or in plain paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bs4 import Tag

from .dates import find_date
from .extract import KINDS
from .model import ImportedDocument

_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<number>\d[\w./\-Đđ]*/[\w.\-Đđ]+)", re.I)
_PLACE_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)
_KIND = re.compile(rf"^(?:{KINDS})$", re.I)
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.I)
# Lines only the header and the signature block hold.
_HEADER_LINE = re.compile(r"^(độc lập|ủy ban nhân dân|uỷ ban nhân dân|ubnd)\b", re.I)
_HEADER_LINES = 6
# How the body of an administrative document begins, after its title.
_BODY_START = re.compile(
    r"^(căn cứ|thực hiện|nhằm|để|theo|kính gửi|[IVX]+\.|\d+\.|[a-đ]\))", re.I
)


def _header_like(text: str) -> bool:
    """A line of the header: capitals (the ward's name), the motto's second line,
    the number, the place and date, a rule of dashes, or nothing."""
    letters = [char for char in text if char.isalpha()]
    return (
        not letters
        or text.upper() == text
        or bool(_NUMBER.match(text) or _PLACE_DATE.search(text))
        or bool(re.search(r"độc lập\s*-\s*tự do", text, re.I))
    )


@dataclass(frozen=True)
class TemplateParts:
    kind: str  # "Kế hoạch"
    title: str  # "Kế hoạch tổ chức các hoạt động …"
    subject: str  # "Tổ chức các hoạt động …" (the document's own title line)
    number: str  # "123/KH-UBND"
    date: dt.datetime | None  # the issue date

    def document(self, path: Path) -> ImportedDocument:
        """The document itself (the file `path`), cited by the post."""
        return ImportedDocument(
            number=self.number,
            date=self.date,
            title=self.subject,
            file_name=path.name,
            data=path.read_bytes(),
        )


def _text(node) -> str:
    return " ".join(unicodedata.normalize("NFC", node.get_text(" ")).split())


def _is_bold(paragraph: Tag) -> bool:
    """Every word of the paragraph is bold (the template's kind and title)."""
    text = _text(paragraph)
    bold = " ".join(_text(strong) for strong in paragraph.find_all(["strong", "b"]))
    return bool(text) and len(bold) >= len(text) - 2


def _sentence(text: str) -> str:
    """An all-capitals title line in ordinary case (proper names stay capitalised
    where they were not in capitals, which the officer checks)."""
    if text != text.upper():
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def is_kind(line: str) -> bool:
    """ "KẾ HOẠCH", "Thông báo": a line holding only a kind of document."""
    return bool(_KIND.match(" ".join(line.split())))


def kind_and_subject(kind: str, subject: str) -> str:
    """ "Kế hoạch tổ chức …" from "KẾ HOẠCH" and "Tổ chức …" (or its capitals)."""
    subject = _sentence(" ".join(subject.split()))
    return f"{kind.capitalize()} {subject[:1].lower()}{subject[1:]}".strip()


def _blocks(body: Tag) -> list[Tag]:
    return [child for child in body.children if isinstance(child, Tag)]


def take(body: Tag, *, bold_known: bool = True) -> TemplateParts | None:
    """The template's parts, removed from `body`; None (body untouched) when the
    document does not follow the template. `bold_known`: the blocks keep Word's
    bold (the title's lines are the bold ones); a PDF's lines do not, and its
    title is the one or two lines before the body begins."""
    blocks = _blocks(body)
    head = blocks[:6]
    header = [block for block in head if _MOTTO.search(_text(block))]
    if not header:
        return None
    # Everything up to the motto's block, and that block, is the header.
    last = blocks.index(header[0])
    number = date = None
    for line in (piece for block in blocks[: last + 1] for piece in _lines(block)):
        if number is None and (match := _NUMBER.match(line)):
            number = match.group("number").rstrip(".,;")
        if date is None and _PLACE_DATE.search(line):
            date = find_date(line)
    rest = blocks[last + 1 :]
    # Between the motto and the kind: the ward's name, "Độc lập - Tự do…", the
    # number and the place-and-date line, as table rows or (PDF) plain lines.
    kind_at = next(
        (
            i
            for i, block in enumerate(rest[:_HEADER_LINES])
            if _KIND.match(_text(block))
        ),
        None,
    )
    if kind_at is None or not all(_header_like(_text(b)) for b in rest[:kind_at]):
        return None
    for block in rest[:kind_at]:
        for line in _lines(block):
            if number is None and (match := _NUMBER.match(line)):
                number = match.group("number").rstrip(".,;")
            if date is None and _PLACE_DATE.search(line):
                date = find_date(line)
    rest = rest[kind_at:]
    kind_block = rest.pop(0)
    kind = _text(kind_block).capitalize()
    title_blocks = []
    while rest and rest[0].name == "p" and len(title_blocks) < 3:
        text = _text(rest[0])
        if bold_known and not _is_bold(rest[0]):
            break
        if not bold_known and (_BODY_START.match(text) or len(title_blocks) == 2):
            break
        title_blocks.append(rest.pop(0))
    subject = " ".join(_text(block) for block in title_blocks).strip(" -–")
    title = kind_and_subject(kind, subject)
    for block in [*blocks[: last + 1], *blocks[last + 1 : blocks.index(kind_block)]]:
        block.decompose()
    kind_block.decompose()
    for block in title_blocks:
        block.decompose()
    _drop_signature(body)
    return TemplateParts(
        kind=kind,
        title=title,
        subject=_sentence(subject),
        number=number or "",
        date=date,
    )


def _lines(block: Tag) -> list[str]:
    cells = block.find_all(["td", "th", "p"]) or [block]
    return [_text(cell) for cell in cells if _text(cell)]


def _drop_signature(body: Tag) -> None:
    """ "Nơi nhận:" and the signature beside or after it: to the end of the body."""
    blocks = _blocks(body)
    for index, block in enumerate(blocks):
        cells = block.find_all(["td", "th", "p"]) if block.name == "table" else [block]
        if any(_RECIPIENTS.match(_text(cell)) for cell in cells):
            for tail in blocks[index:]:
                tail.decompose()
            return
