"""`ward province site`: the province's overview, built by the engine.

Each ward's published output (public/<slug>/) has a feed: the JSON Feed 1.1
`du-lieu/tin-bai.json` when the engine writes one, else the Atom feed
`feeds/tat-ca.atom.xml` that every published site has. No page is scraped.
The overview is a site built by Pelican with the ward theme (the engine's
settings, its ward_site plugin, the province's templates in
ward_engine/overview_theme/ over the ward theme's): the home page lists every
ward's newest posts, danh-ba/ is the directory of wards from wards.yml
(address, former units, contacts), tim-kiem/ merges every ward's Pagefind
index (mergeIndex), each result labelled by its ward. It is built beside the
wards' folders into public/ with relative links, so it works at the portal's
root or any folder.
"""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ward_engine import files
from ward_engine.province import WARDS_FILE, Province, Ward, read_province

JSON_FEED = "du-lieu/tin-bai.json"
ATOM_FEED = "feeds/tat-ca.atom.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
NEWEST = 5
MAX_FEED_BYTES = 20_000_000


@dataclass(frozen=True)
class Item:
    ward: Ward
    title: str
    url: str
    date: str  # ISO 8601, sorts as text
    summary: str = ""


def _json_items(ward: Ward, data: dict) -> list[Item]:
    items = []
    for entry in data.get("items") or []:
        if isinstance(entry, dict) and entry.get("title") and entry.get("url"):
            items.append(
                Item(
                    ward,
                    str(entry["title"]),
                    str(entry["url"]),
                    str(entry.get("date_published") or ""),
                    str(entry.get("summary") or ""),
                )
            )
    return items


def _atom_items(ward: Ward, root: ET.Element) -> list[Item]:
    items = []
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        title = entry.findtext(f"{ATOM}title") or ""
        if link is None or not title:
            continue
        date = (
            entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated") or ""
        )
        items.append(Item(ward, title, link.get("href", ""), date))
    return items


def ward_items(output: Path, ward: Ward) -> tuple[list[Item], str]:
    """The ward's newest items and a note when its feed is missing or unreadable."""
    site = output / ward.slug
    try:
        if (site / JSON_FEED).is_file() and (
            site / JSON_FEED
        ).stat().st_size < MAX_FEED_BYTES:
            items = _json_items(ward, json.loads((site / JSON_FEED).read_text("utf-8")))
        elif (site / ATOM_FEED).is_file() and (
            site / ATOM_FEED
        ).stat().st_size < MAX_FEED_BYTES:
            items = _atom_items(ward, ET.parse(site / ATOM_FEED).getroot())
        else:
            return [], "chưa có bản tin (phường chưa xây dựng được, xem bao-cao/)"
    except (ValueError, ET.ParseError, OSError):
        return [], "bản tin của phường bị hỏng"
    return sorted(items, key=lambda item: item.date, reverse=True)[:NEWEST], ""


WORK = ".cache/tong-hop"
DIRECTORY_PAGE = """Title: Danh bạ phường, xã
Slug: danh-ba
Save_as: danh-ba/index.html
Url: danh-ba/
Template: province_directory

Địa chỉ, liên hệ và các đơn vị hành chính cũ (trước khi sắp xếp ngày 01/7/2025) của
từng phường, xã thuộc {province}. Bấm tên phường, xã để mở trang tin của phường, xã đó.
"""


def _item(item: Item) -> dict[str, str]:
    day = item.date[:10]
    return {
        "title": item.title,
        "url": item.url,
        "ward": item.ward.name,
        "date": item.date,
        "day": "/".join(reversed(day.split("-"))) if len(day) == 10 else day,
    }


def overview_data(province: Province, output: Path) -> dict:
    """Plain data for the templates (PROVINCE_OVERVIEW): newest posts, wards
    with their posts and contacts, the search indexes."""
    wards = []
    newest: list[Item] = []
    for ward in province.wards:
        items, note = ward_items(output, ward)
        newest += items
        phone = "".join(ch for ch in ward.phone if ch.isdigit() or ch == "+")
        wards.append(
            {
                "slug": ward.slug,
                "name": ward.name,
                "url": province.site_url(ward),
                "address": ward.address,
                "phone": ward.phone,
                "phone_uri": f"tel:{phone}",
                "email": ward.email,
                "former_units": [
                    {"name": u.name, "address": u.address} for u in ward.former_units
                ],
                "posts": [_item(item) for item in items],
                "note": note,
                "searchable": (
                    output / ward.slug / "pagefind" / "pagefind.js"
                ).is_file(),
            }
        )
    newest.sort(key=lambda item: item.date, reverse=True)
    indexes = [
        {
            "bundle": f"../{w['slug']}/pagefind/",
            "base": w["url"].rstrip("/") + "/",
            "name": w["name"],
        }
        for w in wards
        if w["searchable"]
    ]
    return {
        "portal": province.portal,
        "newest": [_item(item) for item in newest[:20]],
        "wards": wards,
        "indexes": indexes,
    }


def overview_settings(root: Path, province: Province, data: dict) -> dict:
    """The engine's settings for the province's own site."""
    from pelican.settings import read_settings

    import ward_engine.defaults as engine

    work = root / WORK
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "danh-ba.md").write_text(
        DIRECTORY_PAGE.format(province=province.name), "utf-8"
    )
    shutil.copytree(files().site_template / "content" / "extra", content / "extra")
    theme = files().overview_theme
    settings = {name: getattr(engine, name) for name in engine.__all__}
    settings.update(
        PATH=str(content),
        CACHE_PATH=str(work / "cache"),
        WARD={"name": province.name},
        SITENAME=f"Tin các phường, xã — {province.name}",
        AUTHOR=province.name,
        PLUGINS=["ward_site", "ward_minify"],
        ARTICLE_PATHS=["posts"],
        DIRECT_TEMPLATES=["index", "search"],
        THEME_TEMPLATES_OVERRIDES=[str(theme / "templates")],
        THEME_STATIC_PATHS=[str(files().theme / "static"), str(theme / "static")],
        SITEURL="",
        RELATIVE_URLS=True,
        FEED_ALL_ATOM=None,
        PROVINCE_OVERVIEW=data,
    )
    return read_settings(None, override=settings)


def write_overview(root: Path, output: Path) -> int:
    from .build import print_report, run_site

    province: Province = read_province(root / WARDS_FILE)
    data = overview_data(province, output)
    settings = overview_settings(root, province, data)
    staging = root / WORK / "output"
    shutil.rmtree(staging, ignore_errors=True)
    report = run_site(settings, staging)
    if not report.ok:
        print_report(report)
        return 1
    output.mkdir(parents=True, exist_ok=True)
    shutil.copytree(staging, output, dirs_exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    missing = [w["name"] for w in data["wards"] if w["note"]]
    print(
        f"Đã ghi trang tổng hợp của {province.name} vào {output}: "
        f"{len(data['wards'])} phường, {len(data['indexes'])} chỉ mục tìm kiếm."
    )
    if missing:
        print("Chưa có tin của: " + ", ".join(missing), file=sys.stderr)
    return 0
