"""Coverage of a territory: the share of its population living within N minutes of a place.

A commune is covered when the trip from an existing published place (census places included) to
the commune's reference point takes at most N minutes; its whole population then counts as
covered. Places outside the territory count too (people cross borders).

Computed on the arrays of the in-process snapshot (``planning/engine/``): the grid index gives
every place → commune pair within the engine's straight-line radius, the travel formula runs on
those pairs at once, and the minutes to the nearest place are kept per time limit, so a second
request for the same limit is a mask. With OSRM, one table request per place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES, validate_minutes
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.catchment.travel_matrix import is_estimate
from coopconnect.planning.engine import snapshot
from coopconnect.planning.engine.nearest import nearest_place_minutes
from coopconnect.planning.territories import METROPOLE, Territory
from coopconnect.territory import travel

COVERED, UNCOVERED, PLACE = PALETTE[2], PALETTE[1], PALETTE[6]
# Uncovered communes listed by default (the API's largest limit).
UNCOVERED_LIMIT = 1000


def covered_mask(
    table: CommuneTable, places: PlaceTable, minutes: float, engine: Any | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return (covered, minutes to the nearest place or inf beyond ``minutes``) for each commune."""
    best = nearest_place_minutes(table, places, minutes, engine or travel.get_engine())
    return np.isfinite(best), best


def territory_arrays(
    territory: Territory,
    minutes: float,
    engine: Any,
    table: CommuneTable | None = None,
    places: PlaceTable | None = None,
) -> tuple[CommuneTable, PlaceTable, np.ndarray]:
    """Return the territory's communes, the places and each commune's minutes to the nearest place.

    Without ``table`` and ``places``, from the in-process snapshot (its cached nearest-place
    minutes for the estimate); given either, computed on them.
    """
    if table is None and places is None:
        snap = snapshot.current()
        table = snap.table_for(territory)
        if is_estimate(engine):
            best = snap.nearest_minutes(minutes, engine)
            if territory.kind != "fr":
                best = best[snap.positions(territory)]
            return table, snap.places, best
        return table, snap.places, nearest_place_minutes(table, snap.places, minutes, engine)
    table = table if table is not None else CommuneTable.load(territory.q())
    places = places if places is not None else PlaceTable.load()
    return table, places, nearest_place_minutes(table, places, minutes, engine)


@dataclass(frozen=True, slots=True)
class UncoveredCommune:
    """A commune farther than N minutes from every place."""

    insee: str
    name: str
    department: str
    population: int
    approximate: bool


@dataclass(slots=True)
class CoverageResult:
    """Coverage figures of a territory, and what is needed to draw it."""

    territory: Territory
    minutes: int
    method: str
    communes: int
    covered_communes: int
    population: int
    covered_population: int
    places_used: int
    uncovered: list[UncoveredCommune] = field(default_factory=list)
    uncovered_count: int = 0
    table: CommuneTable | None = None
    covered: np.ndarray | None = None
    places: PlaceTable | None = None

    @property
    def share(self) -> float:
        return self.covered_population / self.population if self.population else 0.0

    @property
    def uncovered_population(self) -> int:
        return self.population - self.covered_population

    @property
    def explanation(self) -> str:
        return _(
            "%(cov)s habitants sur %(pop)s (%(pct)s %%) vivent dans une commune à %(m)s minutes "
            "ou moins d'un "
            "tiers-lieu publié ; %(cc)s communes couvertes sur %(c)s."
        ) % {
            "cov": _people(self.covered_population),
            "pop": _people(self.population),
            "pct": formatting.number(100 * self.share, decimals=1),
            "m": self.minutes,
            "cc": _people(self.covered_communes),
            "c": _people(self.communes),
        }


def top_by_population(idx: np.ndarray, pop: np.ndarray, limit: int) -> np.ndarray:
    """Return the ``limit`` positions of ``idx`` with the largest population, largest first.

    Ties keep the table order (as a stable sort of all of them would).
    """
    if limit <= 0 or len(idx) == 0:
        return idx[:0]
    if len(idx) > limit:
        values = pop[idx]
        cut = np.partition(values, len(values) - limit)[len(values) - limit]
        above = idx[values > cut]
        ties = idx[values == cut][: limit - len(above)]
        idx = np.concatenate([above, ties])
        idx.sort()
    return idx[np.argsort(-pop[idx], kind="stable")]


def _people(n: int) -> str:
    return formatting.number(n, decimals=0)


def coverage(
    territory: Territory,
    minutes: int = DEFAULT_MINUTES,
    *,
    table: CommuneTable | None = None,
    places: PlaceTable | None = None,
    engine: Any | None = None,
    uncovered_limit: int = UNCOVERED_LIMIT,
) -> CoverageResult:
    """Measure the coverage of ``territory`` by the existing published places within ``minutes``.

    Only the ``uncovered_limit`` most populous uncovered communes are listed (``argpartition``,
    then a sort of those alone); ``uncovered_count`` counts them all.
    """
    minutes = validate_minutes(minutes)
    engine = engine or travel.get_engine()
    table, places, best = territory_arrays(territory, minutes, engine, table, places)
    covered = np.isfinite(best)
    pop = table.population
    unc_all = np.flatnonzero(~covered)
    unc_idx = top_by_population(unc_all, pop, uncovered_limit)
    uncovered = [
        UncoveredCommune(
            str(table.insee[i]),
            str(table.name[i]),
            str(table.department[i]),
            int(pop[i]),
            bool(table.approximate[i]),
        )
        for i in unc_idx
    ]
    return CoverageResult(
        territory=territory,
        minutes=minutes,
        method=engine.name,
        communes=len(table),
        covered_communes=int(covered.sum()),
        population=int(pop.sum()),
        covered_population=int(pop[covered].sum()),
        places_used=len(places),
        uncovered=uncovered,
        uncovered_count=len(unc_all),
        table=table,
        covered=covered,
        places=places,
    )


def _grid(
    lat: np.ndarray, lon: np.ndarray, pop: np.ndarray, covered: np.ndarray, cell_deg: float
) -> list[MapPoint]:
    """Aggregate communes into square cells: radius by population, colour by covered share."""
    gy = np.floor(lat / cell_deg).astype(np.int64)
    gx = np.floor(lon / cell_deg).astype(np.int64)
    keys = gy * 100000 + gx
    uniq, inv = np.unique(keys, return_inverse=True)
    tot = np.bincount(inv, weights=pop, minlength=len(uniq))
    cov = np.bincount(inv, weights=pop * covered, minlength=len(uniq))
    clat = np.bincount(inv, weights=lat, minlength=len(uniq)) / np.bincount(inv, minlength=len(uniq))
    clon = np.bincount(inv, weights=lon, minlength=len(uniq)) / np.bincount(inv, minlength=len(uniq))
    biggest = max(tot.max(), 1.0)
    out = []
    for k in range(len(uniq)):
        if tot[k] <= 0:
            continue
        share = cov[k] / tot[k]
        color = COVERED if share >= 0.9 else (PALETTE[4] if share >= 0.5 else UNCOVERED)
        out.append(
            MapPoint(
                float(clat[k]),
                float(clon[k]),
                _("%(pop)s hab., %(pct)s %% couverts")
                % {"pop": _people(int(tot[k])), "pct": round(100 * share)},
                radius=1.2 + 6 * math.sqrt(tot[k] / biggest),
                color=color,
                shape="square",
            )
        )
    return out


def coverage_map(result: CoverageResult, *, max_points: int = 2500) -> Any:
    """Return the SVG map: communes (or cells of communes for big territories) and places."""
    table, covered, places = result.table, result.covered, result.places
    assert table is not None and covered is not None and places is not None
    lat, lon, pop = table.lat, table.lon, table.population
    keep = np.ones(len(table), dtype=bool)
    note = ""
    if result.territory.kind == "fr":
        keep = (lat >= METROPOLE[0]) & (lat <= METROPOLE[1]) & (lon >= METROPOLE[2]) & (lon <= METROPOLE[3])
        note = _(" Outre-mer non représenté (compris dans les chiffres).")
    lat, lon, pop, cov = lat[keep], lon[keep], pop[keep], covered[keep]
    if len(lat) == 0:
        return points_map([], title=_("Couverture"))
    legend: list[tuple[str, str, str]]
    if len(lat) > max_points:
        span = max(lat.max() - lat.min(), (lon.max() - lon.min()) * math.cos(math.radians(lat.mean())), 0.1)
        points = _grid(lat, lon, pop.astype(float), cov, cell_deg=span / 30)
        legend = [
            (COVERED, "square", _("≥ 90 % de la population couverte")),
            (PALETTE[4], "square", _("50 à 90 % couverte")),
            (UNCOVERED, "square", _("< 50 % couverte")),
        ]
    else:
        biggest = max(int(pop.max()), 1)
        points = [
            MapPoint(
                float(a),
                float(b),
                f"{table.name[keep][i]} : {_people(int(p))} hab.",
                radius=1.5 + 7 * math.sqrt(p / biggest),
                color=COVERED if c else UNCOVERED,
            )
            for i, (a, b, p, c) in enumerate(zip(lat, lon, pop, cov, strict=True))
        ]
        legend = [
            (COVERED, "circle", _("commune couverte")),
            (UNCOVERED, "circle", _("commune non couverte")),
        ]
    lat_lo, lat_hi, lon_lo, lon_hi = lat.min(), lat.max(), lon.min(), lon.max()
    in_view = (
        (places.lat >= lat_lo) & (places.lat <= lat_hi) & (places.lon >= lon_lo) & (places.lon <= lon_hi)
    )
    dots: list[tuple[float, float]] = []
    if in_view.sum() > 150:
        dots = list(zip(places.lat[in_view].tolist(), places.lon[in_view].tolist(), strict=True))
    else:
        points += [
            MapPoint(float(a), float(b), str(n), radius=2.5, color=PLACE, shape="diamond")
            for a, b, n in zip(places.lat[in_view], places.lon[in_view], places.name[in_view], strict=True)
        ]
    legend.append((PLACE, "circle", _("tiers-lieu existant")))
    return points_map(
        points,
        title=_("Couverture à %(m)s minutes — %(t)s") % {"m": result.minutes, "t": result.territory.name},
        description=result.explanation + note,
        legend=legend,
        dots=dots,
        dots_color=PLACE,
    )
