"""Word files typed in TCVN3 or VNI fonts, converted to Unicode before anything
reads them.

A .docx keeps the font of every run of text, which is the surest sign of a
legacy encoding: the body in .VnTime, the national motto in .VnTimeH, a header
added later in Times New Roman. Each run is converted by its own font (its
character style, its paragraph's style and the document's default count, as in
Word), so a mixed document comes out right; a document that names no legacy
font is judged by its characters. The result is a new .docx in memory that
mammoth (the importer) and python-docx (the document pages) read as usual.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .legacy_text import (
    TCVN3,
    UNICODE,
    Verdict,
    can_be_legacy,
    convert,
    detect_by_content,
    encoding_for_font,
    is_capitals_font,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
# Bounded work whatever the file: a document.xml this large is refused upstream.
MAX_XML_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Converted:
    data: bytes  # the .docx to read (the original bytes when nothing changed)
    verdict: Verdict  # what was converted, UNICODE when nothing was


def _run_font(properties) -> str | None:
    if properties is None:
        return None
    fonts = properties.find(f"{W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or fonts.get(f"{W}cs")


class _Styles:
    """Fonts of the document's styles, following `basedOn` like Word does."""

    def __init__(self, xml: bytes | None) -> None:
        self.default: str | None = None
        self._own: dict[str, tuple[str | None, str | None]] = {}
        if not xml:
            return
        from lxml import etree

        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = _run_font(defaults)
        for style in root.iter(f"{W}style"):
            based = style.find(f"{W}basedOn")
            self._own[style.get(f"{W}styleId", "")] = (
                _run_font(style.find(f"{W}rPr")),
                based.get(f"{W}val") if based is not None else None,
            )

    def font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, style_id = self._own.get(style_id, (None, None))
            if font:
                return font
        return None


def _style_id(properties, tag: str) -> str | None:
    if properties is None:
        return None
    style = properties.find(f"{W}{tag}")
    return style.get(f"{W}val") if style is not None else None


def _runs(root, styles: _Styles):
    """Every run with its effective font."""
    for paragraph in root.iter(f"{W}p"):
        paragraph_font = styles.font(_style_id(paragraph.find(f"{W}pPr"), "pStyle"))
        for run in paragraph.iter(f"{W}r"):
            properties = run.find(f"{W}rPr")
            font = (
                _run_font(properties)
                or styles.font(_style_id(properties, "rStyle"))
                or paragraph_font
                or styles.default
            )
            yield run, font


def to_unicode(data: bytes) -> Converted:
    """The .docx `data` with every legacy-encoded run converted (or as it was)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(DOCUMENT)
            if info.file_size > MAX_XML_BYTES:
                return Converted(data, UNICODE)
            parts = {item.filename: archive.read(item) for item in archive.infolist()}
    except (zipfile.BadZipFile, KeyError, OSError):
        return Converted(data, UNICODE)  # the reader reports the damage
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, huge_tree=False)
    try:
        root = etree.fromstring(parts[DOCUMENT], parser=parser)
        styles = _Styles(parts.get(STYLES))
    except etree.XMLSyntaxError:
        return Converted(data, UNICODE)
    runs = list(_runs(root, styles))
    by_font = [(run, encoding_for_font(font), font) for run, font in runs]
    for run, encoding, _ in by_font:
        if encoding == TCVN3:
            _soft_hyphens_as_text(run)
    legacy_runs = [run for run, encoding, _ in by_font if encoding]
    # A Unicode document that merely keeps a .VnTime font name: its runs in that
    # font hold letters no legacy byte can be (ế, ư), so none is converted.
    typed_in_unicode = not can_be_legacy("".join(_text(run) for run in legacy_runs))
    verdict = UNICODE
    if typed_in_unicode:
        changed = False
    elif legacy_runs:
        encodings = [encoding for _, encoding, _ in by_font if encoding]
        verdict = Verdict(max(sorted(set(encodings)), key=encodings.count), "font")
        changed = _convert_runs(
            (run, encoding, is_capitals_font(font))
            for run, encoding, font in by_font
            if encoding
        )
    else:
        text = " ".join(t.text or "" for t in root.iter(f"{W}t"))
        verdict = detect_by_content(text)
        changed = verdict.encoding is not None and _convert_runs(
            (run, verdict.encoding, False) for run, _, _ in by_font
        )
    if not changed:
        return Converted(data, UNICODE)
    parts[DOCUMENT] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return Converted(out.getvalue(), verdict)


def _soft_hyphens_as_text(run) -> None:
    """TCVN3's "ư" is byte 0xAD, the soft hyphen: a .doc saved it as Word's
    optional hyphen, which the .docx holds as <w:softHyphen/>, not text. In a
    TCVN3 run it is the letter, so it becomes text to convert."""
    for hyphen in list(run.iter(f"{W}softHyphen")):
        text = hyphen.makeelement(f"{W}t", {})
        text.text = "\u00ad"
        hyphen.getparent().replace(hyphen, text)


def _text(run) -> str:
    return "".join(text.text or "" for text in run.iter(f"{W}t"))


def _convert_runs(runs) -> bool:
    changed = False
    for run, encoding, capitals in runs:
        for text in run.iter(f"{W}t"):
            value = text.text or ""
            if value and can_be_legacy(value):
                new = convert(value, encoding, capitals=capitals)
                if new != value:
                    text.text = new
                    changed = True
    return changed
