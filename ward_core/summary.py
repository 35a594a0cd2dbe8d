"""Summaries for lists and feeds: the post's running text, never its tables or photos."""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from markupsafe import escape

# Whole blocks a summary leaves out: tables read as cells run together,
# photos and captions are not text, code is not prose.
SKIPPED = ("table", "figure", "picture", "img", "pre", "script", "style", "iframe")
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt")


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _blocks(root: Tag) -> list[str]:
    """The visible prose of `root`, one string per paragraph, list or heading."""
    found: list[str] = []
    for child in root.children:
        if isinstance(child, NavigableString):
            text = " ".join(str(child).split())
            if text:
                found.append(text)
        elif not isinstance(child, Tag) or child.name in SKIPPED:
            continue
        elif child.name in ("ul", "ol"):
            # A list becomes one sentence: "việc một; việc hai; việc ba."
            items = [_text(li) for li in child.find_all("li", recursive=False)]
            items = [item.rstrip(";,.") for item in items if item]
            if items:
                found.append("; ".join(items) + ".")
        elif child.name in BLOCKS:
            text = _text(child)
            if text:
                found.append(text)
        else:
            found += _blocks(child)
    return found


def plain_summary(html: str, max_words: int, suffix: str = "…") -> str:
    """At most `max_words` words of running text as one HTML paragraph ("" if none)."""
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup.find_all(SKIPPED):
        tag.decompose()
    words = " ".join(_blocks(soup)).split()
    if not words:
        return ""
    text = " ".join(words[:max_words])
    if len(words) > max_words:
        text += suffix
    return f"<p>{escape(text)}</p>"
