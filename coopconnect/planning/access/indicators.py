"""Shares of the population within 10, 20 and 30 minutes of a place, per region, department and EPCI.

Like the State's France Services reporting (share of people within 20 minutes of a site), for
every level at once, from the arrays of the in-process snapshot: one pass of the nearest-place
minutes at the largest time, then a ``bincount`` per level. Beside the shares, seats per 1,000
working-age residents within the middle time (two-step floating catchment, ``fca.py``).

Demand is the population, or the residents of working age (population × ``WORKING_AGE_SHARE``)
for the seats ratio; with a commuting demand (``planning.demand``: long commuters or potential
users, MOBPRO) both the shares and the seats ratio count that demand instead.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.places.models import Resource, ResourceKind
from coopconnect.planning.access.fca import two_step_fca
from coopconnect.planning.demand import Demand
from coopconnect.planning.engine import snapshot
from coopconnect.territory import travel
from coopconnect.territory.models import Department, Epci, Region

TIMES = (10, 20, 30)
SEATS_MINUTES = 20
# Share of residents aged 15 to 64 in France: 61.5 % (INSEE, population by age on 1 January 2024,
# rounded); an order of magnitude, editable, applied to every commune alike.
WORKING_AGE_SHARE = 0.615
# Bookable workstations: coworking seats and private offices (meeting rooms and video points are not).
WORK_KINDS = (ResourceKind.SEAT, ResourceKind.OFFICE)
LEVELS = {
    "fr": gettext_lazy("France"),
    "reg": gettext_lazy("région"),
    "dep": gettext_lazy("département"),
    "epci": gettext_lazy("EPCI"),
}


@dataclass(frozen=True, slots=True)
class AccessRow:
    """One territory's figures."""

    level: str
    code: str
    name: str
    communes: int
    population: int
    within: tuple[int, ...]  # population within each of TIMES
    seats_per_1000: float

    def share(self, i: int) -> float:
        return self.within[i] / self.population if self.population else 0.0

    @property
    def shares(self) -> tuple[float, ...]:
        return tuple(self.share(i) for i in range(len(self.within)))

    @property
    def percents(self) -> tuple[float, ...]:
        """The shares in percent (for ``|percent``)."""
        return tuple(100 * s for s in self.shares)


@dataclass(slots=True)
class AccessTable:
    """The France-wide table: France, then every region, department and EPCI."""

    times: tuple[int, ...]
    seats_minutes: int
    working_age_share: float
    method: str
    places: int
    places_with_seats: int
    seats: int
    rows: list[AccessRow] = field(default_factory=list)
    demand: str = "population"

    @property
    def working_age_pct(self) -> float:
        return 100 * self.working_age_share

    def level(self, level: str) -> list[AccessRow]:
        return [r for r in self.rows if r.level == level]


def _seats_per_place(place_ids: np.ndarray) -> np.ndarray:
    totals = dict(
        Resource.objects.filter(is_active=True, kind__in=WORK_KINDS, place_id__in=place_ids.tolist())
        .values("place_id")
        .annotate(n=Sum("capacity"))
        .values_list("place_id", "n")
    )
    return np.array([totals.get(int(p), 0) for p in place_ids], dtype=np.int64)


def accessibility(*, engine: Any | None = None, demand: Demand | None = None) -> AccessTable:
    """Compute the table for every level from the current snapshot (population, or ``demand``)."""
    engine = engine or travel.get_engine()
    snap = snapshot.current()
    t = snap.communes
    best = snap.nearest_minutes(max(TIMES), engine)
    pop = t.population.astype(np.int64)
    counted = demand is not None and demand.used != "population"
    if counted:
        assert demand is not None
        pop = np.rint(demand.weights(t.insee, t.population)).astype(np.int64)
    within = np.stack([np.where(best <= m, pop, 0) for m in TIMES])
    seats = _seats_per_place(snap.places.ids)
    need = pop.astype(float) if counted else pop * WORKING_AGE_SHARE
    score = two_step_fca(t, snap.places, seats, need, SEATS_MINUTES, engine)
    weighted = score * need
    names = {
        "reg": dict(Region.objects.values_list("code", "name")),
        "dep": {c: f"{n} ({c})" for c, n in Department.objects.values_list("code", "name")},
        "epci": dict(Epci.objects.values_list("code", "name")),
    }
    out = AccessTable(
        times=TIMES,
        seats_minutes=SEATS_MINUTES,
        working_age_share=WORKING_AGE_SHARE,
        method=engine.name,
        places=len(snap.places),
        places_with_seats=int((seats > 0).sum()),
        seats=int(seats.sum()),
        demand=demand.used if demand is not None else "population",
    )
    if len(t) == 0:
        return out
    columns = {
        "fr": np.zeros(len(t), dtype=object),
        "reg": t.region,
        "dep": t.department,
        "epci": t.epci,
    }
    for level, column in columns.items():
        if column is None:
            continue
        known = np.array([c is not None for c in column], dtype=bool)
        codes, inv = np.unique(column[known].astype(str), return_inverse=True)
        size = len(codes)
        p = np.bincount(inv, weights=pop[known], minlength=size)
        n = np.bincount(inv, minlength=size)
        w = [np.bincount(inv, weights=row[known], minlength=size) for row in within]
        d = np.bincount(inv, weights=need[known], minlength=size)
        s = np.bincount(inv, weights=weighted[known], minlength=size)
        for k, code in enumerate(codes.tolist()):
            name = str(_("France entière")) if level == "fr" else names[level].get(code, code)
            out.rows.append(
                AccessRow(
                    level=level,
                    code="" if level == "fr" else code,
                    name=name,
                    communes=int(n[k]),
                    population=int(p[k]),
                    within=tuple(int(x[k]) for x in w),
                    seats_per_1000=float(s[k] / d[k]) if d[k] > 0 else 0.0,
                )
            )
    return out


def access_csv(table: AccessTable) -> str:
    """Return the whole table as CSV (semicolon-separated, French headers, dot decimals)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(
        ["niveau", "code", "nom", "communes", "population"]
        + [f"population_a_{m}_min" for m in table.times]
        + [f"part_a_{m}_min" for m in table.times]
        + [f"postes_pour_1000_actifs_a_{table.seats_minutes}_min"]
    )
    for r in table.rows:
        writer.writerow(
            [r.level, r.code, r.name, r.communes, r.population, *r.within]
            + [f"{s:.4f}" for s in r.shares]
            + [f"{r.seats_per_1000:.3f}"]
        )
    return buf.getvalue()
