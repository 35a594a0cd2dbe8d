"""sitemap.xml and robots.txt from what the build really wrote.

Every page Pelican writes is reported by the ``content_written`` signal; this
plugin keeps its address (and its date) and writes the sitemap once the build
is finalized, so it lists exactly the pages that exist, whoever wrote them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ward_core.session import session_in, session_of
from ward_core.urls import site_address

from .settings import SitemapSettings
from .sitemap import SitemapEntry, build_robots, build_sitemap
from .written import NewestDate, entry_for

PLUGIN = "ward_sitemap"


@dataclass
class _Written:
    """This build's pages (in its session): set when Pelican starts, filled
    while pages are written."""

    output: str | None = None
    settings: SitemapSettings | None = None
    entries: list[SitemapEntry] = field(default_factory=list)
    newest: NewestDate = field(default_factory=NewestDate)


def on_initialized(pelican) -> None:
    written = session_of(pelican.settings).plugin_state(PLUGIN, _Written)
    written.output = os.path.abspath(pelican.output_path)
    written.settings = SitemapSettings.from_settings(pelican.settings)


def on_content_written(path, context=None) -> None:
    session = session_in(context)
    written = session.plugin_state(PLUGIN, _Written) if session else None
    if written is None or written.settings is None or written.output is None:
        return
    relative = os.path.relpath(os.path.abspath(path), written.output)
    entry = entry_for(
        relative.replace(os.sep, "/"), context or {}, written.settings, written.newest
    )
    if entry is not None:
        written.entries.append(entry)


def on_finalized(pelican) -> None:
    session = session_of(pelican.settings)
    written = session.plugin_state(PLUGIN, _Written)
    settings = written.settings
    if settings is None or session.write_only:
        return  # a preview rebuild writes a few pages: keep the full sitemap
    siteurl = pelican.settings.get("SITEURL", "")
    output = Path(pelican.output_path)
    if pelican.settings.get("RELATIVE_URLS") and not site_address(pelican.settings):
        siteurl = ""  # a sitemap needs absolute addresses: none without SITEURL
    else:
        (output / settings.path).write_text(
            build_sitemap(siteurl, written.entries), encoding="utf-8"
        )
    (output / "robots.txt").write_text(
        build_robots(siteurl, settings.path), encoding="utf-8"
    )


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
