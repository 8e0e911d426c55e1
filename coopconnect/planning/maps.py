"""The tool's maps on commune outlines: a catchment by travel time, a territory's coverage.

Each returns None when none of the communes has an outline (the callers then keep the map of
points). ``*_features`` give the same classes as GeoJSON for the interactive map.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.svg import PALETTE
from coopconnect.planning.catchment.result import Catchment
from coopconnect.planning.coverage import CoverageResult
from coopconnect.planning.outline_map import Area, Label, Mark, geojson, outline_map
from coopconnect.planning.territories import METROPOLE
from coopconnect.territory import geometry
from coopconnect.territory.models import Commune

TIME_COLORS = ("#08519c", "#3182bd", "#6baed6", "#bdd7e7")
COVER_COLORS = (PALETTE[2], "#e8a8a0")
SHARE_COLORS = (PALETTE[2], PALETTE[4], PALETTE[1])
LABELS = 8
MAX_MARKS = 150


def existing_place_marks(places: Any, frame: tuple[float, float, float, float]) -> list[Mark] | None:
    """The existing places inside the map's frame as marks; None when there are too many to read."""
    lon_lo, lat_lo, lon_hi, lat_hi = frame
    inside = (places.lat >= lat_lo) & (places.lat <= lat_hi) & (places.lon >= lon_lo) & (places.lon <= lon_hi)
    if inside.sum() > MAX_MARKS:
        return None
    return [
        Mark(float(a), float(b), PALETTE[6], str(n), "diamond", 3)
        for a, b, n in zip(places.lat[inside], places.lon[inside], places.name[inside], strict=True)
    ]


def _people(n: float) -> str:
    return formatting.number(n, decimals=0)


def _time_classes(minutes: int) -> list[tuple[float, str]]:
    """Four bands up to ``minutes``: (upper bound, label)."""
    step = minutes / 4
    bounds = [step * (i + 1) for i in range(4)]
    labels = []
    lo = 0.0
    for hi in bounds:
        labels.append(
            _("de %(a)s à %(b)s min")
            % {"a": formatting.number(lo, decimals=0), "b": formatting.number(hi, decimals=0)}
        )
        lo = hi
    return list(zip(bounds, labels, strict=True))


def _catchment_areas(area: Catchment) -> tuple[list[Area], list[str]]:
    bands = _time_classes(area.minutes)
    areas = []
    for r in area.rows:
        klass = next((i for i, (hi, _l) in enumerate(bands) if r.minutes <= hi + 1e-9), len(bands) - 1)
        label = f"{r.name} : {_people(r.population)} hab., {formatting.number(r.minutes, decimals=0)} min"
        areas.append(Area(r.insee, klass, label))
    return areas, [label for _hi, label in bands]


def catchment_outline_map(area: Catchment) -> Any:
    """Communes of the catchment coloured by travel time, neighbours in grey, department borders."""
    areas, labels = _catchment_areas(area)
    shapes = geometry.outlines_for([a.insee for a in areas])
    if not shapes:
        return None
    frame = geometry.bbox([r for rings in shapes.values() for r in rings])
    assert frame is not None
    pad_x, pad_y = (frame[2] - frame[0]) * 0.05, (frame[3] - frame[1]) * 0.05
    frame = (frame[0] - pad_x, frame[1] - pad_y, frame[2] + pad_x, frame[3] + pad_y)
    departments = sorted({r.department for r in area.rows})
    reached = {a.insee for a in areas}
    context = [c for d in departments for c in geometry.commune_outlines(d) if c not in reached]
    biggest = sorted(area.rows, key=lambda r: -r.population)[:LABELS]
    points = dict(
        Commune.objects.filter(insee__in=[r.insee for r in biggest]).values_list("insee", "latitude")
    )
    lons = dict(Commune.objects.filter(insee__in=points).values_list("insee", "longitude"))
    return outline_map(
        title=_("Communes à %(m)s minutes ou moins de %(s)s") % {"m": area.minutes, "s": area.site.label},
        description=_("%(n)s communes, %(p)s habitants, colorées par temps de trajet.")
        % {"n": len(area.rows), "p": _people(area.total_population)},
        areas=areas,
        colors=TIME_COLORS,
        legend=[*zip(TIME_COLORS, labels, strict=True), ("#e4e4de", _("au-delà"))],
        borders=[geometry.department_outline(d) for d in departments],
        context=context,
        labels=[Label(r.name, points[r.insee], lons[r.insee]) for r in biggest if r.insee in points],
        marks=[Mark(area.site.latitude, area.site.longitude, PALETTE[4], area.site.label, "diamond", 7)],
        outlines=shapes,
        frame=frame,
    )


def catchment_features(area: Catchment) -> dict[str, Any]:
    """The catchment's communes as GeoJSON, with their minutes and population."""
    areas, labels = _catchment_areas(area)
    props = {
        r.insee: {"name": r.name, "population": r.population, "minutes": round(r.minutes, 1)}
        for r in area.rows
    }
    return geojson(areas, labels, TIME_COLORS, props)


def _share_class(share: float) -> int:
    return 0 if share >= 0.9 else (1 if share >= 0.5 else 2)


def _coverage_areas(
    result: CoverageResult, *, labels: bool = True
) -> tuple[list[Area], dict[str, dict[str, Any]]]:
    t, covered = result.table, result.covered
    assert t is not None and covered is not None
    areas, props = [], {}
    words = (_("couverte"), _("non couverte"))
    for insee, name, pop, cov in zip(t.insee, t.name, t.population, covered, strict=True):
        label = f"{name} : {_people(int(pop))} hab., {words[0 if cov else 1]}" if labels else ""
        areas.append(Area(str(insee), 0 if cov else 1, label))
        props[str(insee)] = {"name": str(name), "population": int(pop), "covered": bool(cov)}
    return areas, props


def _department_areas(result: CoverageResult) -> list[Area]:
    t, covered = result.table, result.covered
    assert t is not None and covered is not None
    codes, inv = np.unique(t.department.astype(str), return_inverse=True)
    pop = np.bincount(inv, weights=t.population, minlength=len(codes))
    cov = np.bincount(inv, weights=t.population * covered, minlength=len(codes))
    out = []
    for code, p, c in zip(codes.tolist(), pop, cov, strict=True):
        share = c / p if p else 0.0
        out.append(
            Area(code, _share_class(share), f"{code} : {formatting.number(100 * share, decimals=0)} %")
        )
    return out


def coverage_outline_map(result: CoverageResult) -> Any:
    """Covered and uncovered communes (departments by covered share for all of France)."""
    places = result.places
    assert places is not None
    if result.territory.kind == "fr":
        areas = _department_areas(result)
        shapes = {a.insee: geometry.department_outline(a.insee) for a in areas}
        shapes = {k: v for k, v in shapes.items() if v}
        frame = (METROPOLE[2], METROPOLE[0], METROPOLE[3], METROPOLE[1])
        colors, legend = (
            SHARE_COLORS,
            [
                (SHARE_COLORS[0], _("≥ 90 % de la population couverte")),
                (SHARE_COLORS[1], _("50 à 90 % couverte")),
                (SHARE_COLORS[2], _("< 50 % couverte")),
            ],
        )
        borders: list[Any] = []
        labels: list[Label] = []
        background = None
        note = " " + _("Outre-mer non représenté (compris dans les chiffres).")
    else:
        areas, _props = _coverage_areas(result, labels=False)
        shapes = geometry.outlines_for([a.insee for a in areas])
        frame = geometry.bbox([r for rings in shapes.values() for r in rings]) if shapes else None
        colors, legend = (
            COVER_COLORS,
            [
                (COVER_COLORS[0], _("commune couverte")),
                (COVER_COLORS[1], _("commune non couverte")),
            ],
        )
        t = result.table
        assert t is not None
        deps = sorted(set(t.department.astype(str).tolist()))
        borders = [geometry.department_outline(d) for d in deps]
        if result.territory.kind == "reg":
            borders.append(geometry.region_outline(result.territory.code))
        # The most frequent class fills the territory's outline; only the others are drawn one by one.
        whole = {
            "dep": lambda: geometry.department_outline(result.territory.code),
            "reg": lambda: geometry.region_outline(result.territory.code),
        }.get(result.territory.kind)
        weight = np.zeros(2)
        for a in areas:
            weight[a.klass] += sum(len(r) for r in shapes.get(a.insee, ()))
        majority = int(weight.argmax())
        background = (whole(), majority) if whole is not None and whole() else None
        top = np.argsort(-t.population, kind="stable")[:LABELS]
        labels = [Label(str(t.name[i]), float(t.lat[i]), float(t.lon[i])) for i in top]
        note = ""
    if not shapes or frame is None:
        return None
    marks = existing_place_marks(places, frame)
    if marks is not None:
        legend = [*legend, (PALETTE[6], _("tiers-lieu existant"))]
    return outline_map(
        title=_("Couverture à %(m)s minutes — %(t)s") % {"m": result.minutes, "t": result.territory.name},
        description=result.explanation + note,
        areas=areas,
        colors=colors,
        legend=legend,
        borders=borders,
        labels=labels,
        marks=marks or [],
        outlines=shapes,
        frame=frame,
        background=background,
    )


def coverage_features(result: CoverageResult) -> dict[str, Any]:
    """The territory's communes (departments for all of France) as GeoJSON, covered or not."""
    if result.territory.kind == "fr":
        areas = _department_areas(result)
        shapes = {a.insee: geometry.department_outline(a.insee) for a in areas}
        return geojson(
            areas,
            ["90-100 %", "50-90 %", "0-50 %"],
            SHARE_COLORS,
            None,
            {k: v for k, v in shapes.items() if v},
        )
    areas, props = _coverage_areas(result)
    return geojson(areas, ["covered", "uncovered"], COVER_COLORS, props)
