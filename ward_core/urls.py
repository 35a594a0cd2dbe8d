"""Where the site will live, as far as the build knows.

With a real address (SITEURL = "https://…") every link is absolute to it. With
none, a final build uses relative links (RELATIVE_URLS), so the folder works
wherever it is copied: any host, any sub-folder. Photo addresses are built by
plugins before Pelican knows which page they go on; in relative mode they start
with ``ROOT_MARKER``, which the site plugin replaces in every written page with
the way back to the site's root ("..", "../..").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT_MARKER = "__ward_site_root__"
# Addresses reserved for examples (RFC 2606) and the shipped sample's own.
EXAMPLE_HOSTS = ("example.com", "example.net", "example.org", "example")


def site_address(settings: Mapping[str, Any]) -> str:
    """The absolute address citizens use, or "" when none is configured."""
    siteurl = str(settings.get("SITEURL") or "")
    return siteurl.rstrip("/") if siteurl.startswith(("http://", "https://")) else ""


def is_example_address(siteurl: str) -> bool:
    host = (urlsplit(siteurl).hostname or "").lower()
    return any(
        host == h or host.endswith("." + h) or f".{h}." in f".{host}."
        for h in EXAMPLE_HOSTS
    )


def asset_root(settings: Mapping[str, Any]) -> str:
    """The prefix of photo addresses written by plugins (no trailing slash)."""
    if settings.get("RELATIVE_URLS"):
        return ROOT_MARKER
    return str(settings.get("SITEURL") or "").rstrip("/")


def root_from(page: Path, output: Path) -> str:
    """The relative way from ``page``'s folder back to the site's root."""
    relative = os.path.relpath(output, page.parent).replace(os.sep, "/")
    return "." if relative == "." else relative


def resolve_root_marker(output: Path) -> int:
    """Replace ROOT_MARKER in every written page; returns how many were changed."""
    marker = ROOT_MARKER.encode()
    changed = 0
    for page in output.rglob("*.html"):
        data = page.read_bytes()
        if marker in data:
            page.write_bytes(data.replace(marker, root_from(page, output).encode()))
            changed += 1
    return changed
