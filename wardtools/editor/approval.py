""" "Gửi duyệt": one HTML file of a draft's page that a leader reads on a phone.

Drafts reach the leader over Zalo or e-mail, and the preview server listens only
on this machine, so the file must stand alone: the site's stylesheet inlined,
every photo a phone-sized JPEG ``data:`` URI, no script, and a Content Security
Policy that forbids any request at all. Links into the site are kept only when
the site's real address is known (they still lead somewhere once published).
"""

from __future__ import annotations

import base64
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from PIL import Image, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

# Nothing may be fetched: images are data: URIs, styles are inline.
OFFLINE_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "font-src data:; form-action 'none'; base-uri 'none'"
)
# (longest side in pixels, JPEG quality): the first that keeps the photos of
# the file within PHOTO_BUDGET wins; a 360 px phone at 2x shows 720 px.
PHOTO_STEPS = ((800, 70), (640, 60), (480, 50), (360, 45))
PHOTO_BUDGET = 2 * 1024 * 1024
# Bounded whatever the page: a decompression bomb is refused by Pillow's own limit.
MAX_PHOTOS = 200
DRAFT_FOLDERS = ("/drafts/", "drafts/", "../drafts/")
# Parts of the page that need JavaScript or the network (reading aids, sharing).
NEEDS_SITE = (".reading-tools", ".share")
# The optional PDF: printed by a Chromium-family browser the office PC may have.
BROWSERS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "msedge",
    "microsoft-edge",
)
WINDOWS_BROWSERS = (
    "Microsoft/Edge/Application/msedge.exe",
    "Google/Chrome/Application/chrome.exe",
)
PDF_TIMEOUT_SECONDS = 120
_SRCSET_ITEM = re.compile(r"\s*(\S+)(?:\s+(\d+)w)?\s*")


class ApprovalError(Exception):
    """Why no file could be made (the message is for the officer)."""


@dataclass(frozen=True)
class ApprovalFile:
    name: str  # duyet-<slug>.html
    body: bytes
    photos: int


def approval_name(slug: str) -> str:
    return f"duyet-{slug}.html"


def _local_file(url: str, page: Path, root: Path) -> Path | None:
    """The file in the built site that an address of the page names."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = (
        root / path.lstrip("/") if path.startswith("/") else page.parent / path
    ).resolve()
    if not target.is_relative_to(root.resolve()) or not target.is_file():
        return None
    return target


def _largest_candidate(img: Tag) -> str:
    """The widest photo the <img> offers (srcset), else its src."""
    best, best_width = str(img.get("src") or ""), -1
    for item in str(img.get("srcset") or "").split(","):
        match = _SRCSET_ITEM.fullmatch(item)
        if match and int(match.group(2) or 0) > best_width:
            best, best_width = match.group(1), int(match.group(2) or 0)
    return best


def phone_jpeg(path: Path, longest: int, quality: int) -> bytes:
    """The photo as a JPEG no larger than ``longest`` pixels, upright, no metadata."""
    with Image.open(path) as opened:
        opened.draft("RGB", (longest, longest))  # JPEG: decode at a smaller scale
        photo = ImageOps.exif_transpose(opened)
        photo.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        if photo.mode != "RGB":
            photo = photo.convert("RGB")
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        return out.getvalue()


def _photos_within_budget(sources: list[Path]) -> dict[Path, bytes]:
    unique = list(dict.fromkeys(sources))
    encoded: dict[Path, bytes] = {}
    for longest, quality in PHOTO_STEPS:
        encoded = {}
        for path in unique:
            try:
                encoded[path] = phone_jpeg(path, longest, quality)
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
                log.warning("approval file: photo not readable: %s", path)
        if sum(map(len, encoded.values())) <= PHOTO_BUDGET:
            break
    return encoded


def _inline_styles(soup: BeautifulSoup, page: Path, root: Path) -> None:
    for link in soup.find_all("link"):
        rel = [r.lower() for r in link.get("rel") or []]
        target = _local_file(str(link.get("href") or ""), page, root)
        if "stylesheet" in rel and target is not None:
            style = soup.new_tag("style")
            if link.get("media"):
                style["media"] = link["media"]
            style.string = target.read_text(encoding="utf-8", errors="replace")
            link.replace_with(style)
        else:  # icons, feeds, canonical, preloads: nothing to fetch offline
            link.decompose()


def _inline_photos(soup: BeautifulSoup, page: Path, root: Path) -> int:
    for source in soup.find_all("source"):
        source.decompose()
    images = soup.find_all("img")[:MAX_PHOTOS]
    wanted = {
        id(img): _local_file(_largest_candidate(img), page, root) for img in images
    }
    encoded = _photos_within_budget([p for p in wanted.values() if p is not None])
    count = 0
    for img in soup.find_all("img"):
        data = encoded.get(wanted.get(id(img)))  # type: ignore[arg-type]
        for attribute in ("srcset", "sizes", "loading", "decoding", "fetchpriority"):
            del img[attribute]
        if data is None:
            img["src"] = ""  # not in the site: shown by its alt text only
            continue
        with Image.open(io.BytesIO(data)) as small:
            img["width"], img["height"] = str(small.width), str(small.height)
        img["src"] = "data:image/jpeg;base64," + base64.b64encode(data).decode()
        count += 1
    return count


def _offline_links(soup: BeautifulSoup, site_address: str) -> None:
    """Links into the site lead to the real site when its address is known; a
    photo's link to its large version is dropped (the photo is right there)."""
    for link in soup.find_all("a"):
        href = str(link.get("href") or "")
        parts = urlsplit(href)
        if "photo-link" in (link.get("class") or []):
            link.unwrap()
        elif parts.path.startswith(DRAFT_FOLDERS) or "/drafts/" in parts.path:
            # A draft's files are never online under this name, and too big to
            # carry: the page says there is one.
            _unlink(link)
            if "file-download" in (link.get("class") or []):
                link.name = "span"
                link["class"] = ["file-attached"]
                link.string = "có tệp kèm theo"
        elif href.startswith("#") or parts.scheme in ("http", "https", "mailto", "tel"):
            continue
        elif site_address and href.startswith("/"):
            link["href"] = site_address.rstrip("/") + href
        else:
            _unlink(link)


def _unlink(link: Tag) -> None:
    for attribute in ("href", "download", "type", "target", "rel"):
        del link[attribute]


def make_approval_file(
    page: Path,
    root: Path,
    slug: str,
    saved_at: str = "",
    site_address: str = "",
) -> ApprovalFile:
    """The standalone file of the built page ``page`` inside the built site ``root``."""
    try:
        html = page.read_text(encoding="utf-8")
    except OSError as exc:
        raise ApprovalError(
            f"chưa có trang xem trước của bài ({exc.strerror}); lưu bài, chờ xây "
            "dựng xong rồi bấm Gửi duyệt lại."
        ) from None
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["script", "noscript", "iframe", "base"]):
        element.decompose()
    for element in soup.select(", ".join(NEEDS_SITE)):
        element.decompose()
    for meta in soup.find_all("meta"):
        if str(meta.get("http-equiv", "")).lower() == "content-security-policy":
            meta.decompose()
    head = soup.head or soup.new_tag("head")
    policy = soup.new_tag(
        "meta",
        attrs={"http-equiv": "Content-Security-Policy", "content": OFFLINE_POLICY},
    )
    head.insert(0, policy)
    if not head.find("meta", attrs={"name": "robots"}):
        head.append(
            soup.new_tag("meta", attrs={"name": "robots", "content": "noindex"})
        )
    if soup.title and soup.title.string:
        soup.title.string = "Duyệt: " + soup.title.string
    _inline_styles(soup, page, root)
    photos = _inline_photos(soup, page, root)
    _offline_links(soup, site_address)
    banner = soup.find(class_="draft-banner")
    if banner is not None and saved_at:
        note = soup.new_tag("p", attrs={"class": "draft-banner-note"})
        note.string = (
            f"Tệp gửi duyệt của bản lưu lúc {saved_at}. Muốn sửa, báo lại cán bộ "
            "soạn bài; bài chỉ lên trang khi được chuyển sang Đã duyệt."
        )
        banner.append(note)
    body = unicodedata.normalize("NFC", str(soup)).encode("utf-8")
    return ApprovalFile(approval_name(slug), body, photos)


def content_disposition(name: str) -> str:
    """An attachment header with the name for every browser (RFC 6266 / 5987)."""
    from urllib.parse import quote

    ascii_name = PurePosixPath(name).name.encode("ascii", "replace").decode()
    return (
        f'attachment; filename="{ascii_name.replace(chr(34), "")}"; '
        f"filename*=UTF-8''{quote(name)}"
    )


def find_browser() -> str | None:
    """Chromium, Chrome or Edge (every Windows office PC has Edge), if any."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    for variable in ("PROGRAMFILES(X86)", "PROGRAMFILES", "LOCALAPPDATA"):
        base = os.environ.get(variable)
        for relative in WINDOWS_BROWSERS if base else ():
            candidate = Path(base, relative)
            if candidate.is_file():
                return str(candidate)
    return None


def print_to_pdf(html: bytes, browser: str | None = None) -> bytes:
    """The approval file printed to PDF by a headless browser, in a profile of
    its own (an Edge already open would otherwise take the job and return)."""
    browser = browser or find_browser()
    if browser is None:
        raise ApprovalError(
            "máy này không có Chrome, Edge hay Chromium để in PDF; gửi tệp HTML "
            "(nút Gửi duyệt) thay thế."
        )
    with tempfile.TemporaryDirectory(prefix="gui-duyet-") as folder:
        source, target = Path(folder, "duyet.html"), Path(folder, "duyet.pdf")
        source.write_bytes(html)
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={Path(folder, 'profile')}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise
        try:
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=PDF_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("print to PDF failed: %s", exc)
        data = target.read_bytes() if target.is_file() else b""
    if not data.startswith(b"%PDF"):
        raise ApprovalError(
            "trình duyệt không in được PDF; gửi tệp HTML (nút Gửi duyệt) thay thế."
        )
    return data
