"""Find and replace photos inside a post body's HTML (no Pelican here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag


@dataclass(frozen=True)
class InlineImage:
    src: str
    alt: str
    title: str


def is_local(src: str) -> bool:
    return bool(src) and not (
        "://" in src or src.startswith(("//", "/", "data:", "{", "#"))
    )


def find_inline_images(html: str) -> list[InlineImage]:
    if "<img" not in html:
        return []
    soup = BeautifulSoup(html, "html.parser")
    return [
        InlineImage(img.get("src", ""), img.get("alt", ""), img.get("title", ""))
        for img in soup.find_all("img")
        if is_local(img.get("src", ""))
    ]


def _only_child(paragraph: Tag, img: Tag) -> bool:
    for child in paragraph.children:
        if child is img:
            continue
        if isinstance(child, NavigableString) and not child.strip():
            continue
        return False
    return True


def rewrite_body(
    html: str,
    figure_for: Callable[[InlineImage], str],
    picture_for: Callable[[InlineImage], str],
    marker: str,
    gallery_html: str,
) -> tuple[str, bool]:
    """Replace local images with figures (alone in a paragraph) or pictures, and
    the marker paragraph with the gallery. Returns the HTML and whether the
    marker was found."""
    marker_html = f"<p>{marker}</p>"
    has_marker = marker_html in html
    if "<img" not in html:
        return html.replace(marker_html, gallery_html, 1), has_marker
    soup = BeautifulSoup(html, "html.parser")
    for img in soup.find_all("img"):
        if not is_local(img.get("src", "")):
            continue
        image = InlineImage(
            img.get("src", ""), img.get("alt", ""), img.get("title", "")
        )
        parent = img.parent
        if isinstance(parent, Tag) and parent.name == "p" and _only_child(parent, img):
            parent.replace_with(BeautifulSoup(figure_for(image), "html.parser"))
        else:
            img.replace_with(BeautifulSoup(picture_for(image), "html.parser"))
    rewritten = str(soup)
    return rewritten.replace(marker_html, gallery_html, 1), has_marker
