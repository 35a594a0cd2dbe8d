"""`make bench`: build speed and memory at ward-archive scale, reported as ratios.

Not a test: it prints figures. Scenarios:
  photos  100 posts x 5 photos of 4000x3000 JPEG: cold, warm (0 photos processed),
          against plain Pillow open -> draft -> transpose -> resize -> save.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "plugins"))

from bench.corpus import make_corpus  # noqa: E402
from bench.measure import Measurement, measure  # noqa: E402

WORK = PROJECT / "bench" / ".work"


def build(
    content: Path,
    output: Path,
    cache: Path,
    settings: str = "pelicanconf.py",
    extra: list[str] | None = None,
) -> Measurement:
    command = [
        sys.executable,
        "-m",
        "wardtools",
        "build",
        "-s",
        str(PROJECT / settings),
        "--content",
        str(content),
        "-o",
        str(output),
        "--set",
        f"CACHE_PATH={json.dumps(str(cache))}",
        *(extra or []),
    ]
    result = measure(command, PROJECT)
    if result.returncode != 0:
        print(result.output, file=sys.stderr)
        raise SystemExit("bench: the build failed")
    return result


def cached_corpus(name: str, posts: int, photos: int) -> Path:
    root = WORK / name
    marker = root / f"ready-{posts}x{photos}"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        started = time.perf_counter()
        make_corpus(root, posts, photos)
        marker.touch()
        print(
            f"  (corpus {name}: {posts} posts x {photos} photos generated in "
            f"{time.perf_counter() - started:.0f} s)"
        )
    return root / "content"


def entry_times(cache: Path) -> dict[str, int]:
    return {
        m.parent.name: m.stat().st_mtime_ns
        for m in (cache / "gallery" / "entries").glob("*/*/meta.json")
    }


def plain_pillow_seconds_per_photo(photos: list[Path], sample: int) -> float:
    """The floor: what Pillow alone needs per photo for the same outputs, one core."""
    import io

    from PIL import Image, ImageOps
    from ward_gallery.imaging import EncodeSettings, target_widths

    settings = EncodeSettings()
    chosen = photos[:sample]
    started = time.process_time()
    for path in chosen:
        image = Image.open(path)
        rotates = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        full_width = image.height if rotates else image.width
        widths = target_widths(full_width, settings.widths)
        scale = max(widths) / full_width
        image.draft(
            "RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1)
        )
        image = ImageOps.exif_transpose(image)
        for width in sorted(widths, reverse=True):
            height = round(image.height * width / image.width)
            image = image.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
            image.save(
                io.BytesIO(),
                "WEBP",
                quality=settings.webp_quality,
                method=settings.webp_method,
            )
            image.save(
                io.BytesIO(),
                "JPEG",
                quality=settings.jpeg_quality,
                optimize=True,
                progressive=True,
            )
    return (time.process_time() - started) / len(chosen)


def photos_scenario(posts: int, per_post: int, sample: int) -> list[tuple[str, str]]:
    content = cached_corpus("photos", posts, per_post)
    photos = sorted(content.rglob("*.jpg"))
    run = WORK / "photos-run"
    shutil.rmtree(run, ignore_errors=True)
    cache, output = run / "cache", run / "output"
    cores = os.cpu_count() or 1

    cold = build(content, output, cache)
    before = entry_times(cache)
    shutil.rmtree(output)  # as `make publish` starts from an empty output
    warm = build(content, output, cache)
    reprocessed = sum(1 for k, t in entry_times(cache).items() if before.get(k) != t)

    floor = plain_pillow_seconds_per_photo(photos, sample)
    ours_per_core = len(photos) / cold.seconds / cores
    floor_rate = 1 / floor
    rows = [
        ("photos", f"{len(photos)} ({posts} posts x {per_post}, 4000x3000 JPEG)"),
        ("cores", str(cores)),
        ("cold build", f"{cold.seconds:.1f} s, peak {cold.peak_rss_mib:.0f} MiB"),
        (
            "warm build (empty output/)",
            f"{warm.seconds:.2f} s, peak {warm.peak_rss_mib:.0f} MiB",
        ),
        ("photos reprocessed when warm", str(reprocessed)),
        ("ours: photos/s per core", f"{ours_per_core:.2f}"),
        (
            "plain Pillow: photos/s (1 core)",
            f"{floor_rate:.2f} ({floor:.3f} core-s/photo)",
        ),
        (
            "ratio ours / (plain Pillow x cores)",
            f"{ours_per_core / floor_rate:.2f} (target >= 0.80)",
        ),
        (
            "peak memory target",
            f"{'ok' if cold.peak_rss_mib < 1024 else 'OVER'} (< 1024 MiB)",
        ),
    ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Ward site build benchmark")
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--photos-per-post", type=int, default=5)
    parser.add_argument("--pillow-sample", type=int, default=60)
    args = parser.parse_args()
    print("Benchmark: photos")
    for label, value in photos_scenario(
        args.posts, args.photos_per_post, args.pillow_sample
    ):
        print(f"  {label:<40} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
