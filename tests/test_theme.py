"""The theme on the built sample site: pages, metadata, budgets, valid HTML."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.sitekit import copy_sample_content, run_build, vnu_errors

ARTICLE = "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023/"
PAGES = {
    "home": "index.html",
    "article": ARTICLE,
    "category": "chuyen-muc/tin-hoat-dong/",
    "official": "can-bo/pham-thanh-hoa/",
    "document": "van-ban/2023/118-kh-ubnd/",
    "404": "404.html",
    "search": "tim-kiem/",
    "archives": "luu-tru/",
    "page": "trang/quy-che-trang-tin/",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    content = copy_sample_content(root / "content")
    build = run_build(
        content,
        root / "output",
        settings="publishconf.py",
        env={"SITEURL": "https://p.phuong.test"},
    )
    assert build.ok, build.log
    return build


def _file(output: Path, page: str) -> Path:
    path = output / page
    return path / "index.html" if page.endswith("/") else path


def test_every_page_has_header_footer_skip_link_and_to_top(sample_build):
    for name, page in PAGES.items():
        soup = sample_build.html(page)
        assert soup.html["lang"] == "vi", name
        skip = soup.select_one("a.skip-link")
        assert skip["href"] == "#noi-dung" and soup.find(id="noi-dung") is not None, (
            name
        )
        top = soup.select_one("a.to-top")
        assert top.get_text() == "Về đầu trang", name
        assert soup.find(id=top["href"].lstrip("#")) is not None, name
        assert soup.select_one("form.search-box input[name=q]") is not None, name
        footer = soup.select_one(".site-footer").get_text(" ", strip=True)
        for value in (
            "Số 12 đường Trần Phú",
            "0292 3820 111",
            "0292 3820 115",
            "Thứ Hai",
        ):
            assert value in footer, (name, value)
        nav = [a.get_text() for a in soup.select(".main-nav a")]
        assert (
            nav[:1] == ["Trang chủ"] and "Thông báo" in nav and "Giới thiệu" in nav
        ), name


def test_home_features_the_latest_post_with_cover(sample_build):
    home = sample_build.html("index.html")
    featured = home.select_one(".featured")
    assert (
        featured.select_one(".featured-title")
        .get_text(strip=True)
        .startswith("Tuyên truyền phòng cháy")
    )
    img = featured.select_one("img")
    assert img["fetchpriority"] == "high" and img["width"] and img["height"]
    cards = home.select(".card")
    assert len(cards) >= 5
    assert any(card.select_one(".card-cover img") for card in cards)
    # A count only on posts that have comments: never "0 bình luận".
    counts = {
        card.select_one(".card-title").get_text(strip=True)[:20]: card.select_one(
            ".card-comments"
        )
        for card in cards
    }
    assert counts["Chủ tịch UBND phường"].get_text() == "2 bình luận"
    assert sum(1 for count in counts.values() if count is not None) == 1
    assert "0 bình luận" not in home.get_text()


def test_summary_of_a_table_first_post_is_its_text(sample_build):
    home = sample_build.html("index.html")
    card = next(c for c in home.select(".card") if "lịch tiếp công dân" in c.get_text())
    summary = card.select_one(".card-summary").get_text()
    assert summary.startswith("Ủy ban nhân dân phường thông báo lịch tiếp")
    assert "Thời gian tiếp: buổi sáng" in summary
    for cell in ("Người tiếp", "Địa điểm", "Thứ Năm, 08/6/2023", "|"):
        assert cell not in summary


def test_first_links_banner_loads_at_once_the_others_lazily(sample_build):
    for page in ("index.html", ARTICLE):
        images = sample_build.html(page).select(".link-banner img")
        assert len(images) == 2, page
        assert not images[0].has_attr("loading"), page
        assert images[1]["loading"] == "lazy", page
        assert not any(img.has_attr("fetchpriority") for img in images), page


def test_article_page_parts(sample_build):
    page = sample_build.html(ARTICLE)
    assert page.select_one(".post-meta") is not None
    assert page.select_one("section.gallery figure figcaption") is not None
    assert page.select_one("#binh-luan h2").get_text().startswith("Bình luận (")
    share = page.select_one(".share")
    facebook = share.select_one("a.share-facebook")["href"]
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert share.select_one(".share-zalo") is None  # no Zalo OA id in the sample
    for button in ("share-copy", "share-native", "print-button"):
        assert share.select_one(f"button.{button}").has_attr("hidden")
    # "Tin cùng chuyên mục" does not repeat the newer/older links above it: here
    # the category's only other post is the newer one, so the section is left out.
    newer = page.select_one('.post-nav a[rel="next"]')
    assert "Trao 120" in newer.get_text()
    assert page.select_one(".related-posts") is None


def test_zalo_share_only_with_an_oa_id(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    ward = {
        "name": "Phường Hòa Thuận",
        "email": "a@phuong.test",
        "zalo_oa_id": "1234567890",
    }
    build = run_build(content, tmp_path / "out", overrides={"WARD": ward})
    assert build.ok, build.log
    zalo = build.html(ARTICLE).select_one("a.share-zalo")
    assert "oaid=1234567890" in zalo["href"]


def test_publish_metadata(published):
    page = published.html(ARTICLE)
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"https://p.phuong.test/{ARTICLE}"
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:type"] == "article" and og["og:url"] == canonical
    assert og["og:image"].startswith("https://p.phuong.test/anh/") and og[
        "og:image"
    ].endswith(".jpg")
    assert og["og:title"].startswith("Chủ tịch UBND phường")
    twitter = page.find("meta", attrs={"name": "twitter:card"})["content"]
    assert twitter == "summary_large_image"
    ld = json.loads(page.find("script", type="application/ld+json").string)
    news = next(item for item in ld["@graph"] if item["@type"] == "NewsArticle")
    assert news["image"] == og["og:image"]
    assert page.find("link", rel="icon")["href"] == "https://p.phuong.test/favicon.ico"
    out = published.output
    for path in (
        "favicon.ico",
        "robots.txt",
        "sitemap.xml",
        "feeds/tat-ca.atom.xml",
        "feeds/chuyen-muc-thong-bao.atom.xml",
        "feeds/binh-luan.atom.xml",
    ):
        assert (out / path).is_file(), path
    assert (
        "Sitemap: https://p.phuong.test/sitemap.xml" in (out / "robots.txt").read_text()
    )
    home = published.html("index.html")
    assert home.find("link", rel="canonical")["href"] == "https://p.phuong.test/"
    category = published.html("chuyen-muc/thong-bao/")
    assert (
        category.find("link", rel="canonical")["href"]
        == "https://p.phuong.test/chuyen-muc/thong-bao/"
    )


def test_font_stack_sizes_dark_and_reduced_motion(sample_build):
    css = (sample_build.output / "theme" / "css" / "site.css").read_text()
    stack = re.search(r"font-family:([^;}]+)", css).group(1)
    assert stack.replace('"', "").split(",")[:5] == [
        "Segoe UI",
        "Roboto",
        "Helvetica Neue",
        "Arial",
        "Noto Sans",
    ]
    assert "system-ui" not in stack
    assert "prefers-color-scheme:dark" in css.replace(" ", "")
    assert "prefers-reduced-motion:reduce" in css.replace(" ", "")
    font_sizes = re.findall(r"font-size:([^;}]+)", css)
    assert font_sizes and all("px" not in size for size in font_sizes)


def _linked_assets(output: Path, soup) -> list[Path]:
    assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in soup.find_all("script", src=True)]
    paths = [asset.split("?", 1)[0] for asset in assets]
    return [
        output / path.split("://", 1)[-1].split("/", 1)[-1].lstrip("/")
        for path in paths
    ]


def test_article_weight_budget(sample_build):
    """HTML + CSS + JS of the heaviest sample article (unminified) under 48 KB, and
    under 15 KB gzip'd, images excluded. (The reading aids of issue 22, menu, text
    size, listening and back-to-top, took it from about 11 to 13.5 KB gzip'd.)"""
    html_file = _file(sample_build.output, ARTICLE)
    soup = sample_build.html(ARTICLE)
    assets = _linked_assets(sample_build.output, soup)
    assert len(assets) == 3  # site.css, print.css, site.js
    files = [html_file, *assets]
    total = sum(path.stat().st_size for path in files)
    assert total < 48 * 1024, total
    compressed = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    assert compressed < 15 * 1024, compressed


def test_every_image_has_dimensions(sample_build):
    for name, page in PAGES.items():
        for img in sample_build.html(page).find_all("img"):
            assert img.get("width") and img.get("height"), (name, img)


def test_pages_are_valid_html(sample_build):
    files = [_file(sample_build.output, page) for page in PAGES.values()]
    assert vnu_errors(files) == []
