"""Citizens' comment text to safe HTML: paragraphs and http(s) links, nothing else."""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup, escape

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"
_ALLOWED_TAGS = {"p", "a"}
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
    """Plain text -> <p> per paragraph, autolinked http(s) URLs.

    A blank line starts a paragraph; single line breaks are where the officer's
    editor (or the citizen's mail) wrapped the text, so they join with a space.
    The text is escaped first; nh3 then guarantees, whatever slipped through,
    that only p and a[href] with http(s) URLs remain.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = "".join(
        "<p>" + _linkify(" ".join(paragraph.split())) + "</p>"
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
