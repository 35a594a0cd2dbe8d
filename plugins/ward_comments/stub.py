"""How citizens send a comment from a static site: mailto, a form, or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from ward_core.settings import settings_error, strict_settings

MODES = ("mailto", "form", "none")


@dataclass(frozen=True)
class CommentSettings:
    mode: str = "mailto"
    email: str = ""  # defaults to the ward's email
    form_action: str = ""
    default_status: str = "open"
    feed_path: str = "feeds/binh-luan.atom.xml"
    folder: str = "comments"  # under content/

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CommentSettings:
        result = strict_settings(cls, settings.get("WARD_COMMENTS"), "WARD_COMMENTS")
        if not result.email:
            ward = settings.get("WARD") or {}
            result = replace(result, email=str(ward.get("email", "")))
        problem = result.problem()
        if problem:
            raise settings_error(problem)
        return result

    def problem(self) -> str | None:
        if self.mode not in MODES:
            return (
                f'WARD_COMMENTS["mode"] = "{self.mode}" không hợp lệ; dùng mailto, form '
                "hoặc none."
            )
        if self.default_status not in ("open", "closed", "hidden"):
            return 'WARD_COMMENTS["default_status"] phải là open, closed hoặc hidden.'
        if self.mode == "form" and not self.form_action.startswith(
            ("https://", "http://")
        ):
            return (
                'WARD_COMMENTS["form_action"] phải là địa chỉ http(s) của máy chủ nhận '
                "bình luận khi mode là form."
            )
        if self.mode == "mailto" and "@" not in self.email:
            return (
                'Bình luận qua thư điện tử cần địa chỉ thư: đặt WARD["email"] hoặc '
                'WARD_COMMENTS["email"].'
            )
        return None


def mailto_url(address: str, title: str, post_url: str, text: str = "") -> str:
    """mailto: link with the subject "Bình luận: <title>" and the post URL in the body."""
    subject = f"Bình luận: {title}"
    body = f"Bài viết: {post_url}\n\n{text or 'Nội dung bình luận:'}\n\nHọ tên:\nKhu vực/địa chỉ:\n"
    return (
        f"mailto:{quote(address, safe='@')}?subject={_query_value(subject)}"
        f"&body={_query_value(body)}"
    )


class _QueryEscapes(dict):
    """Each character's form in a URL query, worked out once (every post's
    comment box quotes its title: str.translate over this table is C-speed)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        escaped = char if code > 127 and char.isprintable() else quote(char, safe=":/@")
        self[code] = escaped
        return escaped


_QUERY_ESCAPES = _QueryEscapes()


def _query_value(value: str) -> str:
    """``value`` for a URL query: ASCII escaped as quote() does (":/@" kept, as a
    query allows them), visible Vietnamese letters left as they are. The
    browser's URL parser escapes them as UTF-8 before the mail app sees the link
    (the same link), and the page is lighter: "ủ" is 3 bytes, "%E1%BB%A7" 9, on
    every post's comment box."""
    return value.translate(_QUERY_ESCAPES)
