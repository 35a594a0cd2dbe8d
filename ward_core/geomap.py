"""The ward's boundary map: a GeoJSON file the officer supplies (from the province
or OpenStreetMap) checked and drawn as an SVG at build time, so the map needs no
tiles or scripts from another host (no Pelican here).

Features are told apart by their `role` property: "boundary" (the ward; a polygon
without a role is taken as the boundary when there is one), "former_unit" (a ward
or commune merged into it on 1 July 2025) and "office" (a point: the People's
Committee's office). Their `name` property labels them.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from html import escape

from .problems import Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_POINTS = 200_000
SVG_WIDTH = 800
ROLES = ("boundary", "former_unit", "office")
FORMAT_HELP = (
    'Tệp phải là GeoJSON dạng {"type": "FeatureCollection", "features": [...]}, mỗi '
    'vùng là Polygon hoặc MultiPolygon có "properties": {"role": "boundary" hoặc '
    '"former_unit", "name": "…"}, trụ sở là Point có "role": "office".'
)

Ring = list[tuple[float, float]]  # (longitude, latitude)


@dataclass(frozen=True)
class Area:
    name: str
    role: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float


@dataclass
class BoundaryMap:
    boundary: Area | None = None
    former_units: list[Area] = field(default_factory=list)
    office: Place | None = None
    problems: list[Problem] = field(default_factory=list)


class _RefusedError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _position(value, where: str) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) < 2
        or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value[:2]
        )
    ):
        raise _RefusedError(
            f"{where}: tọa độ phải là [kinh độ, vĩ độ], ví dụ [105.78, 10.03]."
        )
    try:
        lon, lat = float(value[0]), float(value[1])
    except OverflowError:  # an integer with hundreds of digits
        lon = lat = math.inf
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (
        -180 <= lon <= 180 and -90 <= lat <= 90
    ):
        raise _RefusedError(
            f"{where}: tọa độ [{value[0]}, {value[1]}] nằm ngoài trái đất "
            "(kinh độ -180…180, vĩ độ -90…90; GeoJSON ghi kinh độ trước)."
        )
    return lon, lat


def _ring(value, where: str, budget: list[int]) -> Ring:
    if not isinstance(value, list) or len(value) < 4:
        raise _RefusedError(f"{where}: một vòng ranh giới cần ít nhất 4 điểm.")
    budget[0] -= len(value)
    if budget[0] < 0:
        raise _RefusedError(
            f"tệp có quá {MAX_POINTS} điểm; hãy dùng bản đơn giản hóa (ví dụ mapshaper.org)."
        )
    ring = [_position(p, where) for p in value]
    if ring[0] != ring[-1]:
        raise _RefusedError(
            f"{where}: vòng ranh giới chưa khép kín (điểm cuối phải trùng điểm đầu)."
        )
    return ring


def _polygons(geometry: dict, where: str, budget: list[int]):
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        groups = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        groups = coordinates
    else:
        raise _RefusedError(f"{where}: vùng phải là Polygon hoặc MultiPolygon.")
    polygons = []
    for group in groups:
        if not isinstance(group, list) or not group:
            raise _RefusedError(f"{where}: vùng không có tọa độ.")
        polygons.append(tuple(_ring(r, where, budget) for r in group))
    return tuple(polygons)


def parse_geojson(raw: bytes) -> BoundaryMap:
    """The map, or problems (line of the JSON error; feature number otherwise)."""
    result = BoundaryMap()
    if len(raw) > MAX_BYTES:
        result.problems.append(
            Problem(
                message=f"tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB; dùng bản đơn giản hóa."
            )
        )
        return result
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        result.problems.append(
            Problem(message="tệp không phải văn bản UTF-8. " + FORMAT_HELP)
        )
        return result
    except json.JSONDecodeError as exc:
        result.problems.append(
            Problem(
                line=exc.lineno,
                message=f"không đọc được JSON (cột {exc.colno}). {FORMAT_HELP}",
            )
        )
        return result
    except RecursionError:
        result.problems.append(Problem(message="tệp lồng quá sâu. " + FORMAT_HELP))
        return result
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        result.problems.append(Problem(message=FORMAT_HELP))
        return result
    features = data.get("features")
    if not isinstance(features, list) or not features:
        result.problems.append(Problem(message="tệp không có vùng nào. " + FORMAT_HELP))
        return result
    budget = [MAX_POINTS]
    unnamed: list[Area] = []
    for number, feature in enumerate(features, 1):
        where = f"vùng thứ {number}"
        try:
            _feature(result, unnamed, feature, where, budget)
        except _RefusedError as exc:
            result.problems.append(Problem(message=exc.message))
            if "quá" in exc.message and str(MAX_POINTS) in exc.message:
                break
    if result.boundary is None and len(unnamed) == 1:
        result.boundary = unnamed[0]
    if result.boundary is None and not result.problems:
        result.problems.append(
            Problem(
                message='không có vùng ranh giới của phường ("role": "boundary"). '
                + FORMAT_HELP
            )
        )
    return result


def _feature(
    result: BoundaryMap, unnamed: list[Area], feature, where: str, budget
) -> None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _RefusedError(f'{where}: phải là {{"type": "Feature", …}}.')
    properties = feature.get("properties") or {}
    geometry = feature.get("geometry")
    if not isinstance(properties, dict) or not isinstance(geometry, dict):
        raise _RefusedError(f"{where}: thiếu geometry hoặc properties.")
    role = properties.get("role", "")
    name = properties.get("name", "")
    if role and role not in ROLES:
        raise _RefusedError(
            f'{where}: "role": "{role}" không dùng được; dùng {", ".join(ROLES)}.'
        )
    if not isinstance(name, str):
        raise _RefusedError(f'{where}: "name" phải là chữ.')
    name = " ".join(name.split())
    if geometry.get("type") == "Point":
        if role not in ("", "office"):
            raise _RefusedError(
                f'{where}: điểm chỉ dùng cho trụ sở ("role": "office").'
            )
        lon, lat = _position(geometry.get("coordinates"), where)
        result.office = Place(name or "Trụ sở UBND", lon, lat)
        return
    if role == "office":
        raise _RefusedError(f'{where}: trụ sở ("role": "office") phải là Point.')
    area = Area(name, role or "boundary", _polygons(geometry, where, budget))
    if role == "boundary":
        if result.boundary is not None:
            raise _RefusedError(f'{where}: chỉ được một vùng "role": "boundary".')
        result.boundary = area
    elif role == "former_unit":
        result.former_units.append(area)
    else:
        unnamed.append(area)


# --- drawing -------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Equirectangular around the ward (a ward is a few km across: plenty exact)."""

    west: float
    north: float
    scale: float  # SVG units per degree of longitude
    squash: float  # cos(latitude): degrees of longitude are shorter than of latitude

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round((lon - self.west) * self.scale * self.squash + 20, 1),
            round((self.north - lat) * self.scale + 20, 1),
        )


def _points(areas: list[Area]) -> list[tuple[float, float]]:
    return [
        p for a in areas for polygon in a.polygons for ring in polygon for p in ring
    ]


def _path(area: Area, projection: Projection) -> str:
    parts = []
    for polygon in area.polygons:
        for ring in polygon:
            # At most ~1500 points a ring in the picture: the SVG stays small.
            step = max(1, len(ring) // 1500)
            points = [*ring[:-1:step], ring[-1]]
            coords = " ".join(
                f"{x},{y}" for x, y in (projection.xy(*p) for p in points)
            )
            parts.append(f"M{coords}Z")
    return " ".join(parts)


def _centre(area: Area, projection: Projection) -> tuple[float, float]:
    ring = max((polygon[0] for polygon in area.polygons), key=len)
    xs, ys = zip(*(projection.xy(*p) for p in ring), strict=True)
    return round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1)


def area_km2(area: Area) -> float:
    """Approximate area (shoelace on the local projection, holes subtracted)."""
    total = 0.0
    for polygon in area.polygons:
        for index, ring in enumerate(polygon):
            lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
            kx, ky = 111.32 * math.cos(lat0), 110.57
            pts = [(lon * kx, lat * ky) for lon, lat in ring]
            twice = sum(
                x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(pts)
            )
            total += abs(twice) / 2 * (1 if index == 0 else -1)
    return total


def render_svg(shown: BoundaryMap, title: str, description: str) -> str:
    areas = [a for a in [shown.boundary, *shown.former_units] if a]
    points = _points(areas)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    squash = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span = max((max(lons) - min(lons)) * squash, (max(lats) - min(lats)) * 0.5, 1e-6)
    scale = (SVG_WIDTH - 40) / span
    projection = Projection(min(lons), max(lats), scale, squash)
    width = round((max(lons) - min(lons)) * scale * squash + 40)
    height = round((max(lats) - min(lats)) * scale + 40)
    body = []
    for unit in shown.former_units:
        body.append(
            f'<path d="{_path(unit, projection)}" fill="#eef3f8" stroke="#5b6b7a" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    if shown.boundary:
        fill = "none" if shown.former_units else "#eef3f8"
        body.append(
            f'<path d="{_path(shown.boundary, projection)}" fill="{fill}" stroke="#0b4f8a" '
            'stroke-width="3" stroke-linejoin="round"/>'
        )
    for unit in shown.former_units:
        x, y = _centre(unit, projection)
        body.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" font-size="16" fill="#1f2a36">'
            f"{escape(unit.name)}</text>"
        )
    if shown.office:
        x, y = projection.xy(shown.office.lon, shown.office.lat)
        body.append(
            f'<circle cx="{x}" cy="{y}" r="7" fill="#b3261e" stroke="#fff" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{x + 11}" y="{y + 5}" font-size="15" font-weight="700" fill="#b3261e">'
            f"{escape(shown.office.name)}</text>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        'aria-labelledby="ban-do-tieu-de ban-do-mo-ta">'
        f'<title id="ban-do-tieu-de">{escape(title)}</title>'
        f'<desc id="ban-do-mo-ta">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def describe(shown: BoundaryMap, ward_name: str) -> str:
    """The map in words, for people who cannot see it (and for search)."""
    parts = []
    if shown.boundary:
        parts.append(
            f"Ranh giới {ward_name}, diện tích khoảng {area_km2(shown.boundary):.2f} km²".replace(
                ".", ","
            )
        )
    if shown.former_units:
        names = ", ".join(u.name for u in shown.former_units if u.name)
        parts.append(f"gồm địa bàn các đơn vị trước khi sắp xếp: {names}")
    if shown.office:
        office = shown.office
        parts.append(
            f"{office.name} ở tọa độ {office.lat:.5f}, {office.lon:.5f} (vĩ độ, kinh độ)"
        )
    return "; ".join(parts) + "."
