"""What a file the officer uploads becomes before Decap writes its name into the
entry: the stored name (one rule for the editor, `make photos` and the importer:
ward_core.slugs.clean_file_name, numbered when taken), a photo decoded to prove
it is one (HEIC/HEIF turned into a JPEG every browser shows), a document
checked for type and size as the build checks it.

The editor's browser code asks first (the "prepareMedia" action) and hands
Decap the answer, so Decap's own name cleaning finds nothing left to change and
never meets a name it already has; the save checks the same way again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from ward_frontmatter.files import file_name_problem, file_problems
from ward_frontmatter.settings import DocumentSettings
from ward_gallery.settings import GallerySettings

from ward_core.officefiles import DocumentCache
from ward_core.slugs import clean_file_name, free_file_name
from ward_core.sources import slug_for

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif")
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods")
MEDIA_SUFFIXES = PHOTO_SUFFIXES + DOCUMENT_SUFFIXES
# Photos no browser shows: converted to JPEG on upload.
CONVERTED_SUFFIXES = (".heic", ".heif")


class UploadRefusedError(Exception):
    """A file that must not be saved; the message is for the officer."""


@dataclass(frozen=True)
class Upload:
    name: str  # the stored name, also written into the entry
    data: bytes
    converted: bool = False  # data is not the bytes that were sent


def stored_name(name: str, settings: Mapping[str, Any]) -> str:
    """ "IMG_4032.HEIC" -> "img-4032.jpg" (converted), "Scan 2026-01-20.pdf" ->
    "scan-2026-01-20.pdf"."""
    clean = clean_file_name(name, partial(slug_for, settings=settings))
    path = PurePosixPath(clean)
    if path.suffix in CONVERTED_SUFFIXES:
        return str(path.with_suffix(".jpg"))
    return clean


def free_name(name: str, taken: Iterable[str]) -> str:
    """``name``, or ``name-2``, ``name-3``… when another file already has it."""
    used = {t.lower() for t in taken}
    return free_file_name(name, lambda candidate: candidate.lower() in used)


def is_photo(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in PHOTO_SUFFIXES


def prepare(name: str, data: bytes, settings: Mapping[str, Any]) -> Upload:
    """The file as it will be stored, or UploadRefusedError saying why not."""
    shown = PurePosixPath(name.replace("\\", "/")).name or name
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in MEDIA_SUFFIXES:
        raise UploadRefusedError(
            f'Chưa lưu "{shown}": không phải ảnh hay văn bản được nhận (ảnh JPEG, '
            "PNG, WebP, GIF, HEIC; văn bản PDF, DOCX, DOC, XLSX, ODT)."
        )
    clean = stored_name(shown, settings)
    with tempfile.TemporaryDirectory(prefix="ward-upload-") as folder:
        path = Path(folder) / f"tep{suffix}"
        path.write_bytes(data)
        if suffix in PHOTO_SUFFIXES:
            return _photo(shown, clean, path, settings)
        _document(shown, clean, path, settings)
    return Upload(clean, data)


def _photo(shown: str, clean: str, path: Path, settings: Mapping[str, Any]) -> Upload:
    from ward_core.photos.imaging import PhotoError, checked_photo, photo_as_jpeg

    encode = GallerySettings.from_settings(settings).encode
    try:
        checked_photo(path, encode)
        if path.suffix in CONVERTED_SUFFIXES:
            return Upload(clean, photo_as_jpeg(path, encode), converted=True)
    except PhotoError as exc:
        raise UploadRefusedError(f'Chưa lưu "{shown}": {exc}') from None
    return Upload(clean, path.read_bytes())


def _document(shown: str, clean: str, path: Path, settings: Mapping[str, Any]) -> None:
    """The build's own checks (plugins/ward_frontmatter/files.py), on the bytes."""
    problem = file_name_problem(clean)
    if problem:
        raise UploadRefusedError(
            "Chưa lưu. " + problem.replace(f'"{clean}"', f'"{shown}"')
        )
    documents = DocumentSettings.from_settings(settings)
    found = file_problems(shown, path, documents, DocumentCache(documents.cache_root))
    errors = [message for message, error in found if error]
    if errors:
        raise UploadRefusedError("Chưa lưu. " + " ".join(errors))
