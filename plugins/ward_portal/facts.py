"""What the site has, gathered from its sources (the same for `make check` and the
build's catalogue), for ward_core.compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ward_core.compliance import Item, LeaderFact, Requirement, SiteFacts
from ward_core.dates import DateFormatError, parse_vn_datetime
from ward_core.intro import parse_intro_file
from ward_core.leaders import parse_leaders_file
from ward_core.procedures import parse_procedures_file
from ward_core.sources import SiteSources, SourceFile


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_vn_datetime(value).date()
    except DateFormatError:
        return None


def _updated(header: Mapping[str, Any]) -> dt.date | None:
    return _date(header.get("modified")) or _date(header.get("date"))


def _url(pattern: str, slug: str) -> str:
    try:
        return pattern.format(slug=slug)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{slug}/"


def _words(value: Any) -> str:
    """Every text inside a header value (lists of documents, tags…), flattened."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return " ".join(_words(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_words(v) for v in value)
    return ""


def _published(source: SourceFile, is_page: bool) -> bool:
    """Drafts are not published; a hidden page is (only left out of the menu)."""
    status = source.header.get("status")
    word = status.strip().lower() if isinstance(status, str) else ""
    return word != "draft" and (is_page or word != "hidden")


def _file_date(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _file(sources: SiteSources, relative: str) -> tuple[Path | None, str]:
    path = (sources.content_root / relative).resolve()
    if path in sources.proposed:
        return path, sources.proposed[path]
    if path.is_file():
        return path, sources.read(path)
    return None, ""


def gather(sources: SiteSources, requirements: list[Requirement]) -> SiteFacts:
    settings = sources.settings
    facts = SiteFacts(
        ward={
            k: v
            for k, v in (settings.get("WARD") or {}).items()
            if isinstance(v, str) and v.strip()
        }
    )
    for source in sources.files:
        if source.problems or not _published(source, source.is_page):
            continue
        header = source.header
        title = header.get("title") if isinstance(header.get("title"), str) else ""
        slug = sources.slug_of(source)
        if source.is_page:
            url = _url(str(settings.get("PAGE_URL", "{slug}/")), slug)
            facts.pages[slug] = Item(title, url, _updated(header))
            continue
        url = _url(str(settings.get("ARTICLE_URL", "{slug}/")), slug)
        text = " ".join(
            _words(header.get(k))
            for k in ("title", "summary", "tags", "category", "documents")
        )
        post = Item(title, url, _updated(header), text)
        facts.posts.append(post)
        if header.get("documents"):
            facts.documents.append(post)
    for req in requirements:
        if not req.file:
            continue
        path, text = _file(sources, req.file)
        if path is None:
            continue
        updated = _file_date(path)
        if req.evidence == "leaders":
            parsed = parse_leaders_file(text, sources.content_root)
            facts.leaders = [
                LeaderFact(person.name, bool(person.biography), bool(person.duties))
                for person in parsed.leaders
                if person.current
            ]
            facts.leaders_updated = updated
        elif req.evidence == "intro":
            if facts.intro is None:
                intro = parse_intro_file(text, sources.content_root).intro
                facts.intro = intro.missing() if intro else {}
                facts.intro_updated = updated
        elif req.evidence == "procedures":
            facts.procedures = len(parse_procedures_file(text).procedures)
            facts.procedures_updated = updated
        else:
            facts.files[req.file] = Item(req.title, req.url or req.file, updated)
    return facts
