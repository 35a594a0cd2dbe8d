"""An old address that is one of the new site's own lists (a category, a tag,
a year's archive, the home page's page 2): `make check`, the importer and the
build all see it before anything is written, name the list, and the importer
keeps the old address under the former unit's folder. The lists are computed
from the sources (ward_core.listpages) and checked against a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import (
    copy_sample_content,
    refused_by_check_and_build,
    run_build,
    run_tool,
)
from ward_core.listpages import _numbered, list_pages
from ward_core.sources import load_sources
from wardtools.content_index import load_settings

PROJECT = Path(__file__).resolve().parents[1]
# Lists a ward portal had at the same Vietnamese addresses as the new site.
OLD_LISTS = {
    "https://phuong8.example.vn/chuyen-muc/thong-bao/": "chuyên mục “Thông báo”",
    "https://phuong8.example.vn/luu-tru/2024/": "trang lưu trữ năm 2024",
    "https://phuong8.example.vn/trang-2/": "trang chủ",
}


def _wxr(path: Path, count: int) -> Path:
    """A former ward's WordPress export: `count` notices, the first ones
    addressed (canonical link) at the old portal's list pages."""
    links = [*OLD_LISTS]
    links += [f"https://phuong8.example.vn/tb-{n}/" for n in range(len(links), count)]
    items = "".join(
        f"""<item><title>Thông báo số {n + 1} của khu phố {n % 4 + 1}</title>
<link>{links[n]}</link>
<content:encoded><![CDATA[<p>Khu phố {n % 4 + 1} thông báo lịch họp.</p>]]></content:encoded>
<wp:post_date>2024-0{n % 9 + 1}-1{n % 10} 07:00:00</wp:post_date>
<wp:post_name>tb-{n}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="tb"><![CDATA[Thông báo]]></category></item>
"""
        for n in range(count)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<title>Phường 8</title>{items}</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def _settings(content: Path) -> dict:
    return {**load_settings(PROJECT / "pelicanconf.py"), "PATH": str(content)}


def test_old_list_addresses_are_kept_aside_and_the_lists_match_the_build(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    export = _wxr(tmp_path / "p8" / "phuong-8.xml", 14)  # pages 2 of two lists
    result = run_tool(
        "import", "--content", str(content), "--nguon", f"{export}=Phường 8 (cũ)"
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    for old, what in OLD_LISTS.items():
        moved = "/phuong-8-cu" + old.removeprefix("https://phuong8.example.vn")
        assert f'"{old}" trùng địa chỉ {what} trên trang mới; giữ lại ở "{moved}"' in (
            report
        )
    assert "Kiểm tra như make check: 0 lỗi" in report, report
    check = run_tool("check", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_build(content, tmp_path / "output", timeout=300)
    assert build.ok, build.log
    output = build.output
    lists = list_pages(load_sources(_settings(content), content))
    assert {"chuyen-muc/thong-bao/trang-2/index.html", "trang-2/index.html"} <= set(
        lists
    )
    built = {str(p.relative_to(output)) for p in output.rglob("*.html")}
    assert set(lists) <= built
    folders = ("chuyen-muc/", "the/", "luu-tru/", "trang-")
    assert {page for page in built if page.startswith(folders)} <= set(lists)
    # The lists are the site's own; the old addresses live on beside them.
    assert "Thông báo số" in (output / "chuyen-muc/thong-bao/index.html").read_text()
    aside = output / "phuong-8-cu" / "chuyen-muc" / "thong-bao" / "index.html"
    assert 'http-equiv="refresh"' in aside.read_text(encoding="utf-8")


def test_a_redirect_over_a_tag_page_is_refused_alike_by_check_and_build(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    sources = load_sources(_settings(content), content)
    slug = sources.slug_of(sources.articles[0])
    (content / "data" / "chuyen-huong.yml").write_text(
        f"- from: /the/moi-truong/\n  to: {slug}\n"
        f"- from: https://phuong8.example.vn/chuyen-muc/tin-hoat-dong/\n  to: {slug}\n"
        "  don_vi: Phường 8 (cũ)\n",
        encoding="utf-8",
    )
    logs = refused_by_check_and_build(content, tmp_path / "output")
    for log in logs:
        assert (
            'chuyen-huong.yml:1: địa chỉ cũ "/the/moi-truong/" trùng địa chỉ của thẻ '
            "“môi trường” trên trang mới" in log
        ), log
        assert "trùng địa chỉ của chuyên mục “Tin hoạt động” trên trang mới" in log
        assert 'from: "/phuong-8-cu/chuyen-muc/tin-hoat-dong/"' in log
        assert "Traceback" not in log
    assert "2 lỗi" in logs[1], logs[1]


SITE_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
)
PELICAN_PATTERNS = (
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{name}{number}{extension}", "{name}{number}{extension}"),
)


@pytest.mark.parametrize(
    ("save_as", "count", "settings", "expected"),
    [
        ("index.html", 10, {}, ["index.html"]),
        ("index.html", 11, {}, ["index.html", "trang-2/index.html"]),
        (
            "the/tet/index.html",
            25,
            {},
            [
                "the/tet/index.html",
                "the/tet/trang-2/index.html",
                "the/tet/trang-3/index.html",
            ],
        ),
        ("index.html", 11, {"DEFAULT_ORPHANS": 1}, ["index.html"]),
        ("index.html", 0, {}, ["index.html"]),
        (
            "tag/tet.html",
            11,
            {"PAGINATION_PATTERNS": PELICAN_PATTERNS},
            ["tag/tet.html", "tag/tet2.html"],
        ),
        ("index.html", 99, {"DEFAULT_PAGINATION": False}, ["index.html"]),
    ],
)
def test_numbered_pages_as_pelicans_paginator(save_as, count, settings, expected):
    site = {"DEFAULT_PAGINATION": 10, "PAGINATION_PATTERNS": SITE_PATTERNS, **settings}
    template = "tag" if "tag" in save_as or "the/" in save_as else "index"
    assert _numbered(site, template, save_as, count) == expected


def test_an_old_address_over_a_plugin_page_is_refused_with_its_line(tmp_path):
    """A page a plugin writes (the documents index) is seen only as the build
    writes it; the message still names the line and the way out."""
    content = copy_sample_content(tmp_path / "content")
    sources = load_sources(_settings(content), content)
    slug = sources.slug_of(sources.articles[0])
    (content / "data" / "chuyen-huong.yml").write_text(
        f"- from: /tin-tuc/cu.html\n  to: {slug}\n- from: /van-ban/\n  to: {slug}\n",
        encoding="utf-8",
    )
    build = run_build(content, tmp_path / "output", timeout=300)
    assert not build.ok
    assert (
        'chuyen-huong.yml:3: địa chỉ cũ "/van-ban/" trùng địa chỉ của trang '
        "/van-ban/index.html" in build.log
    ), build.log
    assert 'from: "/ten-don-vi-cu/van-ban/"' in build.log
    assert "Traceback" not in build.log
