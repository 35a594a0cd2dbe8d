"""`make bench`: build speed and memory at ward-archive scale, reported as ratios.

Not a test: it prints figures (bench/README.md records a run). Scenarios:
  text    1,000 text posts: cold, warm, after editing one post (make html and the
          make serve worker), against plain Pelican 4.12 (no plugins, default theme)
          on the same files, and Hugo when it is installed.
  photos  100 posts x 5 photos of 4000x3000 JPEG: cold, warm (0 photos processed),
          after adding one photo, against plain Pillow open -> draft -> transpose ->
          resize -> save.
  memory  peak memory of a cold build of 3,000 text posts.
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

    from ward_core.photos.imaging import EncodeSettings, target_widths

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

    from bench.photos import save_photo

    edited_post = photos[-1].parent / "index.md"
    original_text = edit_post(edited_post)
    try:
        after_edit = build(content, output, cache)
    finally:
        edited_post.write_text(original_text, encoding="utf-8")

    folder = photos[0].parent
    added = save_photo(folder / "anh-them.jpg", 4000, 3000, seed=9999, quality=88)
    index = folder / "index.md"
    original = index.read_text(encoding="utf-8")
    index.write_text(
        original.replace(
            "gallery:\n", "gallery:\n  - src: anh-them.jpg\n    caption: Ảnh thêm\n", 1
        ),
        encoding="utf-8",
    )
    try:
        before_add = entry_times(cache)
        one_more = build(content, output, cache)
        added_count = sum(1 for k in entry_times(cache) if k not in before_add)
    finally:
        index.write_text(original, encoding="utf-8")
        added.unlink()

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
        ("after editing one post", f"{after_edit.seconds:.2f} s"),
        (
            "after adding one photo",
            f"{one_more.seconds:.2f} s, {added_count} photo processed",
        ),
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


PLAIN_CONF = """
PATH = {content!r}
SITENAME = "Plain"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def plain_pelican(content: Path, run: Path) -> Measurement:
    conf = run / "plainconf.py"
    if not conf.exists():
        conf.write_text(
            PLAIN_CONF.format(content=str(content), cache=str(run / "plain-cache"))
        )
    pelican = Path(sys.executable).with_name("pelican")
    result = measure(
        [str(pelican), "-s", str(conf), "-o", str(run / "plain-out"), "-q"], run
    )
    if result.returncode != 0:
        print(result.output, file=sys.stderr)
        raise SystemExit("bench: plain Pelican failed")
    return result


def worker_edit_seconds(content: Path, run: Path, post: Path) -> tuple[float, str]:
    """Start the make-serve worker, edit one post's body, time the rebuild."""
    import subprocess

    overrides = {"PATH": str(content), "CACHE_PATH": str(run / "worker-cache")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wardtools",
            "worker",
            "-o",
            str(run / "worker-out"),
            "--overrides",
            json.dumps(overrides),
        ],
        cwd=PROJECT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdin and process.stdout
    json.loads(process.stdout.readline())  # the first, full build
    original = post.read_text(encoding="utf-8")
    try:
        post.write_text(
            original + "\nMột đoạn sửa thêm ở cuối bài.\n", encoding="utf-8"
        )
        started = time.perf_counter()
        process.stdin.write(json.dumps({"changed": [str(post)]}) + "\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline())
        seconds = time.perf_counter() - started
    finally:
        post.write_text(original, encoding="utf-8")
        process.stdin.close()
        process.wait(timeout=120)
    return seconds, reply["mode"]


def edit_post(post: Path) -> str:
    original = post.read_text(encoding="utf-8")
    post.write_text(original + "\nMột đoạn sửa thêm ở cuối bài.\n", encoding="utf-8")
    return original


def text_scenario(posts: int) -> list[tuple[str, str]]:
    content = cached_corpus("text", posts, 0)
    run = WORK / "text-run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    cache, output = run / "cache", run / "output"
    post = sorted(content.rglob("index.md"))[posts // 2]

    cold = build(content, output, cache)
    warm = build(content, output, cache)
    original = edit_post(post)
    try:
        edited = build(content, output, cache)
    finally:
        post.write_text(original, encoding="utf-8")
    serve_seconds, serve_mode = worker_edit_seconds(content, run, post)

    plain_cold = plain_pelican(content, run)
    plain_warm = plain_pelican(content, run)
    original = edit_post(post)
    try:
        plain_edit = plain_pelican(content, run)
    finally:
        post.write_text(original, encoding="utf-8")
    pages = sum(1 for _ in output.rglob("*.html"))
    plain_pages = sum(1 for _ in (run / "plain-out").rglob("*.html"))
    rows = [
        ("posts", f"{posts} text posts (full front matter, no photos)"),
        ("pages written", f"ours {pages}, plain Pelican {plain_pages}"),
        (
            "cold build",
            f"{cold.seconds:.2f} s (plain {plain_cold.seconds:.2f} s) "
            f"= {cold.seconds / plain_cold.seconds:.2f}x, peak {cold.peak_rss_mib:.0f} MiB",
        ),
        (
            "warm build, nothing changed",
            f"{warm.seconds:.2f} s (plain {plain_warm.seconds:.2f} s)"
            f" = {warm.seconds / plain_warm.seconds:.2f}x",
        ),
        (
            "make html after editing one post",
            f"{edited.seconds:.2f} s (plain "
            f"{plain_edit.seconds:.2f} s) = {edited.seconds / plain_edit.seconds:.2f}x",
        ),
        (
            "make serve after editing one post",
            f"{serve_seconds:.2f} s ({serve_mode}; "
            "target < 1.8 s, Hugo's full rebuild)",
        ),
    ]
    if shutil.which("hugo"):
        rows.append(
            ("Hugo", "installed, but the equivalent Hugo site is not generated yet")
        )
    else:
        rows.append(
            ("Hugo", "not installed (apt-get install hugo): comparison skipped")
        )
    return rows


def memory_scenario(posts: int) -> list[tuple[str, str]]:
    content = cached_corpus("memory", posts, 0)
    run = WORK / "memory-run"
    shutil.rmtree(run, ignore_errors=True)
    cold = build(content, run / "output", run / "cache")
    return [
        (
            "cold build",
            f"{posts} posts: {cold.seconds:.1f} s, peak {cold.peak_rss_mib:.0f} MiB "
            f"({'ok' if cold.peak_rss_mib < 1024 else 'OVER'}, target < 1024 MiB)",
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="Ward site build benchmark")
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--photos-per-post", type=int, default=5)
    parser.add_argument("--pillow-sample", type=int, default=60)
    parser.add_argument("--text-posts", type=int, default=1000)
    parser.add_argument("--memory-posts", type=int, default=3000)
    parser.add_argument("--only", choices=["text", "photos", "memory"])
    args = parser.parse_args()
    import platform

    from pelican import __version__ as pelican_version
    from PIL import __version__ as pillow_version

    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Pelican {pelican_version}, Pillow {pillow_version}"
    )
    scenarios = {
        "text": lambda: text_scenario(args.text_posts),
        "photos": lambda: photos_scenario(
            args.posts, args.photos_per_post, args.pillow_sample
        ),
        "memory": lambda: memory_scenario(args.memory_posts),
    }
    for name, scenario in scenarios.items():
        if args.only and name != args.only:
            continue
        print(f"\nBenchmark: {name}")
        for label, value in scenario():
            print(f"  {label:<40} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
