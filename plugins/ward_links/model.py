"""The "Liên kết" data file and per-post related links, validated (no Pelican here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ward_core.datafile import read_list, text
from ward_core.dates import DateFormatError, parse_vn_date
from ward_core.localfiles import find_file
from ward_core.problems import Problem, unknown_keys

LINK_FIELDS = (
    "title",
    "url",
    "image",
    "description",
    "valid_from",
    "valid_until",
    "new_tab",
)
GROUP_FIELDS = ("title", "links")
SCHEMES = ("http", "https", "mailto", "tel")
FORMAT_HELP = (
    "Tệp gồm các nhóm: - title: Tên nhóm, rồi links: với từng liên kết "
    "- title: …, url: https://…"
)


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    line: int = 0
    image: Path | None = None
    image_src: str = ""
    description: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    new_tab: bool = False

    @property
    def external(self) -> bool:
        return urlsplit(self.url).scheme in ("http", "https")

    def active_on(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class LinkGroup:
    title: str
    links: tuple[Link, ...]


@dataclass
class Parsed:
    groups: list[LinkGroup] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_url(url: str) -> str | None:
    """A Vietnamese reason the URL cannot be used, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "https://[…": an IPv6 bracket never closed, a bad port
        return (
            f'địa chỉ "{url}" không đúng dạng (dấu ngoặc vuông hoặc cổng sai). '
            "Chép lại địa chỉ từ thanh địa chỉ của trình duyệt."
        )
    if parts.scheme not in SCHEMES:
        return f'địa chỉ "{url}" không dùng được: chỉ nhận http://, https://, mailto: hoặc tel:.'
    if parts.scheme in ("http", "https") and not parts.netloc:
        return f'địa chỉ "{url}" thiếu tên miền, ví dụ https://dichvucong.gov.vn'
    if parts.scheme in ("mailto", "tel") and not parts.path:
        return f'địa chỉ "{url}" thiếu nội dung sau "{parts.scheme}:".'
    return None


class LinkReader:
    def __init__(
        self, content_root: Path, allow_images: bool = True, field_name: str = ""
    ) -> None:
        self.content_root = content_root
        self.field_name = field_name  # "links" for a post's own links
        self.allow_images = allow_images
        self.result = Parsed()
        self.seen: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(
            Problem(line=line, field=self.field_name, message=message)
        )

    def unknown(self, item: Any, known: tuple[str, ...], what: str) -> bool:
        """Report the keys of ``item`` that ``known`` lacks; True if any."""
        found = unknown_keys(item, known, what=what, field=self.field_name)
        self.result.problems.extend(found)
        return bool(found)

    def _date(self, item: dict, key: str) -> tuple[bool, dt.date | None]:
        if key not in item:
            return True, None
        raw = text(item[key])
        try:
            return True, parse_vn_date(raw)
        except DateFormatError as exc:
            self.problem(item.line_of(key), f"{key}: {exc}. Viết dạng 31/12/2024.")
            return False, None

    def link(self, item: Any, line: int) -> Link | None:
        if not isinstance(item, dict):
            self.problem(line, f"liên kết không đúng dạng. {FORMAT_HELP}")
            return None
        allowed = (
            LINK_FIELDS
            if self.allow_images
            else tuple(f for f in LINK_FIELDS if f != "image")
        )
        if self.unknown(item, allowed, "cho liên kết"):
            return None
        title, url = text(item.get("title")), text(item.get("url"))
        if not title:
            self.problem(item.line, "liên kết thiếu title: (tên hiển thị).")
            return None
        if not url:
            self.problem(item.line, f'liên kết "{title}" thiếu url:.')
            return None
        reason = check_url(url)
        if reason:
            self.problem(item.line_of("url"), reason)
            return None
        if url in self.seen:
            self.problem(
                item.line_of("url"),
                f'địa chỉ "{url}" đã có ở dòng {self.seen[url]}; xóa một trong hai.',
            )
            return None
        self.seen[url] = item.line_of("url")
        ok_from, valid_from = self._date(item, "valid_from")
        ok_until, valid_until = self._date(item, "valid_until")
        if not (ok_from and ok_until):
            return None
        if valid_from and valid_until and valid_until < valid_from:
            self.problem(
                item.line_of("valid_until"), "valid_until phải sau valid_from."
            )
            return None
        new_tab = text(item.get("new_tab")).lower()
        if new_tab not in ("", "true", "false", "yes", "no"):
            self.problem(item.line_of("new_tab"), "new_tab: chỉ nhận true hoặc false.")
            return None
        image, image_src = None, text(item.get("image"))
        if image_src:
            candidate = (self.content_root / image_src.replace("\0", "")).resolve()
            if not candidate.is_relative_to(self.content_root.resolve()):
                self.problem(
                    item.line_of("image"), f'ảnh "{image_src}" nằm ngoài content/.'
                )
                return None
            found = find_file(candidate)
            if found is None:
                self.problem(
                    item.line_of("image"),
                    f'không tìm thấy ảnh "{image_src}" (đường dẫn tính từ thư mục content/).',
                )
                return None
            image = found
        link = Link(
            title=title,
            url=url,
            line=item.line,
            image=image,
            image_src=image_src,
            description=text(item.get("description")),
            valid_from=valid_from,
            valid_until=valid_until,
            new_tab=new_tab in ("true", "yes"),
        )
        self.result.links.append(link)
        return link

    def groups(self, tree: list) -> None:
        for group in tree:
            line = getattr(group, "line", 1)
            if not isinstance(group, dict):
                self.problem(line, f"nhóm không đúng dạng. {FORMAT_HELP}")
                continue
            if self.unknown(group, GROUP_FIELDS, "cho nhóm"):
                continue
            title = text(group.get("title"))
            if not title:
                self.problem(line, "nhóm thiếu title: (tên nhóm).")
                continue
            items = group.get("links")
            if not isinstance(items, list):
                self.problem(
                    group.line_of("links") if "links" in group else line,
                    f'nhóm "{title}" thiếu danh sách links:.',
                )
                continue
            links = [self.link(item, getattr(item, "line", line)) for item in items]
            self.result.groups.append(LinkGroup(title, tuple(x for x in links if x)))


def parse_links_file(source: str, content_root: Path) -> Parsed:
    reader = LinkReader(content_root)
    tree, problems = read_list(source, f"tệp phải là danh sách nhóm. {FORMAT_HELP}")
    reader.result.problems += problems
    reader.groups(tree or [])
    return reader.result


def parse_post_links(raw: Any, content_root: Path, line: int) -> Parsed:
    reader = LinkReader(content_root, allow_images=False, field_name="links")
    if not isinstance(raw, list):
        reader.problem(line, "links: phải là danh sách, mỗi mục có title: và url:.")
        return reader.result
    for item in raw:
        reader.link(item, getattr(item, "line", line))
    return reader.result
