"""Read one saved HTML page of an old portal into an ImportedPost.

Old portals differ, so every step tries the common layouts in turn: NukeViet 4
(news-bodyhtml, the date line beside the title), WordPress (entry-content,
wp-caption), portal CMSs (news-detail, content-detail) and bare pages whose
photos and captions follow the text as separate paragraphs.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from ward_core import legacy_text
from ward_core.litter import is_litter
from ward_core.localfiles import is_file

from .dates import find_date
from .model import ImportedPhoto, ImportedPost

BODY_SELECTORS = (
    "#news-bodyhtml",
    ".bodytext",
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
    r"share|tin liên quan|tin khác|các tin khác|lượt xem.*|số lượt xem.*|views?:? ?\d*|"
    r"gửi bình luận|bài viết liên quan|trở về|quay lại|tweet|gửi bài viết qua email|"
    r"lưu bài viết này|in ra|xem tiếp)\s*:?$",
    re.IGNORECASE,
)
BOILERPLATE_CLASS = re.compile(
    r"share|social|comment|binh-?luan|related|lien-?ket|breadcrumb|sidebar|widget|"
    r"view-?count|luot-?xem|print|tags?-links|navigation|pagination|back-?to-?top|"
    r"fb-like|zalo|other-news|rating",
    re.IGNORECASE,
)
CAPTION_MAX = 220
# Where an old page names the font its text was typed in.
FONT_FACE = re.compile(
    r"(?:face\s*=\s*[\"']?|font-family\s*:\s*[\"']?)([^\"';,>]+)", re.I
)
# What a caption written in the photo's own paragraph may be wrapped in.
INLINE_CAPTION_TAGS = {"br", "em", "i", "strong", "b", "span", "font", "small"}


class PageError(Exception):
    pass


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split()) if node else ""


TITLE_SELECTORS = (
    "[itemprop=headline]",
    ".news_column h1.title",
    "article h1, main h1, .entry-title, .post-title, .news-title, h1.title",
)
# Where portals print the date line beside the title.
DATE_SELECTORS = (
    ".entry-date, .post-date, .date, .news-date, .ngay-dang, .time, .publtime, "
    ".news_column .h5, .news-time, .post-time, .meta-date"
)
# Text this close after the title is the date line, not the article.
DATE_LINE_REACH = 240


def _title_node(soup: BeautifulSoup, body: Tag | None) -> Tag | None:
    candidates = [soup.select_one(selector) for selector in TITLE_SELECTORS]
    candidates += [body.find_previous("h1") if body else None, soup.find("h1")]
    for candidate in candidates:
        if candidate and _text(candidate):
            return candidate
    return None


def _title(soup: BeautifulSoup, node: Tag | None) -> str:
    if node is not None:
        return _text(node)
    meta = soup.find("meta", property="og:title")
    if meta and meta.get("content", "").strip():
        return meta["content"].strip()
    if soup.title and soup.title.string:
        # "Tên bài - Cổng thông tin phường" → "Tên bài"
        return re.split(r"\s+[|–-]\s+", soup.title.string.strip())[0]
    return ""


def _hidden(node: Tag) -> bool:
    """Not shown to readers: scripts, and NukeViet's hidden schema.org spans."""
    if node.name in ("script", "style"):
        return True
    for element in [node, *node.parents]:
        classes = set(element.get("class", []) or [])
        if classes & {"hidden", "hide", "d-none"} or element.has_attr("hidden"):
            return True
    return False


def _date_line_after(title: Tag | None, body: Tag | None) -> str:
    """The text printed right after the title, up to where the article starts."""
    if title is None:
        return ""
    parts: list[str] = []
    for node in title.next_elements:
        if body is not None and (node is body or body in getattr(node, "parents", [])):
            break
        if isinstance(node, NavigableString) and not _hidden(node.parent):
            parts.append(str(node))
            if sum(len(p.strip()) for p in parts) > DATE_LINE_REACH:
                break
    return " ".join(parts)


def _date(
    soup: BeautifulSoup, title: Tag | None, body: Tag | None
) -> dt.datetime | None:
    candidates = [
        (m.get("content") or "")
        for m in soup.find_all("meta")
        if m.get("property") in ("article:published_time", "og:published_time")
        or m.get("name") in ("pubdate", "publishdate", "date")
    ]
    candidates += [t.get("datetime", "") for t in soup.find_all("time")]
    candidates += [_text(t) for t in soup.find_all("time")]
    candidates += [_text(node) for node in soup.select(DATE_SELECTORS)]
    candidates += re.findall(
        r"Ngày (?:đăng|cập nhật)\s*:?\s*[^\n<]{6,30}", soup.get_text(" ")
    )
    candidates.append(_date_line_after(title, body))
    if soup.select_one("#news-bodyhtml") is None:
        # NukeViet puts its edit time there: a wrong date is worse than none.
        candidates += [
            node.get("content") or _text(node)
            for node in soup.select("[itemprop=datePublished]")
        ]
    for candidate in candidates:
        value = find_date(candidate)
        if value:
            return value
    return None


def _category(soup: BeautifulSoup, title: str) -> str:
    meta = soup.find("meta", property="article:section")
    if meta and meta.get("content"):
        return meta["content"].strip()
    link = soup.select_one(
        'a[rel~="category"], .cat-links a, .category a, .chuyen-muc a'
    )
    if link and _text(link):
        return _text(link)
    for selector in (
        "[itemtype*=BreadcrumbList] [itemprop=name]",
        ".breadcrumbs a, .breadcrumb a, nav[aria-label*=readcrumb] a",
    ):
        crumbs = [_text(node) for node in soup.select(selector)]
        crumbs = [
            c
            for c in crumbs
            if c and c.lower() not in ("trang chủ", "home") and c != title
        ]
        if crumbs:
            return crumbs[-1]
    return ""


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


def _old_url(soup: BeautifulSoup, raw: str) -> str:
    """Where the page lived on the old portal, for the redirect map."""
    for url in (
        (soup.find("link", rel="canonical") or {}).get("href"),
        (soup.find("meta", property="og:url") or {}).get("content"),
    ):
        if url and url.startswith(("http://", "https://", "/")):
            return url.strip()
    # Browsers mark a saved page with <!-- saved from url=(0047)https://… -->.
    saved = re.search(r"<!-- saved from url=\(\d+\)(\S+?) -->", raw[:4096])
    return saved.group(1) if saved else ""


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


def _add_nukeviet3_lead(soup: BeautifulSoup, body: Tag) -> str:
    """NukeViet 3 prints the lead (#hometext) with its main photo (#imghome, or a
    full-width block after it) above `.bodytext`: both go to the top of the
    body, the photo as a figure with its caption. The lead is also returned,
    as the post's summary."""
    detail = body.find_parent(id="news_detail")
    lead = detail.find(id="hometext") if detail else None
    if lead is None or body.get("id") == "news-bodyhtml":
        return ""
    holders = [lead.find(id="imghome")]
    following = lead.find_next_sibling("div")
    if following is not None and following is not body and following.find("img"):
        holders.append(following)  # the "imgfull" layout
    figures = []
    for holder in (h for h in holders if h is not None and h.find("img")):
        img = holder.find("img")
        note = holder.find("p")
        figure = soup.new_tag("figure")
        figure.append(copy.copy(img))
        if note is not None and _text(note):
            caption = soup.new_tag("figcaption")
            caption.string = _text(note)
            figure.append(caption)
        figures.append(figure)
        holder.extract()
    text = _text(lead)
    if text:
        paragraph = soup.new_tag("p")
        paragraph.string = text
        body.insert(0, paragraph)
    for figure in reversed(figures):
        body.insert(0, figure)
    return text


def _add_nukeviet_lead(soup: BeautifulSoup, body: Tag) -> None:
    """NukeViet prints the lead (hometext) and its main photo above the body."""
    if body.get("id") != "news-bodyhtml":
        return
    column = body.find_parent(class_="news_column") or body.parent
    lead = column.select_one(".hometext") if column else None
    figures = [
        figure
        for figure in (column.select("figure.article") if column else [])
        if not figure.find_parent(id="imgpreview")
    ]
    if lead is not None and _text(lead):
        paragraph = soup.new_tag("p")
        for child in list(lead.contents):
            paragraph.append(copy.copy(child))
        body.insert(0, paragraph)
    if figures:
        body.insert(0, copy.copy(figures[0]))


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
        if not is_litter(candidate.name) and is_file(candidate):
            return candidate
    return None


def _short_text(node) -> str:
    text = _text(node)
    return text if 0 < len(text) <= CAPTION_MAX and not node.find("img") else ""


def _caption_in_same_block(img: Tag) -> tuple[str, list[PageElement]]:
    """`<p><img><br><em>Chú thích</em></p>`: the words after the photo, same block."""
    anchor: Tag = img
    if img.parent is not None and img.parent.name == "a" and not _text(img.parent):
        anchor = img.parent
    nodes: list[PageElement] = []
    for sibling in anchor.next_siblings:
        is_caption_part = isinstance(sibling, NavigableString) or (
            sibling.name in INLINE_CAPTION_TAGS and not sibling.find("img")
        )
        if not is_caption_part:
            return "", []  # more photos or blocks follow: not a caption
        nodes.append(sibling)
    text = " ".join(
        " ".join(
            n.get_text(" ") if isinstance(n, Tag) else str(n) for n in nodes
        ).split()
    )
    if not text or len(text) > CAPTION_MAX:
        return "", []
    return text, nodes


def _photo_table(img: Tag) -> Tag | None:
    """`<table class="image">` (CKEditor, NukeViet) and the like: one photo and
    its caption in a table of one column and at most two rows."""
    table = img.find_parent("table")
    if table is None or len(table.find_all("img")) != 1:
        return None
    rows = table.find_all("tr")
    if not 1 <= len(rows) <= 2 or any(len(r.find_all(["td", "th"])) != 1 for r in rows):
        return None
    others = [_text(row) for row in rows if not row.find("img")]
    return table if all(len(text) <= CAPTION_MAX for text in others) else None


def _caption_for(img: Tag) -> tuple[str, list[PageElement]]:
    """The caption of a photo and the nodes holding it (to remove from the body)."""
    figure = img.find_parent("figure")
    if figure and figure.find("figcaption"):
        return _text(figure.find("figcaption")), [figure.find("figcaption")]
    wrapper = img.find_parent(class_=re.compile(r"wp-caption|image-caption|photo"))
    if wrapper:
        caption = wrapper.find(class_=re.compile(r"caption-text|caption|chu-thich"))
        if caption and caption is not wrapper:
            return _text(caption), [caption]
    table = _photo_table(img)
    if table is not None:
        cells = [cell for cell in table.find_all(["td", "th"]) if not cell.find("img")]
        return " ".join(_text(cell) for cell in cells).strip(), cells
    if img.get("title"):
        return img["title"].strip(), []
    # The text right under the image, in the same block, or the next short paragraph.
    text, nodes = _caption_in_same_block(img)
    if text:
        return text, nodes
    block = img.find_parent(["p", "div", "td"]) or img
    following = block.find_next_sibling()
    if following is not None and following.name in ("p", "em", "div", "span", "i"):
        text = _short_text(following)
        if text:
            return text, [following]
    return "", []


def take_photos(body: Tag, resolve) -> tuple[list[ImportedPhoto], list[str]]:
    """Move every photo (and its caption) out of the body into the gallery list."""
    photos: list[ImportedPhoto] = []
    problems: list[str] = []
    for img in list(body.find_all("img")):
        src = img.get("src", "")
        table = _photo_table(img)  # before its caption cell is taken out
        caption, caption_nodes = _caption_for(img)
        photo, problem = resolve(src)
        if problem:
            problems.append(problem)
        photo.caption = caption
        photos.append(photo)
        for node in caption_nodes:
            node.extract()
        container = (
            img.find_parent("figure")
            or img.find_parent(class_=re.compile(r"wp-caption|image-caption"))
            or table
        )
        target = container or img
        linked = img.parent is not None and img.parent.name == "a"
        if target is img and linked and not _text(img.parent):
            target = img.parent
        parent = target.parent
        target.decompose()
        # Drop what held only the photo: an empty paragraph, a lone <br>.
        while parent is not None and parent.name in ("p", "div", "a", "center"):
            for br in parent.find_all("br"):
                if not _text(parent):
                    br.decompose()
            if _text(parent) or parent.find("img") or parent is body:
                break
            grandparent = parent.parent
            parent.decompose()
            parent = grandparent
    return photos, problems


def _decode(raw: bytes) -> str:
    """UTF-8, or the bytes as Windows-1252 shows them: pages typed in TCVN3 or
    VNI were saved that way, and their tables work on those characters."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return legacy_text.surface(raw)


def refuse_garbled(text: str) -> None:
    """Text that still reads as mojibake after conversion is never imported."""
    if legacy_text.looks_garbled(text):
        raise PageError(
            "chữ trong tệp không đọc được (có thể gõ bằng mã cũ mà không nhận ra "
            "chắc chắn được). Mở tệp với đúng phông chữ, chuyển mã sang Unicode "
            "(Unikey: Công cụ chuyển mã) rồi nhập lại."
        )


def to_unicode(soup: BeautifulSoup, html: str) -> legacy_text.Verdict:
    """Convert a page typed in a legacy Vietnamese encoding, judged by the fonts
    it names (.VnTime, VNI-Times) or else by its characters."""
    texts = [node for node in soup.find_all(string=True) if node.strip()]
    verdict = legacy_text.verdict_for(" ".join(texts), FONT_FACE.findall(html))
    if verdict.encoding is None:
        return verdict
    for node in texts:
        if isinstance(node, NavigableString) and legacy_text.can_be_legacy(node):
            node.replace_with(legacy_text.convert(str(node), verdict.encoding))
    return verdict


def read_page(path: Path) -> ImportedPost:
    raw = path.read_bytes()
    head = raw[:2048].lower()
    if b"\x00" in raw[:1024] or not (
        b"<html" in head or b"<!doctype html" in head or b"<body" in raw.lower()
    ):
        raise PageError("tệp này không phải trang HTML (không có thẻ <html>/<body>).")
    html = _decode(raw)
    soup = BeautifulSoup(html, "html.parser")
    legacy = to_unicode(soup, html)
    body = _body(soup)
    if body is None:
        raise PageError("không tìm thấy nội dung bài trong trang.")
    refuse_garbled(_text(body))
    title_node = _title_node(soup, body)
    title = _title(soup, title_node)
    if not title:
        raise PageError("trang không có tiêu đề (không thấy <h1> hay <title>).")
    date = _date(soup, title_node, body)
    category = _category(soup, title)
    slug = _slug(soup, path)
    old_url = _old_url(soup, html)
    summary = _add_nukeviet3_lead(soup, body)
    _add_nukeviet_lead(soup, body)
    _remove_boilerplate(body)

    def resolve(src: str) -> tuple[ImportedPhoto, str]:
        source = _resolve_image(src, path)
        problem = (
            ""
            if source
            else f'ảnh "{src}" không có trong thư mục đã lưu (liên kết hỏng); bỏ qua.'
        )
        return ImportedPhoto(source, src), problem

    photos, problems = take_photos(body, resolve)
    if legacy.encoding:
        problems.insert(0, legacy_text.note_for(legacy))
    return ImportedPost(
        origin=str(path),
        title=title,
        date=date,
        body_html=str(body),
        category=category,
        slug=slug,
        photos=photos,
        problems=problems,
        old_url=old_url,
        summary=summary,
    )
