"""The Hugo + Pagefind peer: the same posts as a Hugo site, built by Hugo and
indexed by the project's own Pagefind (pagefind_bin from requirements.txt)
with the options plugins/ward_search/indexer.py uses.

`convert()` turns our posts (YAML front matter, Vietnamese dates) into Hugo
posts (ISO dates; categories, tags, officials and documents as taxonomies; the
body as is) and writes a config that uses the bench's own theme in
bench/hugo_theme/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from ward_search.indexer import pagefind_command  # the site's own call

from bench.measure import Measurement, measure

THEMES = Path(__file__).resolve().parent
THEME = "hugo_theme"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
_VN_DATE = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:\s+(?P<H>\d{1,2})[:h](?P<M>\d{2}))?$"
)
_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2}))?$"
)
_OFFICIAL = re.compile(
    r"^(?:(?P<honorific>Đồng chí|Đ/c|Ông|Bà)\s+)?(?P<name>[^–—]+?)\s*(?:–|—|\s-\s)\s*"
    r"(?P<role>.+?)\s*(?P<presiding>\(chủ trì\))?$"
)
_NUMBER = re.compile(r"(?:số\s+)?(?P<number>\d[^\s]*[/-][^\s]+)")

CONFIG = """\
baseURL = "/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "Trang tin điện tử phường"
theme = "{theme}"
themesDir = "{themes}"
paginate = 10
paginatePath = "trang"
summaryLength = 50
timeZone = "Asia/Ho_Chi_Minh"
enableRobotsTXT = true

[params]
address = "Ủy ban nhân dân phường"

[taxonomies]
category = "categories"
tag = "tags"
official = "officials"
document = "documents"

[permalinks]
posts = "/:slug/"
categories = "/chuyen-muc/:slug/"
tags = "/the/:slug/"
officials = "/can-bo/:slug/"
documents = "/van-ban/:slug/"

[markup.goldmark.renderer]
unsafe = true
"""


class ConversionError(ValueError):
    pass


def split_post(text: str) -> tuple[dict, str]:
    """Front matter (as YAML) and body of one of our posts."""
    if not text.startswith("---"):
        raise ConversionError("no front matter")
    _, front, body = text.split("---", 2)
    values = yaml.safe_load(front) or {}
    if not isinstance(values, dict):
        raise ConversionError("front matter is not a mapping")
    return values, body.lstrip("\n")


def iso_date(value: object) -> str:
    """dd/mm/yyyy [HH:MM] or yyyy-mm-dd [HH:MM], Vietnam time, as ISO 8601."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        match = _VN_DATE.match(text) or _ISO_DATE.match(text)
        if not match:
            raise ConversionError(f"unreadable date {text!r}")
        moment = dt.datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.isoformat()


def _as_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def official(entry: object) -> dict:
    """{honorific, name, role, presiding} from "Ông Họ Tên – Chức vụ (chủ trì)"."""
    if isinstance(entry, dict):
        return {
            "honorific": str(entry.get("honorific", "")),
            "name": str(entry["name"]),
            "role": str(entry.get("role", "")),
            "presiding": bool(entry.get("presiding", False)),
        }
    match = _OFFICIAL.match(str(entry).strip())
    if not match:
        raise ConversionError(f"unreadable official {entry!r}")
    return {
        "honorific": match["honorific"] or "",
        "name": match["name"].strip(),
        "role": match["role"].strip(),
        "presiding": bool(match["presiding"]),
    }


def document_term(entry: object) -> str:
    """The taxonomy term of a cited document: its number and year, as on our
    document pages (342/KH-UBND of 2023 and of 2024 are two documents)."""
    if isinstance(entry, dict):
        number, date = str(entry["number"]), entry.get("date")
    else:
        text = str(entry)
        found = _NUMBER.search(text)
        if not found:
            raise ConversionError(f"unreadable document {entry!r}")
        number = found["number"]
        date = text.split(" ngày ", 1)[1].strip() if " ngày " in text else None
    year = re.search(r"/(\d{4})/", number)
    if year:
        return f"{number} ({year[1]})"
    if date:
        return f"{number} ({iso_date(date)[:4]})"
    return number


def hugo_post(text: str, fallback_slug: str) -> str:
    """One of our posts as a Hugo post (YAML front matter, body unchanged)."""
    values, body = split_post(text)
    people = [official(o) for o in values.get("officials") or []]
    cited = list(values.get("documents") or [])
    plan = values.get("plan")
    if plan:
        cited.insert(0, plan)
    front = {
        "title": str(values["title"]),
        "slug": str(values.get("slug") or fallback_slug),
        "date": iso_date(values["date"]),
        "categories": [str(values["category"])] if values.get("category") else [],
        "tags": [str(t) for t in _as_list(values.get("tags"))],
        "officials": [p["name"] for p in people],
        "documents": [document_term(d) for d in cited],
        "people": people,
    }
    if plan:
        front["plan"] = plan if isinstance(plan, str) else str(plan.get("number"))
    for key in ("summary", "location", "attendees"):
        if values.get(key) is not None:
            front[key] = values[key]
    if values.get("status") == "draft":
        front["draft"] = True
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{header}---\n\n{body}"


def convert(content: Path, site: Path) -> int:
    """Write a Hugo site for the posts under content/posts into `site`."""
    posts = site / "content" / "posts"
    if posts.exists():
        shutil.rmtree(posts)
    posts.mkdir(parents=True)
    (site / "config.toml").write_text(
        CONFIG.format(theme=THEME, themes=str(THEMES)), encoding="utf-8"
    )
    count = 0
    for source in sorted((content / "posts").rglob("*.md")):
        slug = source.parent.name if source.name == "index.md" else source.stem
        target = posts / f"{slug}.md"
        target.write_text(
            hugo_post(source.read_text(encoding="utf-8"), slug), encoding="utf-8"
        )
        count += 1
    return count


def hugo_post_path(site: Path, our_post: Path) -> Path:
    """The Hugo copy of one of our posts."""
    slug = our_post.parent.name if our_post.name == "index.md" else our_post.stem
    return site / "content" / "posts" / f"{slug}.md"


def ensure_hugo() -> str | None:
    """Hugo's path, installing Debian's package when missing; None if impossible."""
    found = shutil.which("hugo")
    if found:
        return found
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo", "-n"]
    else:
        print("  (Hugo is missing and neither root nor sudo is available)")
        return None
    print("  (installing Hugo from Debian: apt-get install hugo)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "hugo"],
    ):
        result = subprocess.run(
            prefix + command, capture_output=True, text=True, env=env
        )
        if result.returncode != 0:
            print(f"  (apt-get failed: {result.stderr.strip()[-300:]})")
            return None
    return shutil.which("hugo")


def hugo_version(hugo: str) -> str:
    result = subprocess.run([hugo, "version"], capture_output=True, text=True)
    return result.stdout.split()[1] if result.returncode == 0 else "?"


class HugoPeer:
    """Hugo build + Pagefind over its output, timed as one."""

    def __init__(self, hugo: str, site: Path) -> None:
        self.hugo, self.site = hugo, site.resolve()
        self.public = self.site / "public"

    def clean(self) -> None:
        for name in ("public", "resources", ".hugo-cache", ".hugo_build.lock"):
            path = self.site / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def build(self) -> Measurement:
        built = measure(
            [
                self.hugo,
                "--source",
                str(self.site),
                "--destination",
                str(self.public),
                "--cacheDir",
                str(self.site / ".hugo-cache"),
                "--quiet",
            ],
            self.site,
        )
        if built.returncode != 0:
            print(built.output[-2000:], file=sys.stderr)
            raise SystemExit("bench: hugo failed")
        indexed = measure(pagefind_command(self.public), self.site)
        if indexed.returncode != 0:
            print(indexed.output[-2000:], file=sys.stderr)
            raise SystemExit("bench: pagefind over Hugo's output failed")
        larger = max(built, indexed, key=lambda m: m.peak_rss_mib)
        return Measurement(
            built.seconds + indexed.seconds,
            larger.peak_rss_mib,
            0,
            built.output + indexed.output,
            larger.peak_by_program,
        )

    def pages(self) -> int:
        return sum(1 for _ in self.public.rglob("*.html"))
