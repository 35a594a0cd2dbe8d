"""Captioned photo galleries: validated front matter, cached Pillow pipeline, figures.

Attaches ``content.ward_gallery`` (ward_core.views.GalleryView) to every post and page.
"""

from __future__ import annotations

from pathlib import Path

from ward_core.paths import display_path
from ward_core.session import session_of
from ward_core.signals import body_replaced
from ward_core.sources import SourceFile
from ward_core.views import GalleryView, attach

from .check import gallery_of
from .settings import GallerySettings

# Pelican, Pillow and the generator are imported when Pelican calls in, so that
# `import ward_gallery.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    GallerySettings.from_settings(pelican.settings)  # a typo fails before reading


def on_content_init(content) -> None:
    def parse():
        metadata = getattr(content, "metadata", {}) or {}
        source = SourceFile(
            path=Path(content.source_path),
            shown=display_path(content.source_path),
            is_page=False,
            front_matter=metadata,
        )
        return gallery_of(source, Path(content.settings["PATH"]))

    # As the build's checks parsed it (the build session), else parsed here.
    specs, cover, focus, problems = session_of(content.settings).file_fact(
        "ward_gallery", content.source_path, parse
    )
    # Problems are reported by the generator together with the photos that fail
    # to decode, so the officer sees every photo problem of the site in one build.
    attach(
        content,
        GalleryView(
            specs=specs, cover_spec=cover, cover_focus=focus, problems=problems
        ),
    )


def get_generators(_pelican):
    from .generator import WardGalleryGenerator

    return WardGalleryGenerator


def on_body_replaced(content, generators, output) -> None:
    from .generator import WardGalleryGenerator

    for generator in generators:
        if isinstance(generator, WardGalleryGenerator):
            generator.replace_body(content, Path(output))


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.content_object_init.connect(on_content_init)
    signals.get_generators.connect(get_generators)
    body_replaced.connect(on_body_replaced)
