"""Read a WordPress export (WXR) into ImportedPosts."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ward_core.dates import VIETNAM
from ward_core.litter import is_litter
from ward_core.localfiles import is_file

from .htmlpage import _remove_boilerplate, _text, take_photos
from .model import ImportedPhoto, ImportedPost

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
STATUSES = {
    "publish": "published",
    "draft": "draft",
    "private": "hidden",
    "pending": "draft",
}


class WxrError(Exception):
    pass


# [caption id="…"]<img …/> Caption text[/caption], WordPress's classic editor.
_CAPTION_SHORTCODE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
_IMAGE = re.compile(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", re.IGNORECASE)


def _caption_figure(match: re.Match) -> str:
    inner = match.group(1)
    image = _IMAGE.search(inner)
    if not image:
        return inner
    caption = (inner[: image.start()] + inner[image.end() :]).strip()
    return f"<figure>{image.group(0)}<figcaption>{caption}</figcaption></figure>"


def _find_upload(url: str, uploads: Path | None) -> Path | None:
    if uploads is None:
        return None
    path = unquote(urlsplit(url).path)
    marker = "/wp-content/uploads/"
    relative = path.split(marker, 1)[1] if marker in path else Path(path).name
    for candidate in (uploads / relative, uploads / Path(relative).name):
        if not is_litter(candidate.name) and is_file(candidate):
            return candidate
    return None


def read_wxr(path: Path, uploads: Path | None) -> list[ImportedPost]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise WxrError(f"tệp WXR không đọc được ({exc}).") from None
    channel = root.find("channel")
    if channel is None:
        raise WxrError("không phải tệp xuất WordPress (thiếu <channel>).")

    def resolve(src: str) -> tuple[ImportedPhoto, str]:
        source = _find_upload(src, uploads)
        problem = (
            "" if source else f'ảnh "{src}" không có trong thư mục uploads; bỏ qua.'
        )
        return ImportedPhoto(source, src), problem

    posts = []
    for index, item in enumerate(channel.findall("item"), 1):
        if (item.findtext("wp:post_type", "", NS) or "post") != "post":
            continue
        origin = f"{path} (bài {index})"
        title = (item.findtext("title") or "").strip()
        html = item.findtext("content:encoded", "", NS) or ""
        raw_date = item.findtext("wp:post_date", "", NS)
        try:
            date = (
                dt.datetime.fromisoformat(raw_date).replace(tzinfo=VIETNAM)
                if raw_date
                else None
            )
        except ValueError:
            date = None
        categories = [
            (c.text or "").strip()
            for c in item.findall("category")
            if c.get("domain") == "category" and (c.text or "").strip()
        ]
        slug = unquote(item.findtext("wp:post_name", "", NS) or "")
        html = _CAPTION_SHORTCODE.sub(_caption_figure, html)
        # WordPress keeps paragraphs as blank lines, not <p>: restore them.
        if "<p" not in html:
            html = "".join(
                f"<p>{block}</p>" for block in html.split("\n\n") if block.strip()
            )
        soup = BeautifulSoup(f"<div>{html}</div>", "html.parser")
        body = soup.div
        _remove_boilerplate(body)
        photos, problems = take_photos(body, resolve)
        for p in body.find_all("p"):
            if not _text(p) and not p.find("img"):
                p.decompose()
        status = STATUSES.get(item.findtext("wp:status", "publish", NS), "draft")
        posts.append(
            ImportedPost(
                origin=origin,
                title=title,
                date=date,
                body_html=str(body),
                category=categories[0] if categories else "",
                slug=slug,
                status=status,
                photos=photos,
                problems=problems,
                old_url=(item.findtext("link") or "").strip(),
            )
        )
    return posts
