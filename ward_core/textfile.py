"""One reader for every text file the site is built from (posts, pages, data files).

UTF-8 with or without a byte-order mark, Windows (CRLF) or old Mac (CR) line
ends, and Unicode normalised to NFC (text typed on macOS arrives decomposed).
Anything else is refused with a message naming the file.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .paths import display_path
from .problems import Problem, SiteError

NOT_UTF8 = (
    "tệp không phải văn bản UTF-8 (có thể được lưu bằng mã Windows-1258 hoặc TCVN3). "
    'Mở tệp trong Notepad hoặc trình soạn thảo, chọn "Lưu thành" với mã hóa UTF-8.'
)


def decode_text(data: bytes) -> str:
    """Bytes as text; raises UnicodeDecodeError when they are not UTF-8."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: str | Path) -> str:
    """The file's text, or SiteError naming the file and the fix."""
    shown = display_path(str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SiteError(
            problems=[Problem(shown, message=f"không đọc được tệp ({exc.strerror}).")]
        ) from None
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise SiteError(problems=[Problem(shown, message=NOT_UTF8)]) from None
