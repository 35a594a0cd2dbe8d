"""The pages Pelican writes itself, named before it runs: the home page and
the lists (DIRECT_TEMPLATES), each category, tag and author page, the year,
month and day archives, and their numbered pages ("trang-2/").

An old portal's address can be one of them (/chuyen-muc/tin-tuc/ on both the
old and the new site); a redirect page written there would replace the list,
so the redirects' rule must know them from the sources alone, as `make check`
and the importer see the site. Computed as Pelican 4.12 does (its settings
and defaults, its slugify through ward_core.slugs, its paginator's count);
tests/test_redirect_list_pages.py checks the result against a real build.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from .dates import DateFormatError, parse_vn_datetime
from .pasted import clean_text
from .sitesettings import PELICAN_DEFAULTS
from .slugs import slug_from_title
from .sources import SiteSources

# What each list is called in a message to the officer.
_DIRECT_NAMES = {
    "index": "trang chủ",
    "categories": "trang danh sách chuyên mục",
    "tags": "trang danh sách thẻ",
    "authors": "trang danh sách tác giả",
    "archives": "trang lưu trữ",
    "404": "trang báo không tìm thấy (404)",
    "search": "trang tìm kiếm",
}


def _setting(settings: Mapping[str, Any], name: str) -> Any:
    value = settings.get(name)
    return PELICAN_DEFAULTS.get(name) if value is None else value


def _listed(sources: SiteSources) -> list[Mapping[str, Any]]:
    """Headers of the posts Pelican lists (published: not drafts, not hidden)."""
    listed = []
    for source in sources.articles:
        status = str(source.header.get("status") or "published").strip().lower()
        if not source.problems and source.header.get("title") and status == "published":
            listed.append(source.header)
    return listed


def _names(value: Any) -> list[str]:
    """Tag names as the front matter gives them: a list, or "a, b; c"."""
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value or ""))
    return [clean_text(str(item)).strip() for item in items if str(item).strip()]


def _date(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return parse_vn_datetime(str(value))
    except DateFormatError:
        return None


def _numbered(
    settings: Mapping[str, Any], template: str, save_as: str, count: int
) -> list[str]:
    """Every file of a paginated list: ``save_as`` and its numbered pages."""
    if template not in (_setting(settings, "PAGINATED_TEMPLATES") or {}):
        return [save_as]
    per_page = (_setting(settings, "PAGINATED_TEMPLATES") or {}).get(template)
    per_page = per_page or _setting(settings, "DEFAULT_PAGINATION")
    if not per_page:
        return [save_as]
    orphans = int(_setting(settings, "DEFAULT_ORPHANS") or 0)
    pages = math.ceil(max(1, count - orphans) / per_page)
    name, extension = posixpath.splitext(save_as)
    folder, file = posixpath.split(save_as)
    base_name = folder if file in ("index.htm", "index.html") else name
    rules = sorted(_setting(settings, "PAGINATION_PATTERNS"), key=lambda r: r[0])
    files = []
    for number in range(1, pages + 1):
        rule = next((r for r in rules if r[0] == -1 and number == pages), None)
        rule = rule or [r for r in rules if 0 <= r[0] <= number][-1]
        fields = {"save_as": save_as, "name": name, "base_name": base_name}
        fields |= {"extension": extension, "number": number, "url": ""}
        written = str(rule[2]).format(**fields)
        files.append(written[1:] if written.startswith("/") else written)
    return files


def list_pages(sources: SiteSources) -> dict[str, str]:
    """Output file -> what it is, in the officer's words ("chuyên mục “Tin
    tức”"), for every page Pelican itself writes for these sources."""
    settings = sources.settings
    posts = _listed(sources)
    pages: dict[str, str] = {}

    def add(template: str, pattern: str, what: str, count: int, **fields) -> None:
        if not pattern:
            return
        try:
            save_as = str(pattern).format(**fields)
        except (KeyError, IndexError, ValueError, AttributeError):
            return  # a pattern Pelican would also fail on: its own error says so
        for file in _numbered(settings, template, save_as, count):
            pages.setdefault(file, what)

    for template in _setting(settings, "DIRECT_TEMPLATES") or []:
        pattern = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        what = _DIRECT_NAMES.get(template, f"trang {template}")
        add(template, pattern, what, len(posts))
    groups: dict[tuple[str, str], list] = defaultdict(list)
    default_category = str(_setting(settings, "DEFAULT_CATEGORY"))
    default_author = str(settings.get("AUTHOR") or "")
    for header in posts:
        category = clean_text(str(header.get("category") or "")).strip()
        groups[("category", category or default_category)].append(header)
        for tag in dict.fromkeys(_names(header.get("tags"))):
            groups[("tag", tag)].append(header)
        author = clean_text(str(header.get("author") or default_author)).strip()
        if author:
            groups[("author", author)].append(header)
    labels = {"category": "chuyên mục", "tag": "thẻ", "author": "tác giả"}
    for (kind, name), members in sorted(groups.items()):
        regex_subs = settings.get(
            f"{kind.upper()}_REGEX_SUBSTITUTIONS"
        ) or settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        slug = slug_from_title(
            name,
            regex_subs=tuple(map(tuple, regex_subs)),
            preserve_case=bool(settings.get("SLUGIFY_PRESERVE_CASE", False)),
            use_unicode=bool(settings.get("SLUGIFY_USE_UNICODE", False)),
        )
        pattern = _setting(settings, f"{kind.upper()}_SAVE_AS")
        what = f"{labels[kind]} “{name}”"
        add(kind, pattern, what, len(members), slug=slug, name=name)
    dates = [found for found in (_date(h.get("date")) for h in posts) if found]
    for granularity, key, what in (
        ("YEAR", "%Y", "trang lưu trữ năm %Y"),
        ("MONTH", "%Y-%m", "trang lưu trữ tháng %m/%Y"),
        ("DAY", "%Y-%m-%d", "trang lưu trữ ngày %d/%m/%Y"),
    ):
        pattern = _setting(settings, f"{granularity}_ARCHIVE_SAVE_AS")
        for date in {date.strftime(key): date for date in dates}.values():
            add("period_archives", pattern, date.strftime(what), 0, date=date)
    return pages
