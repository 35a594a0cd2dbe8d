"""Text recognised in scanned documents, with Tesseract and its Vietnamese model.

Many documents a ward publishes are scans: the signed plan, photographed and
saved as PDF. They have no text layer, so their page says nothing and search
cannot find them. Tesseract (Debian's tesseract-ocr and tesseract-ocr-vie,
installed by scripts/system-deps.sh) reads them; the result is cached with the
rest of the document's analysis, by the file's content hash, so a scan is
recognised once. Where Tesseract is absent the build still works and says so.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)

LANGUAGE = "vie"
# Bounded work whatever the file: pages past this are left to the download.
MAX_PAGES = 20
PAGE_TIMEOUT_SECONDS = 120
# 200 dpi: enough for 10-point type, half the pixels of 300 dpi.
RENDER_DPI = 200


@dataclass(frozen=True)
class Recognised:
    lines: list[str]
    pages: int  # pages read (at most MAX_PAGES)


def missing() -> str:
    """Why recognition cannot run here ("" when it can)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return "máy chưa cài Tesseract"
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return "không chạy được Tesseract"
    if LANGUAGE not in listed.stdout.split():
        return "Tesseract chưa có bộ chữ tiếng Việt (tesseract-ocr-vie)"
    return ""


def recognise_image(image) -> list[str]:
    """The lines Tesseract reads in one page image (PIL), NFC."""
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=PAGE_TIMEOUT_SECONDS,
    )
    if result.returncode != 0:
        logger.debug("tesseract failed: %s", result.stderr[-500:])
        return []
    text = unicodedata.normalize("NFC", result.stdout.decode("utf-8", "replace"))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def recognise_pdf(document) -> Recognised:
    """Every page of an open pypdfium2 document (up to MAX_PAGES), read."""
    lines: list[str] = []
    pages = min(len(document), MAX_PAGES)
    for index in range(pages):
        page = document[index]
        try:
            image = page.render(scale=RENDER_DPI / 72).to_pil()
        finally:
            page.close()
        try:
            lines += recognise_image(image)
        except subprocess.TimeoutExpired:
            logger.debug("tesseract timed out on page %s", index + 1)
    return Recognised(lines, pages)
