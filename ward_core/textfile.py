"""One reader for every text file the site is built from (posts, pages, data files).

UTF-8 with or without a byte-order mark, Windows (CRLF) or old Mac (CR) line
ends, and Unicode normalised to NFC (text typed on macOS arrives decomposed).
Anything else is refused with a message naming the file.
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


def read_text(path: str | Path) -> str:
    """The file's text, or SiteError naming the file and the fix."""
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
        return decode_text(data)
    except UnicodeDecodeError:
        raise SiteError(problems=[Problem(shown, message=NOT_UTF8)]) from None
