"""`python -m wardtools …`: the officer's commands, all in Vietnamese."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from ward_core.problems import SiteError

from . import vi_argparse


def _parse_overrides(pairs: list[str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set cần dạng KHÓA=GIÁ_TRỊ, nhận được: {pair!r}")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    return overrides


def _add_build_options(parser: argparse.ArgumentParser, default_settings: str) -> None:
    parser.add_argument(
        "-s",
        "--settings",
        default=default_settings,
        metavar="TỆP",
        help=f"tệp cấu hình (mặc định: {default_settings})",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="THƯ_MỤC",
        help="thư mục xuất (mặc định: theo cấu hình)",
    )
    parser.add_argument(
        "--content", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KHÓA=GIÁ_TRỊ",
        help="ghi đè một thiết lập (giá trị viết dạng JSON)",
    )
    parser.add_argument(
        "--debug", action="store_true", help="in chi tiết kỹ thuật khi có lỗi"
    )


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides = _parse_overrides(args.set)
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    return overrides


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site, print_report

    report = build_site(
        Path(args.settings),
        Path(args.output) if args.output else None,
        _overrides(args),
        debug=args.debug,
        force=args.force,
        fresh=args.force,
    )
    print_report(report)
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(
        settings_file=Path(args.settings),
        output=Path(args.output) if args.output else None,
        overrides=_overrides(args),
        host=args.host,
        port=args.port,
        watch=not args.no_watch,
    )


# command -> (module with add_parser(), one-line help for `ward --help`)
LAZY_COMMANDS = {
    "linkcheck": ("wardtools.linkcheck", "tìm liên kết ra ngoài bị hỏng"),
    "check": ("wardtools.check", "kiểm tra toàn bộ nội dung mà không xây dựng trang"),
    "new": ("wardtools.new_post", "tạo bài mới"),
    "photos": ("wardtools.photos_cmd", "chép ảnh vào bài và thêm vào bộ ảnh"),
    "deploy": ("wardtools.deploy", "đăng output/ lên máy chủ bằng rsync"),
    "editor-bundle": (
        "wardtools.editor.hosted",
        "ghi trình soạn bài cho trang đặt trên GitLab/Gitea/GitHub vào thư mục đã xây dựng",
    ),
    "import": ("wardtools.importer.cli", "nhập bài từ cổng thông tin cũ"),
    "init": ("wardtools.site_init", "tạo thư mục trang mới cho một phường"),
    "upgrade": ("wardtools.upgrade", "nâng cấp bộ máy sau khi kiểm tra nội dung"),
    "province": (
        "wardtools.province_cmd",
        "xây dựng mọi phường của một tỉnh và trang tổng hợp",
    ),
    "ci-report": (
        "wardtools.ci_report",
        "kiểm tra nội dung và viết báo cáo tiếng Việt cho CI (GitHub, GitLab)",
    ),
    "worker": (
        "wardtools.incremental",
        "(dùng nội bộ cho make serve) tiến trình xây dựng lại nhanh",
    ),
}


def _command_in(argv: list[str] | None) -> str | None:
    for argument in sys.argv[1:] if argv is None else argv:
        if not argument.startswith("-"):
            return argument
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    wanted = _command_in(argv)
    parser = vi_argparse.ArgumentParser(
        prog="ward",
        description="Công cụ trang tin điện tử phường: xây dựng, xem trước, kiểm tra.",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)

    for name, settings_file, summary, description in (
        (
            "build",
            "pelicanconf.py",
            "xây dựng trang web vào output/",
            "Xây dựng trang web.",
        ),
        (
            "publish",
            "publishconf.py",
            "xây dựng bản chính thức (publishconf.py) vào output/",
            "Xây dựng bản chính thức để đăng: như build, với publishconf.py.",
        ),
    ):
        command = commands.add_parser(name, help=summary, description=description)
        _add_build_options(command, settings_file)
        command.add_argument(
            "--force",
            action="store_true",
            help="xây dựng lại cả khi không có gì thay đổi",
        )
        command.set_defaults(handler=cmd_build)

    serve = commands.add_parser(
        "serve",
        help="xem trước tại http://127.0.0.1:8000, tự xây dựng lại khi sửa",
        description="Xây dựng, phục vụ trang và tự tải lại khi nội dung thay đổi.",
    )
    _add_build_options(serve, "pelicanconf.py")
    serve.add_argument(
        "--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, metavar="CỔNG", help="cổng (mặc định 8000)"
    )
    serve.add_argument(
        "--no-watch", action="store_true", help="không theo dõi thay đổi"
    )
    serve.set_defaults(handler=cmd_serve)
    comment = commands.add_parser(
        "comment",
        help="thêm một bình luận đã duyệt vào bài",
        description=(
            "Thêm một bình luận đã duyệt vào content/comments/<slug>.yml. Nhập trực tiếp, "
            "hoặc đọc từ một thư đã lưu (.eml)."
        ),
    )
    comment.add_argument(
        "post", nargs="?", metavar="SLUG", help="slug của bài (phần địa chỉ của bài)"
    )
    comment.add_argument("--author", metavar="HỌ_TÊN", help="họ tên người gửi")
    comment.add_argument("--area", metavar="KHU_VỰC", help="khu vực, địa chỉ người gửi")
    comment.add_argument(
        "--date", metavar="NGÀY_GIỜ", help="ngày giờ gửi, ví dụ 28/04/2023 08:15"
    )
    comment.add_argument("--text", metavar="NỘI_DUNG", help="nội dung bình luận")
    comment.add_argument(
        "--eml", metavar="TỆP.eml", help="tệp thư đã lưu (.eml) chứa bình luận"
    )
    comment.add_argument(
        "--cho-duyet",
        dest="queue",
        action="store_true",
        help="đưa vào hàng chờ duyệt (content/comments/cho-duyet/) thay vì đăng ngay",
    )
    comment.add_argument(
        "--reply-author", metavar="HỌ_TÊN", help="người trả lời thay mặt phường"
    )
    comment.add_argument(
        "--reply-role", metavar="CHỨC_VỤ", help="chức vụ người trả lời"
    )
    comment.add_argument("--reply-date", metavar="NGÀY_GIỜ", help="ngày giờ trả lời")
    comment.add_argument(
        "--reply-text", metavar="NỘI_DUNG", help="nội dung trả lời của phường"
    )
    comment.add_argument(
        "-s", "--settings", default="pelicanconf.py", metavar="TỆP", help="tệp cấu hình"
    )
    comment.add_argument(
        "--content", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )
    comment.set_defaults(handler=cmd_comment)

    # Each of these commands imports a module (and the plugins it checks with) that
    # the others do not need: only the command being run is imported.
    for name, (module, summary) in LAZY_COMMANDS.items():
        if name == wanted:
            importlib.import_module(module).add_parser(commands)
        else:
            commands.add_parser(name, help=summary)
    return parser


def cmd_comment(args: argparse.Namespace) -> int:
    from .comment_cmd import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("\nĐã dừng.", file=sys.stderr)
        return 130
    except SiteError as exc:  # a file the officer can fix: no traceback
        print(exc.officer_message, file=sys.stderr)
        return 1
