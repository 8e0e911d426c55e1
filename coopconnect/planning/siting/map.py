"""The maps of a siting proposal: communes covered before, newly covered, uncovered; picks and places.

``siting_outline_map`` draws commune outlines (as the coverage and catchment maps);
``siting_map`` is the map of points kept when no outline is available.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.maps import COVER_COLORS, LABELS, SHARE_COLORS, existing_place_marks
from coopconnect.planning.outline_map import Area, Label, Mark, outline_map
from coopconnect.planning.siting.proposal import SitingResult
from coopconnect.planning.territories import METROPOLE
from coopconnect.territory import geometry


def _people(n: int) -> str:
    return formatting.number(n, decimals=0)


def siting_map(result: SitingResult) -> Any:
    """Return the SVG map: communes already covered, newly covered, still uncovered; picks and places."""
    layers = result.map_layers
    table: CommuneTable = layers["table"]
    covered_before: np.ndarray = layers["covered_before"]
    newly: np.ndarray = layers["newly"]
    places: PlaceTable = layers["places"]
    keep = np.ones(len(table), dtype=bool)
    if result.territory.kind == "fr":
        keep = (
            (table.lat >= METROPOLE[0])
            & (table.lat <= METROPOLE[1])
            & (table.lon >= METROPOLE[2])
            & (table.lon <= METROPOLE[3])
        )
    category = np.where(newly > 0, 2, np.where(covered_before, 1, 0))[keep]
    lat, lon, pop = table.lat[keep], table.lon[keep], table.population[keep].astype(float)
    colors = (PALETTE[1], PALETTE[2], PALETTE[0])
    labels = (_("non couverte"), _("déjà couverte"), _("couverte par les sites proposés"))
    points: list[MapPoint] = []
    dots: list[tuple[float, float]] = []
    if len(lat) > 2500:
        span = max(lat.max() - lat.min(), (lon.max() - lon.min()) * math.cos(math.radians(lat.mean())), 0.1)
        cell = span / 30
        keys = np.floor(lat / cell).astype(np.int64) * 100000 + np.floor(lon / cell).astype(np.int64)
        uniq, inv = np.unique(keys, return_inverse=True)
        per_cat = np.stack(
            [np.bincount(inv, weights=pop * (category == c), minlength=len(uniq)) for c in range(3)]
        )
        tot = per_cat.sum(axis=0)
        n = np.bincount(inv, minlength=len(uniq))
        clat = np.bincount(inv, weights=lat, minlength=len(uniq)) / n
        clon = np.bincount(inv, weights=lon, minlength=len(uniq)) / n
        biggest = max(tot.max(), 1.0)
        for cidx in range(len(uniq)):
            if tot[cidx] <= 0:
                continue
            major = int(np.argmax(per_cat[:, cidx]))
            points.append(
                MapPoint(
                    float(clat[cidx]),
                    float(clon[cidx]),
                    f"{_people(int(tot[cidx]))} hab. ({labels[major]})",
                    radius=1.2 + 6 * math.sqrt(tot[cidx] / biggest),
                    color=colors[major],
                    shape="square",
                )
            )
        legend = [
            (colors[c], "square", _("majorité de la population : %(l)s") % {"l": labels[c]}) for c in range(3)
        ]
    else:
        biggest = max(pop.max(), 1.0)
        names = table.name[keep]
        points = [
            MapPoint(
                float(a),
                float(b),
                f"{names[i]} : {_people(int(p))} hab.",
                radius=1.5 + 7 * math.sqrt(p / biggest),
                color=colors[int(c)],
            )
            for i, (a, b, p, c) in enumerate(zip(lat, lon, pop, category, strict=True))
        ]
        legend = [(colors[c], "circle", _("commune %(l)s") % {"l": labels[c]}) for c in range(3)]
    if len(lat):
        box = (lat.min(), lat.max(), lon.min(), lon.max())
        in_view = (
            (places.lat >= box[0]) & (places.lat <= box[1]) & (places.lon >= box[2]) & (places.lon <= box[3])
        )
        if in_view.sum() > 150:
            dots = list(zip(places.lat[in_view].tolist(), places.lon[in_view].tolist(), strict=True))
        else:
            points += [
                MapPoint(float(a), float(b), str(nm), radius=2.5, color=PALETTE[6], shape="diamond")
                for a, b, nm in zip(
                    places.lat[in_view], places.lon[in_view], places.name[in_view], strict=True
                )
            ]
    shown = [
        p
        for p in result.picks
        if result.territory.kind != "fr"
        or (METROPOLE[0] <= p.latitude <= METROPOLE[1] and METROPOLE[2] <= p.longitude <= METROPOLE[3])
    ]
    points += [
        MapPoint(
            p.latitude,
            p.longitude,
            f"{p.rank}. {p.name} (+{_people(p.gain)} hab.)",
            radius=7,
            color=PALETTE[4],
            shape="diamond",
        )
        for p in shown
    ]
    legend += [(PALETTE[6], "circle", _("tiers-lieu existant")), (PALETTE[4], "circle", _("site proposé"))]
    return points_map(
        points,
        title=_("Sites proposés — %(t)s, %(m)s minutes") % {"t": result.territory.name, "m": result.minutes},
        description=_("%(n)s sites proposés apportant %(g)s habitants.")
        % {"n": len(result.picks), "g": _people(result.gained)}
        + (
            _(" %(h)s sites outre-mer non représentés (dans le tableau).")
            % {"h": len(result.picks) - len(shown)}
            if len(shown) < len(result.picks)
            else ""
        ),
        legend=legend,
        dots=dots,
        dots_color=PALETTE[6],
    )


def _classes(result: SitingResult) -> np.ndarray:
    """Per commune: 0 uncovered, 1 already covered, 2 newly covered by the proposed sites."""
    layers = result.map_layers
    return np.where(layers["covered_before"], 1, np.where(layers["newly"] > 0, 2, 0))


def _department_areas(result: SitingResult, klass: np.ndarray) -> list[Area]:
    table: CommuneTable = result.map_layers["table"]
    weights = np.asarray(result.map_layers.get("weights", table.population), dtype=float)
    codes, inv = np.unique(table.department.astype(str), return_inverse=True)
    total = np.bincount(inv, weights=weights, minlength=len(codes))
    after = np.bincount(inv, weights=weights * (klass > 0), minlength=len(codes))
    out = []
    for code, t, a in zip(codes.tolist(), total, after, strict=True):
        share = a / t if t else 0.0
        cls = 0 if share >= 0.9 else (1 if share >= 0.5 else 2)
        out.append(Area(code, cls, f"{code} : {formatting.number(100 * share, decimals=0)} %"))
    return out


def siting_outline_map(result: SitingResult) -> Any:
    """Return the siting on commune outlines (departments by covered share for all of France), or None.

    None when no commune of the territory has an outline: the caller keeps the map of points.
    """
    table: CommuneTable = result.map_layers["table"]
    places: PlaceTable = result.map_layers["places"]
    klass = _classes(result)
    kind, code = result.territory.kind, result.territory.code
    background = None
    if kind == "fr":
        areas = _department_areas(result, klass)
        shapes = {a.insee: geometry.department_outline(a.insee) for a in areas}
        shapes = {k: v for k, v in shapes.items() if v}
        frame: Any = (METROPOLE[2], METROPOLE[0], METROPOLE[3], METROPOLE[1])
        colors: tuple[str, ...] = SHARE_COLORS
        legend = [
            (SHARE_COLORS[0], _("≥ 90 % couverte après les sites proposés")),
            (SHARE_COLORS[1], _("50 à 90 % couverte")),
            (SHARE_COLORS[2], _("< 50 % couverte")),
        ]
        borders: list[Any] = []
        labels: list[Label] = []
    else:
        areas = [Area(str(i), int(c), "") for i, c in zip(table.insee, klass, strict=True)]
        shapes = geometry.outlines_for([a.insee for a in areas])
        frame = geometry.bbox([r for rings in shapes.values() for r in rings]) if shapes else None
        colors = (COVER_COLORS[1], COVER_COLORS[0], PALETTE[0])
        legend = [
            (colors[0], _("commune non couverte")),
            (colors[1], _("commune déjà couverte")),
            (colors[2], _("commune couverte par les sites proposés")),
        ]
        deps = sorted(set(table.department.astype(str).tolist()))
        borders = [geometry.department_outline(d) for d in deps]
        if kind == "reg":
            borders.append(geometry.region_outline(code))
        whole = {"dep": geometry.department_outline, "reg": geometry.region_outline}.get(kind)
        if whole is not None and whole(code):
            # The most frequent class fills the territory's outline; only the others are drawn one by one.
            weight = np.zeros(3)
            for a in areas:
                weight[a.klass] += sum(len(r) for r in shapes.get(a.insee, ()))
            background = (whole(code), int(weight.argmax()))
        labels = [Label(p.name, p.latitude, p.longitude) for p in result.picks[:LABELS]]
    if not shapes or frame is None:
        return None
    lon_lo, lat_lo, lon_hi, lat_hi = frame
    marks = existing_place_marks(places, frame)
    if marks is None:
        marks = []
    else:
        legend.append((PALETTE[6], _("tiers-lieu existant")))
    picks = [p for p in result.picks if lat_lo <= p.latitude <= lat_hi and lon_lo <= p.longitude <= lon_hi]
    marks += [
        Mark(p.latitude, p.longitude, PALETTE[4], f"{p.rank}. {p.name} (+{_people(p.gain)})", "diamond", 7)
        for p in picks
    ]
    legend.append((PALETTE[4], _("site proposé")))
    hidden = len(result.picks) - len(picks)
    return outline_map(
        title=_("Sites proposés — %(t)s, %(m)s minutes") % {"t": result.territory.name, "m": result.minutes},
        description=_("%(n)s sites proposés apportant %(g)s habitants.")
        % {"n": len(result.picks), "g": _people(result.gained)}
        + (_(" %(h)s sites outre-mer non représentés (dans le tableau).") % {"h": hidden} if hidden else ""),
        areas=areas,
        colors=colors,
        legend=legend,
        borders=borders,
        labels=labels,
        marks=marks,
        outlines=shapes,
        frame=frame,
        background=background,
    )
