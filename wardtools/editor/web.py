"""The editor's HTTP side inside the preview server: the page at /quan-tri/,
its config, Decap's JavaScript from node_modules, and POST /api/v1.

Requests to the API must come from this machine, name this server in Host
(no DNS rebinding), send JSON (so another web site cannot post a plain form
to it) and, when the browser says where it comes from, come from this origin.
"""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import yaml

from ward_core.dates import VIETNAM
from ward_core.fields import TABLE, FieldTable
from ward_engine import files

from ..content_index import iter_posts
from .approval import (
    ApprovalError,
    content_disposition,
    make_approval_file,
    print_to_pdf,
)
from .backend import MAX_BODY_BYTES, LocalBackend, body_too_large_message
from .documents import SORT_FIELD, sort_key

logger = logging.getLogger(__name__)

EDITOR_PATH = "/quan-tri/"
API_PATH = "/api/v1"
STATIC = Path(__file__).resolve().parent / "static"
DECAP_PREFIX = EDITOR_PATH + "decap/"
# "Xem trên trang": Decap links here (preview_path); we answer with the page's
# address, which depends on the front matter (slug, draft or published).
VIEW_PREFIX = EDITOR_PATH + "xem/"
# "Gửi duyệt": the draft's page as one standalone file (approval.py).
APPROVAL_PREFIX = EDITOR_PATH + "gui-duyet/"
APPROVAL_PDF_PREFIX = EDITOR_PATH + "gui-duyet-pdf/"
# How long "Gửi duyệt" waits for the rebuild of a post saved a moment ago.
APPROVAL_WAIT_SECONDS = 90


def decap_dist(project: Path) -> Path:
    """The site's own node_modules copy of Decap, else the one an installed
    engine carries (the wheel has it, so a ward's site needs no Node.js)."""
    local = project / "node_modules" / "decap-cms" / "dist"
    if (local / "decap-cms.js").is_file() or files().source_checkout:
        return local
    return files().decap


def editor_available(project: Path) -> bool:
    return (decap_dist(project) / "decap-cms.js").is_file()


def how_to_enable_editor() -> str:
    return (
        "Trình soạn bài trên trình duyệt chưa bật vì máy chưa có Node.js/npm. "
        "Cài Node.js (bản LTS, https://nodejs.org; Windows: winget install OpenJS.NodeJS.LTS; "
        "macOS: brew install node; Debian/Ubuntu: sudo apt-get install npm) rồi chạy lại "
        "make serve. Trang xem trước vẫn chạy bình thường."
    )


def site_categories(settings: dict, content_root: Path) -> list[str]:
    found = {settings.get("DEFAULT_CATEGORY", "")}
    for post in iter_posts(content_root, settings):
        category = post.front_matter.get("category") if post.front_matter else None
        if isinstance(category, str):
            found.add(" ".join(category.split()))
    return sorted(c for c in found if c)


# Collections whose widgets are front-matter fields (the rest edit data files).
FRONT_MATTER_COLLECTIONS = ("posts", "pages")
BODY = "body"  # the Markdown body: last in the form
# Widgets of the post and page forms that are not front-matter fields (never
# written to the file as such): the body, the hidden date the list sorts on.
EDITOR_ONLY_WIDGETS = frozenset({BODY, SORT_FIELD})


def _widgets(config: dict, collection: str) -> list[dict]:
    for found in config.get("collections", []):
        if found.get("name") == collection:
            return found.get("fields", [])
    return []


def table_mismatches(config: dict, table: FieldTable = TABLE) -> list[str]:
    """How the editor's widgets and the field table disagree: a widget for a
    field (or item key) the table does not know, or a field the table puts in
    the editor that the posts form lacks."""
    found = []
    for collection in FRONT_MATTER_COLLECTIONS:
        for widget in _widgets(config, collection):
            name = widget.get("name")
            row = table.by_name.get(name)
            if name not in EDITOR_ONLY_WIDGETS and row is None:
                found.append(f"{collection}: {name} is not in ward_core.fields")
            elif row is not None and not row.editor:
                found.append(f"{collection}: {name} is not an editor field")
            for item in widget.get("fields", []) if row else []:
                if item.get("name") not in row.items:
                    found.append(f"{collection}: {name}.{item.get('name')} unknown")
    shown = {widget.get("name") for widget in _widgets(config, "posts")}
    found += [
        f"posts: no widget for {name}"
        for name in table.editor_order()
        if name not in shown
    ]
    return found


def in_table_order(config: dict, table: FieldTable = TABLE) -> dict:
    """The config with the front-matter forms (and their items) in the field
    table's order, the body last; widgets the table does not know keep their
    place after the known ones (and are logged)."""
    for problem in table_mismatches(config, table):
        logger.warning("config.yml và bảng trường lệch nhau: %s", problem)
    rank = {name: place for place, name in enumerate(table.names)}
    rank[BODY] = len(rank) + 1
    for collection in FRONT_MATTER_COLLECTIONS:
        widgets = _widgets(config, collection)
        widgets.sort(key=lambda widget: rank.get(widget.get("name"), len(rank)))
        for widget in widgets:
            row = table.by_name.get(widget.get("name"))
            if row and row.items and widget.get("fields"):
                order = {name: place for place, name in enumerate(row.items)}
                widget["fields"].sort(
                    key=lambda item: order.get(item.get("name"), len(order))
                )
    return config


def post_choices(settings: dict, content_root: Path) -> list[dict[str, str]]:
    """The posts a queued comment can belong to: titles, newest first."""
    posts = sorted(
        iter_posts(content_root, settings),
        key=lambda post: sort_key((post.front_matter or {}).get("date")),
        reverse=True,
    )
    return [
        {"label": str(post.title or post.slug), "value": str(post.slug)}
        for post in posts
    ]


def editor_config(settings: dict, content_root: Path) -> bytes:
    config = yaml.safe_load((STATIC / "config.yml").read_text(encoding="utf-8"))
    config = in_table_order(config)
    config["backend"] = {"name": "proxy", "proxy_url": API_PATH, "branch": "main"}
    categories = site_categories(settings, content_root)
    for collection in config["collections"]:
        for field in collection.get("fields", []):
            if field.get("name") == "category":
                field["options"] = categories
            if collection["name"] == "comment_queue" and field["name"] == "post":
                field["options"] = post_choices(settings, content_root)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


class Editor:
    """What PreviewHandler delegates to for the editor's addresses."""

    def __init__(self, settings: dict, content_root: Path, project: Path) -> None:
        self.settings = settings
        self.content_root = content_root
        self.project = project
        self.backend = LocalBackend(settings, content_root)

    # --- GET ------------------------------------------------------------------

    def serve_get(self, handler: http.server.BaseHTTPRequestHandler, path: str) -> bool:
        if path == EDITOR_PATH.rstrip("/"):
            handler.send_response(301)
            handler.send_header("Location", EDITOR_PATH)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return True
        if not path.startswith(EDITOR_PATH):
            return False
        name = path[len(EDITOR_PATH) :]
        if name in ("", "index.html"):
            page = "index.html" if editor_available(self.project) else "no-node.html"
            self._send(
                handler, (STATIC / page).read_bytes(), "text/html; charset=utf-8"
            )
        elif name in ("thung-rac", "thung-rac/"):  # the trash (trash.py)
            self._send(
                handler,
                (STATIC / "thung-rac.html").read_bytes(),
                "text/html; charset=utf-8",
            )
        elif name == "config.yml":
            body = editor_config(self.settings, self.content_root)
            self._send(handler, body, "text/yaml; charset=utf-8")
        elif path.startswith(VIEW_PREFIX):
            self._redirect_to_page(handler, path[len(VIEW_PREFIX) :])
        elif path.startswith(APPROVAL_PREFIX):
            self._send_approval(handler, path[len(APPROVAL_PREFIX) :])
        elif path.startswith(APPROVAL_PDF_PREFIX):
            self._send_approval(handler, path[len(APPROVAL_PDF_PREFIX) :], as_pdf=True)
        elif name.startswith("decap/"):
            self._send_file(handler, decap_dist(self.project), name[len("decap/") :])
        else:
            self._send_file(handler, STATIC, name)
        return True

    def _redirect_to_page(self, handler, rest: str) -> None:
        collection, _, slug = rest.partition("/")
        found = self.backend.get_deploy_preview(
            {"collection": collection, "slug": slug}
        )
        if not found:
            message = "Chưa có trang cho mục này; lưu bài rồi thử lại."
            self._send(handler, message.encode(), "text/plain; charset=utf-8", 404)
            return
        handler.send_response(302)
        handler.send_header("Location", found["url"])
        handler.send_header("Content-Length", "0")
        handler.send_header("Cache-Control", "no-store")
        handler.end_headers()

    def _send_approval(self, handler, rest: str, as_pdf: bool = False) -> None:
        refusal = self._refuse_origin(handler)
        if refusal:
            self._send(handler, refusal.encode(), "text/plain; charset=utf-8", 403)
            return
        collection, _, slug = unquote(rest).partition("/")
        source = self.backend.entry_source(collection, slug)
        found = self.backend.get_deploy_preview(
            {"collection": collection, "slug": slug}
        )
        root = Path(handler.directory).resolve()
        relative = found["url"].lstrip("/") if found else ""
        page = root / (relative + "index.html" if relative.endswith("/") else relative)
        if source is None or not relative or not page.resolve().is_relative_to(root):
            message = "Chưa có trang cho mục này; lưu bài rồi bấm Gửi duyệt lại."
            self._send(handler, message.encode(), "text/plain; charset=utf-8", 404)
            return
        self._wait_for_build(handler, source, page)
        errors = getattr(getattr(handler, "generation", None), "errors", [])
        if errors:
            message = (
                "Chưa tạo được tệp gửi duyệt: bản xem trước đang có lỗi, sửa rồi "
                "bấm Gửi duyệt lại.\n" + "\n".join(errors[:5])
            )
            self._send(handler, message.encode(), "text/plain; charset=utf-8", 409)
            return
        saved = dt.datetime.fromtimestamp(source.stat().st_mtime, VIETNAM)
        try:
            made = make_approval_file(
                page,
                root,
                PurePosixPath(relative.rstrip("/")).name.removesuffix(".html"),
                saved_at=saved.strftime("%H:%M %d/%m/%Y"),
                site_address=str(self.settings.get("SITE_ADDRESS") or ""),
            )
            body, kind, name = made.body, "text/html; charset=utf-8", made.name
            if as_pdf:
                body = print_to_pdf(made.body)
                kind, name = "application/pdf", name.removesuffix(".html") + ".pdf"
        except ApprovalError as exc:
            self._send(
                handler,
                f"Chưa tạo được tệp gửi duyệt: {exc}".encode(),
                "text/plain; charset=utf-8",
                409,
            )
            return
        self._send(handler, body, kind, download=name)

    @staticmethod
    def _wait_for_build(handler, source: Path, page: Path) -> None:
        """A post saved a moment ago: wait (bounded) for the rebuild it started."""
        generation = getattr(handler, "generation", None)
        if generation is None:
            return
        if page.is_file() and page.stat().st_mtime >= source.stat().st_mtime:
            return
        generation.wait_past(generation.value, timeout=APPROVAL_WAIT_SECONDS)

    def _send_file(self, handler, folder: Path, name: str) -> None:
        target = (folder / name).resolve()
        if (
            not name
            or ".." in name.split("/")
            or not target.is_relative_to(folder.resolve())
            or not target.is_file()
            or target.suffix in (".map",)
        ):
            self._send(
                handler, "Không tìm thấy".encode(), "text/plain; charset=utf-8", 404
            )
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self._send(handler, target.read_bytes(), kind)

    @staticmethod
    def _send(
        handler, body: bytes, kind: str, status: int = 200, download: str = ""
    ) -> None:
        """``download``: the file name the browser saves the body as."""
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        if download:
            handler.send_header("Content-Disposition", content_disposition(download))
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "no-store")
        handler.send_header("X-Content-Type-Options", "nosniff")
        handler.end_headers()
        handler.wfile.write(body)

    # --- POST -----------------------------------------------------------------

    def serve_post(
        self, handler: http.server.BaseHTTPRequestHandler, path: str
    ) -> bool:
        if path != API_PATH:
            return False
        status, payload = self._answer(handler)
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(handler, body, "application/json; charset=utf-8", status)
        return True

    def _answer(self, handler) -> tuple[int, object]:
        refusal = self._refuse_origin(handler)
        if refusal:
            handler.close_connection = True
            return 403, {"error": refusal}
        kind = handler.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            handler.close_connection = True
            return 415, {"error": "Yêu cầu phải gửi dạng JSON (application/json)."}
        try:
            length = int(handler.headers.get("Content-Length", ""))
        except ValueError:
            handler.close_connection = True
            return 411, {"error": "Thiếu độ dài yêu cầu (Content-Length)."}
        if length < 0 or length > MAX_BODY_BYTES:
            handler.close_connection = True  # the body is never read
            return 413, {"error": body_too_large_message()}
        body = handler.rfile.read(length)
        return self.backend.handle(body)

    @staticmethod
    def _refuse_origin(handler) -> str | None:
        client = handler.client_address[0]
        if not ipaddress.ip_address(client.split("%")[0]).is_loopback:
            return "Trình soạn chỉ nhận yêu cầu từ chính máy này."
        own = {
            f"127.0.0.1:{handler.server.server_port}",
            f"localhost:{handler.server.server_port}",
        }
        if handler.headers.get("Host", "") not in own:
            return "Địa chỉ máy chủ không đúng; mở trình soạn tại http://127.0.0.1:…/quan-tri/."
        origin = handler.headers.get("Origin")
        if origin and urlsplit(origin).netloc not in own:
            return "Yêu cầu đến từ trang khác; chỉ trình soạn của phường được lưu bài."
        return None
