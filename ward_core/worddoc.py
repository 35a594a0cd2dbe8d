"""Word 97–2003 files (.doc) read as the .docx Word would save them.

Ward archives before about 2010 are mostly .doc, many typed in .VnTime or
VNI-Times. msdoc2docx (MIT, pure Python, no LibreOffice or Word needed, so it
works on the officer's Windows PC as on a server) converts the binary file
into a .docx in memory, keeping paragraphs, bold, tables, pictures and the
font of every run; everything after that is the .docx path: legacy fonts
converted by name (ward_core.legacy_docx), the office template recognised,
text for search. The .doc itself is what gets published.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from .officefiles import size_label
from .timelimit import TimeLimitExceeded, time_limit

logger = logging.getLogger(__name__)

# Bounded work whatever the file (a .doc is refused above 50 MB upstream).
MB = 1024 * 1024
MAX_INPUT_BYTES = 64 * MB
CONVERT_SECONDS = 60
SAVE_AS_DOCX = (
    "Mở tệp bằng Word, chọn Tệp > Lưu thành (Save As), chọn kiểu “Tài liệu Word "
    "(*.docx)” rồi dùng tệp .docx đó."
)


class DocError(Exception):
    """Why a .doc cannot be read, in the officer's words (with what to do).
    ``encrypted``: nobody can open it without the password, not only us."""

    def __init__(self, message: str, encrypted: bool = False) -> None:
        super().__init__(message)
        self.encrypted = encrypted


def to_docx(path: Path) -> bytes:
    """The .docx bytes of the Word 97–2003 file at ``path``; DocError when it
    cannot be read (password, damage, a Word 6/95 file, too slow)."""
    from doc2docx import convert
    from doc2docx.cfb.container import CompoundFileLimits
    from doc2docx.errors import EncryptedDocumentError

    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise DocError(
            f"tệp Word (.doc) nặng {size_label(size)}, quá {size_label(MAX_INPUT_BYTES)} "
            f"nên không đọc. {SAVE_AS_DOCX}"
        )
    limits = CompoundFileLimits(
        max_input_bytes=MAX_INPUT_BYTES, max_stream_bytes=MAX_INPUT_BYTES
    )
    with tempfile.TemporaryDirectory(prefix="ward-doc-") as folder:
        target = Path(folder) / "doc.docx"
        try:
            with time_limit(CONVERT_SECONDS):
                convert(path, target, limits=limits)
            return target.read_bytes()
        except EncryptedDocumentError:
            raise DocError(
                "tệp Word (.doc) được đặt mật khẩu, người dân không mở được. Mở bằng "
                "Word, bỏ mật khẩu rồi lưu lại.",
                encrypted=True,
            ) from None
        except TimeLimitExceeded:
            raise DocError(
                f"tệp Word (.doc) đọc quá {CONVERT_SECONDS} giây. {SAVE_AS_DOCX}"
            ) from None
        except Exception as exc:
            # A damaged file, another Office file renamed .doc, a Word 6/95 file.
            logger.debug("msdoc2docx cannot read %s: %r", path, exc)
            raise DocError(
                f"tệp Word (.doc) bị hỏng hoặc là kiểu quá cũ, không đọc được. "
                f"{SAVE_AS_DOCX}"
            ) from None
