"""The province row's corpus: N wards made by `ward init`, each with M
realistic posts, listed in a wards.yml. Made once per size under
bench/.work/province/<N>x<M>/ and reused (bench/run.py's `province` row
empties its outputs and caches before every run, so builds stay cold)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bench.realistic import make_realistic_corpus
from wardtools.site_init import WardAnswers, write_site

WORK = Path(__file__).resolve().parent / ".work" / "province"
# What a `ward province build` leaves: removed before each cold run.
OUTPUTS = ("public", ".cache", "bao-cao")


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


def province_corpus(wards: int, posts: int, work: Path = WORK) -> tuple[Path, bool]:
    """(the province's folder, whether it was made now), its outputs removed."""
    root = work / f"{wards}x{posts}"
    made = not (root / "wards.yml").is_file()
    if made:
        make_province(root, wards, posts)
    for name in OUTPUTS:
        shutil.rmtree(root / name, ignore_errors=True)
    return root, made
