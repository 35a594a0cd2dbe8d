"""Pelican adapter: a writer that writes only the outputs a preview rebuild needs.

Pelican 4.12 removed WRITE_SELECTED; `make serve` uses this instead. With the
WARD_PREVIEW["write_only"] setting (output paths relative to the output folder) every other
page is skipped before its template is rendered.
"""

from __future__ import annotations

import os

from pelican.writers import Writer

from ward_core.preview import PreviewSettings


class SelectiveWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        preview = PreviewSettings.from_settings(settings or {})
        self._only = {os.path.normpath(p) for p in preview.write_only}

    def _selected(self, name) -> bool:
        return not self._only or (name and os.path.normpath(name) in self._only)

    def write_file(self, name, *args, **kwargs):
        if not self._selected(name):
            return None
        return super().write_file(name, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if not self._selected(path):
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)
