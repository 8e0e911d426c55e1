"""Maps people read: commune outlines coloured by travel time or coverage, as SVG and as GeoJSON.

Server-side SVG (no JavaScript, the same in the dossier PDF): the communes of the area shown,
filled by class (one path per class, even-odd rule), department or region borders on top, the
names of the main communes, places and proposed sites as marks, and a legend. The frame is the
area shown, not the whole country. Outlines come from ``territory/geometry.py``; they are
projected (equirectangular, scaled by the cosine of the middle latitude), snapped to whole pixels
and consecutive duplicate points dropped, which keeps a department or a region well under 150 KB.

The same classes are exported as GeoJSON (``geojson``) for the interactive map.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coopconnect.core.svg import GRID, INK
from coopconnect.territory import geometry

Ring = list[tuple[float, float]]
_ids = itertools.count(1)
OUTSIDE = "#e4e4de"


@dataclass(frozen=True, slots=True)
class Area:
    """A commune to draw: its outline's key, the class it falls in and its tooltip."""

    insee: str
    klass: int
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A point drawn over the outlines (a place, a proposed site, a catchment's origin)."""

    latitude: float
    longitude: float
    color: str
    label: str
    shape: str = "circle"  # "circle" or "diamond"
    radius: float = 3.0


@dataclass(frozen=True, slots=True)
class Label:
    """The name of a main commune, written at its point."""

    name: str
    latitude: float
    longitude: float


class _Projection:
    def __init__(self, box: tuple[float, float, float, float], width: int, margin: int, top: int) -> None:
        lon_lo, lat_lo, lon_hi, lat_hi = box
        self.kx = math.cos(math.radians((lat_lo + lat_hi) / 2))
        span_x = max((lon_hi - lon_lo) * self.kx, 1e-6)
        span_y = max(lat_hi - lat_lo, 1e-6)
        self.scale = (width - 2 * margin) / max(span_x, span_y * 0.8)
        self.lon_lo, self.lat_hi = lon_lo, lat_hi
        self.dx = margin + ((width - 2 * margin) - span_x * self.scale) / 2
        self.dy = top + margin
        self.height = int(span_y * self.scale + 2 * margin)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.dx + (lon - self.lon_lo) * self.kx * self.scale,
            self.dy + (self.lat_hi - lat) * self.scale,
        )


def _points(rings: Sequence[Ring]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    flat = np.array([p for r in rings for p in r], dtype=float).reshape(-1, 2)
    return flat, lengths


def _snap(rings: Sequence[Ring], proj: _Projection, step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (x, y, ring id) of the points kept once snapped to a grid of ``step`` pixels."""
    flat, lengths = _points(rings)
    if len(flat) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    x = proj.dx + (flat[:, 0] - proj.lon_lo) * proj.kx * proj.scale
    y = proj.dy + (proj.lat_hi - flat[:, 1]) * proj.scale
    qx, qy = np.round(x / step).astype(np.int64), np.round(y / step).astype(np.int64)
    ring = np.repeat(np.arange(len(lengths)), lengths)
    keep = np.ones(len(qx), dtype=bool)
    keep[1:] = (qx[1:] != qx[:-1]) | (qy[1:] != qy[:-1]) | (ring[1:] != ring[:-1])
    qx, qy, ring = qx[keep], qy[keep], ring[keep]
    counts = np.bincount(ring, minlength=len(lengths))
    big = counts[ring] >= 4  # a closed ring needs three distinct corners plus the closing point
    return qx[big], qy[big], ring[big]


def _path(rings: Sequence[Ring], proj: _Projection, step: float) -> str:
    """Return one SVG path for the rings: absolute first point, then relative moves, in pixels."""
    qx, qy, ring = _snap(rings, proj, step)
    if len(qx) == 0:
        return ""
    first = np.ones(len(qx), dtype=bool)
    first[1:] = ring[1:] != ring[:-1]
    unit = int(step) if float(step).is_integer() else step
    dx = np.diff(qx, prepend=0) * unit
    dy = np.diff(qy, prepend=0) * unit
    xs, ys = (qx * unit).tolist(), (qy * unit).tolist()
    dxs, dys, firsts = dx.tolist(), dy.tolist(), first.tolist()
    parts: list[str] = []
    for i, is_first in enumerate(firsts):
        if is_first:
            if i:
                parts.append("z")
            parts.append(f"M{xs[i]} {ys[i]}l")
        else:
            parts.append(f"{dxs[i]} {dys[i]} ")
    parts.append("z")
    return "".join(parts).replace(" -", "-").replace(" z", "z")


def _step_for(groups: Sequence[Sequence[Ring]], proj: _Projection, budget: int) -> float:
    """Return the smallest snapping step (pixels) whose paths should fit in ``budget`` bytes."""
    rings = [r for g in groups for r in g]
    for step in (1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        if len(_snap(rings, proj, step)[0]) * 7 <= budget:
            return step
    return 8.0


def _in_frame(rings: Sequence[Ring], box: tuple[float, float, float, float]) -> bool:
    b = geometry.bbox(rings)
    if b is None:
        return False
    return not (b[2] < box[0] or b[0] > box[2] or b[3] < box[1] or b[1] > box[3])


def outline_map(
    *,
    title: str,
    description: str,
    areas: Sequence[Area],
    colors: Sequence[str],
    legend: Sequence[tuple[str, str]],
    borders: Iterable[Sequence[Ring]] = (),
    context: Sequence[str] = (),
    labels: Sequence[Label] = (),
    marks: Sequence[Mark] = (),
    outlines: dict[str, list[Ring]] | None = None,
    frame: tuple[float, float, float, float] | None = None,
    background: tuple[list[Ring], int] | None = None,
    budget: int = 70_000,
    width: int = 640,
) -> SafeString:
    """Return the SVG map of ``areas`` (communes, or departments when ``outlines`` says so).

    ``colors[klass]`` fills each area; ``context`` are communes drawn in grey around them (within
    the frame); ``borders`` are outlines drawn as lines (departments, a region). ``frame`` is
    (min lon, min lat, max lon, max lat); by default the areas' own extent. ``background`` is an
    outline filled with one class (the areas of that class are then not drawn one by one);
    ``budget`` the bytes the outlines may take: past it, points are snapped to a coarser grid.
    """
    shapes = outlines if outlines is not None else geometry.outlines_for([a.insee for a in areas])
    drawn = [a for a in areas if shapes.get(a.insee)]
    uid = f"om{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} HEIGHT" width="100%" '
        f'style="max-width:{width}px;height:auto" role="img" aria-labelledby="{uid}t {uid}d" '
        f'font-family="sans-serif" font-size="12">'
        f'<title id="{uid}t">{escape(title)}</title><desc id="{uid}d">{escape(description)}</desc>'
        f'<text x="0" y="14" font-weight="bold" fill="{INK}">{escape(title)}</text>'
    )
    if frame is None:
        frame = geometry.bbox([r for a in drawn for r in shapes[a.insee]])
    if frame is None:
        body = f'<text x="8" y="40" fill="{INK}">{escape(description)}</text>'
        return mark_safe(head.replace("HEIGHT", "60") + body + "</svg>")  # noqa: S308
    proj = _Projection(frame, width, 8, 22)
    out = [head]
    out.append(f'<rect x="0" y="22" width="{width}" height="{proj.height}" fill="#f7f7f2" stroke="{GRID}"/>')
    ctx_rings: list[Ring] = []
    if context:
        ctx = geometry.outlines_for(context)
        ctx_rings = [r for rings in ctx.values() if _in_frame(rings, frame) for r in rings]
    by_class: dict[int, list[Ring]] = {}
    for a in drawn:
        if background is None or a.klass != background[1]:
            by_class.setdefault(a.klass, []).extend(shapes[a.insee])
    border_list = [list(b) for b in borders]
    step = _step_for([ctx_rings, *by_class.values(), *border_list], proj, budget)
    if ctx_rings:
        out.append(
            f'<path d="{_path(ctx_rings, proj, step)}" fill="{OUTSIDE}" stroke="#fff" stroke-width=".5"/>'
        )
    if background is not None:
        fill = colors[background[1]]
        out.append(f'<path d="{_path(background[0], proj, step)}" fill="{fill}" fill-rule="evenodd"/>')
    for klass, rings in sorted(by_class.items()):
        out.append(
            f'<path d="{_path(rings, proj, step)}" fill="{colors[klass]}" fill-rule="evenodd" '
            f'stroke="#fff" stroke-width=".4"/>'
        )
    for rings in border_list:
        paths = _path(rings, proj, step)
        if paths:
            out.append(f'<path d="{paths}" fill="none" stroke="{INK}" stroke-width="1.2"/>')
    for m in marks:
        x, y = proj.xy(m.longitude, m.latitude)
        r = m.radius
        tip = f"<title>{escape(m.label)}</title>"
        if m.shape == "diamond":
            out.append(
                f'<path d="M{x:.0f} {y - r:.0f}l{r:.0f} {r:.0f}-{r:.0f} {r:.0f}-{r:.0f}-{r:.0f}z" '
                f'fill="{m.color}" stroke="#fff">{tip}</path>'
            )
        else:
            out.append(
                f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.1f}" fill="{m.color}" stroke="#fff">{tip}</circle>'
            )
    for lab in labels:
        x, y = proj.xy(lab.longitude, lab.latitude)
        out.append(
            f'<text x="{x:.0f}" y="{y - 4:.0f}" text-anchor="middle" fill="{INK}" stroke="#fff" '
            f'stroke-width="3" paint-order="stroke" font-size="11">{escape(lab.name)}</text>'
        )
    ly = proj.height + 22 + 16
    for color, text in legend:
        out.append(
            f'<rect x="4" y="{ly - 10}" width="12" height="12" fill="{color}" stroke="{GRID}"/>'
            f'<text x="22" y="{ly}" fill="{INK}">{escape(text)}</text>'
        )
        ly += 18
    out.append("</svg>")
    return mark_safe("".join(out).replace("HEIGHT", str(ly)))  # noqa: S308 - texts escaped above


def geojson(
    areas: Sequence[Area],
    classes: Sequence[str],
    colors: Sequence[str],
    properties: dict[str, dict[str, Any]] | None = None,
    outlines: dict[str, list[Ring]] | None = None,
) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of the areas with their class, its label and colour."""
    shapes = outlines if outlines is not None else geometry.outlines_for([a.insee for a in areas])
    features = []
    for a in areas:
        rings = shapes.get(a.insee)
        if not rings:
            continue
        features.append(
            {
                "type": "Feature",
                "id": a.insee,
                "geometry": geometry.geojson_geometry(rings),
                "properties": {
                    "code": a.insee,
                    "label": a.label,
                    "class": classes[a.klass],
                    "color": colors[a.klass],
                    **((properties or {}).get(a.insee, {})),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
