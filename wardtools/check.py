"""`make check`: validate all content without building, and list every problem.

Uses the plugins' own validators, so `check` and the build always agree.
Errors make it exit 1; warnings (missing captions, huge photos, an official
spelled two ways…) are listed but do not fail.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ward_comments.model import parse_comments
from ward_frontmatter.officials import person_key
from ward_frontmatter.schema import validate_front_matter
from ward_gallery.spec import parse_cover, parse_gallery
from ward_links.model import parse_links_file, parse_post_links

from ward_core.dates import VIETNAM
from ward_core.yamltree import (
    YamlSyntaxError,
    parse_yaml_text,
    split_front_matter,
)

from .content_index import (
    HUGE_PHOTO_BYTES,
    MARKDOWN_SUFFIXES,
    add_site_options,
    site_from_args,
    slug_for,
)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    message: str
    error: bool

    def render(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{'LỖI' if self.error else 'Lưu ý'}  {where}: {self.message}"


@dataclass
class Post:
    path: Path
    slug: str
    values: dict
    is_page: bool


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _edit_distance_one(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class Checker:
    def __init__(self, content: Path, settings: dict) -> None:
        self.content = content
        self.settings = settings
        self.findings: list[Finding] = []
        self.posts: list[Post] = []

    def add(self, path: Path, line: int, message: str, error: bool = True) -> None:
        self.findings.append(Finding(_shown(path, self.content), line, message, error))

    def run(self) -> list[Finding]:
        for folder, is_page in (("posts", False), ("pages", True)):
            root = self.content / folder
            for path in sorted(root.rglob("*")) if root.is_dir() else []:
                if path.suffix in MARKDOWN_SUFFIXES and path.is_file():
                    self.check_post(path, is_page)
        self.check_slugs()
        self.check_officials()
        self.check_comments()
        self.check_links_file()
        return sorted(self.findings, key=lambda f: (not f.error, f.path, f.line))

    def check_post(self, path: Path, is_page: bool) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.add(path, 0, "tệp không phải UTF-8; mở và lưu lại với mã hóa UTF-8.")
            return
        try:
            split = split_front_matter(text)
            if split.front_matter is None:
                self.add(
                    path,
                    1,
                    "bài không có phần đầu YAML (---); nên chuyển sang dạng YAML.",
                    False,
                )
                return
            tree = parse_yaml_text(split.front_matter, split.first_line)
        except YamlSyntaxError as exc:
            self.add(path, exc.problem.line, exc.problem.message)
            return
        result = validate_front_matter(tree, require_date=not is_page)
        for problem in result.problems:
            subject = f'trường "{problem.field}": ' if problem.field else ""
            self.add(path, problem.line, subject + problem.message)
        values = result.values
        if not is_page and "category" not in values:
            self.add(
                path,
                getattr(tree, "line", 1),
                'bài chưa có chuyên mục; thêm dòng "category: Tin hoạt động" '
                "(hoặc chuyên mục phù hợp).",
                False,
            )
        title = values.get("title", "")
        slug = values.get("slug") or slug_for(title, self.settings)
        self.posts.append(Post(path, slug, values, is_page))
        self.check_photos(path, values)
        if "links" in values:
            parsed = parse_post_links(
                values["links"], self.content, getattr(values["links"], "line", 0)
            )
            for line, message in parsed.problems:
                self.add(path, line, f'trường "links": {message}')

    def check_photos(self, path: Path, values: dict) -> None:
        raw, cover = values.get("gallery"), values.get("cover")
        if raw is None and cover is None:
            return
        specs, problems = parse_gallery(
            raw, path.parent, self.content, getattr(raw, "line", 0)
        )
        _, cover_problems = parse_cover(
            cover, specs, path.parent, self.content, getattr(cover, "line", 0)
        )
        for problem in problems + cover_problems:
            self.add(path, problem.line, f'trường "{problem.field}": {problem.message}')
        for spec in specs:
            if not spec.caption:
                self.add(
                    path,
                    spec.line,
                    f'ảnh "{spec.src}" chưa có chú thích (caption:).',
                    False,
                )
            size = spec.path.stat().st_size
            if size > HUGE_PHOTO_BYTES:
                self.add(
                    path,
                    spec.line,
                    f'ảnh "{spec.src}" nặng {size / 1024 / 1024:.0f} MB (trên 20 MB); '
                    "nên thu nhỏ trước khi đăng.",
                    False,
                )

    def check_slugs(self) -> None:
        by_target: dict[tuple[bool, str], list[Post]] = defaultdict(list)
        for post in self.posts:
            by_target[(post.is_page, post.slug)].append(post)
        for (_, slug), group in sorted(by_target.items()):
            if len(group) > 1:
                files = " và ".join(_shown(p.path, self.content) for p in group)
                for post in group:
                    self.add(
                        post.path,
                        1,
                        f'trùng địa chỉ "{slug}" với {files}. Thêm "slug: {slug}-2" '
                        "(hoặc một slug khác) vào một trong các bài.",
                    )

    def check_officials(self) -> None:
        spellings: dict[str, dict[str, Path]] = defaultdict(dict)
        for post in self.posts:
            for official in post.values.get("officials", []) or []:
                spellings[person_key(official.name)].setdefault(
                    official.name, post.path
                )
        for forms in spellings.values():
            if len(forms) > 1:
                names = sorted(forms)
                self.add(
                    forms[names[1]],
                    0,
                    f"cán bộ được viết nhiều cách: {', '.join(names)} (khác cách bỏ dấu). "
                    "Nên thống nhất một cách viết.",
                    False,
                )
        # A typo (one letter off, e.g. "Hùng" and "Hưng") between two different keys.
        names = sorted(
            {(name, key) for key, forms in spellings.items() for name in forms}
        )
        for index, (first, first_key) in enumerate(names):
            for second, second_key in names[index + 1 :]:
                if first_key != second_key and _edit_distance_one(
                    unicodedata.normalize("NFC", first.casefold()),
                    unicodedata.normalize("NFC", second.casefold()),
                ):
                    self.add(
                        spellings[second_key][second],
                        0,
                        f'"{first}" và "{second}" chỉ khác một chữ: có phải cùng một người '
                        "viết sai? Kiểm tra và sửa cho thống nhất.",
                        False,
                    )

    def check_comments(self) -> None:
        folder = self.content / "comments"
        slugs = {post.slug for post in self.posts if not post.is_page}
        now = dt.datetime.now(VIETNAM)
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            if path.stem not in slugs:
                self.add(
                    path,
                    0,
                    f'không có bài viết nào có slug "{path.stem}"; đổi tên tệp '
                    "theo slug của bài.",
                )
                continue
            for line, message in parse_comments(
                path.read_text(encoding="utf-8"), now
            ).problems:
                self.add(path, line, message)

    def check_links_file(self) -> None:
        path = self.content / "data" / "links.yml"
        if path.is_file():
            for line, message in parse_links_file(
                path.read_text(encoding="utf-8"), self.content
            ).problems:
                self.add(path, line, message)


def run(args) -> int:
    settings, content = site_from_args(args)
    findings = Checker(content, settings).run()
    errors = [f for f in findings if f.error]
    for finding in findings:
        print(finding.render())
    warnings = len(findings) - len(errors)
    if errors:
        print(
            f"\nCó {len(errors)} lỗi và {warnings} lưu ý. Sửa các lỗi rồi chạy lại make check."
        )
        return 1
    print(
        f"Nội dung hợp lệ, có {warnings} lưu ý."
        if warnings
        else "Nội dung hợp lệ, không có lỗi nào."
    )
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="kiểm tra toàn bộ nội dung mà không xây dựng trang",
        description="Kiểm tra phần đầu bài, ảnh, bình luận, liên kết, địa chỉ bài; "
        "liệt kê mọi lỗi kèm tệp, dòng và cách sửa.",
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
