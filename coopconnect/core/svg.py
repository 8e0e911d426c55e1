"""Server-rendered SVG charts and a simple point map, readable without JavaScript and in a PDF.

Every function returns a ``SafeString`` holding one ``<svg>`` element with ``role="img"``, a
``<title>`` and a ``<desc>`` (for screen readers), and ``<title>`` tooltips on marks. Colours are
inline attributes so the charts need no stylesheet (WeasyPrint renders them as is).

Shared helpers: ``bar_chart``, ``line_chart``, ``points_map``.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coopconnect.core import formatting

# Colour-blind-safe palette (Okabe–Ito), dark enough on white for marks.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
INK = "#222222"
GRID = "#cccccc"
_ids = itertools.count(1)


def _value(value: float) -> str:
    """Write a mark's value with the project's formatter (20 360 ; 0,5 ; 12,25 in French)."""
    return formatting.number(value) if math.isfinite(value) else str(value)


def _n(value: float) -> str:
    """Format a coordinate compactly (one decimal keeps pages light)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, list[str]]:
    uid = f"svg{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto" role="img" aria-labelledby="{uid}t {uid}d" '
        f'font-family="sans-serif" font-size="12">'
        f'<title id="{uid}t">{escape(title)}</title><desc id="{uid}d">{escape(desc)}</desc>'
    )
    return uid, [head]


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Return round tick values covering [lo, hi] (1, 2, 5 × 10^n steps)."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while value <= hi + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(value, 10))
    return ticks


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    bar_height: int = 22,
    colors: Sequence[str] | None = None,
) -> SafeString:
    """Return a horizontal bar chart (one bar per label, value written at the bar's end).

    Negative values extend left of the zero line, so a yearly loss shows as a loss.
    """
    n = len(labels)
    label_w = min(260, 12 + 7 * max((len(lbl) for lbl in labels), default=0))
    height = 36 + n * (bar_height + 8) + 8
    uid, out = _open(
        width,
        height,
        title,
        "; ".join(f"{lbl} : {_value(v)} {unit}".strip() for lbl, v in zip(labels, values, strict=True)),
    )
    out.append(f'<text x="0" y="16" font-weight="bold" fill="{INK}">{escape(title)}</text>')
    lo = min(0.0, *values) if values else 0.0
    hi = max(0.0, *values) if values else 1.0
    span = (hi - lo) or 1.0
    plot_x, plot_w = label_w, width - label_w - 90
    zero_x = plot_x + (0 - lo) / span * plot_w
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 30 + i * (bar_height + 8)
        x0 = plot_x + (min(value, 0) - lo) / span * plot_w
        w = abs(value) / span * plot_w
        color = (colors[i % len(colors)] if colors else PALETTE[0]) if value >= 0 else PALETTE[1]
        out.append(
            f'<text x="{label_w - 6}" y="{_n(y + bar_height * 0.7)}" text-anchor="end" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<rect x="{_n(x0)}" y="{y}" width="{_n(max(w, 0.5))}" height="{bar_height}" fill="{color}">'
            f"<title>{escape(label)} : {_value(value)} {escape(unit)}</title></rect>"
            f'<text x="{_n(max(x0 + w, zero_x) + 4)}" y="{_n(y + bar_height * 0.7)}" fill="{INK}">'
            f"{_value(value)} {escape(unit)}</text>"
        )
    out.append(f'<line x1="{_n(zero_x)}" y1="26" x2="{_n(zero_x)}" y2="{height - 4}" stroke="{INK}"/></svg>')
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text is escaped above


def line_chart(
    xs: Sequence[float],
    series: dict[str, Sequence[float]],
    *,
    title: str,
    x_label: str = "",
    y_label: str = "",
    width: int = 640,
    height: int = 320,
    zero_line: bool = True,
) -> SafeString:
    """Return a line chart of one or more series over shared x values, with axes and a legend."""
    all_y = [y for ys in series.values() for y in ys]
    desc = "; ".join(
        f"{name} : " + ", ".join(f"{_value(x)} → {_value(y)}" for x, y in zip(xs, ys, strict=True))
        for name, ys in series.items()
    )
    uid, out = _open(width, height, title, desc)
    left, right, top, bottom = 70, 16, 30, 46 + 16 * len(series)
    pw, ph = width - left - right, height - top - bottom
    xt = _nice_ticks(min(xs, default=0), max(xs, default=1))
    ylo = min([*all_y, 0.0]) if zero_line else min(all_y, default=0)
    yt = _nice_ticks(ylo, max(all_y, default=1))
    x0, x1, y0, y1 = xt[0], xt[-1], yt[0], yt[-1]

    def px(x: float) -> float:
        return left + (x - x0) / ((x1 - x0) or 1) * pw

    def py(y: float) -> float:
        return top + ph - (y - y0) / ((y1 - y0) or 1) * ph

    out.append(f'<text x="0" y="16" font-weight="bold" fill="{INK}">{escape(title)}</text>')
    for t in yt:
        out.append(
            f'<line x1="{left}" y1="{_n(py(t))}" x2="{left + pw}" y2="{_n(py(t))}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{_n(py(t) + 4)}" text-anchor="end" fill="{INK}">{_value(t)}</text>'
        )
    for t in xt:
        out.append(
            f'<line x1="{_n(px(t))}" y1="{top + ph}" x2="{_n(px(t))}" y2="{top + ph + 4}" stroke="{INK}"/>'
            f'<text x="{_n(px(t))}" y="{top + ph + 18}" text-anchor="middle" fill="{INK}">{_value(t)}</text>'
        )
    if zero_line and y0 < 0 < y1:
        out.append(f'<line x1="{left}" y1="{_n(py(0))}" x2="{left + pw}" y2="{_n(py(0))}" stroke="{INK}"/>')
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="{INK}"/>'
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="{INK}"/>'
        f'<text x="{left + pw / 2:.0f}" y="{top + ph + 34}" text-anchor="middle" '
        f'fill="{INK}">{escape(x_label)}</text>'
        f'<text x="12" y="{top + ph / 2:.0f}" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 12 {top + ph / 2:.0f})">{escape(y_label)}</text>'
    )
    for i, (name, ys) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="6 3"' if i % 2 else ""
        pts = " ".join(f"{_n(px(x))},{_n(py(y))}" for x, y in zip(xs, ys, strict=True))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for x, y in zip(xs, ys, strict=True):
            out.append(
                f'<circle cx="{_n(px(x))}" cy="{_n(py(y))}" r="3" fill="{color}">'
                f"<title>{escape(name)} : {_value(x)} → {_value(y)}</title></circle>"
            )
        ly = top + ph + 40 + 16 * i
        out.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="{color}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{left + 30}" y="{ly}" fill="{INK}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text is escaped above


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One mark on the map: a commune, a place, a candidate site or a grid cell."""

    latitude: float
    longitude: float
    label: str = ""
    radius: float = 3.0
    color: str = PALETTE[0]
    shape: str = "circle"  # "circle", "square" or "diamond"


def points_map(
    points: Sequence[MapPoint],
    *,
    title: str,
    description: str = "",
    legend: Sequence[tuple[str, str, str]] = (),
    width: int = 640,
    rings: Sequence[tuple[float, float, float]] = (),
    dots: Sequence[tuple[float, float]] = (),
    dots_color: str = INK,
) -> SafeString:
    """Return a simple map of points (equirectangular, scaled by cos(latitude) at the centre).

    ``legend`` is a list of (colour, shape, label). ``rings`` are (lat, lon, radius_km) circles
    drawn as outlines (e.g. the straight-line reach of a catchment). ``dots`` are many small
    marks without labels (e.g. every place of France) drawn as one compact path, keeping a
    national map light; those outside the points' extent are left out. No basemap: communes are
    drawn as points sized by population, which is enough to read where people and places are.
    """
    if not points:
        uid, out = _open(width, 60, title, description or title)
        out.append(f'<text x="8" y="34" fill="{INK}">{escape(title)} — aucun point à afficher.</text></svg>')
        return mark_safe("".join(out))  # noqa: S308
    lats = [p.latitude for p in points]
    lons = [p.longitude for p in points]
    lat_c = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(lat_c))
    xs_km = [(lon - min(lons)) * kx for lon in lons]
    ys_km = [max(lats) - lat for lat in lats]
    span = max(max(xs_km, default=0), max(ys_km, default=0), 0.02)
    margin, legend_h = 14, 18 * len(legend) + (8 if legend else 0)
    scale = (width - 2 * margin) / span
    map_h = max(ys_km) * scale + 2 * margin
    map_w = max(xs_km) * scale + 2 * margin
    height = int(max(map_h, 80) + legend_h + 24)
    uid, out = _open(width, height, title, description or title)
    out.append(f'<text x="0" y="14" font-weight="bold" fill="{INK}">{escape(title)}</text>')
    dx = margin + (width - map_w) / 2
    dy = 24 + margin
    out.append(
        f'<rect x="{_n(dx - margin)}" y="24" width="{_n(map_w)}" height="{_n(max(map_h, 80))}" '
        f'fill="#f7f7f2" stroke="{GRID}"/>'
    )
    deg_km = 111.32
    for lat, lon, radius_km in rings:
        cx = dx + (lon - min(lons)) * kx * scale
        cy = dy + (max(lats) - lat) * scale
        r = radius_km / deg_km * scale
        out.append(
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="none" stroke="{PALETTE[0]}" '
            f'stroke-dasharray="4 3"/>'
        )
    if dots:
        lat_hi, lon_lo = max(lats), min(lons)
        parts = []
        for lat, lon in dots:
            x, y = (lon - lon_lo) * kx * scale + dx, (lat_hi - lat) * scale + dy
            if dx - margin <= x <= dx - margin + map_w and 24 <= y <= 24 + max(map_h, 80):
                parts.append(f"M{x:.0f} {y - 1.5:.1f}l1.5 1.5-1.5 1.5-1.5-1.5z")
        out.append(f'<path d="{"".join(parts)}" fill="{dots_color}"/>')
    # Largest marks first so small ones stay visible on top.
    order = sorted(range(len(points)), key=lambda i: -points[i].radius)
    out.append('<g fill-opacity=".75">')
    for i in order:
        p = points[i]
        cx, cy = dx + xs_km[i] * scale, dy + ys_km[i] * scale
        tip = f"<title>{escape(p.label)}</title>" if p.label else ""
        r = p.radius
        if p.shape == "square":
            out.append(
                f'<rect x="{_n(cx - r)}" y="{_n(cy - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" '
                f'fill="{p.color}">{tip}</rect>'
            )
        elif p.shape == "diamond":
            out.append(
                f'<polygon points="{_n(cx)},{_n(cy - r)} {_n(cx + r)},{_n(cy)} {_n(cx)},{_n(cy + r)} '
                f'{_n(cx - r)},{_n(cy)}" fill="{p.color}" stroke="#fff" stroke-width=".5">{tip}</polygon>'
            )
        else:
            out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{p.color}">{tip}</circle>')
    out.append("</g>")
    ly = max(map_h, 80) + 24 + 16
    for color, shape, label in legend:
        mark = (
            f'<rect x="4" y="{_n(ly - 9)}" width="10" height="10" fill="{color}"/>'
            if shape == "square"
            else f'<circle cx="9" cy="{_n(ly - 4)}" r="5" fill="{color}"/>'
        )
        out.append(f'{mark}<text x="20" y="{_n(ly)}" fill="{INK}">{escape(label)}</text>')
        ly += 18
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text is escaped above
