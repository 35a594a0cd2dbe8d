"""sitemap.xml and robots.txt from what the build really wrote.

Every page Pelican writes is reported by the ``content_written`` signal; this
plugin keeps its address (and its date) and writes the sitemap once the build
is finalized, so it lists exactly the pages that exist, whoever wrote them.
"""

from __future__ import annotations

import os
from pathlib import Path

from ward_core.preview import PreviewSettings
from ward_core.urls import site_address

from .settings import SitemapSettings
from .sitemap import build_robots, build_sitemap
from .written import entry_for

# Per build: reset when Pelican starts, filled while pages are written.
_state: dict = {"output": None, "entries": [], "settings": None}


def on_initialized(pelican) -> None:
    _state["output"] = os.path.abspath(pelican.output_path)
    _state["entries"] = []
    _state["settings"] = SitemapSettings.from_settings(pelican.settings)


def on_content_written(path, context=None) -> None:
    settings = _state["settings"]
    if settings is None or _state["output"] is None:
        return
    relative = os.path.relpath(os.path.abspath(path), _state["output"])
    entry = entry_for(relative.replace(os.sep, "/"), context or {}, settings)
    if entry is not None:
        _state["entries"].append(entry)


def on_finalized(pelican) -> None:
    settings = _state["settings"]
    if settings is None or PreviewSettings.from_settings(pelican.settings).write_only:
        return  # a preview rebuild writes a few pages: keep the full sitemap
    siteurl = pelican.settings.get("SITEURL", "")
    output = Path(pelican.output_path)
    if pelican.settings.get("RELATIVE_URLS") and not site_address(pelican.settings):
        siteurl = ""  # a sitemap needs absolute addresses: none without SITEURL
    else:
        (output / settings.path).write_text(
            build_sitemap(siteurl, _state["entries"]), encoding="utf-8"
        )
    (output / "robots.txt").write_text(
        build_robots(siteurl, settings.path), encoding="utf-8"
    )


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
