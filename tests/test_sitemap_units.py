from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ward_sitemap.sitemap import SitemapEntry, build_robots, build_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_is_sorted_deduplicated_and_keeps_newest_date():
    old = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    new = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    xml = build_sitemap(
        "https://x.vn/phuong",
        [
            SitemapEntry("b/", old),
            SitemapEntry("a/&b/"),
            SitemapEntry("b/", new),
            SitemapEntry("", None),
        ],
    )
    root = ET.fromstring(xml)
    locs = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
    assert locs == [
        "https://x.vn/phuong/",
        "https://x.vn/phuong/a/&b/",
        "https://x.vn/phuong/b/",
    ]
    lastmods = [u.findtext("s:lastmod", None, NS) for u in root.findall("s:url", NS)]
    assert lastmods == [None, None, new.isoformat()]


def test_robots_names_the_sitemap_only_with_an_absolute_site_url():
    assert "Sitemap: https://x.vn/sitemap.xml" in build_robots(
        "https://x.vn", "sitemap.xml"
    )
    assert "Sitemap" not in build_robots("", "sitemap.xml")
