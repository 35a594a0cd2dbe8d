"""Office files published as they are (PDF, DOCX, DOC, XLSX, ODT): what they
really contain, whether they can be published, their text and a preview of a
PDF's first page.

Everything is computed once per file content and cached under the build cache
(``<CACHE_PATH>/documents/``), keyed by the SHA-256 of the bytes: the checker,
the build and the preview worker all ask for the same analysis. Entries are
written to a temporary name and renamed into place, so a killed build never
leaves half an entry. Author, producer and other metadata are never read into
the analysis, so they cannot reach a page.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

# Extension -> the type shown to citizens ("Tải về (PDF, 1,2 MB)").
FILE_TYPES = {
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".doc": "DOC",
    ".xlsx": "XLSX",
    ".odt": "ODT",
}
# Bump when what an analysis holds (or how it is computed) changes.
# 3: legacy encodings, controls removed, scans recognised; 4: .doc files read
ANALYSIS_VERSION = "4"
# Pages show at most this much extracted text; the file has the rest.
TEXT_LIMIT = 200_000
PREVIEW_WIDTH = 600
PREVIEW_QUALITY = 80

DOC_UNREAD = (
    "không đọc được chữ trong tệp Word (.doc) (tệp hỏng hoặc kiểu Word quá cũ): tệp "
    "vẫn được đăng để tải về, nhưng trang không có nội dung của nó và tìm kiếm không "
    "thấy. Mở tệp bằng Word, chọn Lưu thành (Save As) kiểu .docx rồi dùng tệp đó."
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# What a mismatched file looks like, in the officer's words.
_DESCRIPTIONS = {
    "PDF": "một tệp PDF",
    "DOCX": "một tệp Word (DOCX)",
    "DOC": "một tệp Word cũ (DOC)",
    "XLSX": "một tệp Excel (XLSX)",
    "ODT": "một tệp ODT",
    "ENCRYPTED_OFFICE": "một tệp Office được đặt mật khẩu",
    "ZIP": "một tệp nén ZIP",
    "JPEG": "một ảnh JPEG",
    "PNG": "một ảnh PNG",
    "HTML": "một trang web (HTML)",
    "": "một tệp không rõ loại",
}


@dataclass(frozen=True)
class Finding:
    """Something wrong with a file, in Vietnamese; a note when not an error."""

    message: str
    error: bool = True


@dataclass(frozen=True)
class Analysis:
    digest: str
    size: int
    detected: str  # a key of _DESCRIPTIONS
    pages: int = 0
    text: tuple[str, ...] = ()  # paragraphs (PDF: lines), NFC
    text_truncated: bool = False
    text_recognised: bool = False  # read from page images by OCR (a scan)
    preview: tuple[int, int] | None = None  # (width, height) of the cached WebP
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.error]


def cache_root(settings) -> Path:
    """Where analyses are cached for a site (``<CACHE_PATH>/documents``): the
    build, `make check`, the editor and the importer share it, so a scan
    imported and then built is recognised by OCR once."""
    return Path(settings.get("CACHE_PATH") or ".cache") / "documents"


def file_type(name: str) -> str:
    """ "PDF" for "ke-hoach.pdf"; "" when the extension is not accepted."""
    return FILE_TYPES.get(Path(name).suffix.lower(), "")


def size_label(size: int) -> str:
    """ "1,2 MB", "340 KB" (Vietnamese decimal comma)."""
    if size >= 1024 * 1024:
        text = f"{size / 1024 / 1024:.1f} MB"
    elif size >= 1024:
        text = f"{max(1, round(size / 1024))} KB"
    else:
        text = f"{size} byte"
    return text.replace(".", ",")


def sniff(path: Path) -> str:
    """What the bytes are, whatever the extension says."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return "PDF"
    if head.startswith(_OLE_MAGIC):
        # Password-protected DOCX/XLSX are OLE containers with these streams.
        data = path.read_bytes()
        for stream in ("EncryptionInfo", "EncryptedPackage"):
            if stream.encode("utf-16-le") in data:
                return "ENCRYPTED_OFFICE"
        return "DOC"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "DOCX"
                if "xl/workbook.xml" in names:
                    return "XLSX"
                if "mimetype" in names and archive.read("mimetype").strip() == (
                    _ODT_MIMETYPE
                ):
                    return "ODT"
        except (zipfile.BadZipFile, OSError, KeyError):
            pass
        return "ZIP"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG"):
        return "PNG"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return ""


# C0/C1 control characters: a PDF font with no Unicode map yields them
# (U+0001–U+001F); they must reach neither a page nor the search index.
_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
)


def _nfc_lines(text: str) -> list[str]:
    lines = (
        unicodedata.normalize("NFC", line.translate(_CONTROLS)).strip()
        for line in text.splitlines()
    )
    return [" ".join(line.split()) for line in lines if line.strip()]


def _legacy_lines(lines: list[str], fonts: list[str]) -> tuple[list[str], list]:
    """Lines typed in TCVN3/VNI converted (by the fonts the file names, else by
    their characters), and the note that says so."""
    from .legacy_text import convert, note_for, verdict_for

    verdict = verdict_for(" ".join(lines), fonts)
    if verdict.encoding is None:
        return lines, []
    converted = [convert(line, verdict.encoding) for line in lines]
    if converted == lines:
        return lines, []
    return converted, [Finding(note_for(verdict), error=False)]


def _pdf_fonts(reader, pages: int) -> list[str]:
    """The base font names of the first pages (where a legacy font shows)."""
    names: list[str] = []
    for index in range(min(pages, 5)):
        try:
            fonts = reader.pages[index].get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                names.append(str(font.get_object().get("/BaseFont", "")).lstrip("/"))
        except Exception as exc:  # damaged resources: judge by the text instead
            logger.debug("font list unreadable on page %s: %s", index, exc)
    return names


def _limited(paragraphs: list[str]) -> tuple[tuple[str, ...], bool]:
    kept, total = [], 0
    for paragraph in paragraphs:
        total += len(paragraph)
        if total > TEXT_LIMIT:
            return tuple(kept), True
        kept.append(paragraph)
    return tuple(kept), False


def _pdf_active_content(reader) -> tuple[bool, bool]:
    """(has JavaScript, has embedded files), from the catalogue, pages and links."""
    from pypdf.generic import DictionaryObject

    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    javascript = "/JavaScript" in names or "/AA" in root
    embedded = "/EmbeddedFiles" in names

    def is_js(action) -> bool:
        action = action.get_object() if action is not None else None
        return isinstance(action, DictionaryObject) and (
            action.get("/S") == "/JavaScript" or "/JS" in action
        )

    javascript = javascript or is_js(root.get("/OpenAction"))
    for page in reader.pages:
        if "/AA" in page:
            javascript = True
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                embedded = True
            if is_js(annotation.get("/A")) or "/AA" in annotation:
                javascript = True
    return javascript, embedded


def _analyze_pdf(path: Path) -> dict:
    import pypdf
    import pypdfium2

    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {
                "findings": [
                    Finding(
                        "tệp PDF được đặt mật khẩu (mã hóa), người dân không mở được. "
                        "Hãy xuất lại bản PDF không đặt mật khẩu."
                    )
                ]
            }
        pages = len(reader.pages)
        javascript, embedded = _pdf_active_content(reader) if pages else (False, False)
        fonts = _pdf_fonts(reader, pages)
    except Exception as exc:  # pypdf raises many kinds on damaged files
        logger.debug("pypdf cannot read %s: %s", path, exc)
        return {"findings": [_corrupt("PDF")]}
    if not pages:
        return {"findings": [Finding("tệp PDF không có trang nào.")]}
    findings = []
    if javascript:
        findings.append(
            Finding(
                "tệp PDF có chứa mã JavaScript; nên xuất lại bản PDF thường "
                "(Xuất/Lưu dưới dạng PDF) trước khi đăng.",
                error=False,
            )
        )
    if embedded:
        findings.append(
            Finding(
                "tệp PDF có chứa tệp đính kèm bên trong; kiểm tra lại hoặc xuất lại "
                "bản PDF thường trước khi đăng.",
                error=False,
            )
        )
    try:
        document = pypdfium2.PdfDocument(path)
    except Exception as exc:
        logger.debug("pdfium cannot open %s: %s", path, exc)
        return {"findings": [_corrupt("PDF")]}
    try:
        paragraphs = []
        controls = 0  # what a font without a Unicode map leaves (U+0001…)
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            controls += sum(
                1 for char in raw if ord(char) < 0x20 and char not in "\t\r\n"
            )
            paragraphs += _nfc_lines(raw)
            textpage.close()
            page.close()
            if sum(map(len, paragraphs)) > TEXT_LIMIT:
                break
        first = document[0]
        width, _ = first.get_size()
        image = first.render(scale=PREVIEW_WIDTH / max(width, 1)).to_pil()
        first.close()
        paragraphs, notes = _legacy_lines(paragraphs, fonts)
        findings += notes
        recognised = False
        if not _has_real_text(paragraphs, pages, controls):
            scanned = not any(any(c.isalpha() for c in line) for line in paragraphs)
            paragraphs, recognised, note = _recognise(document, pages, scanned)
            findings.append(note)
    except Exception as exc:
        logger.debug("pdfium cannot render %s: %s", path, exc)
        return {"findings": [_corrupt("PDF")]}
    finally:
        document.close()
    text, truncated = _limited(paragraphs)
    return {
        "pages": pages,
        "text": text,
        "text_truncated": truncated,
        "text_recognised": recognised,
        "findings": findings,
        "preview_image": image.convert("RGB"),
    }


# Fewer letters than this per page: a scan (or a stamp and a signature on one).
_LETTERS_PER_PAGE = 40


def _has_real_text(lines: list[str], pages: int, controls: int = 0) -> bool:
    """Whether the text layer holds readable text: enough letters, mostly
    letters, and few control characters before they were removed (a font with
    no Unicode map yields controls, punctuation and symbols for its glyphs)."""
    text = "".join("".join(line.split()) for line in lines)
    letters = sum(char.isalpha() for char in text)
    unreadable = controls + sum(
        char == "\ufffd" or unicodedata.category(char) in ("Co", "Cn") for char in text
    )
    if letters < _LETTERS_PER_PAGE * max(1, min(pages, 3)) / 3:
        return False
    return letters >= 0.6 * len(text) and unreadable <= 0.02 * (len(text) + controls)


def _recognise(document, pages: int, scanned: bool) -> tuple[list, bool, Finding]:
    """The text OCR reads in a scan (or under a font with no Unicode map), and
    the officer's note about it."""
    from . import ocr

    what = (
        "tệp PDF là bản quét (chỉ có hình, không có chữ)"
        if scanned
        else "chữ trong tệp PDF không đọc được (phông chữ không có bảng mã Unicode)"
    )

    why_not = ocr.missing()
    if why_not:
        return (
            [],
            False,
            Finding(
                f"{what}, {why_not} nên trang "
                "văn bản không có nội dung và tìm kiếm không thấy được. Cài "
                "tesseract-ocr và tesseract-ocr-vie (scripts/system-deps.sh) rồi xây "
                "dựng lại, hoặc đăng kèm bản Word của văn bản.",
                error=False,
            ),
        )
    found = ocr.recognise_pdf(document)
    if not found.lines:
        return (
            [],
            False,
            Finding(
                "tệp PDF không có chữ đọc được (bản quét mờ hoặc phông chữ không "
                "chuyển được); trang văn bản không có nội dung. Hãy đăng kèm bản Word.",
                error=False,
            ),
        )
    more = f" (đọc {found.pages}/{pages} trang đầu)" if found.pages < pages else ""
    return (
        found.lines,
        True,
        Finding(
            f"{what}: chữ được nhận dạng tự động (OCR){more}, có thể sai sót; đọc "
            "lại trang văn bản.",
            error=False,
        ),
    )


def _analyze_doc(path: Path) -> dict:
    """A Word 97–2003 file: read as the .docx it converts to, for its text."""
    from .worddoc import DocError, to_docx

    try:
        data = to_docx(path)
    except DocError as exc:
        if exc.encrypted:
            return {"findings": [Finding(str(exc))]}
        # Word may still open what the reader cannot (a Word 6/95 file): the
        # file is published for download, its text is missing, and it says so.
        return {"findings": [Finding(DOC_UNREAD, error=False)]}
    return _analyze_docx(data, "DOC")


def _analyze_docx(data: bytes, kind: str = "DOCX") -> dict:
    import docx
    from docx.table import Table

    from .legacy_docx import to_unicode

    notes = []
    try:
        legacy = to_unicode(data)
        if legacy.verdict.encoding:
            from .legacy_text import note_for

            notes.append(Finding(note_for(legacy.verdict), error=False))
        document = docx.Document(io.BytesIO(legacy.data))
        paragraphs = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [" ".join(cell.text.split()) for cell in row.cells]
                    # Merged cells repeat: keep each text once per row.
                    unique = list(dict.fromkeys(c for c in cells if c))
                    if unique:
                        paragraphs.append(" | ".join(unique))
            else:
                paragraphs += _nfc_lines(block.text)
    except Exception as exc:  # python-docx/lxml raise many kinds on damaged files
        logger.debug("python-docx cannot read the %s: %s", kind, exc)
        return {"findings": [_corrupt(kind)]}
    paragraphs = [
        unicodedata.normalize("NFC", p.translate(_CONTROLS)) for p in paragraphs
    ]
    text, truncated = _limited(paragraphs)
    return {"text": text, "text_truncated": truncated, "findings": notes}


def _analyze_zip(path: Path, kind: str) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is None:
                return {}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        pass
    return {"findings": [_corrupt(kind)]}


def _corrupt(kind: str) -> Finding:
    return Finding(
        f"tệp {kind} bị hỏng, không đọc được. Hãy mở thử tệp trên máy, lưu lại "
        "hoặc xuất lại rồi chép vào."
    )


def analyze(path: Path, expected: str) -> tuple[dict, object | None]:
    """The analysis fields of the file at ``path`` (claimed to be ``expected``),
    and the preview image (PIL) of a PDF's first page, if any."""
    size = path.stat().st_size
    if size == 0:
        return {
            "size": 0,
            "detected": "",
            "findings": [Finding("tệp rỗng (0 byte).")],
        }, None
    detected = sniff(path)
    fields: dict = {"size": size, "detected": detected}
    if detected != expected:
        if detected == "ENCRYPTED_OFFICE":
            message = (
                "tệp được đặt mật khẩu, người dân không mở được. Hãy lưu lại bản "
                "không đặt mật khẩu."
            )
        else:
            message = (
                f"nội dung tệp không phải {expected} mà là {_DESCRIPTIONS[detected]} "
                f"(có thể tệp bị đổi đuôi). Hãy lưu lại đúng định dạng {expected} "
                "hoặc đổi đuôi tệp cho đúng."
            )
        fields["findings"] = [Finding(message)]
        return fields, None
    if expected == "PDF":
        # pypdf logs what it repairs ("EOF marker not found"); the findings say
        # what matters to the officer, and the build treats log warnings as noise.
        pypdf_logger = logging.getLogger("pypdf")
        level = pypdf_logger.level
        pypdf_logger.setLevel(logging.CRITICAL)
        try:
            found = _analyze_pdf(path)
        finally:
            pypdf_logger.setLevel(level)
    elif expected == "DOCX":
        found = _analyze_docx(path.read_bytes())
    elif expected == "DOC":
        found = _analyze_doc(path)
    elif expected in ("XLSX", "ODT"):
        found = _analyze_zip(path, expected)
    else:
        found = {}
    image = found.pop("preview_image", None)
    fields.update(found)
    return fields, image


class DocumentCache:
    """Analyses and previews by content hash, under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._index_path = root / "sources.json"
        try:
            index = json.loads(self._index_path.read_text(encoding="utf-8"))
            self._index: dict[str, list] = index if isinstance(index, dict) else {}
        except (OSError, ValueError):
            self._index = {}
        self._dirty = False
        self.used: set[str] = set()  # digests asked for by this run

    def digest(self, path: Path) -> str:
        """SHA-256 of the bytes, reused while the size and mtime are unchanged."""
        stat = path.stat()
        name = str(path.resolve())
        known = self._index.get(name)
        if isinstance(known, list) and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2]
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        digest = sha.hexdigest()
        self._index[name] = [stat.st_size, stat.st_mtime_ns, digest]
        self._dirty = True
        return digest

    def _entry(self, digest: str, expected: str) -> Path:
        return (
            self.root
            / "entries"
            / digest[:2]
            / f"{digest}-{expected}-v{ANALYSIS_VERSION}"
        )

    def preview_path(self, analysis: Analysis, expected: str = "PDF") -> Path:
        return self._entry(analysis.digest, expected).with_suffix(".webp")

    def analysis(
        self, path: Path, expected: str, data: bytes | None = None
    ) -> Analysis:
        """The file's analysis (``data``: the bytes the editor is about to
        write there, analysed from a copy outside the content folder)."""
        digest = self.digest(path) if data is None else hashlib.sha256(data).hexdigest()
        self.used.add(digest)
        entry = self._entry(digest, expected)
        cached = self._load(entry)
        if cached is not None:
            return cached
        if data is None:
            fields, image = analyze(path, expected)
        else:
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / f"proposed{path.suffix.lower()}"
                copy.write_bytes(data)
                fields, image = analyze(copy, expected)
        preview = None
        if image is not None:
            buffer = io.BytesIO()
            image.save(buffer, "WEBP", quality=PREVIEW_QUALITY, method=4)
            _atomic_write(entry.with_suffix(".webp"), buffer.getvalue())
            preview = (image.width, image.height, len(buffer.getvalue()))
        data = {
            **fields,
            "digest": digest,
            "text": list(fields.get("text", ())),
            "findings": [asdict(f) for f in fields.get("findings", [])],
            "preview": list(preview) if preview else None,
        }
        _atomic_write(
            entry.with_suffix(".json"),
            json.dumps(data, ensure_ascii=False).encode("utf-8"),
        )
        self.save_index()
        return _from_json(data)

    def _load(self, entry: Path) -> Analysis | None:
        try:
            data = json.loads(entry.with_suffix(".json").read_text(encoding="utf-8"))
            preview = data.get("preview")
            if preview and entry.with_suffix(".webp").stat().st_size != preview[2]:
                return None  # truncated preview (disk full, killed copy)
            return _from_json(data)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def keep(self, path: Path) -> None:
        """Mark the file's entries as in use without analysing it (a draft's)."""
        self.used.add(self.digest(path))

    def prune(self) -> int:
        """Delete entries of files this run did not ask for; returns how many.
        The index keeps only the files still in use too."""
        removed = 0
        for bucket in sorted((self.root / "entries").glob("*")):
            for entry in sorted(bucket.iterdir()):
                if entry.name.split("-", 1)[0].lstrip(".") not in self.used:
                    entry.unlink(missing_ok=True)
                    removed += 1
        kept = {k: v for k, v in self._index.items() if v[2:3] and v[2] in self.used}
        if kept != self._index:
            self._index, self._dirty = kept, True
        return removed

    def save_index(self) -> None:
        if self._dirty:
            _atomic_write(
                self._index_path, json.dumps(self._index, sort_keys=True).encode()
            )
            self._dirty = False


def _from_json(data: dict) -> Analysis:
    preview = data.get("preview")
    return Analysis(
        digest=data["digest"],
        size=int(data["size"]),
        detected=data["detected"],
        pages=int(data.get("pages", 0)),
        text=tuple(data.get("text", ())),
        text_truncated=bool(data.get("text_truncated", False)),
        text_recognised=bool(data.get("text_recognised", False)),
        preview=(int(preview[0]), int(preview[1])) if preview else None,
        findings=tuple(Finding(**f) for f in data.get("findings", [])),
    )


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
