"""`make new`: create a post folder with valid front matter and a body template."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ward_frontmatter.schema import validate_front_matter

from ward_core.dates import VIETNAM
from ward_core.pasted import clean_text
from ward_core.placeholders import BODY_TEMPLATE
from ward_core.slugs import unique_slug
from ward_core.sources import slug_for
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text

from .content_index import (
    add_site_options,
    iter_posts,
    site_from_args,
    yaml_quote,
)
from .prompts import ask


class NewPostError(Exception):
    pass


def front_matter(fields: dict, officials: list[str]) -> str:
    lines = [f"title: {yaml_quote(fields['title'])}", f"date: {fields['date']}"]
    if fields.get("category"):
        lines.append(f"category: {yaml_quote(fields['category'])}")
    if fields.get("tags"):
        lines.append(f"tags: {yaml_quote(fields['tags'])}")
    if fields.get("plan"):
        lines.append(f"plan: {yaml_quote(fields['plan'])}")
    if officials:
        lines.append("officials:")
        lines += [f"  - {yaml_quote(official)}" for official in officials]
    if fields.get("location"):
        lines.append(f"location: {yaml_quote(fields['location'])}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def create_post(
    content: Path, settings: dict, fields: dict, officials: list[str]
) -> Path:
    # Typed or pasted from Word: the same cleaning as the editor's save.
    fields = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
    text = front_matter(fields, [clean_text(o) for o in officials])
    try:
        tree = parse_yaml_text(text.strip("-\n") + "\n", 2)
    except YamlSyntaxError as exc:  # pragma: no cover - we quote every value
        raise NewPostError(exc.problem.message) from None
    result = validate_front_matter(tree)
    if result.problems:
        raise NewPostError(
            "; ".join(f"{p.field or 'bài'}: {p.message}" for p in result.problems)
        )
    values = result.values
    slug = fields.get("slug") or slug_for(values["title"], settings)
    if not slug:
        raise NewPostError("tiêu đề không tạo được địa chỉ bài; đặt --slug.")
    taken = {post.slug: post.path for post in iter_posts(content, settings)}
    if slug in taken:
        raise NewPostError(
            f'đã có bài với địa chỉ "{slug}" ({taken[slug]}). Đổi tiêu đề hoặc đặt '
            f"--slug {unique_slug(slug, taken.__contains__)}."
        )
    folder = content / "posts" / str(values["date"].year) / slug
    if folder.exists():
        raise NewPostError(f"thư mục {folder} đã có; chọn slug khác.")
    # The address is fixed now: a later change of title keeps the post's links.
    text = text.replace("\n---\n", f"\nslug: {slug}\n---\n", 1)
    folder.mkdir(parents=True)
    path = folder / "index.md"
    path.write_text(text + BODY_TEMPLATE, encoding="utf-8")
    return path


def run(args) -> int:
    settings, content = site_from_args(args)
    now = dt.datetime.now(VIETNAM)
    fields = {
        "title": args.title or "",
        "date": args.date or "",
        "category": args.category or "",
        "plan": args.plan or "",
        "location": args.location or "",
        "tags": args.tags or "",
        "slug": args.slug or "",
    }
    officials = list(args.official or [])
    if sys.stdin.isatty() and not args.title:
        print("Tạo bài mới (Enter để bỏ qua mục không bắt buộc).")
        fields["title"] = ask("Tiêu đề")
        fields["date"] = ask("Ngày giờ", now.strftime("%d/%m/%Y %H:%M"))
        fields["category"] = ask("Chuyên mục", "Tin hoạt động")
        fields["plan"] = ask(
            "Thực hiện kế hoạch/văn bản (vd 342/KH-UBND ngày 24/04/2023)"
        )
        fields["location"] = ask("Địa điểm")
        print(
            "Thành phần (mỗi dòng: Ông/Bà Họ Tên – Chức vụ; để trống rồi Enter để kết thúc):"
        )
        while line := input("  - ").strip():
            officials.append(line)
    fields["date"] = fields["date"] or now.strftime("%d/%m/%Y %H:%M")
    if not fields["title"]:
        print("Không tạo được bài: thiếu tiêu đề (--title).", file=sys.stderr)
        return 1
    try:
        path = create_post(content, settings, fields, officials)
    except NewPostError as exc:
        print(f"Không tạo được bài: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo {path}.")
    print(
        "Viết nội dung vào tệp này, chép ảnh vào cùng thư mục (make photos), "
        "rồi make serve để xem trước."
    )
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new",
        help="tạo bài viết mới",
        description="Tạo thư mục và tệp index.md cho bài mới.",
    )
    parser.add_argument("--title", metavar="TIÊU_ĐỀ", help="tiêu đề bài")
    parser.add_argument(
        "--date", metavar="NGÀY_GIỜ", help="ví dụ 27/04/2023 19:30 (mặc định: bây giờ)"
    )
    parser.add_argument("--category", metavar="CHUYÊN_MỤC", help="ví dụ Tin hoạt động")
    parser.add_argument(
        "--plan", metavar="VĂN_BẢN", help="ví dụ 342/KH-UBND ngày 24/04/2023"
    )
    parser.add_argument(
        "--official",
        action="append",
        metavar="CÁN_BỘ",
        help='"Ông Họ Tên – Chức vụ" (lặp lại cho nhiều người)',
    )
    parser.add_argument("--location", metavar="ĐỊA_ĐIỂM", help="nơi diễn ra")
    parser.add_argument("--tags", metavar="THẺ", help="các thẻ, cách nhau dấu phẩy")
    parser.add_argument(
        "--slug", metavar="SLUG", help="địa chỉ bài (mặc định: từ tiêu đề)"
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
