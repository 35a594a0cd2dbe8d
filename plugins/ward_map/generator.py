"""Pelican adapter: the map page and the GeoJSON download."""

from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.problems import SiteError
from ward_core.session import session_of

from .model import describe, parse_geojson, render_svg
from .settings import MapSettings

MAP_URL_CONTEXT = "MAP_URL"


class WardMapGenerator(Generator):
    def generate_context(self) -> None:
        self.map_settings = s = MapSettings.from_settings(self.settings)
        self.source = Path(self.settings["PATH"]) / s.data_file
        self.svg = None
        if not self.source.is_file():
            return
        shown = session_of(self.settings).fact(
            "ward_map", lambda: parse_geojson(self.source.read_bytes())
        )
        if shown.problems:
            where = display_path(str(self.source))
            raise SiteError(problems=[p.at(where) for p in shown.problems])
        ward = self.context.get("ward")
        name = getattr(ward, "name", "") or "phường"
        self.description = describe(shown, name)
        self.svg = Markup(
            render_svg(shown, f"Bản đồ địa giới hành chính {name}", self.description)
        )
        self.context[MAP_URL_CONTEXT] = s.url

    def generate_output(self, writer) -> None:
        if self.svg is None:
            return
        s = self.map_settings
        write_page(
            self,
            writer,
            s.save_as,
            "boundary_map",
            s.url,
            map_svg=self.svg,
            map_description=self.description,
            map_download=s.download_as,
            map_download_size=self.source.stat().st_size,
        )
        target = Path(self.output_path) / s.download_as
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.source, target)
