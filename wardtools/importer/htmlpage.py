"""Read one saved HTML page of an old portal into an ImportedPost.

Old portals differ, so every step tries the common layouts in turn: WordPress
(entry-content, wp-caption), portal CMSs (news-detail, content-detail) and bare
pages whose photos and captions follow the text as separate paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ward_core.dates import VIETNAM, DateFormatError, parse_vn_datetime

from .model import ImportedPhoto, ImportedPost

BODY_SELECTORS = (
    "[itemprop=articleBody]",
    ".entry-content",
    ".post-content",
    ".article-content",
    ".news-detail",
    ".content-detail",
    ".noi-dung",
    "article .content",
    "article",
    "main",
)
# Blocks every old portal repeats around the text.
BOILERPLATE_TEXT = re.compile(
    r"^(bình luận|liên kết|return to top|về đầu trang|lên đầu trang|in bài|chia sẻ|"
    r"share|tin liên quan|tin khác|lượt xem.*|số lượt xem.*|views?:? ?\d*|gửi bình luận|"
    r"bài viết liên quan|trở về|quay lại)\s*:?$",
    re.IGNORECASE,
)
BOILERPLATE_CLASS = re.compile(
    r"share|social|comment|binh-?luan|related|lien-?ket|breadcrumb|sidebar|widget|"
    r"view-?count|luot-?xem|print|tags?-links|navigation|pagination|back-?to-?top",
    re.IGNORECASE,
)
_DATE_TEXT = re.compile(
    r"(\d{1,2}/\d{1,2}/\d{4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2})?"
    r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?)"
)
CAPTION_MAX = 220


class PageError(Exception):
    pass


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split()) if node else ""


def _title(soup: BeautifulSoup, body: Tag | None) -> str:
    for candidate in (
        body.find_previous("h1") if body else None,
        soup.select_one("article h1, main h1, .entry-title, .post-title, .news-title"),
        soup.find("h1"),
    ):
        if candidate and _text(candidate):
            return _text(candidate)
    meta = soup.find("meta", property="og:title")
    if meta and meta.get("content", "").strip():
        return meta["content"].strip()
    if soup.title and soup.title.string:
        # "Tên bài - Cổng thông tin phường" → "Tên bài"
        return re.split(r"\s+[|–-]\s+", soup.title.string.strip())[0]
    return ""


def _parse_date(text: str) -> dt.datetime | None:
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        try:
            return dt.datetime.fromisoformat(text).astimezone(VIETNAM)
        except ValueError:
            pass
    match = _DATE_TEXT.search(text)
    if not match:
        return None
    value = re.sub(r"\s*[-|,]\s*", " ", match.group(1)).replace("h", ":")
    try:
        return parse_vn_datetime(value)
    except DateFormatError:
        return None


def _date(soup: BeautifulSoup) -> dt.datetime | None:
    candidates = [
        (m.get("content") or "")
        for m in soup.find_all("meta")
        if m.get("property") in ("article:published_time", "og:published_time")
        or m.get("itemprop") == "datePublished"
    ]
    candidates += [t.get("datetime", "") for t in soup.find_all("time")]
    candidates += [_text(t) for t in soup.find_all("time")]
    candidates += [
        _text(node)
        for node in soup.select(
            ".entry-date, .post-date, .date, .news-date, .ngay-dang, .time"
        )
    ]
    candidates += re.findall(
        r"Ngày (?:đăng|cập nhật)\s*:?\s*[^\n<]{6,30}", soup.get_text(" ")
    )
    for candidate in candidates:
        value = _parse_date(candidate)
        if value:
            return value
    return None


def _category(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", property="article:section")
    if meta and meta.get("content"):
        return meta["content"].strip()
    link = soup.select_one(
        'a[rel~="category"], .cat-links a, .category a, .chuyen-muc a'
    )
    if link and _text(link):
        return _text(link)
    crumbs = [
        _text(a) for a in soup.select(".breadcrumb a, nav[aria-label*=readcrumb] a")
    ]
    crumbs = [c for c in crumbs if c and c.lower() not in ("trang chủ", "home")]
    return crumbs[-1] if crumbs else ""


def _slug(soup: BeautifulSoup, path: Path) -> str:
    for url in (
        (soup.find("link", rel="canonical") or {}).get("href"),
        (soup.find("meta", property="og:url") or {}).get("content"),
    ):
        if url:
            last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
            last = re.sub(r"\.(html?|aspx|php)$", "", last)
            if last and last not in ("index", ""):
                return last
    return re.sub(r"\.(html?|aspx|php)$", "", path.name)


def _body(soup: BeautifulSoup) -> Tag | None:
    for selector in BODY_SELECTORS:
        found = soup.select(selector)
        if found:
            return max(found, key=lambda node: len(_text(node)))
    candidates = soup.find_all(["div", "section", "td"])
    return max(
        candidates,
        key=lambda n: len(n.find_all("p", recursive=False)),
        default=soup.body,
    )


def _remove_boilerplate(body: Tag) -> None:
    for tag in body.find_all(
        [
            "script",
            "style",
            "noscript",
            "iframe",
            "form",
            "nav",
            "aside",
            "button",
            "input",
        ]
    ):
        tag.decompose()
    for tag in list(body.find_all(True)):
        if tag.decomposed:
            continue
        classes = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "")
        if BOILERPLATE_CLASS.search(classes):
            tag.decompose()
    for tag in list(body.find_all(["p", "div", "span", "h2", "h3", "h4", "a", "li"])):
        if (
            not tag.decomposed
            and BOILERPLATE_TEXT.match(_text(tag))
            and not tag.find("img")
        ):
            tag.decompose()
    for heading in body.find_all("h1"):
        heading.decompose()  # the title is taken separately


def _resolve_image(src: str, page: Path) -> Path | None:
    if not src or src.startswith("data:"):
        return None
    path = (
        unquote(urlsplit(src).path) if "://" in src else unquote(src.split("?", 1)[0])
    )
    candidates = [page.parent / path.lstrip("/")]
    # "Save page as…" puts images in "<name>_files/"; portals keep /uploads/… paths.
    files_dir = page.parent / f"{page.stem}_files"
    candidates += [files_dir / Path(path).name, page.parent / Path(path).name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def _short_text(node) -> str:
    text = _text(node)
    return text if 0 < len(text) <= CAPTION_MAX and not node.find("img") else ""


def _caption_for(img: Tag) -> tuple[str, list[Tag]]:
    """The caption of a photo and the nodes holding it (to remove from the body)."""
    figure = img.find_parent("figure")
    if figure and figure.find("figcaption"):
        return _text(figure.find("figcaption")), [figure.find("figcaption")]
    wrapper = img.find_parent(class_=re.compile(r"wp-caption|image-caption|photo"))
    if wrapper:
        caption = wrapper.find(class_=re.compile(r"caption-text|caption|chu-thich"))
        if caption and caption is not wrapper:
            return _text(caption), [caption]
    if img.get("title"):
        return img["title"].strip(), []
    # The text right under the image, in the same block, or the next short paragraph.
    block = img.find_parent(["p", "div", "td"]) or img
    inline = [
        s for s in img.next_siblings if isinstance(s, NavigableString) and s.strip()
    ]
    if inline and len(" ".join(inline)) <= CAPTION_MAX:
        return " ".join(" ".join(s.split()) for s in inline), []
    following = block.find_next_sibling()
    if following is not None and following.name in ("p", "em", "div", "span", "i"):
        text = _short_text(following)
        if text:
            return text, [following]
    return "", []


def read_page(path: Path) -> ImportedPost:
    raw = path.read_bytes()
    head = raw[:2048].lower()
    if b"\x00" in raw[:1024] or not (
        b"<html" in head or b"<!doctype html" in head or b"<body" in raw.lower()
    ):
        raise PageError("tệp này không phải trang HTML (không có thẻ <html>/<body>).")
    soup = BeautifulSoup(raw.decode("utf-8", errors="replace"), "html.parser")
    body = _body(soup)
    if body is None:
        raise PageError("không tìm thấy nội dung bài trong trang.")
    title = _title(soup, body)
    if not title:
        raise PageError("trang không có tiêu đề (không thấy <h1> hay <title>).")
    date = _date(soup)
    category = _category(soup)
    slug = _slug(soup, path)
    _remove_boilerplate(body)

    photos: list[ImportedPhoto] = []
    problems: list[str] = []
    for img in list(body.find_all("img")):
        src = img.get("src", "")
        caption, caption_nodes = _caption_for(img)
        source = _resolve_image(src, path)
        if source is None:
            problems.append(
                f'ảnh "{src}" không có trong thư mục đã lưu (liên kết hỏng); bỏ qua.'
            )
        photos.append(ImportedPhoto(source, src, caption))
        for node in caption_nodes:
            node.decompose()
        container = img.find_parent("figure") or img.find_parent(
            class_=re.compile(r"wp-caption|image-caption")
        )
        target = container or img
        parent = target.parent
        target.decompose()
        if (
            parent is not None
            and parent.name in ("p", "div", "a")
            and not _text(parent)
            and not parent.find("img")
        ):
            parent.decompose()
    date_problem = (
        [] if date else ["không tìm thấy ngày đăng; dùng ngày nhập, cần sửa lại."]
    )
    return ImportedPost(
        origin=str(path),
        title=title,
        date=date,
        body_html=str(body),
        category=category,
        slug=slug,
        photos=photos,
        problems=date_problem + problems,
    )
