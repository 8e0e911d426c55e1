"""The map of a siting proposal: communes covered before, newly covered, uncovered; picks and places."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.siting.proposal import SitingResult
from coopconnect.planning.territories import METROPOLE


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
