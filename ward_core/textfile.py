"""One reader for every text file the site is built from (posts, pages, data files).

UTF-8 with or without a byte-order mark, Windows (CRLF) or old Mac (CR) line
ends, and Unicode normalised to NFC (text typed on macOS arrives decomposed).
Vietnamese typed in the legacy TCVN3/VNI fonts (pasted without the font, or
saved as such bytes) is converted, with a note; anything else is refused with
a message naming the file.
"""

from __future__ import annotations

import errno
import unicodedata
from pathlib import Path

from .paths import display_path
from .problems import Problem, SiteError

NOT_UTF8 = (
    "tệp không phải văn bản UTF-8 (có thể được lưu bằng mã Windows-1258 hoặc TCVN3). "
    'Mở tệp trong Notepad hoặc trình soạn thảo, chọn "Lưu thành" với mã hóa UTF-8.'
)


# A post is a few kilobytes; a comments file a few hundred. Markdown and YAML
# are not meant for more, and must not make the build run for minutes.
MAX_TEXT_BYTES = 8_000_000


def why(exc: BaseException) -> str:
    """A file-system error in Vietnamese, with the fix."""
    number = getattr(exc, "errno", None)
    if number == errno.ENOENT:
        return (
            "tệp không còn tồn tại (có thể là một liên kết tắt/symlink trỏ tới tệp "
            "đã xóa). Xóa nó hoặc chép lại tệp thật."
        )
    if number in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp. Kiểm tra quyền của tệp."
    if number == errno.EISDIR:
        return "đây là một thư mục, không phải tệp."
    if number == errno.ENAMETOOLONG:
        return "tên tệp hoặc đường dẫn quá dài. Đặt tên ngắn hơn."
    if number == errno.ELOOP:
        return "liên kết tắt (symlink) trỏ vòng vào chính nó. Xóa liên kết đó."
    if number == errno.ENOSPC:
        return "ổ đĩa đã đầy. Xóa bớt tệp rồi chạy lại."
    if isinstance(exc, ValueError):
        return "tên tệp có ký tự không hợp lệ. Đổi tên tệp."
    return f"lỗi hệ thống tệp (mã {number}). Chép lại tệp rồi chạy lại."


def decode_text(data: bytes) -> str:
    """Bytes as text; raises UnicodeDecodeError when they are not UTF-8."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


GARBLED = (
    "tệp có chữ không đọc được (có thể gõ bằng mã cũ TCVN3/VNI mà không chuyển "
    "được chắc chắn). Mở tệp gốc bằng Word với đúng phông chữ (.VnTime, VNI-Times), "
    "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) rồi chép lại."
)


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Text of a file the officer copied in, and what was converted ("" when
    nothing): UTF-8 holding TCVN3/VNI letters (copied from an old document
    without its font), or bytes typed in TCVN3/VNI. Raises UnicodeDecodeError
    for other bytes (Windows-1258, UTF-16: saved again as UTF-8), ValueError for
    text that looks garbled but converts to nothing sure."""
    from .legacy_text import convert_lines, detect_by_content, looks_garbled, surface

    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        shown = surface(data)
        verdict = detect_by_content(shown)
        if verdict.encoding is None:
            raise  # Windows-1258, UTF-16…: the officer saves it again as UTF-8
        text = decode_text(convert_lines(shown, verdict.encoding).encode("utf-8"))
        return text, verdict.label
    if text.isascii():
        return text, ""
    verdict = detect_by_content(text)
    if verdict.encoding is not None:
        return convert_lines(text, verdict.encoding), verdict.label
    if looks_garbled(text):
        raise ValueError(GARBLED)
    return text, ""


def read_text(path: str | Path, notes: list[Problem] | None = None) -> str:
    """The file's text, or SiteError naming the file and the fix. Text typed
    in a legacy Vietnamese encoding comes back converted, with a note added to
    ``notes``."""
    shown = display_path(str(path))
    try:
        size = Path(path).stat().st_size
        if size > MAX_TEXT_BYTES:
            raise SiteError(
                problems=[
                    Problem(
                        shown,
                        message=f"tệp quá lớn ({size // 1_000_000} MB, giới hạn "
                        f"{MAX_TEXT_BYTES // 1_000_000} MB cho một tệp văn bản). "
                        "Kiểm tra xem có dán nhầm nội dung vào không.",
                    )
                ]
            )
        data = Path(path).read_bytes()
    except (OSError, ValueError) as exc:
        raise SiteError(
            problems=[Problem(shown, message=f"không đọc được tệp: {why(exc)}")]
        ) from None
    try:
        text, converted = decode_legacy(data)
    except UnicodeDecodeError:
        raise SiteError(problems=[Problem(shown, message=NOT_UTF8)]) from None
    except ValueError as exc:
        raise SiteError(problems=[Problem(shown, message=str(exc))]) from None
    if converted and notes is not None:
        notes.append(
            Problem(
                shown,
                message=f"đã chuyển từ mã {converted} sang Unicode khi đọc; mở tệp, "
                "kiểm tra chữ rồi lưu lại dạng UTF-8 (hoặc lưu một lần trong trình "
                "soạn bài) để tệp gốc cũng là Unicode.",
                error=False,
            )
        )
    return text
