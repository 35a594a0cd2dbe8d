"""Galleries in real builds: HTML, cache behaviour, bad input, paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.photos import save_photo
from tests import imagekit
from tests.sitekit import run_build, tree_digest, write_post

POST = """
---
title: Ra quân dọn vệ sinh
date: 2024-03-10 07:00
category: Tin hoạt động
gallery:
  - src: mot.jpg
    caption: Đoàn viên vớt rác <script>alert(1)</script> & dọn kênh
    credit: Đoàn phường
  - src: hai.jpg
    caption: Người dân cùng tham gia
  - src: ba.jpg
    caption: Người dân cùng tham gia
    alt: Ba người dân cầm chổi
cover: hai.jpg
---
Đoạn mở đầu.

![Ảnh trong bài](trong-bai.jpg "Chú thích ảnh trong bài")

Đoạn kết.
"""


def _post_folder(content: Path) -> Path:
    folder = content / "posts" / "2024" / "ra-quan"
    write_post(content, "posts/2024/ra-quan/index.md", POST)
    save_photo(folder / "mot.jpg", 2000, 1500, seed=1, orientation=6)
    save_photo(folder / "hai.jpg", 1600, 1200, seed=2)
    save_photo(folder / "ba.jpg", 700, 500, seed=3)
    save_photo(folder / "trong-bai.jpg", 1200, 900, seed=4)
    return folder


def _entries(cache: Path) -> dict[str, int]:
    """Cache entries with the mtime of their metadata file."""
    return {
        meta.parent.name: meta.stat().st_mtime_ns
        for meta in (cache / "gallery" / "entries").glob("*/*/meta.json")
    }


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("gallery")
    content = root / "content"
    _post_folder(content)
    build = run_build(content, root / "output")
    assert build.ok, build.log
    return build


def test_gallery_figures(gallery_site):
    page = gallery_site.html("ra-quan-don-ve-sinh/")
    gallery = page.select_one("section.gallery")
    figures = gallery.select("figure.photo")
    assert len(figures) == 3
    captions = [f.figcaption.get_text(" ", strip=True) for f in figures]
    assert (
        captions[0]
        == "Đoàn viên vớt rác <script>alert(1)</script> & dọn kênh Ảnh: Đoàn phường"
    )
    assert captions[1] == captions[2] == "Người dân cùng tham gia"
    assert gallery.find("script") is None  # escaped, not markup
    first = figures[0]
    img = first.picture.img
    source = first.picture.source
    assert source["type"] == "image/webp"
    assert [c.split()[1] for c in source["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert [c.split()[1] for c in img["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    # Stored upright (1500x2000) with EXIF orientation 6: shown 2000x1500.
    assert (img["width"], img["height"]) == ("960", "720")
    assert img["sizes"] and img["decoding"] == "async"
    assert img["alt"] == "Đoàn viên vớt rác <script>alert(1)</script> & dọn kênh"
    assert figures[2].img["alt"] == "Ba người dân cầm chổi"
    # The small photo is never upscaled.
    assert [c.split()[1] for c in figures[2].img["srcset"].split(", ")] == [
        "480w",
        "700w",
    ]
    assert first.a["href"].endswith("-1600.jpg")
    for figure in figures:
        for candidate in figure.picture.source["srcset"].split(", "):
            url = candidate.split()[0]
            assert (gallery_site.output / url.lstrip("/")).is_file()


def test_inline_photo_becomes_a_figure_and_loads_first(gallery_site):
    page = gallery_site.html("ra-quan-don-ve-sinh/")
    body = page.select_one(".post-body")
    figure = body.select_one("figure.photo")
    assert figure.figcaption.get_text() == "Chú thích ảnh trong bài"
    assert figure.img["alt"] == "Ảnh trong bài"
    # The first photo on the page loads eagerly; every other one lazily.
    images = page.select("figure.photo img")
    assert images[0] is figure.img
    assert "loading" not in images[0].attrs and images[0]["fetchpriority"] == "high"
    assert all(img["loading"] == "lazy" for img in images[1:])
    assert [p.get_text() for p in body.find_all("p")] == ["Đoạn mở đầu.", "Đoạn kết."]


def test_originals_are_not_published(gallery_site):
    names = {p.name for p in gallery_site.output.rglob("*")}
    assert "mot.jpg" not in names and "trong-bai.jpg" not in names


def test_marker_places_the_gallery(tmp_path):
    content = tmp_path / "content"
    folder = _post_folder(content)
    text = (
        (folder / "index.md").read_text().replace("Đoạn kết.", "[gallery]\n\nĐoạn kết.")
    )
    (folder / "index.md").write_text(text)
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    body = build.html("ra-quan-don-ve-sinh/").select_one(".post-body")
    gallery = body.select_one("section.gallery")
    assert gallery is not None
    assert gallery.find_next_sibling("p").get_text() == "Đoạn kết."
    assert "[gallery]" not in body.get_text()


def test_cache_second_build_reprocesses_nothing_and_edits_reprocess_one(tmp_path):
    content = tmp_path / "content"
    folder = _post_folder(content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert run_build(content, output, cache=cache).ok
    first = _entries(cache)
    assert len(first) == 4

    shutil.rmtree(output)  # as make publish does
    assert run_build(content, output, cache=cache).ok
    assert _entries(cache) == first
    assert (output / "ra-quan-don-ve-sinh" / "index.html").is_file()

    save_photo(folder / "hai.jpg", 1600, 1200, seed=99)  # the officer edits one photo
    assert run_build(content, output, cache=cache).ok
    after = _entries(cache)
    assert len(after) == 4
    assert len(set(after) - set(first)) == 1  # one new entry
    assert len(set(first) - set(after)) == 1  # the stale one pruned
    unchanged = set(first) & set(after)
    assert all(after[key] == first[key] for key in unchanged)


def test_changed_settings_reprocess(tmp_path):
    content = tmp_path / "content"
    _post_folder(content)
    cache = tmp_path / "cache"
    assert run_build(content, tmp_path / "o1", cache=cache).ok
    first = _entries(cache)
    build = run_build(
        content,
        tmp_path / "o2",
        cache=cache,
        overrides={"WARD_GALLERY": {"widths": [320, 800]}},
    )
    assert build.ok, build.log
    assert set(_entries(cache)).isdisjoint(first)
    img = build.html("ra-quan-don-ve-sinh/").select_one("section.gallery img")
    assert [c.split()[1] for c in img["srcset"].split(", ")] == ["320w", "800w"]


def test_corrupt_cache_entry_is_rebuilt(tmp_path):
    content = tmp_path / "content"
    _post_folder(content)
    cache = tmp_path / "cache"
    assert run_build(content, tmp_path / "o1", cache=cache).ok
    for meta in (cache / "gallery" / "entries").glob("*/*/meta.json"):
        meta.write_text("{not json")
    (cache / "gallery" / "sources.json").write_text("garbage")
    build = run_build(content, tmp_path / "o2", cache=cache)
    assert build.ok, build.log
    assert len(_entries(cache)) == 4


# Photos that exist but cannot be used: found only when decoded, all in one build.
# (A missing photo is caught before that, by the checker: tests/test_checkers.py.)
BAD_PHOTOS = {
    "hong.jpg": (imagekit.truncated_jpeg, "ảnh bị hỏng"),
    "van-ban.jpg": (lambda p: p.write_text("xin chào"), "không phải là ảnh"),
    "rong.jpg": (lambda p: p.write_bytes(b""), "0 byte"),
    "qua-lon.png": (imagekit.bomb_png, "ảnh quá lớn"),
    "anh.tga": (lambda p: imagekit.halves(40, 40).save(p, "TGA"), "định dạng TGA"),
}


def test_bad_photos_fail_the_build_naming_post_and_photo(tmp_path):
    content = tmp_path / "content"
    _post_folder(content)
    output = tmp_path / "output"
    assert run_build(content, output).ok
    before = tree_digest(output)

    folder = content / "posts" / "2024" / "xau"
    entries = []
    for name, (make, _) in BAD_PHOTOS.items():
        if make:
            make(folder / name) if folder.exists() else (
                folder.mkdir(parents=True),
                make(folder / name),
            )
        entries.append(f"  - src: {name}\n    caption: Ảnh {name}\n")
    write_post(
        content,
        "posts/2024/xau/index.md",
        "---\ntitle: Bài có ảnh hỏng\ndate: 2024-01-01\ngallery:\n"
        + "".join(entries)
        + "---\nNội dung.\n",
    )
    build = run_build(content, output)
    assert build.returncode == 1
    assert "Traceback" not in build.log
    for name, (_, fragment) in BAD_PHOTOS.items():
        rows = [row for row in build.log.splitlines() if name in row]
        assert rows, name
        assert any("posts/2024/xau/index.md" in r and fragment in r for r in rows), rows
    assert tree_digest(output) == before
