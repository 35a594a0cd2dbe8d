"""`make import SRC=…`: import saved HTML pages and WordPress exports."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from ward_core.sources import slug_for

from ..content_index import add_site_options, site_from_args
from .htmlpage import PageError, read_page
from .writer import write_post
from .wxr import WxrError, read_wxr

HTML_SUFFIXES = {".html", ".htm"}


def _sources(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (p.suffix.lower() in HTML_SUFFIXES | {".xml"})
                and not any(part.endswith("_files") for part in p.parts)
            )
        else:
            found.append(path)
    return found


def run(args) -> int:
    settings, content = site_from_args(args)
    slugify = partial(slug_for, settings=settings)
    uploads = Path(args.uploads) if args.uploads else None
    counts = {"mới": 0, "cập nhật": 0, "không đổi": 0, "bỏ qua": 0, "lỗi": 0}
    sources = _sources([Path(p) for p in args.src])
    if not sources:
        print("Không có tệp nào để nhập (cần .html hoặc .xml).", file=sys.stderr)
        return 1
    for source in sources:
        try:
            if not source.is_file():
                raise PageError("không có tệp này.")
            if source.suffix.lower() == ".xml":
                posts = read_wxr(source, uploads or source.parent / "uploads")
            else:
                posts = [read_page(source)]
        except (PageError, WxrError, OSError) as exc:
            counts["lỗi"] += 1
            print(f"LỖI  {source}: {exc}")
            continue
        for post in posts:
            if not post.title:
                counts["lỗi"] += 1
                print(f"LỖI  {post.origin}: bài không có tiêu đề; bỏ qua.")
                continue
            result = write_post(post, content / "posts", slugify, args.force)
            key = "bỏ qua" if result.action.startswith("bỏ qua") else result.action
            counts[key] += 1
            print(f"{result.action:<10} {post.origin} → {result.path}")
            for problem in post.problems:
                print(f"      lưu ý: {problem}")
    print(
        f"\nTổng kết: {counts['mới']} bài mới, {counts['cập nhật']} cập nhật, "
        f"{counts['không đổi']} không đổi, {counts['bỏ qua']} bỏ qua, {counts['lỗi']} lỗi."
    )
    print(
        'Các dòng plan/documents/officials ghi "CẦN KIỂM TRA" do máy tự trích: hãy đọc lại, '
        "rồi chạy make check."
    )
    return (
        1
        if counts["lỗi"]
        and not any(counts[k] for k in ("mới", "cập nhật", "không đổi"))
        else 0
    )


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import",
        help="nhập bài từ cổng thông tin cũ (trang HTML đã lưu, tệp xuất WordPress)",
        description="Nhập các trang HTML đã lưu (kèm thư mục ảnh) hoặc tệp WXR của WordPress "
        "thành các bài trong content/posts/<năm>/.",
    )
    parser.add_argument(
        "src", nargs="+", metavar="NGUỒN", help="tệp hoặc thư mục cần nhập"
    )
    parser.add_argument(
        "--uploads",
        metavar="THƯ_MỤC",
        help="thư mục wp-content/uploads của WordPress (ảnh trong tệp WXR)",
    )
    parser.add_argument("--force", action="store_true", help="ghi đè cả bài đã sửa tay")
    add_site_options(parser)
    parser.set_defaults(handler=run)
