"""`make photos`: copy photos into a post's folder with clean names and list them
in its gallery, with empty captions marked to be filled."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from functools import partial
from pathlib import Path

from ward_gallery.check import HUGE_PHOTO_BYTES

from ward_core.litter import is_litter
from ward_core.photos.cache import file_digest
from ward_core.slugs import clean_file_name, free_file_name
from ward_core.sources import slug_for
from ward_core.textfile import read_text
from ward_core.yamltree import parse_yaml_text, split_front_matter

from .content_index import (
    add_site_options,
    iter_posts,
    site_from_args,
)

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif"}
TODO_CAPTION = 'caption: ""  # TODO: viết chú thích ảnh'


class PhotosError(Exception):
    pass


def find_post(content: Path, settings: dict, target: str) -> Path:
    candidate = Path(target)
    if candidate.is_dir() and (candidate / "index.md").is_file():
        return candidate / "index.md"
    if candidate.is_file() and candidate.suffix == ".md":
        return candidate
    for post in iter_posts(content, settings):
        if post.slug == target:
            return post.path
    raise PhotosError(
        f'không tìm thấy bài "{target}" (ghi slug hoặc đường dẫn thư mục bài).'
    )


def ensure_folder(post: Path) -> Path:
    """A single-file post becomes a folder post (folder/index.md) to hold photos."""
    if post.name == "index.md":
        return post
    folder = post.with_suffix("")
    if folder.exists():
        raise PhotosError(f"không chuyển được {post} thành thư mục: {folder} đã có.")
    folder.mkdir()
    moved = folder / "index.md"
    post.rename(moved)
    print(f"Đã chuyển bài thành thư mục: {moved}")
    return moved


def append_gallery(post: Path, names: list[str]) -> None:
    text = read_text(post)
    split = split_front_matter(text)
    if split.front_matter is None:
        raise PhotosError(f"{post}: bài không có phần đầu YAML (---).")
    tree = parse_yaml_text(split.front_matter, split.first_line)
    entries = "".join(f"  - src: {name}\n    {TODO_CAPTION}\n" for name in names)
    lines = text.splitlines(keepends=True)
    closing = next(
        i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")
    )
    if "gallery" not in tree:
        lines.insert(closing, "gallery:\n" + entries)
    else:
        start = tree.line_of("gallery") - 1
        if re.match(r"^gallery:\s*\[\s*\]\s*$", lines[start]):
            lines[start] = "gallery:\n"
            end = start + 1
        else:
            end = start + 1
            while end < closing and (
                lines[end].startswith((" ", "\t", "-")) or not lines[end].strip()
            ):
                end += 1
        lines.insert(end, entries)
    post.write_text("".join(lines), encoding="utf-8")


def add_photos(
    content: Path, settings: dict, target: str, files: list[Path]
) -> list[str]:
    post = ensure_folder(find_post(content, settings, target))
    folder = post.parent
    existing = {
        file_digest(p): p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES
    }
    added: list[str] = []
    for source in files:
        if not source.is_file():
            print(f"Bỏ qua {source}: không có tệp này.", file=sys.stderr)
            continue
        if source.suffix.lower() not in PHOTO_SUFFIXES:
            print(
                f"Bỏ qua {source}: không phải ảnh (.jpg, .png, .webp, .heic).",
                file=sys.stderr,
            )
            continue
        digest = file_digest(source)
        if digest in existing:
            print(
                f"Bỏ qua {source}: trùng với ảnh {existing[digest]} đã có.",
                file=sys.stderr,
            )
            continue
        size = source.stat().st_size
        if size > HUGE_PHOTO_BYTES:
            print(
                f"Lưu ý: {source.name} nặng {size / 1024 / 1024:.0f} MB; nên thu nhỏ "
                "trước khi đăng (vẫn được chép).",
                file=sys.stderr,
            )
        name = free_file_name(
            clean_file_name(source.name, partial(slug_for, settings=settings)),
            lambda candidate: (folder / candidate).exists(),
        )
        shutil.copy2(source, folder / name)
        existing[digest] = name
        added.append(name)
    if added:
        append_gallery(post, added)
    return added


def _greedy_paths(tokens: list[str]) -> list[Path]:
    """Words split at spaces joined back into existing file names: the shortest
    run of words that names a file wins ("Ảnh hội nghị 2.jpg")."""
    paths: list[Path] = []
    start = 0
    while start < len(tokens):
        for end in range(start + 1, len(tokens) + 1):
            candidate = Path(" ".join(tokens[start:end]))
            if candidate.exists():
                paths.append(candidate)
                start = end
                break
        else:
            paths.append(Path(tokens[start]))  # reported as missing
            start += 1
    return paths


def photo_paths(arguments: list[str]) -> list[Path]:
    """The photos the officer named: files, folders of photos, and names with
    spaces however make or the shell split them ("Ảnh hội nghị 2.jpg")."""
    named: list[Path] = []
    for argument in arguments:
        if not argument.strip():
            continue
        if Path(argument).exists():
            named.append(Path(argument))
            continue
        try:
            tokens = shlex.split(argument)
        except ValueError:
            tokens = argument.split()
        named += _greedy_paths(tokens)
    # Whole arguments may themselves be words of one name: join them too.
    missing = [p for p in named if not p.exists()]
    if missing and len(named) > 1:
        named = _greedy_paths([str(p) for p in named])
    photos: list[Path] = []
    for path in named:
        if path.is_dir():
            photos += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in PHOTO_SUFFIXES
                and not is_litter(p.name)
            )
        else:
            photos.append(path)
    return photos


def run(args) -> int:
    settings, content = site_from_args(args)
    files = photo_paths(args.files)
    if not files:
        print("Chưa có ảnh nào: ghi tên tệp ảnh hoặc thư mục ảnh.", file=sys.stderr)
        return 1
    try:
        added = add_photos(content, settings, args.post, files)
    except PhotosError as exc:
        print(f"Không thêm được ảnh: {exc}", file=sys.stderr)
        return 1
    if not added:
        print("Không có ảnh mới nào được thêm.")
        return 0
    print(f"Đã thêm {len(added)} ảnh: {', '.join(added)}.")
    print('Mở index.md của bài, viết chú thích vào các dòng caption: "" có ghi TODO.')
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "photos",
        help="chép ảnh vào bài và thêm vào bộ ảnh",
        description="Chép ảnh vào thư mục bài với tên sạch (không dấu, không dấu cách) và "
        "thêm vào gallery: với chú thích trống cần điền.",
    )
    parser.add_argument("post", metavar="BÀI", help="slug hoặc thư mục của bài")
    parser.add_argument(
        "files",
        nargs="+",
        metavar="ẢNH",
        help="các tệp ảnh hoặc thư mục ảnh; tên có dấu cách viết trong ngoặc kép",
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
