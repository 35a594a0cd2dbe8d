"""Province bench: N generated wards × M realistic posts built by
`ward province build` with a bounded number of workers. Prints the runner's
per-ward table (wall time, peak memory) and the total wall time.

    .venv/bin/python -m bench.province --wards 50 --posts 300 --workers 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.realistic import make_realistic_corpus
from wardtools.site_init import WardAnswers, write_site

WORK = Path(__file__).resolve().parent / ".work" / "province"


def make_province(root: Path, wards: int, posts: int) -> None:
    """`wards` sites made by ward init, each with `posts` realistic posts."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    lines = [
        'province: "Thành phố Cần Thơ"',
        "mode: subpath",
        'portal: "https://cantho.gov.vn"',
    ]
    lines.append("wards:")
    for number in range(1, wards + 1):
        slug = f"phuong-{number:03d}"
        answers = WardAnswers(
            name=f"Phường Thử Nghiệm {number}",
            province="Thành phố Cần Thơ",
            email=f"ubnd.{slug}@cantho.gov.vn",
        )
        folder = root / "phuong" / slug
        write_site(folder, answers, dt.date(2026, 1, 20))
        make_realistic_corpus(folder, posts, seed=number)
        lines += [
            f"  - slug: {slug}",
            f'    name: "{answers.name}"',
            f"    source: phuong/{slug}",
        ]
    (root / "wards.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=50)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args(argv)
    started = time.monotonic()
    make_province(args.work, args.wards, args.posts)
    print(
        f"{args.wards} phường × {args.posts} bài tạo trong {time.monotonic() - started:.0f} s"
    )
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "province",
            "build",
            "--workers",
            str(args.workers),
        ],
        cwd=args.work,
    )
    total = time.monotonic() - started
    print(
        f"province build: {args.wards} wards × {args.posts} posts, {args.workers} workers: "
        f"{total:.0f} s wall ({total / args.wards:.1f} s per ward), exit {result.returncode}"
    )
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
