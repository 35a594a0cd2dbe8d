"""How citizens send a comment from a static site: mailto, a form, or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

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
        raw = dict(settings.get("WARD_COMMENTS") or {})
        ward = settings.get("WARD") or {}
        known = set(cls.__annotations__)
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(
                f"WARD_COMMENTS có khóa không hợp lệ: {', '.join(unknown)}. "
                f"Các khóa được dùng: {', '.join(sorted(known))}."
            )
        values = {k: v for k, v in raw.items() if k in known}
        values.setdefault("email", ward.get("email", ""))
        result = cls(**values)
        if result.mode not in MODES:
            raise ValueError(
                f'WARD_COMMENTS["mode"] = "{result.mode}" không hợp lệ; dùng mailto, form '
                "hoặc none."
            )
        if result.default_status not in ("open", "closed", "hidden"):
            raise ValueError(
                'WARD_COMMENTS["default_status"] phải là open, closed hoặc hidden.'
            )
        if result.mode == "form" and not result.form_action.startswith(
            ("https://", "http://")
        ):
            raise ValueError(
                'WARD_COMMENTS["form_action"] phải là địa chỉ http(s) của máy chủ nhận '
                "bình luận khi mode là form."
            )
        if result.mode == "mailto" and "@" not in result.email:
            raise ValueError(
                'Bình luận qua thư điện tử cần địa chỉ thư: đặt WARD["email"] hoặc '
                'WARD_COMMENTS["email"].'
            )
        return result


def mailto_url(address: str, title: str, post_url: str, text: str = "") -> str:
    """mailto: link with the subject "Bình luận: <title>" and the post URL in the body."""
    subject = f"Bình luận: {title}"
    body = f"Bài viết: {post_url}\n\n{text or 'Nội dung bình luận:'}\n\nHọ tên:\nKhu vực/địa chỉ:\n"
    return (
        f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(body, safe='')}"
    )
