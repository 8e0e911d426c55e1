"""Catchment of a candidate site: the communes within N minutes by road, and who lives there.

Travel times come from the travel engine (``travel.get_engine()``): the directory's estimate by
default, OSRM when configured.

A commune counts as reached when the trip to its reference point (its centre as located by
GeoNames, approximate for some) takes at most N minutes: its whole population is then counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES, Site, validate_minutes
from coopconnect.planning.catchment.tables import CommuneTable
from coopconnect.territory import travel


@dataclass(frozen=True, slots=True)
class CatchmentRow:
    """A commune reached from the site."""

    insee: str
    name: str
    department: str
    population: int
    minutes: float
    km: float
    approximate: bool


@dataclass(slots=True)
class Catchment:
    """The communes reached from a site within ``minutes``, nearest first, and their population."""

    site: Site
    minutes: int
    method: str
    rows: list[CatchmentRow] = field(default_factory=list)

    @property
    def total_population(self) -> int:
        return sum(r.population for r in self.rows)

    @property
    def approximate_count(self) -> int:
        return sum(1 for r in self.rows if r.approximate)


def catchment(site: Site, minutes: int = DEFAULT_MINUTES, *, table: CommuneTable | None = None) -> Catchment:
    """Return the communes within ``minutes`` by road from the site, nearest first."""
    minutes = validate_minutes(minutes)
    engine = travel.get_engine()
    if table is None:
        radius = engine.max_radius_km(minutes)
        lat0, lat1 = site.latitude - radius / 110.0, site.latitude + radius / 110.0
        dlon = radius / (
            110.0 * max(np.cos(np.radians(min(abs(site.latitude) + radius / 110.0, 89.9))), 1e-6)
        )
        table = CommuneTable.load(
            Q(latitude__range=(lat0, lat1), longitude__range=(site.longitude - dlon, site.longitude + dlon))
        )
    idx, mins, km = table.reach(engine, site.point, minutes, origin_elevation=site.elevation)
    if site.commune is not None and not site.is_point:
        # The site's own commune is always in its catchment, even when its point is off the grid.
        own = np.flatnonzero(table.insee == site.commune.insee)
        if len(own) and own[0] not in set(idx.tolist()):
            idx = np.append(idx, own[0])
            mins = np.append(mins, travel.START_MINUTES)
            km = np.append(km, 0.0)
    order = np.lexsort((-table.population[idx], mins))
    rows = [
        CatchmentRow(
            insee=str(table.insee[i]),
            name=str(table.name[i]),
            department=str(table.department[i]),
            population=int(table.population[i]),
            minutes=float(m),
            km=float(k),
            approximate=bool(table.approximate[i]),
        )
        for i, m, k in zip(idx[order], mins[order], km[order], strict=True)
    ]
    return Catchment(site=site, minutes=minutes, method=engine.name, rows=rows)


def method_note(method: str) -> str:
    """Explain in French how travel times were obtained (the estimate's parameters spelled out)."""
    if method != "estimate":
        return _("Temps de trajet routiers calculés par OSRM (profil voiture).")
    bands, lower = [], 0.0
    for upper, speed in travel.SPEED_BANDS_KMH:
        bands.append(
            _("%(s)s km/h au-delà de %(lo)s km") % {"s": f"{speed:g}", "lo": f"{lower:g}"}
            if upper == float("inf")
            else _("%(s)s km/h de %(lo)s à %(hi)s km")
            % {"s": f"{speed:g}", "lo": f"{lower:g}", "hi": f"{upper:g}"}
        )
        lower = upper
    return _(
        "Temps estimés : distance à vol d'oiseau × %(d)s (détours) ; vitesses par tranche : "
        "%(bands)s ; la part du trajet en montagne (moyenne des altitudes des communes d'au moins "
        "%(mh)s m, ou écart d'altitude d'au moins %(mr)s m, le long de la ligne droite) roulée %(mf)s "
        "fois moins vite ; + %(start)s minute de départ. Une commune compte entièrement quand son "
        "centre est atteint."
    ) % {
        "d": formatting.number(travel.DETOUR_FACTOR),
        "bands": ", ".join(bands),
        "mf": formatting.number(1 / travel.MOUNTAIN_SPEED_FACTOR, decimals=1),
        "mh": travel.MOUNTAIN_FROM_M,
        "mr": travel.MOUNTAIN_RELIEF_M,
        "start": f"{travel.START_MINUTES:g}",
    }
