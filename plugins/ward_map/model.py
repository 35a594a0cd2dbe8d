"""The boundary GeoJSON model lives in ward_core.geomap (pure, unit-tested there)."""

from ward_core.geomap import BoundaryMap, describe, parse_geojson, render_svg

__all__ = ["BoundaryMap", "describe", "parse_geojson", "render_svg"]
