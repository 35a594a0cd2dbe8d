"""`ward province …`: one province builds all of its wards.

- `init THƯ_MỤC`: a province repository (wards.yml, CI files, README).
- `ci`: the GitLab CI (`parallel: matrix`) and GitHub/Forgejo Actions
  (`strategy.matrix`) files, one job per ward of wards.yml.
- `build [--only SLUG] [--workers N]`: each ward published into
  public/<slug>/ with its own address and its own cache (.cache/<slug>/), a
  bounded number at a time, timed, with the peak memory of its whole process
  tree; a ward's problems go to bao-cao/<slug>.txt (and
  the GitHub/Forgejo job summary), its failure fails only that ward.
- `site`: the province's overview from the wards' feeds (overview.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ward_core.problems import SiteError
from ward_core.proctree import TreePeak
from ward_engine import files, version
from ward_engine.province import WARDS_FILE, Province, Ward, read_province

REPORTS = "bao-cao"
CACHE = ".cache"
SOURCES = ".wards"  # clones of wards kept in their own repositories


@dataclass(frozen=True)
class WardResult:
    ward: Ward
    ok: bool
    seconds: float
    max_rss_mb: float
    report: Path


def ward_folder(root: Path, ward: Ward) -> Path:
    """The ward's site folder: in this repository, or a fresh clone."""
    if not ward.is_git:
        return (root / ward.source).resolve()
    target = root / SOURCES / ward.slug
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", ward.source, str(target)],
        check=True,
        capture_output=True,
    )
    return target


def build_ward(root: Path, province: Province, ward: Ward, out: Path) -> WardResult:
    """`ward publish` of one ward in its own process, timed and measured."""
    reports = root / REPORTS
    reports.mkdir(exist_ok=True)
    report = reports / f"{ward.slug}.txt"
    started = time.monotonic()
    try:
        folder = ward_folder(root, ward)
    except (subprocess.CalledProcessError, OSError) as exc:
        report.write_text(
            f"{ward.name}: không tải được mã nguồn từ {ward.source} ({exc}).\n"
            "Cách sửa: kiểm tra địa chỉ kho trong wards.yml và quyền đọc của CI.\n",
            "utf-8",
        )
        return WardResult(ward, False, time.monotonic() - started, 0.0, report)
    if not (folder / "publishconf.py").is_file():
        report.write_text(
            f"{ward.name}: {ward.source} không có publishconf.py. Cách sửa: source trong "
            "wards.yml phải là thư mục trang do ward init tạo.\n",
            "utf-8",
        )
        return WardResult(ward, False, time.monotonic() - started, 0.0, report)
    command = [sys.executable, "-m", "wardtools", "publish", "-s", "publishconf.py"]
    command += ["-o", str(out / ward.slug)]
    command += ["--set", "CACHE_PATH=" + json.dumps(str(root / CACHE / ward.slug))]
    env = dict(os.environ, SITEURL=province.site_url(ward))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # The whole tree's peak (the build and its helpers at once), sampled;
        # wait4's ru_maxrss (the largest single process, KiB) where /proc is missing.
        with TreePeak(process.pid) as tree:
            _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
    seconds = time.monotonic() - started
    ok = process.returncode == 0
    header = f"{ward.name} ({province.site_url(ward)}): " + (
        "xây dựng xong." if ok else "XÂY DỰNG THẤT BẠI."
    )
    report.write_text(f"{header}\n\n{text}", encoding="utf-8")
    peak_mib = max(tree.peak_kib, usage.ru_maxrss) / 1024
    return WardResult(ward, ok, seconds, peak_mib, report)


def job_summary(results: list[WardResult]) -> None:
    """The Vietnamese report in the GitHub/Forgejo job summary, when there is one."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    with open(summary, "a", encoding="utf-8") as handle:
        for result in results:
            handle.write(
                f"## {result.ward.name}\n\n```\n{result.report.read_text('utf-8')}\n```\n"
            )


def build_wards(
    root: Path, only: list[str], workers: int, out: Path
) -> list[WardResult]:
    """Every ward of wards.yml (or those in `only`), `workers` at a time."""
    province = read_province(root / WARDS_FILE)
    wards = [province.ward(slug) for slug in only] if only else list(province.wards)
    out.mkdir(parents=True, exist_ok=True)
    print(
        f"Xây dựng {len(wards)} phường, tối đa {workers} phường cùng lúc…", flush=True
    )
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(build_ward, root, province, w, out) for w in wards]
        # A line as each ward finishes: a long province run shows its progress.
        for done, future in enumerate(as_completed(futures), 1):
            r = future.result()
            state = "xong" if r.ok else "LỖI"
            print(
                f"[{done}/{len(wards)}] {r.ward.name}: {state} "
                f"({r.seconds:.0f} s, {r.max_rss_mb:.0f} MB)",
                flush=True,
            )
        return [future.result() for future in futures]


def build(root: Path, only: list[str], workers: int, out: Path) -> int:
    results = build_wards(root, only, workers, out)
    print(f"{'Phường':<32} {'Kết quả':<10} {'Thời gian':>10} {'Bộ nhớ':>10}")
    for r in results:
        state = "xong" if r.ok else "LỖI"
        print(
            f"{r.ward.name:<32} {state:<10} {r.seconds:>9.1f}s {r.max_rss_mb:>7.0f} MB"
        )
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(
            f"\n--- {r.ward.name}: {r.report.relative_to(root)} ---\n{r.report.read_text('utf-8')}"
        )
    job_summary(results)
    if failed:
        print(
            f"{len(failed)}/{len(results)} phường lỗi; các phường khác đã xây dựng xong. "
            f"Danh sách lỗi của từng phường ở {REPORTS}/<phường>.txt."
        )
        return 1
    return 0


GITLAB = """# GitLab CI của {province}: mỗi phường một job (parallel: matrix), rồi trang tổng hợp.
# Tệp do `ward province ci` tạo từ wards.yml; sửa wards.yml rồi chạy lại lệnh đó.
image: python:3.11-slim

stages: [phuong, tong-hop]

default:
  before_script:
    - python -m venv .venv
    - .venv/bin/pip install -q -r requirements.txt

phuong:
  stage: phuong
  parallel:
    matrix:
      - PHUONG: {slugs}
  script:
    - .venv/bin/ward province build --only "$PHUONG"
  # Bộ nhớ đệm ảnh và trang của từng phường, giữ giữa các lần chạy.
  cache:
    key: phuong-$PHUONG
    paths:
      - .cache/$PHUONG/
  artifacts:
    when: always
    paths:
      - public/$PHUONG/
      - bao-cao/$PHUONG.txt

tong-hop:
  stage: tong-hop
  when: always
  script:
    - .venv/bin/ward province site
  artifacts:
    paths:
      - public/
"""

ACTIONS = """# GitHub Actions / Forgejo Actions của {province}: mỗi phường một job
# (strategy.matrix), rồi trang tổng hợp. Tệp do `ward province ci` tạo từ wards.yml.
name: tinh
on:
  push:
  workflow_dispatch:

jobs:
  phuong:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      max-parallel: 8
      matrix:
        phuong: {slugs}
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@v6
        with:
          python-version: "3.11"
      - uses: actions/cache@v5
        with:
          path: .cache/${{{{ matrix.phuong }}}}
          key: phuong-${{{{ matrix.phuong }}}}-${{{{ github.sha }}}}
          restore-keys: phuong-${{{{ matrix.phuong }}}}-
      - run: python -m venv .venv && .venv/bin/pip install -q -r requirements.txt
      - run: .venv/bin/ward province build --only "${{{{ matrix.phuong }}}}"
      - uses: actions/upload-artifact@v6
        if: always()
        with:
          name: phuong-${{{{ matrix.phuong }}}}
          path: |
            public/${{{{ matrix.phuong }}}}
            bao-cao/${{{{ matrix.phuong }}}}.txt

  tong-hop:
    needs: phuong
    if: always()
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@v6
        with:
          python-version: "3.11"
      - uses: actions/download-artifact@v7
        with:
          pattern: phuong-*
          merge-multiple: true
      - run: python -m venv .venv && .venv/bin/pip install -q -r requirements.txt
      - run: .venv/bin/ward province site
      - uses: actions/upload-artifact@v6
        with:
          name: trang-tinh
          path: public
"""


def write_ci(root: Path) -> list[Path]:
    province = read_province(root / WARDS_FILE)
    slugs = json.dumps([w.slug for w in province.wards])
    written = []
    for relative, template in (
        (".gitlab-ci.yml", GITLAB),
        (".github/workflows/tinh.yml", ACTIONS),
        (".forgejo/workflows/tinh.yml", ACTIONS),
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(province=province.name, slugs=slugs), "utf-8")
        written.append(path)
    return written


def init(folder: Path, name: str, domain: str) -> int:
    if folder.exists() and any(folder.iterdir()):
        print(
            f'Thư mục "{folder}" đã có và không trống; không ghi đè.', file=sys.stderr
        )
        return 1
    shutil.copytree(files().province_template, folder, dirs_exist_ok=True)
    wards = folder / WARDS_FILE
    wards.write_text(
        wards.read_text("utf-8")
        .replace("{province}", name)
        .replace("{domain}", domain),
        "utf-8",
    )
    (folder / "requirements.txt").write_text(f"ward-engine=={version()}\n", "utf-8")
    print(
        f'Đã tạo kho của {name} trong "{folder}". Ghi các phường vào wards.yml rồi chạy '
        "ward province ci."
    )
    return 0


def run(args) -> int:
    root = Path.cwd()
    try:
        if args.action == "init":
            return init(Path(args.folder), args.province, args.domain)
        if args.action == "ci":
            for path in write_ci(root):
                print(f"Đã ghi {path.relative_to(root)}")
            return 0
        if args.action == "build":
            return build(root, args.only, args.workers, root / args.out)
        from .overview import write_overview

        return write_overview(root, root / args.out)
    except SiteError as exc:
        print(exc.officer_message, file=sys.stderr)
        return 1


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "province",
        help="xây dựng mọi phường của một tỉnh và trang tổng hợp",
        description="Kho của tỉnh: danh sách phường (wards.yml), xây dựng song song, "
        "tệp CI, trang tổng hợp tin của mọi phường.",
    )
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    start = actions.add_parser("init", help="tạo kho của tỉnh")
    start.add_argument("folder", metavar="THƯ_MỤC")
    start.add_argument("--province", required=True, metavar="TỈNH")
    start.add_argument(
        "--domain", default="", metavar="TÊN_MIỀN", help="ví dụ cantho.gov.vn"
    )
    actions.add_parser("ci", help="ghi tệp CI (GitLab, GitHub, Forgejo) từ wards.yml")
    make = actions.add_parser("build", help="xây dựng các phường vào public/<phường>/")
    make.add_argument("--only", action="append", default=[], metavar="PHƯỜNG")
    make.add_argument(
        "--workers", type=int, default=2, metavar="N", help="số phường cùng lúc"
    )
    make.add_argument("--out", default="public", metavar="THƯ_MỤC")
    site = actions.add_parser(
        "site", help="trang tổng hợp của tỉnh từ bản tin các phường"
    )
    site.add_argument("--out", default="public", metavar="THƯ_MỤC")
    parser.set_defaults(handler=run)
