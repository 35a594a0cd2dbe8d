"""The placeholder text `make new` writes into a new post's body.

Shared by the command that writes it and the checker that refuses to publish a
post still holding it (the preview shows such a post, marked).
"""

from __future__ import annotations

BODY_PLACEHOLDERS = (
    "(Đoạn mở đầu: thời gian, địa điểm, ai chủ trì, ai tham dự, bao nhiêu người.)",
    "(Nội dung chính: các ý kiến, kết quả, số liệu.)",
    "(Kết: việc tiếp theo, lời kêu gọi người dân.)",
)
BODY_TEMPLATE = "\n" + "\n\n".join(BODY_PLACEHOLDERS) + "\n"


_WANTED = frozenset(" ".join(text.split()) for text in BODY_PLACEHOLDERS)
# A line holding a placeholder holds its first word as written: a body with
# none of them (every post but a new one) needs no line-by-line look.
_FIRST_WORDS = tuple(sorted({text.split()[0] for text in BODY_PLACEHOLDERS}))


def placeholder_lines(body: str) -> list[int]:
    """1-based lines of ``body`` that still hold a placeholder paragraph."""
    if not any(word in body for word in _FIRST_WORDS):
        return []
    return [
        number
        for number, line in enumerate(body.splitlines(), 1)
        if " ".join(line.split()) in _WANTED
    ]
