"""Read a PDF of the archive (a signed plan, a scanned notice) into an
ImportedPost whose document is the PDF itself.

The text is the document analysis the build makes (ward_core.officefiles),
taken from the site's own analysis cache: legacy TCVN3/VNI text converted,
control characters removed, scans read by OCR once (the build finds the
imported copy, byte for byte the same, already analysed), so the post, the
document page and search agree. A PDF made from the
administrative template gets its real title, number and date
(officetemplate); any other PDF takes its first line as title, with a note.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4 import BeautifulSoup

from ward_core.officefiles import DocumentCache

from . import officetemplate
from .dates import find_date
from .htmlpage import PageError
from .model import ImportedDocument, ImportedPost

# A line that ends a sentence or a heading: the next line starts a paragraph.
_PARAGRAPH_END = re.compile(r"[.:;!?…)]\s*$")
TITLE_MAX = 200
DATE_SEARCH_LINES = 8


def _paragraphs(lines: list[str]) -> list[str]:
    """PDF lines joined back into paragraphs: a line that does not end a
    sentence continues on the next one."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = f"{current} {line}".strip()
        if _PARAGRAPH_END.search(line) or line.upper() == line:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _has_letters(line: str) -> bool:
    return any(char.isalpha() for char in line)


def read_pdf(path: Path, documents: DocumentCache) -> ImportedPost:
    analysis = documents.analysis(path, "PDF")
    if analysis.errors:
        raise PageError(analysis.errors[0].message)
    notes = [finding.message for finding in analysis.findings]
    lines = list(analysis.text)
    if not lines:
        raise PageError(
            "tệp PDF không có chữ đọc được; nhập bằng bản Word của văn bản, hoặc "
            "viết bài mới rồi đính kèm tệp PDF này."
        )
    soup = BeautifulSoup("<div></div>", "html.parser")
    body = soup.div
    for line in lines:
        paragraph = soup.new_tag("p")
        paragraph.string = line
        body.append(paragraph)
    template = officetemplate.take(body, bold_known=False)
    if template is not None:
        remaining = [p.get_text() for p in body.find_all("p")]
        title, date = template.title, template.date
        document = template.document(path)
    else:
        first = next((i for i, line in enumerate(lines) if _has_letters(line)), 0)
        title, used = lines[first], first + 1
        if officetemplate.is_kind(title) and used < len(lines):
            # "THÔNG BÁO" on its own line: the subject follows.
            title = officetemplate.kind_and_subject(title, lines[used])
            used += 1
        title = title[:TITLE_MAX]
        remaining = lines[used:]
        date = next(
            (d for d in map(find_date, lines[:DATE_SEARCH_LINES]) if d is not None),
            None,
        )
        # Not a cited document (no number): the PDF goes with the post as an attachment.
        document = ImportedDocument(
            number="", date=None, title="", file_name=path.name, data=path.read_bytes()
        )
        notes.append(
            "tệp PDF không theo mẫu văn bản hành chính: tiêu đề lấy từ dòng chữ đầu "
            "tiên; đọc lại tiêu đề và ngày."
        )
    body_html = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(remaining))
    return ImportedPost(
        origin=str(path),
        title=title,
        date=date,
        body_html=body_html,
        problems=notes,
        document=document,
    )
