"""`ward province site`: the province's overview from its wards' feeds.

Each ward's published output (public/<slug>/) has a feed: the JSON Feed 1.1
`du-lieu/tin-bai.json` when the engine writes one, else the Atom feed
`feeds/tat-ca.atom.xml` that every published site has. No page is scraped.
The overview lists every ward's newest posts, a directory of wards from
wards.yml (address, former units, contacts) and a search page that merges
every ward's Pagefind index (mergeIndex), each result labelled by its ward.
"""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import jinja2

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


def write_overview(root: Path, output: Path) -> int:
    province: Province = read_province(root / WARDS_FILE)
    theme = files().overview_theme
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme),
        autoescape=True,
        keep_trailing_newline=True,
    )
    wards = []
    newest: list[Item] = []
    for ward in province.wards:
        items, note = ward_items(output, ward)
        newest += items
        wards.append(
            {"ward": ward, "url": province.site_url(ward), "posts": items, "note": note}
        )
    newest.sort(key=lambda item: item.date, reverse=True)
    indexes = [
        {
            "bundle": f"../{w['ward'].slug}/pagefind/",
            "base": w["url"].rstrip("/") + "/",
            "name": w["ward"].name,
        }
        for w in wards
        if (output / w["ward"].slug / "pagefind" / "pagefind.js").is_file()
    ]
    pages = {
        "index.html": environment.get_template("index.html").render(
            province=province, wards=wards, newest=newest[:20], root="./"
        ),
        "tim-kiem/index.html": environment.get_template("tim-kiem.html").render(
            province=province,
            indexes=json.dumps(indexes, ensure_ascii=False),
            root="../",
        ),
    }
    for relative, html in pages.items():
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    static = output / "tinh"
    static.mkdir(exist_ok=True)
    shutil.copy2(theme / "tinh.js", static / "tinh.js")
    shutil.copy2(files().theme / "static" / "css" / "site.css", static / "site.css")
    missing = [w["ward"].name for w in wards if w["note"]]
    print(
        f"Đã ghi trang tổng hợp của {province.name} vào {output}: {len(wards)} phường, "
        f"{len(indexes)} chỉ mục tìm kiếm."
    )
    if missing:
        print("Chưa có tin của: " + ", ".join(missing), file=sys.stderr)
    return 0
