"""'Liên kết': a links sidebar from content/data/links.yml, and per-post links.

Attaches ``content.ward_links`` (ward_core.views.LinksView); sets the context key
``links_sidebar`` (the sidebar's finished HTML).
"""

from __future__ import annotations

from pathlib import Path

from ward_core.paths import display_path
from ward_core.problems import placed
from ward_core.session import session_of
from ward_core.views import LinksView, attach

from .model import parse_post_links
from .settings import LinksSettings

# Pelican, Pillow and the generator are imported when Pelican calls in, so that
# `import ward_links.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    LinksSettings.from_settings(pelican.settings)  # a typo fails before reading


def on_content_init(content) -> None:
    raw = (getattr(content, "metadata", {}) or {}).get("links")
    if raw is None:
        attach(content, LinksView())
        return
    # As the build's checks parsed it (the build session), else parsed here.
    parsed = session_of(content.settings).file_fact(
        "ward_links",
        content.source_path,
        lambda: parse_post_links(
            raw, Path(content.settings["PATH"]), getattr(raw, "line", 0)
        ),
    )
    problems = placed(parsed.problems, display_path(content.source_path))
    attach(content, LinksView(links=parsed.links, problems=problems))


def get_generators(_pelican):
    from .generator import WardLinksGenerator

    return WardLinksGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.content_object_init.connect(on_content_init)
    signals.get_generators.connect(get_generators)
