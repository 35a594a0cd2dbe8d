"""The accessibility statement: what this build measured and the checks the project
runs on every release (the tool versions pinned in package.json), with the
ward's contact for accessibility problems (Decree 224/2026/NĐ-CP Art. 10.3)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.views import GalleryView, contents_in, view_of

PACKAGE_JSON = Path(__file__).resolve().parents[2] / "package.json"
CHECKS = (
    (
        "axe-core",
        "axe-core {version}: kiểm tra tự động theo WCAG 2.1 mức A và AA (và các thực hành "
        "tốt) trên màn hình điện thoại 360 px và máy tính 1280 px; yêu cầu 0 lỗi.",
    ),
    (
        "vnu-jar",
        "Nu HTML Checker {version} (W3C): mã HTML của các loại trang đúng chuẩn; yêu cầu 0 lỗi.",
    ),
    (
        "lighthouse",
        "Lighthouse {version}: điểm tiếp cận và hiệu năng trên điện thoại cấu hình thấp.",
    ),
)


@dataclass(frozen=True)
class Measured:
    posts: int
    pages: int
    photos: int
    photos_described: int  # with a caption or alt text

    @property
    def all_described(self) -> bool:
        return self.photos == self.photos_described


def measure(context: dict[str, Any]) -> Measured:
    posts = list(context.get("articles", []))
    photos = [
        photo
        for content in contents_in(context)
        for photo in view_of(content, GalleryView).photos
    ]
    return Measured(
        posts=len(posts),
        pages=len(context.get("pages", [])),
        photos=len(photos),
        photos_described=sum(
            1 for p in photos if (getattr(p, "alt", "") or "").strip()
        ),
    )


def project_checks(package_json: Path = PACKAGE_JSON) -> list[str]:
    """The checks the project's tests run, with the versions pinned for them."""
    try:
        pinned = json.loads(package_json.read_text(encoding="utf-8")).get(
            "devDependencies", {}
        )
    except (OSError, ValueError):
        pinned = {}
    return [
        text.format(version=pinned[name]) for name, text in CHECKS if name in pinned
    ]
