"""Unit tests of the plugins' Pelican-free modules that had none: minify,
precompress, Pagefind bundle canonicalisation, photo markup, body images, the
selective writer and the preview's listing keys."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
from pathlib import Path
from types import SimpleNamespace

import brotli
import pytest
from bs4 import BeautifulSoup

from ward_core.photos.markup import (
    WebPhoto,
    WebRendition,
    render_figure,
    render_gallery,
)
from ward_core.views import CommentsView, GalleryView, IndexView, attach, listing_key

# --- minify --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "text", "kept"),
    [
        (".css", "body {\n  color : red ;\n}\n/* note */\n", "body{color:red}"),
        (".js", "function  a ( x ) {\n  return x + 1 ;\n}\n", "return x+1"),
        (".html", "<p>\n  Xin   chào\n</p>\n<p>hai</p>", "<p>Xin chào</p>"),
    ],
)
def test_minify_text_shrinks_and_keeps_meaning(suffix, text, kept):
    from ward_minify.minify import minify_text

    out = minify_text(text, suffix)
    assert len(out) < len(text) and kept in out


def test_minify_files_counts_saved_bytes(tmp_path):
    from ward_minify.minify import minify_files

    css = tmp_path / "a.css"
    css.write_text("a {  color: blue;  }\n", encoding="utf-8")
    saved = minify_files([css])
    assert saved > 0 and css.read_text() == "a{color:#00f}"


# --- precompress -----------------------------------------------------------------------


def test_precompress_writes_smaller_reproducible_siblings(tmp_path):
    from ward_precompress.compress import precompress_tree

    page = tmp_path / "index.html"
    page.write_text("<p>Phường Hòa Thuận</p>\n" * 200, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("a{}")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8" + b"x" * 2000)
    assert precompress_tree(tmp_path) == 2
    assert (
        gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == page.read_bytes()
    )
    assert (
        brotli.decompress((tmp_path / "index.html.br").read_bytes())
        == page.read_bytes()
    )
    assert not (tmp_path / "tiny.css.gz").exists()  # under 512 bytes
    assert not (tmp_path / "photo.jpg.gz").exists()  # not text
    first = (tmp_path / "index.html.gz").read_bytes()
    precompress_tree(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == first  # no timestamp


def test_precompress_cache_compresses_only_what_changed(tmp_path):
    from ward_precompress.compress import precompress_tree

    cache, first, second = tmp_path / "cache", tmp_path / "one", tmp_path / "two"
    noise = os.urandom(4096)  # does not shrink
    for site in (first, second):
        site.mkdir()
        (site / "same.html").write_text("<p>Giống nhau</p>\n" * 200)
        (site / "random.txt").write_bytes(noise)
    (first / "edited.html").write_text("<p>Trước</p>\n" * 200)
    (second / "edited.html").write_text("<p>Sau khi sửa</p>\n" * 200)

    assert precompress_tree(first, cache) == 4
    entries = {p.name: p.stat().st_mtime_ns for p in cache.glob("*/*")}
    assert precompress_tree(second, cache) == 4
    again = {p.name: p.stat().st_mtime_ns for p in cache.glob("*/*")}
    # The unchanged page's entries (and the "does not shrink" marks) are reused;
    # the old version of the edited page is dropped, its new one made.
    kept = {name for name in again if entries.get(name) == again[name]}
    assert len(kept) == 4 and len(again) == 6
    for name in ("same.html", "edited.html"):
        page = (second / name).read_bytes()
        assert gzip.decompress((second / f"{name}.gz").read_bytes()) == page
        assert brotli.decompress((second / f"{name}.br").read_bytes()) == page
    assert not (second / "random.txt.gz").exists()


# --- Pagefind bundle canonicalisation --------------------------------------------------


def _pagefind_site(root: Path, order: list[str]) -> Path:
    site = root / "site"
    site.mkdir(parents=True)
    for index, year in enumerate(order):
        (site / f"p{index}.html").write_text(
            f'<html><body data-pagefind-body><p data-pagefind-filter="nam">{year}</p>'
            f"<p>Bài số {index}</p></body></html>",
            encoding="utf-8",
        )
    from ward_search.indexer import build_index

    build_index(site)
    return site


def test_pagefind_bundles_of_the_same_site_are_identical(tmp_path):
    first = _pagefind_site(tmp_path / "a", ["2023", "2024", "2022"])
    second = _pagefind_site(tmp_path / "b", ["2023", "2024", "2022"])

    def files(site):
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted((site / "pagefind").rglob("*"))
            if p.is_file()
        }

    assert files(first) == files(second)
    entry = json.loads((first / "pagefind" / "pagefind-entry.json").read_text())
    assert all("_" in info["hash"] for info in entry["languages"].values())


# --- photo markup ------------------------------------------------------------------------


def _photo(caption="", credit="", alt="Ảnh") -> WebPhoto:
    return WebPhoto(
        tuple(
            WebRendition(w, w // 2, f"/anh/k/a-{w}.webp", f"/anh/k/a-{w}.jpg")
            for w in (480, 960, 1600)
        ),
        caption=caption,
        alt=alt,
        credit=credit,
    )


def test_figure_escapes_text_and_offers_every_width():
    html = render_figure(_photo('Lễ "ra quân" <b>', "Văn phòng"), "100vw", eager=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.figcaption.get_text(" ", strip=True).startswith('Lễ "ra quân" <b>')
    assert soup.select_one(".photo-credit").get_text() == "Ảnh: Văn phòng"
    img = soup.img
    assert img["src"].endswith("a-960.jpg") and img["fetchpriority"] == "high"
    assert [c.split()[1] for c in img["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert soup.a["href"].endswith("a-1600.jpg")


def test_gallery_makes_only_the_first_photo_eager():
    soup = BeautifulSoup(str(render_gallery([_photo(), _photo()], True)), "html.parser")
    loading = [img.get("loading") for img in soup.find_all("img")]
    assert loading == [None, "lazy"]
    assert soup.section["aria-label"] == "Ảnh (2)"
    assert str(render_gallery([], True)) == ""


# --- body images --------------------------------------------------------------------------


def test_inline_images_become_figures_or_pictures():
    from ward_gallery.inline import find_inline_images, rewrite_body

    html = (
        '<p><img src="a.jpg" alt="A" title="Chú thích"></p>'
        '<p>Chữ <img src="b.jpg" alt="B"> giữa câu</p>'
        '<p><img src="https://x.vn/c.jpg"></p><p>[gallery]</p>'
    )
    assert [i.src for i in find_inline_images(html)] == ["a.jpg", "b.jpg"]
    body, placed = rewrite_body(
        html,
        lambda image: f"<figure>{image.title}</figure>",
        lambda image: f"<picture>{image.alt}</picture>",
        "[gallery]",
        "<section>G</section>",
    )
    assert placed
    assert "<figure>Chú thích</figure>" in body
    assert "Chữ <picture>B</picture> giữa câu" in body
    assert "https://x.vn/c.jpg" in body and "<section>G</section>" in body


# --- the selective writer -------------------------------------------------------------------


def test_selective_writer_writes_only_the_listed_pages(tmp_path):
    from jinja2 import Template
    from pelican.settings import DEFAULT_CONFIG
    from ward_site.writer import WardWriter

    from ward_core.session import BuildSession, with_session

    settings = with_session(DEFAULT_CONFIG, BuildSession(write_only=("a/index.html",)))
    writer = WardWriter(str(tmp_path), settings=settings)
    template = Template("{{ x }}")
    for name in ("a/index.html", "b/index.html"):
        writer.write_file(name, template, {"x": name}, relative_urls=False)
    assert (tmp_path / "a" / "index.html").read_text() == "a/index.html"
    assert not (tmp_path / "b").exists()


# --- how a page's arguments enter its fingerprint (page reuse) ------------------------------


@dataclasses.dataclass
class _Citation:
    post: object
    number: str
    again: object = None


def _post(path):
    return SimpleNamespace(_content="<p>x</p>", source_path=path)


def test_describe_names_listed_posts_by_source_and_is_stable():
    from ward_site.writer import Describer

    def describe(value):  # a describer per build, as the writer has
        return Describer()(value)

    first = describe({"documents": [_Citation(_post("/a.md"), "1/KH")]})
    again = describe({"documents": [_Citation(_post("/a.md"), "1/KH")]})
    other = describe({"documents": [_Citation(_post("/b.md"), "1/KH")]})
    assert first == again and first != other
    assert "0x" not in repr(first)  # no object address: equal across builds


def test_a_long_list_is_described_by_a_digest_that_follows_each_item():
    """The document index lists every document on many pages: its description
    is hashed once, and still changes when one listed post does."""
    from ward_site.writer import COMPACT_ABOVE, Describer

    def index(last: str):
        paths = [f"/bai-{n}.md" for n in range(99)] + [last]
        return {
            "documents": [
                _Citation(_post(path), f"{n}/KH") for n, path in enumerate(paths)
            ]
        }

    first = Describer()(index("/a.md"))
    assert len(repr(first)) <= COMPACT_ABOVE
    assert first == Describer()(index("/a.md"))
    assert first != Describer()(index("/b.md"))


@pytest.mark.parametrize(
    "value",
    [object(), SimpleNamespace(x=1)],
    ids=["unknown object", "plain namespace"],
)
def test_describe_falls_back_to_repr_and_survives_cycles(value):
    from ward_site.writer import Describer

    describe = Describer()

    looped = _Citation(value, "2/QĐ")
    looped.again = looped
    described = describe(looped)
    assert repr(value) in repr(described)


# --- what the preview's fast path compares ----------------------------------------------------


def _content(**fields):
    content = SimpleNamespace(
        title="A",
        slug="a",
        save_as="a/index.html",
        status="published",
        category=SimpleNamespace(name="Tin"),
        tags=[],
        summary="<p>s</p>",
        date=1,
    )
    for name, value in fields.items():
        setattr(content, name, value)
    return content


@pytest.mark.parametrize(
    ("change", "same"),
    [
        (lambda c: None, True),
        (lambda c: setattr(c, "title", "B"), False),
        (lambda c: setattr(c, "category", SimpleNamespace(name="Khác")), False),
        (lambda c: setattr(c, "date", 2), False),
        (lambda c: attach(c, CommentsView(status="open", count=3)), False),
        (
            lambda c: attach(c, GalleryView(cover_spec=SimpleNamespace(src="x.jpg"))),
            False,
        ),
        (
            lambda c: attach(
                c,
                IndexView(
                    officials=[
                        SimpleNamespace(
                            name="Ông A", role="CT", honorific="Ông", presiding=True
                        )
                    ]
                ),
            ),
            False,
        ),
        # A cited document's file shows on the document's page.
        (
            lambda c: attach(
                c, IndexView(documents=[SimpleNamespace(ref=("1/KH-UBND", "a.pdf"))])
            ),
            False,
        ),
        # The body, the gallery's captions and attachments show on the post's
        # own page only.
        (lambda c: attach(c, GalleryView(photos=[_photo("mới")])), True),
        (lambda c: attach(c, IndexView(attachments=[SimpleNamespace(url="x")])), True),
    ],
)
def test_listing_key_changes_only_with_what_lists_show(change, same):
    before = listing_key(_content())
    changed = _content()
    change(changed)
    assert (listing_key(changed) == before) is same


def _post(date: int = 1, status: str = "published") -> SimpleNamespace:
    return SimpleNamespace(date=date, status=status)


@pytest.mark.parametrize(
    ("found", "same"),
    [
        ({"a.md": (_post(), _post())}, True),  # a title, a summary…
        ({"a.md": (_post(), _post(date=2))}, False),  # moves to another month
        ({"a.md": (_post(status="draft"), _post())}, False),  # approved
        ({"a.md": (None, _post())}, False),  # a new post
        ({"a.md": (_post(), None)}, False),  # deleted
        ({"a.md": (_post(), _post()), "b.md": (_post(), _post(date=3))}, False),
    ],
)
def test_the_preview_reuses_period_archives_only_when_dates_and_lists_stay(found, same):
    from wardtools.memory_render import _same_dates_and_lists

    assert _same_dates_and_lists(found) is same


# --- photo progress ---------------------------------------------------------------------


def test_photo_progress_tells_how_many_and_how_long(tmp_path):
    import io

    from ward_core.photos.pipeline import Progress

    stream = io.StringIO()
    progress = Progress(20, stream)
    for _ in range(20):
        progress.step()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10  # every tenth of the way, not a terminal
    assert lines[0].startswith("Đang xử lý ảnh: 2/20, còn khoảng ")
    assert lines[-1].startswith("Đang xử lý ảnh: 20/20, xong trong ")
    quiet = io.StringIO()
    few = Progress(3, quiet)
    for _ in range(3):
        few.step()
    assert quiet.getvalue() == ""  # a few photos: no progress lines


def test_identical_photos_in_two_posts_are_processed_once(tmp_path):
    from PIL import Image

    from ward_core.photos.cache import DerivativeCache
    from ward_core.photos.imaging import EncodeSettings
    from ward_core.photos.pipeline import run_pipeline

    first = tmp_path / "a" / "anh.jpg"
    first.parent.mkdir()
    Image.new("RGB", (800, 600), (200, 30, 30)).save(first)
    copies = [first]
    for name in ("b", "c", "d"):
        copy = tmp_path / name / "anh.jpg"
        copy.parent.mkdir()
        copy.write_bytes(first.read_bytes())
        copies.append(copy)
    other = tmp_path / "e.jpg"
    Image.new("RGB", (800, 600), (30, 30, 200)).save(other)
    cache = DerivativeCache(tmp_path / "cache", EncodeSettings(widths=(320,)))
    result = run_pipeline([*copies, other], cache, workers=2)
    assert result.errors == {}
    assert result.processed == 2  # one entry for the four copies, one for the other
    assert {result.photos[c].key for c in copies} == {result.photos[first].key}
