"""Old portal addresses and the posts they moved to (no Pelican here).

content/data/chuyen-huong.yml lists, for every imported post, its address on
the old portal (an absolute URL, or a path when the domain is unknown) and the
slug of the new post. From it come an nginx `map`, a Netlify-style
`_redirects` file and static redirect pages for hosts without configuration.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ward_core.problems import unknown_keys
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text

DATA_FILE = "data/chuyen-huong.yml"
NGINX_FILE = "data/chuyen-huong.nginx.conf"
FIELDS = ("from", "to", "don_vi")
FORMAT_HELP = (
    "Mỗi mục viết dạng: - from: https://ten-mien-cu/duong-dan-cu.html, "
    "to: slug-bai-moi, don_vi: Phường 7 (cũ) (không bắt buộc)."
)
# Characters left as they are in a URL path; everything else is %-encoded,
# as browsers send it (and as nginx's $request_uri holds it).
_PATH_SAFE = "/%?=&;:+,@!$'()*~-._"
# Static pages only where a static host serves them as HTML.
_PAGE_SUFFIXES = (".html", ".htm")

Target = Callable[[str], str]  # slug -> the new address (path or absolute URL)


@dataclass(frozen=True)
class Redirect:
    old: str
    slug: str
    former_unit: str = ""
    line: int = 0

    @property
    def former_unit_slug(self) -> str:
        """ "phuong-8-cu" for "Phường 8 (cũ)": the folder its moved addresses
        go under when they clash with the new site's own."""
        from ward_core.folding import fold

        words = re.findall(r"[a-z0-9]+", fold(self.former_unit).lower())
        return "-".join(words)

    @property
    def host(self) -> str:
        return (urlsplit(self.old).hostname or "").lower()

    @property
    def path(self) -> str:
        """The old path with its query, %-encoded, always starting with "/"."""
        parts = urlsplit(self.old)
        path = quote(parts.path or "/", safe=_PATH_SAFE)
        if not path.startswith("/"):
            path = "/" + path
        return path + (f"?{quote(parts.query, safe=_PATH_SAFE)}" if parts.query else "")


@dataclass
class ParsedRedirects:
    entries: list[Redirect]
    problems: list[tuple[int, str]]


def parse_redirects(text: str) -> ParsedRedirects:
    try:
        tree = parse_yaml_text(text, 1, subject="tệp chuyển hướng")
    except YamlSyntaxError as exc:
        return ParsedRedirects([], [(exc.problem.line, exc.problem.message)])
    if tree is None:
        return ParsedRedirects([], [])
    if not isinstance(tree, list):
        return ParsedRedirects([], [(getattr(tree, "line", 1), FORMAT_HELP)])
    entries: list[Redirect] = []
    problems: list[tuple[int, str]] = []
    for item in tree:
        line = getattr(item, "line", 0)
        if not isinstance(item, dict):
            problems.append((line, FORMAT_HELP))
            continue
        unknown = unknown_keys(item, FIELDS)
        problems.extend((problem.line, problem.message) for problem in unknown)
        if unknown:
            continue
        old, slug = item.get("from"), item.get("to")
        if not isinstance(old, str) or not old.strip():
            problems.append((line, f"thiếu from: (địa chỉ cũ). {FORMAT_HELP}"))
            continue
        if not isinstance(slug, str) or not slug.strip():
            problems.append((line, f"thiếu to: (slug của bài mới). {FORMAT_HELP}"))
            continue
        old = old.strip()
        if not old.startswith(("http://", "https://", "/")):
            problems.append(
                (
                    item.line_of("from"),
                    f'"{old}" không phải địa chỉ: viết đầy đủ https://… hoặc bắt đầu bằng "/".',
                )
            )
            continue
        unit = item.get("don_vi")
        entries.append(
            Redirect(
                old, slug.strip(), unit.strip() if isinstance(unit, str) else "", line
            )
        )
    return ParsedRedirects(entries, problems)


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML


def render_redirects(entries: list[Redirect]) -> str:
    lines = [
        "# Địa chỉ cũ của các bài đã nhập và bài mới tương ứng. Công cụ nhập",
        "# (make import) tự ghi tệp này; có thể sửa tay. Khi xây dựng trang, mỗi địa",
        "# chỉ cũ có một trang chuyển hướng, và tệp _redirects cho Netlify.",
    ]
    for entry in sorted(entries, key=lambda e: (e.old, e.slug)):
        lines.append(f"- from: {_yaml_text(entry.old)}")
        lines.append(f"  to: {entry.slug}")
        if entry.former_unit:
            lines.append(f"  don_vi: {_yaml_text(entry.former_unit)}")
    return "\n".join(lines) + "\n"


def ambiguous_paths(entries: list[Redirect]) -> set[str]:
    """Paths two former portals both used for different posts: only the domain tells."""
    targets: dict[str, set[str]] = {}
    for entry in entries:
        targets.setdefault(entry.path, set()).add(entry.slug)
    return {path for path, slugs in targets.items() if len(slugs) > 1}


def render_nginx(entries: list[Redirect], target: Target) -> str:
    ambiguous = ambiguous_paths(entries)
    # An old path that is already the new address needs no rule (it would loop).
    by_path = {
        e.path: target(e.slug)
        for e in entries
        if e.path not in ambiguous and e.path != _path_of(target(e.slug))
    }
    by_host = {f"{e.host}{e.path}": target(e.slug) for e in entries if e.host}
    longest = max((len(key) for key in [*by_path, *by_host]), default=0)
    lines = [
        "# Chuyển hướng địa chỉ cũ -> bài mới, tạo từ content/" + DATA_FILE + " bởi",
        "# make import (sau khi sửa tay tệp đó: python -m wardtools import --chuyen-huong).",
        "# Đặt tệp này trong khối http { } (ví dụ: include .../chuyen-huong.nginx.conf;)",
        "# rồi thêm vào khối server { } của trang:",
        "#     if ($ward_redirect) { return 301 $scheme://$server_name$ward_redirect; }",
        "# ($server_name là tên miền đầu tiên trong server_name: tên miền mới.)",
        "# Muốn tên miền cũ cũng chuyển về, thêm tên miền cũ vào server_name.",
        "# Địa chỉ cũ dài cần ô băm lớn hơn mặc định (64); nếu cấu hình nginx đã có",
        "# map_hash_bucket_size ở nơi khác, giữ một dòng với số lớn hơn.",
        f"map_hash_bucket_size {_bucket_size(longest)};",
        "map $request_uri $ward_redirect_by_path {",
        '    default "";',
    ]
    lines += [f'    "{path}" "{to}";' for path, to in sorted(by_path.items())]
    lines += [
        "}",
        "map $host$request_uri $ward_redirect {",
        "    default $ward_redirect_by_path;",
    ]
    lines += [f'    "{key}" "{to}";' for key, to in sorted(by_host.items())]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _path_of(url: str) -> str:
    return quote(urlsplit(url).path or "/", safe=_PATH_SAFE)


def _bucket_size(longest_key: int) -> int:
    """nginx needs a hash bucket that holds the longest key plus its overhead."""
    size = 64
    while size < longest_key + 32:
        size *= 2
    return size


def render_netlify(entries: list[Redirect], target: Target) -> str:
    ambiguous = ambiguous_paths(entries)
    lines = ["# Chuyển hướng địa chỉ cũ -> bài mới (tạo từ content/" + DATA_FILE + ")."]
    seen: set[str] = set()
    for entry in sorted(entries, key=lambda e: (e.path, e.host)):
        if "?" in entry.path:
            continue  # Netlify matches query strings differently; nginx handles them
        if entry.path in ambiguous:
            if not entry.host:
                continue  # two posts, one path, no domain to tell them apart
            rule = f"https://{entry.host}{entry.path}"
        elif entry.path == _path_of(target(entry.slug)):
            continue  # already the new address: a rule would loop
        else:
            rule = entry.path
        if rule not in seen:
            seen.add(rule)
            lines.append(f"{rule} {target(entry.slug)} 301!")
    return "\n".join(lines) + "\n"


def static_page_path(entry: Redirect) -> str | None:
    """Where the redirect page goes in output/ (None: no static page possible)."""
    parts = urlsplit(entry.old)
    if parts.query:
        return None
    path = parts.path or "/"
    relative = path.lstrip("/")
    if not relative or ".." in relative.split("/"):
        return None
    if relative.endswith("/"):
        return relative + "index.html"
    last = relative.rsplit("/", 1)[-1]
    if last.lower().endswith(_PAGE_SUFFIXES):
        return relative
    if "." in last:
        return None  # .php, .aspx…: a static host would not serve it as a page
    return relative + "/index.html"


def over_new_pages(
    entries: list[Redirect], targets: dict[str, str], taken: Collection[str]
) -> list[tuple[Redirect, str]]:
    """Entries whose redirect page would replace a post or page of the new site
    (`taken`: every post's and page's output file, and the lists Pelican writes,
    ward_core.listpages; `targets`: slug -> the output file of the post it moves
    to). The same rule for `make check`, the build and the importer, so they
    never disagree."""
    found = []
    for entry in entries:
        page = static_page_path(entry)
        if page is not None and page != targets.get(entry.slug) and page in taken:
            found.append((entry, page))
    return found


def over_new_page_message(entry: Redirect, what: str = "") -> str:
    """``what``: the list page it would replace ("chuyên mục “Tin tức”"), from
    ward_core.listpages; "" for a post or page."""
    prefix = (
        f"/{entry.former_unit_slug}" if entry.former_unit_slug else "/ten-don-vi-cu"
    )
    return (
        f'địa chỉ cũ "{entry.old}" trùng địa chỉ của {what or "một bài hoặc trang"} '
        "trên trang mới. Xóa mục này, hoặc giữ địa chỉ cũ dưới thư mục của đơn vị cũ: "
        f'from: "{prefix}{entry.path}".'
    )


def is_redirect_page(text: str) -> bool:
    """A page this plugin wrote before (a preview rebuilds in place), even minified."""
    return "http-equiv" in text[:600] and "refresh" in text[:600]


def render_page(url: str, title: str) -> str:
    """A redirect page that works without JavaScript and tells search engines."""
    url_attr = html.escape(url, quote=True)
    title_text = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">\n'
        f"<title>Đã chuyển: {title_text}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{url_attr}">\n'
        f'<meta http-equiv="refresh" content="0; url={url_attr}">\n'
        "</head><body>\n"
        f'<p>Bài viết đã chuyển sang địa chỉ mới: <a href="{url_attr}">{title_text}</a></p>\n'
        "</body></html>\n"
    )


def duplicate_sources(entries: list[Redirect]) -> list[Redirect]:
    """Entries whose old address is listed twice with different targets."""
    counts = Counter(e.old for e in entries)
    return [e for e in entries if counts[e.old] > 1]
