"""The `gallery:` and `cover:` front matter fields, validated (no Pelican here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.fields import TABLE
from ward_core.localfiles import find_file
from ward_core.problems import Problem, unknown_keys

PHOTO_FIELDS = TABLE.by_name["gallery"].items  # src, caption, alt, credit
GALLERY_HELP = (
    "Viết mỗi ảnh một mục: - src: ten-anh.jpg rồi caption: Chú thích ảnh "
    "(alt: và credit: nếu cần)."
)


@dataclass(frozen=True)
class PhotoSpec:
    src: str  # as written, relative to the post file
    path: Path  # resolved source file
    caption: str = ""
    alt: str = ""
    credit: str = ""
    line: int = 0


def _clean(value: Any) -> str:
    return " ".join(str(value).split())


def resolve_source(src: str, post_dir: Path, content_root: Path) -> Path | str:
    """The photo's path, or a Vietnamese reason why it cannot be used."""
    if "://" in src or src.startswith("//"):
        return (
            f'"{src}" là địa chỉ trên mạng; hãy tải ảnh về và đặt vào thư mục của bài.'
        )
    if "\0" in src:
        return f'"{_printable(src)}" không phải tên tệp (có ký tự NUL).'
    candidate = (post_dir / src).resolve()
    root = content_root.resolve()
    if not candidate.is_relative_to(root):
        return f'"{src}" nằm ngoài thư mục content/; chép ảnh vào thư mục của bài.'
    found = find_file(candidate)
    if found is None:
        return (
            f'không tìm thấy ảnh "{src}" cạnh bài viết. Kiểm tra tên tệp (kể cả chữ '
            "hoa/thường và phần đuôi .jpg) hoặc chép ảnh vào thư mục của bài."
        )
    return found


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def parse_gallery(
    raw: Any, post_dir: Path, content_root: Path, line: int
) -> tuple[list[PhotoSpec], list[Problem]]:
    specs: list[PhotoSpec] = []
    problems: list[Problem] = []
    if raw is None or raw == "":
        return specs, problems
    if not isinstance(raw, list):
        problems.append(
            Problem(
                line=line,
                field="gallery",
                message=f"phải là danh sách ảnh. {GALLERY_HELP}",
            )
        )
        return specs, problems
    for entry in raw:
        item_line = getattr(entry, "line", line)
        item = {"src": entry} if isinstance(entry, str) else entry
        if not isinstance(item, dict):
            problems.append(
                Problem(line=item_line, field="gallery", message=GALLERY_HELP)
            )
            continue
        unknown = unknown_keys(
            item, PHOTO_FIELDS, what="cho ảnh", field="gallery", line=item_line
        )
        if unknown:
            problems.extend(unknown)
            continue
        if any(not isinstance(item.get(k, ""), str) for k in PHOTO_FIELDS):
            problems.append(
                Problem(
                    line=item_line,
                    field="gallery",
                    message=f"mỗi trường của ảnh là một dòng chữ. {GALLERY_HELP}",
                )
            )
            continue
        src = _clean(item.get("src", ""))
        if not src:
            problems.append(
                Problem(
                    line=item_line,
                    field="gallery",
                    message=f"thiếu src: (tên tệp ảnh). {GALLERY_HELP}",
                )
            )
            continue
        resolved = resolve_source(src, post_dir, content_root)
        if isinstance(resolved, str):
            problems.append(Problem(line=item_line, field="gallery", message=resolved))
            continue
        caption = _clean(item.get("caption", ""))
        specs.append(
            PhotoSpec(
                src=src,
                path=resolved,
                caption=caption,
                alt=_clean(item.get("alt", "")) or caption,
                credit=_clean(item.get("credit", "")),
                line=item_line,
            )
        )
    return specs, problems


def parse_cover(
    raw: Any, gallery: list[PhotoSpec], post_dir: Path, content_root: Path, line: int
) -> tuple[PhotoSpec | None, list[Problem]]:
    """The cover photo: `cover:` if given (in the gallery or not), else the first photo."""
    if raw is None or raw == "":
        return (gallery[0] if gallery else None), []
    if not isinstance(raw, str):
        return None, [
            Problem(
                line=line,
                field="cover",
                message="viết tên một tệp ảnh, ví dụ cover: bao-cao.jpg",
            )
        ]
    src = _clean(raw)
    for spec in gallery:
        if spec.src == src:
            return spec, []
    resolved = resolve_source(src, post_dir, content_root)
    if isinstance(resolved, str):
        return None, [Problem(line=line, field="cover", message=resolved)]
    return PhotoSpec(src=src, path=resolved, line=line), []


COVER_FOCUS_WORDS = {
    "trên": 0,
    "giữa": 50,
    "dưới": 100,
    "top": 0,
    "center": 50,
    "bottom": 100,
}
COVER_FOCUS_HELP = (
    "viết trên, giữa, dưới hoặc một tỉ lệ từ 0% (mép trên) đến 100% (mép dưới), "
    "ví dụ cover_focus: 30% để giữ phần đầu người trong ảnh dọc."
)


def parse_cover_focus(raw: Any, line: int) -> tuple[int | None, list[Problem]]:
    """Which part of the cover stays when it is cut to 16:9: 0 (top) to 100 (bottom),
    in steps of 10; None when not set (the theme chooses)."""
    if raw is None or raw == "":
        return None, []
    text = _clean(raw).lower() if isinstance(raw, str) else ""
    if text in COVER_FOCUS_WORDS:
        return COVER_FOCUS_WORDS[text], []
    number = text.removesuffix("%").strip()
    if number.isdigit() and 0 <= int(number) <= 100:
        return (int(number) + 5) // 10 * 10, []  # to the nearest step of 10
    shown = _clean(raw) if isinstance(raw, str) else "(danh sách)"
    return None, [
        Problem(
            line=line,
            field="cover_focus",
            message=f'"{shown}" không dùng được: {COVER_FOCUS_HELP}',
        )
    ]
