"""A light index of the site's posts (path, title, slug) without running Pelican.

Officer commands (new post, add a photo or a comment) need slugs quickly and
must agree with the build: they read the same sources as `make check`
(`ward_core.sources`), so the slug comes from `slug:` or the title, slugified
with the site's own substitutions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.sitesettings import read_site_settings
from ward_core.sources import load_sources

from . import PROJECT


@dataclass(frozen=True)
class PostInfo:
    path: Path
    title: str
    slug: str
    front_matter: Any  # LineDict for YAML posts, a dict for Key: value posts


def load_settings(settings_file: Path) -> dict[str, Any]:
    """The settings as Pelican reads them, for the keys these commands use
    (without importing Pelican: see ward_core.sitesettings)."""
    return read_site_settings(settings_file)


def iter_posts(content: Path, settings: dict[str, Any]) -> list[PostInfo]:
    """Every post the build reads, with the slug the build gives it."""
    sources = load_sources(settings, content)
    posts = []
    for source in sources.articles:
        title = source.header.get("title", "")
        posts.append(
            PostInfo(
                source.path,
                title if isinstance(title, str) else "",
                sources.slug_of(source),
                source.header,
            )
        )
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


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
