"""A light index of the site's posts (path, title, slug) without running Pelican.

Officer commands (new post, add a comment, check) need slugs quickly and must
agree with the build: the slug comes from `slug:` or the title, slugified with
the site's own substitutions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.yamltree import (
    YamlSyntaxError,
    parse_yaml_text,
    split_front_matter,
)

from . import PROJECT

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class PostInfo:
    path: Path
    title: str
    slug: str
    front_matter: Any  # LineDict for YAML posts, a dict for Key: value posts


def load_settings(settings_file: Path) -> dict[str, Any]:
    from pelican.settings import read_settings

    return read_settings(str(settings_file))


def slug_for(title: str, settings: dict[str, Any]) -> str:
    from pelican.utils import slugify

    return slugify(
        title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def read_header(path: Path) -> Any:
    """The front matter of one post as a mapping (empty when unreadable)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        split = split_front_matter(text)
        if split.front_matter is not None:
            tree = parse_yaml_text(split.front_matter, split.first_line)
            return tree if isinstance(tree, dict) else {}
    except YamlSyntaxError:
        return {}
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        match = _KEY_VALUE.match(line)
        if match:
            header[match.group("key").lower()] = match.group("value").strip()
    return header


def iter_posts(content: Path, settings: dict[str, Any]) -> list[PostInfo]:
    posts = []
    for folder in settings.get("ARTICLE_PATHS", ["posts"]):
        root = content / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix not in MARKDOWN_SUFFIXES or not path.is_file():
                continue
            header = read_header(path)
            title = str(header.get("title", "") or "")
            slug = str(header.get("slug", "") or "") or slug_for(title, settings)
            posts.append(PostInfo(path, title, slug, header))
    return posts


def add_site_options(parser, default_settings: str = "pelicanconf.py") -> None:
    """-s/--settings and --content, the same for every officer command."""
    parser.add_argument(
        "-s",
        "--settings",
        default=str(PROJECT / default_settings),
        metavar="TỆP",
        help=f"tệp cấu hình (mặc định: {default_settings})",
    )
    parser.add_argument(
        "--content", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )


def site_from_args(args) -> tuple[dict[str, Any], Path]:
    """The settings and the content folder a command works on."""
    settings = load_settings(Path(args.settings))
    content = Path(args.content).resolve() if args.content else Path(settings["PATH"])
    return settings, content


# A photo this heavy is worth shrinking before it goes online (a warning, not an error).
HUGE_PHOTO_BYTES = 20 * 1024 * 1024


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def clean_photo_name(name: str, slugify) -> str:
    """ "IMG 2024 Đêm hội.JPEG" -> "img-2024-dem-hoi.jpg": ASCII, no spaces."""
    path = Path(name)
    suffix = path.suffix.lower().replace(".jpeg", ".jpg") or ".jpg"
    return (slugify(path.stem) or "anh") + suffix
