"""Citizens' comment text to safe HTML: paragraphs and http(s) links, nothing else."""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup, escape

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"
_ALLOWED_TAGS = {"p", "br", "a"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}}


def _linkify(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(line):
        url = match.group(0)
        trimmed = url.rstrip(_TRAILING)
        parts.append(str(escape(line[position : match.start()])))
        parts.append(f'<a href="{escape(trimmed)}">{escape(trimmed)}</a>')
        parts.append(str(escape(url[len(trimmed) :])))
        position = match.end()
    parts.append(str(escape(line[position:])))
    return "".join(parts)


def comment_html(text: str) -> Markup:
    """Plain text -> <p> per paragraph, <br> per line, autolinked http(s) URLs.

    The text is escaped first; nh3 then guarantees, whatever slipped through,
    that only p, br and a[href] with http(s) URLs remain.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = "".join(
        "<p>"
        + "<br>".join(_linkify(line) for line in paragraph.strip().splitlines())
        + "</p>"
        for paragraph in paragraphs
    )
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer ugc",
    )
    return Markup(cleaned)
