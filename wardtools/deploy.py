"""`make deploy`: upload the published output/ with rsync (checksums, --delete)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import PROJECT
from .content_index import load_settings


def rsync_command(source: Path, target: str) -> list[str]:
    # --checksum: unchanged files are skipped even when the build rewrote them;
    # --delete: pages removed from the site disappear from the server too.
    return [
        "rsync",
        "--recursive",
        "--links",
        "--times",
        "--checksum",
        "--delete",
        "--human-readable",
        "--stats",
        f"{source}/",
        target.rstrip("/") + "/",
    ]


def run(args) -> int:
    settings = load_settings(Path(args.settings))
    output = Path(args.output) if args.output else Path(settings["OUTPUT_PATH"])
    target = (
        args.target
        or os.environ.get("DEPLOY_TARGET")
        or settings.get("DEPLOY_TARGET", "")
    )
    if not target:
        print(
            "Chưa có nơi đăng trang. Đặt DEPLOY_TARGET trong publishconf.py hoặc chạy\n"
            "  DEPLOY_TARGET=nguoidung@maychu:/var/www/phuong make deploy",
            file=sys.stderr,
        )
        return 1
    if not (output / "index.html").is_file():
        print(
            f"{output} chưa có trang đã xây dựng; chạy make publish trước.",
            file=sys.stderr,
        )
        return 1
    if shutil.which("rsync") is None:
        print("Chưa cài rsync: apt-get install rsync.", file=sys.stderr)
        return 1
    print(f"Đang đăng {output} lên {target} …")
    result = subprocess.run(rsync_command(output, target))
    if result.returncode != 0:
        print(
            f"rsync báo lỗi (mã {result.returncode}); trang trên máy chủ có thể chưa đổi.",
            file=sys.stderr,
        )
        return 1
    print("Đã đăng xong.")
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "deploy",
        help="đăng output/ lên máy chủ bằng rsync",
        description="Đồng bộ output/ lên nơi đăng (thư mục hoặc máy chủ) bằng rsync.",
    )
    parser.add_argument(
        "--target", metavar="NƠI_ĐĂNG", help="thư mục hoặc nguoidung@maychu:/duong/dan"
    )
    parser.add_argument(
        "-o", "--output", metavar="THƯ_MỤC", help="thư mục trang đã xây dựng"
    )
    parser.add_argument(
        "-s",
        "--settings",
        default=str(PROJECT / "publishconf.py"),
        metavar="TỆP",
        help="tệp cấu hình (mặc định publishconf.py)",
    )
    parser.set_defaults(handler=run)
