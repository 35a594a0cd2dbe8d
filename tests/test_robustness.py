"""Robustness: reproducible bytes, killed builds, a full disk, files vanishing
mid-build, corrupt caches, and script injection in every field."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.photos import save_photo
from tests.checkkit import site_settings
from tests.sitekit import (
    PROJECT,
    copy_sample_content,
    leftovers_beside,
    run_build,
    tree_digest,
    write_post,
)
from tests.xss import PAYLOADS, find_injections, parse_like_a_browser


def _build_command(
    content: Path, output: Path, cache: Path, extra: list[str] = ()
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "wardtools",
        "build",
        "-s",
        str(PROJECT / "publishconf.py"),
        "--content",
        str(content),
        "-o",
        str(output),
        "--set",
        f"CACHE_PATH={json.dumps(str(cache))}",
        *extra,
    ]


@pytest.mark.skipif(
    shutil.which("faketime") is None, reason="faketime: run scripts/system-deps.sh"
)
def test_two_builds_on_different_days_are_byte_identical(tmp_path):
    """Without what is dated to move (notices, schedules, budget deadlines:
    the sample's schedules and budget are taken out), the wall clock itself
    changes no byte."""
    content = copy_sample_content(tmp_path / "content")
    shutil.rmtree(content / "lich-cong-tac")
    shutil.rmtree(content / "data" / "ngan-sach")
    for dated in ("lich-tiep-cong-dan.yml", "ngan-sach.yml"):
        (content / "data" / dated).unlink()
    env = {**os.environ, "SITEURL": "https://p.phuong.test"}
    env.pop("SOURCE_DATE_EPOCH", None)
    first = subprocess.run(
        _build_command(content, tmp_path / "a", tmp_path / "cache-a"),
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    moved = subprocess.run(
        [
            "faketime",
            "-f",
            "+800d",
            *_build_command(content, tmp_path / "b", tmp_path / "cache-b"),
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert moved.returncode == 0, moved.stderr
    check = subprocess.run(
        [
            "faketime",
            "-f",
            "+800d",
            sys.executable,
            "-c",
            "import time; print(time.time())",
        ],
        capture_output=True,
        text=True,
    )
    assert float(check.stdout) > time.time() + 700 * 86400  # the clock really moved
    a, b = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert len(a) > 100


@pytest.mark.skipif(
    shutil.which("faketime") is None, reason="faketime: run scripts/system-deps.sh"
)
def test_a_notice_appears_on_its_first_day_without_a_new_post(tmp_path):
    """The daily rebuild moves "today" by the calendar, not by the newest post:
    a notice starting tomorrow is absent today and on every page tomorrow,
    although nothing in content/ changed (no "up to date", no reused page)."""
    content = copy_sample_content(tmp_path / "content")
    # The site's calendar day (its TIMEZONE, UTC+7), not the machine's: from
    # 17:00 UTC the machine's "tomorrow" is already today in Vietnam.
    zone = ZoneInfo(site_settings(content)["TIMEZONE"])
    tomorrow = dt.datetime.now(zone).date() + dt.timedelta(days=1)
    write_post(
        content,
        "data/thong-bao-chung.yml",
        "notices:\n  - title: Phường ra quân tổng vệ sinh môi trường\n"
        f"    level: info\n    start: {tomorrow:%d/%m/%Y}\n"
        f"    end: {tomorrow + dt.timedelta(days=3):%d/%m/%Y}\n",
    )
    env = {**os.environ}
    env.pop("SOURCE_DATE_EPOCH", None)
    output, cache = tmp_path / "output", tmp_path / "cache"

    def build(*faketime: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*faketime, *_build_command(content, output, cache)],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )

    def pages_with_notice() -> list[str]:
        return [
            str(path.relative_to(output))
            for path in output.rglob("*.html")
            if "Phường ra quân tổng vệ sinh" in path.read_text(encoding="utf-8")
        ]

    today = build()
    assert today.returncode == 0, today.stderr
    assert pages_with_notice() == []
    pages = sorted(  # every page but the redirects of old addresses
        str(p.relative_to(output))
        for p in output.rglob("*.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )
    assert len(pages) > 50
    next_day = build("faketime", "-f", "+1d")
    assert next_day.returncode == 0, next_day.stderr
    assert sorted(pages_with_notice()) == pages


def _slow_site(tmp_path: Path) -> Path:
    """The sample site plus a post with many large photos, so a cold build takes seconds."""
    content = copy_sample_content(tmp_path / "content")
    folder = content / "posts" / "2024" / "nhieu-anh"
    entries = []
    for index in range(14):
        save_photo(
            folder / f"anh-{index}.jpg", 3200, 2400, seed=100 + index, quality=90
        )
        entries.append(f"  - src: anh-{index}.jpg\n    caption: Ảnh {index}\n")
    write_post(
        content,
        "posts/2024/nhieu-anh/index.md",
        "---\ntitle: Nhiều ảnh\ndate: 2024-06-01\ngallery:\n"
        + "".join(entries)
        + "---\nA.\n",
    )
    return content


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_output_intact_and_next_build_recovers(tmp_path, how):
    content = copy_sample_content(tmp_path / "seed")
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert run_build(content, output, cache=tmp_path / "seed-cache").ok
    before = tree_digest(output)

    slow = _slow_site(tmp_path)
    process = subprocess.Popen(
        _build_command(slow, output, cache),
        cwd=PROJECT,
        env={**os.environ, "SITEURL": "https://p.phuong.test"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(2.0)
    assert process.poll() is None, "the build finished before it could be killed"
    os.killpg(process.pid, how)  # the build and its photo workers
    process.wait(timeout=30)
    assert tree_digest(output) == before

    after = run_build(
        slow,
        output,
        cache=cache,
        settings="publishconf.py",
        env={"SITEURL": "https://p.phuong.test"},
    )
    assert after.ok, after.log
    assert (output / "nhieu-anh" / "index.html").is_file()
    assert leftovers_beside(output) == []
    stray = [p for p in (cache / "gallery" / "entries").glob("*/.*tmp")]
    assert stray == []  # killed workers' half-written entries were pruned


def _mount_tmpfs(path: Path, size_kib: int) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path)],
        capture_output=True,
    )
    return result.returncode == 0


def test_full_disk_fails_cleanly_and_keeps_the_published_site(tmp_path):
    small = tmp_path / "small-content"
    write_post(
        small, "posts/a.md", "---\ntitle: Một\ndate: 2024-01-01\n---\nNội dung.\n"
    )
    (small / "pages").mkdir()
    probe = run_build(small, tmp_path / "probe", cache=tmp_path / "cache")
    assert probe.ok, probe.log
    size = sum(p.stat().st_size for p in (tmp_path / "probe").rglob("*") if p.is_file())
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, int(size * 1.6 / 1024) + 64):
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    try:
        output = disk / "output"
        assert run_build(small, output, cache=tmp_path / "cache").ok
        before = tree_digest(output)
        folder = small / "posts" / "anh"
        save_photo(folder / "lon.jpg", 3000, 2000, seed=3, quality=95)
        write_post(
            small,
            "posts/anh/index.md",
            "---\ntitle: Ảnh lớn\ndate: 2024-01-02\ngallery:\n  - lon.jpg\n---\nB.\n",
        )
        full = run_build(small, output, cache=tmp_path / "cache")
        assert full.returncode == 1
        assert "Ổ đĩa đã đầy" in full.log
        assert "Traceback" not in full.log
        assert tree_digest(output) == before
        # The record of the published pages still describes them: kept.
        assert sorted(p.name for p in disk.iterdir()) == sorted(
            ["output", ".output-build.lock", ".output-pages.json"]
        )
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_photo_deleted_during_the_build(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    assert run_build(content, output).ok
    before = tree_digest(output)
    victim = content / "posts" / "2023" / "ra-quan-chu-nhat-xanh" / "phat-to-roi.jpg"
    plugins = tmp_path / "plugins" / "ward_test_thief"
    plugins.mkdir(parents=True)
    (plugins / "__init__.py").write_text(
        "import os\nfrom pelican import signals\n\n"
        f"VICTIM = {str(victim)!r}\n\n"
        "def steal(generator):\n    if os.path.exists(VICTIM):\n        os.remove(VICTIM)\n\n"
        "def register():\n    signals.article_generator_finalized.connect(steal)\n"
    )
    from pelican.settings import read_settings

    plugin_list = [
        *read_settings(str(PROJECT / "pelicanconf.py"))["PLUGINS"],
        "ward_test_thief",
    ]
    build = run_build(
        content,
        output,
        overrides={
            "PLUGIN_PATHS": [str(PROJECT / "plugins"), str(plugins.parent)],
            "PLUGINS": plugin_list,
        },
    )
    assert build.returncode == 1
    assert "phat-to-roi.jpg" in build.log and "Traceback" not in build.log
    assert tree_digest(output) == before


def test_corrupt_caches_are_rebuilt(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    cache = tmp_path / "cache"
    assert run_build(content, tmp_path / "o1", cache=cache).ok
    expected = tree_digest(tmp_path / "o1")  # before the cache (hard-linked) is damaged
    entries = sorted((cache / "gallery" / "entries").glob("*/*"))
    # Truncate one derivative, empty another entry's metadata, leave a half-written entry.
    victim = next(entries[0].glob("*.webp"))
    victim.write_bytes(victim.read_bytes()[:100])
    (entries[1] / "meta.json").write_text("")
    (entries[2].parent / f".{entries[2].name}.999.tmp").mkdir()
    (cache / "gallery" / "sources.json").write_bytes(b"\x00\xff")
    build = run_build(content, tmp_path / "o2", cache=cache)
    assert build.ok, build.log
    rebuilt = next(entries[0].glob(victim.name))
    assert rebuilt.stat().st_size > 100
    assert json.loads((entries[1] / "meta.json").read_text())["width"] > 0
    assert not list((cache / "gallery" / "entries").glob("*/.*.tmp"))
    assert tree_digest(tmp_path / "o2") == expected


def test_script_injection_in_every_field_is_escaped(tmp_path):
    """One payload per field of a whole site; the built output must not run any."""
    content = tmp_path / "content"
    folder = content / "posts" / "xss"
    save_photo(folder / "anh.jpg", 600, 400, seed=1)

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    # In a body, <img src=x> is a photo the officer forgot to copy: a build error of
    # its own (tested with the gallery), so bodies get every other payload.
    body = "\n\n".join(p for p in PAYLOADS if "<img" not in p)
    for index, payload in enumerate(PAYLOADS):
        slug = f"bai-{index}"
        write_post(
            content,
            f"posts/xss/{slug}/index.md" if index else "posts/xss/index.md",
            "---\n"
            f"title: {q('Tin ' + payload)}\n"
            f"date: 2024-01-{index % 28 + 1:02d}\n"
            f"slug: {slug}\n"
            f"category: {q('Mục ' + payload)}\n"
            f"tags: {q('thẻ ' + payload.replace(',', ' '))}\n"
            f"summary: {q(payload)}\n"
            f"location: {q(payload)}\n"
            f"plan:\n  number: {index + 1}/KH-UBND\n  title: {q(payload)}\n"
            f"officials:\n  - name: {q('Người ' + payload)}\n    role: {q(payload)}\n"
            + (
                f"gallery:\n  - src: anh.jpg\n    caption: {q(payload)}\n"
                f"    alt: {q(payload)}\n    credit: {q(payload)}\n"
                if index == 0
                else ""
            )
            + f"links:\n  - title: {q(payload)}\n    url: https://a.phuong.test/{index}\n"
            f"    description: {q(payload)}\n"
            "---\n" + body + "\n",
        )
    (content / "pages").mkdir()
    (content / "data").mkdir()
    (content / "data" / "links.yml").write_text(
        "- title: "
        + q(PAYLOADS[0])
        + "\n  links:\n"
        + "".join(
            f"    - title: {q(p)}\n      url: https://b.phuong.test/{i}\n      description: {q(p)}\n"
            for i, p in enumerate(PAYLOADS)
        ),
        encoding="utf-8",
    )
    (content / "comments").mkdir()
    (content / "comments" / "bai-0.yml").write_text(
        "".join(
            f"- author: {q(p)}\n  area: {q(p)}\n  date: 01/01/2024 08:00\n  text: {q(p)}\n"
            f"  reply:\n    author: {q(p)}\n    role: {q(p)}\n    date: 02/01/2024\n    text: {q(p)}\n"
            for p in PAYLOADS
        ),
        encoding="utf-8",
    )
    build = run_build(
        content,
        tmp_path / "out",
        settings="publishconf.py",
        env={"SITEURL": "https://p.phuong.test"},
    )
    assert build.ok, build.log
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert len(pages) > 40
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        soup = parse_like_a_browser(text)
        problems += [
            f"{page.relative_to(tmp_path)}: {p}" for p in find_injections(soup)
        ]
    for feed in (tmp_path / "out" / "feeds").glob("*.xml"):
        assert "<script>alert" not in feed.read_text(encoding="utf-8")
    assert problems == []


def test_damaged_or_stale_content_cache_is_dropped(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    cache = tmp_path / "cache"
    first = run_build(content, tmp_path / "o1", cache=cache)
    assert first.ok, first.log
    reader_cache = cache / "ArticlesGenerator-Readers"
    assert reader_cache.is_file()
    expected = tree_digest(tmp_path / "o1")
    reader_cache.write_bytes(
        reader_cache.read_bytes()[:50]
    )  # truncated: EOFError in Pelican
    second = run_build(content, tmp_path / "o2", cache=cache)
    assert second.ok, second.log
    assert tree_digest(tmp_path / "o2") == expected
    # A cache written under other settings is not reused: the body changes with them.
    third = run_build(
        content,
        tmp_path / "o3",
        cache=cache,
        overrides={"MARKDOWN": {"extension_configs": {}, "output_format": "html5"}},
    )
    assert third.ok, third.log
