"""Read a Word draft (.docx, or a .doc converted by ward_core.worddoc) into an
ImportedPost, through mammoth.

mammoth keeps what a post needs (headings, paragraphs, bold/italic, lists,
tables, images) and drops Word's styling. The document's own properties
(author, company, revision history) are never read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import mammoth
from bs4 import BeautifulSoup, Tag

from ward_core import legacy_docx, legacy_text

from . import officetemplate
from .dates import find_date
from .htmlpage import PageError, _text, refuse_garbled, take_photos
from .model import ImportedPhoto, ImportedPost

# Word's "Title" style is the post title; its "Caption" style a photo caption.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => p:fresh
"""
PHOTO_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
# A short line near the top holding a date ("Phường 7, ngày 04 tháng 5 năm 2023").
DATE_LINE_MAX = 90
DATE_LINE_SEARCH = 3


def _unwrap_cells(body: Tag) -> None:
    """Word puts a paragraph in every cell; a Markdown table wants plain cells,
    and its first row as the header."""
    for table in body.find_all("table"):
        for cell in table.find_all(["td", "th"]):
            paragraphs = cell.find_all("p", recursive=False)
            for index, paragraph in enumerate(paragraphs):
                if index:
                    paragraph.insert_before(" ")
                paragraph.unwrap()
        first_row = table.find("tr")
        if first_row is not None and not table.find("th"):
            for cell in first_row.find_all("td", recursive=False):
                cell.name = "th"


def _take_title(body: Tag) -> str:
    heading = body.find(["h1", "h2", "h3"])
    first = heading or next(
        (p for p in body.find_all("p") if _text(p) and not p.find("img")), None
    )
    if first is None:
        return ""
    title = _text(first)
    first.decompose()
    return title


def _take_date_line(body: Tag):
    for paragraph in body.find_all("p", limit=DATE_LINE_SEARCH):
        text = _text(paragraph)
        if 0 < len(text) <= DATE_LINE_MAX and not paragraph.find("img"):
            value = find_date(text)
            if value is not None:
                paragraph.decompose()
                return value
    return None


def read_docx(path: Path, data: bytes | None = None) -> ImportedPost:
    """The post a Word file makes; ``data``: the .docx a .doc converts to (the
    .doc at ``path`` stays the cited document's file)."""
    images: dict[str, bytes] = {}
    problems: list[str] = []

    def keep_image(image) -> dict[str, str]:
        suffix = PHOTO_TYPES.get((image.content_type or "").lower())
        number = len(images) + 1
        if suffix is None:
            problems.append(
                f"ảnh thứ {number} trong tài liệu có dạng {image.content_type} "
                "(không phải JPEG/PNG); lưu ảnh đó thành JPEG rồi thêm bằng make photos."
            )
            return {"src": ""}
        with image.open() as stream:
            name = f"anh-{number}{suffix}"
            images[name] = stream.read()
        return {"src": name}

    # A draft typed in .VnTime or VNI-Times is read as Unicode, run by run.
    legacy = legacy_docx.to_unicode(path.read_bytes() if data is None else data)
    if legacy.verdict.encoding:
        problems.append(legacy_text.note_for(legacy.verdict))
    try:
        with io.BytesIO(legacy.data) as handle:
            result = mammoth.convert_to_html(
                handle,
                convert_image=mammoth.images.img_element(keep_image),
                style_map=STYLE_MAP,
            )
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise PageError(
            "tệp .docx bị hỏng hoặc không phải tài liệu Word; mở bằng Word và lưu "
            "lại dạng .docx."
        ) from None
    soup = BeautifulSoup(f"<div>{result.value}</div>", "html.parser")
    body = soup.div
    refuse_garbled(_text(body))
    template = officetemplate.take(body)
    document = None
    if template is not None:
        title, date = template.title, template.date
        document = template.document(path)
    else:
        title = _take_title(body)
        date = _take_date_line(body)
    if not title:
        raise PageError("tài liệu trống (không có tiêu đề hay đoạn văn nào).")
    _unwrap_cells(body)
    # Word leaves empty paragraphs and bookmark anchors (<a id="_Toc…">).
    for anchor in body.find_all("a", href=False):
        anchor.unwrap()

    def resolve(src: str) -> tuple[ImportedPhoto, str]:
        return ImportedPhoto(None, src, data=images.get(src)), ""

    photos, photo_problems = take_photos(body, resolve)
    for paragraph in body.find_all("p"):
        if not _text(paragraph) and not paragraph.find("img"):
            paragraph.decompose()
    return ImportedPost(
        origin=str(path),
        title=title,
        date=date,
        body_html=str(body),
        slug="",  # from the title: a draft's file name says little
        photos=[photo for photo in photos if photo.data is not None],
        problems=problems + photo_problems,
        document=document,
    )
