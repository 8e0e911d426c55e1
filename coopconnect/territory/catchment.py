"""Catchment of a candidate site: the communes within N minutes by road, and who lives there.

Travel times come from the travel engine (``travel.get_engine()``): the directory's estimate by
default, OSRM when configured. With the estimate, times to many communes are computed at once
with numpy by the very formula of ``travel.EstimateEngine`` (great-circle km × detour factor,
speed bands, mountain factor); other engines are asked through ``legs()`` (one table request).

A commune counts as reached when the trip to its reference point (its centre as located by
GeoNames, approximate for some) takes at most N minutes: its whole population is then counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Q
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.geo import EARTH_RADIUS_KM, haversine_km, parse_latlon
from coopconnect.territory import travel
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import resolve_commune

MIN_MINUTES, MAX_MINUTES = 1, 120
DEFAULT_MINUTES = 20


def as_int(value: Any) -> int | None:
    """Return ``value`` as an int when it is a whole number (int, integral float, digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def validate_minutes(minutes: Any, field_name: str = "minutes") -> int:
    """Return ``minutes`` as an int in 1..120, or raise DomainError with a French field error."""
    value = as_int(minutes)
    if value is None:
        raise DomainError(
            _("Durée invalide : indiquez un nombre entier de minutes."),
            errors={field_name: [_("Indiquez un nombre entier de minutes.")]},
        )
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise DomainError(
            _("La durée doit être comprise entre %(lo)s et %(hi)s minutes (reçu : %(v)s).")
            % {"lo": MIN_MINUTES, "hi": MAX_MINUTES, "v": value},
            errors={
                field_name: [
                    _("La durée doit être comprise entre %(lo)s et %(hi)s minutes.")
                    % {"lo": MIN_MINUTES, "hi": MAX_MINUTES}
                ]
            },
        )
    return value


# -- Sites ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Site:
    """A candidate site: a commune (its reference point) or a point given by its coordinates."""

    label: str
    latitude: float
    longitude: float
    commune: Commune | None
    is_point: bool = False

    @property
    def point(self) -> travel.Point:
        return (self.latitude, self.longitude)

    @property
    def elevation(self) -> float | None:
        return None if self.commune is None or self.is_point else self.commune.elevation


def nearest_commune(lat: float, lon: float) -> Commune | None:
    """Return the commune whose reference point is nearest (within 30 km), or None."""
    for radius in (5.0, 15.0, 30.0):
        dlat = radius / 111.0
        dlon = radius / (111.0 * max(np.cos(np.radians(lat)), 1e-6))
        found = list(
            Commune.objects.select_related("department").filter(
                latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
            )
        )
        if found:
            return min(found, key=lambda c: haversine_km(lat, lon, c.latitude, c.longitude))
    return None


def parse_site(value: str, field_name: str = "site") -> Site:
    """Read a site from an INSEE code, a commune name or "latitude,longitude"; DomainError if unknown."""
    value = (value or "").strip()
    if not value:
        raise DomainError(
            _("Indiquez une commune ou des coordonnées."), errors={field_name: [_("Champ requis.")]}
        )
    if "," in value and any(ch.isdigit() for ch in value.split(",")[0]):
        try:
            lat, lon = parse_latlon(value)
        except ValueError as exc:
            raise DomainError(str(exc), errors={field_name: [str(exc)]}) from exc
        commune = nearest_commune(lat, lon)
        label = _("Point %(lat).4f, %(lon).4f") % {"lat": lat, "lon": lon}
        if commune is not None:
            label += _(" (commune la plus proche : %(name)s)") % {"name": commune.name}
        return Site(label=label, latitude=lat, longitude=lon, commune=commune, is_point=True)
    commune, suggestions = resolve_commune(value)
    if commune is None:
        if suggestions:
            names = ", ".join(f"{c.name} ({c.department_id}, {c.insee})" for c in suggestions[:5])
            message = _(
                "Plusieurs communes correspondent à « %(q)s » : %(names)s. Précisez le code INSEE."
            ) % {
                "q": value,
                "names": names,
            }
        else:
            message = _(
                "Commune inconnue : « %(q)s ». Indiquez un nom, un code INSEE ou « latitude,longitude »."
            ) % {"q": value}
        raise DomainError(message, errors={field_name: [message]})
    return Site(
        label=f"{commune.name} ({commune.department_id})",
        latitude=commune.latitude,
        longitude=commune.longitude,
        commune=commune,
    )


# -- Vectorised travel ---------------------------------------------------------------------------


def haversine_km_array(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Return great-circle km from one point to many (same formula as core.geo.haversine_km)."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dp = p2 - p1
    dl = np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def estimate_minutes_array(road_km: np.ndarray, mountain: np.ndarray) -> np.ndarray:
    """Return travel.EstimateEngine's minutes for many road distances (speed bands, mountain factor)."""
    factor = np.where(mountain, travel.MOUNTAIN_SPEED_FACTOR, 1.0)
    minutes = np.full(road_km.shape, travel.START_MINUTES, dtype=float)
    lower = 0.0
    for upper, speed in travel.SPEED_BANDS_KMH:
        minutes += np.clip(road_km - lower, 0.0, upper - lower) / (speed * factor) * 60.0
        lower = upper
    return minutes


def _is_estimate(engine: Any) -> bool:
    return isinstance(engine, travel.EstimateEngine)


def reach_arrays(
    engine: Any,
    origin: travel.Point,
    lats: np.ndarray,
    lons: np.ndarray,
    *,
    origin_elevation: float | None = None,
    elevations: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (minutes, road km) from ``origin`` to each point; inf where no route exists."""
    if len(lats) == 0:
        return np.empty(0), np.empty(0)
    if _is_estimate(engine):
        road_km = haversine_km_array(origin[0], origin[1], lats, lons) * travel.DETOUR_FACTOR
        known = [e for e in (origin_elevation, engine.elevation_m) if e is not None]
        base = max(known) if known else -np.inf
        elev = np.full(len(lats), -np.inf) if elevations is None else np.nan_to_num(elevations, nan=-np.inf)
        mountain = np.maximum(elev, base) >= travel.MOUNTAIN_FROM_M
        return estimate_minutes_array(road_km, mountain), road_km
    legs = engine.legs(origin, list(zip(lats.tolist(), lons.tolist(), strict=True)))
    minutes = np.array([np.inf if leg is None else leg.minutes for leg in legs], dtype=float)
    km = np.array([np.inf if leg is None else leg.km for leg in legs], dtype=float)
    return minutes, km


def leg_between(
    a: travel.Point, b: travel.Point, *, a_elevation: float | None = None, b_elevation: float | None = None
) -> travel.Leg | None:
    """Return the engine's trip from ``a`` to ``b`` (None when unreachable)."""
    engine = travel.get_engine()
    if _is_estimate(engine):
        return engine.leg(a, b, origin_elevation=a_elevation, destination_elevation=b_elevation)
    return engine.legs(a, [b])[0]


# -- Tables of communes and places ---------------------------------------------------------------


@dataclass(slots=True)
class CommuneTable:
    """Communes as parallel numpy arrays (sorted by latitude for fast window queries)."""

    insee: np.ndarray
    name: np.ndarray
    department: np.ndarray
    population: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray
    approximate: np.ndarray

    def __len__(self) -> int:
        return len(self.insee)

    @classmethod
    def load(cls, q: Q | None = None) -> CommuneTable:
        """Load the communes matching ``q`` (all of them by default)."""
        qs = Commune.objects.all()
        if q is not None:
            qs = qs.filter(q)
        rows = list(
            qs.order_by("latitude").values_list(
                "insee",
                "name",
                "department_id",
                "population",
                "latitude",
                "longitude",
                "elevation",
                "coords_approximate",
            )
        )
        if not rows:
            return cls(
                *(np.empty(0, dtype=t) for t in (object, object, object, np.int64, float, float, float, bool))
            )
        insee, name, dep, pop, lat, lon, elev, approx = zip(*rows, strict=True)
        return cls(
            insee=np.array(insee, dtype=object),
            name=np.array(name, dtype=object),
            department=np.array(dep, dtype=object),
            population=np.array(pop, dtype=np.int64),
            lat=np.array(lat, dtype=float),
            lon=np.array(lon, dtype=float),
            elevation=np.array([np.nan if e is None else e for e in elev], dtype=float),
            approximate=np.array(approx, dtype=bool),
        )

    def window(self, lat: float, lon: float, radius_km: float) -> np.ndarray:
        """Return indices of communes within ``radius_km`` of the point (straight line)."""
        dlat = np.degrees(radius_km / EARTH_RADIUS_KM)
        lo, hi = np.searchsorted(self.lat, [lat - dlat, lat + dlat + 1e-12])
        idx = np.arange(lo, hi)
        if len(idx) == 0:
            return idx
        dlon = np.degrees(
            radius_km / (EARTH_RADIUS_KM * max(np.cos(np.radians(min(abs(lat) + dlat, 89.9))), 1e-6))
        )
        lon_ok = np.abs(((self.lon[idx] - lon) + 180) % 360 - 180) <= dlon
        idx = idx[lon_ok]
        d = haversine_km_array(lat, lon, self.lat[idx], self.lon[idx])
        return idx[d <= radius_km]

    def reach(
        self,
        engine: Any,
        origin: travel.Point,
        minutes: float,
        *,
        origin_elevation: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (indices, minutes, km) of the communes reached within ``minutes`` from ``origin``."""
        idx = self.window(origin[0], origin[1], engine.max_radius_km(minutes))
        mins, km = reach_arrays(
            engine,
            origin,
            self.lat[idx],
            self.lon[idx],
            origin_elevation=origin_elevation,
            elevations=self.elevation[idx],
        )
        ok = mins <= minutes
        return idx[ok], mins[ok], km[ok]


@dataclass(slots=True)
class PlaceTable:
    """Existing published places as numpy arrays: where people can already work near home."""

    ids: np.ndarray
    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def load(cls, *, today: date | None = None) -> PlaceTable:
        """Load published places, leaving out pop-up places whose end date has passed."""
        from django.utils import timezone

        from coopconnect.places.models import Place

        today = today or timezone.localdate()
        rows = list(
            Place.objects.filter(is_published=True)
            .exclude(popup_end__lt=today)
            .order_by("pk")
            .values_list("pk", "name", "latitude", "longitude", "commune__elevation")
        )
        if not rows:
            return cls(*(np.empty(0, dtype=t) for t in (np.int64, object, float, float, float)))
        ids, name, lat, lon, elev = zip(*rows, strict=True)
        return cls(
            ids=np.array(ids, dtype=np.int64),
            name=np.array(name, dtype=object),
            lat=np.array(lat, dtype=float),
            lon=np.array(lon, dtype=float),
            elevation=np.array([np.nan if e is None else e for e in elev], dtype=float),
        )


@dataclass(frozen=True, slots=True)
class NearPlace:
    """An existing place and the trip to it."""

    place: Any
    minutes: float
    km: float
    method: str


def nearest_places(
    origin: travel.Point,
    *,
    limit: int = 1,
    max_minutes: int = MAX_MINUTES,
    origin_elevation: float | None = None,
    exclude_ids: Sequence[int] = (),
) -> list[NearPlace]:
    """Return the published places nearest by road from ``origin`` (within ``max_minutes``), nearest first."""
    from django.utils import timezone

    from coopconnect.core.geo import bounding_box
    from coopconnect.places.models import Place

    engine = travel.get_engine()
    base = (
        Place.objects.filter(is_published=True)
        .exclude(popup_end__lt=timezone.localdate())
        .exclude(pk__in=list(exclude_ids))
        .select_related("commune")
    )
    for minutes in sorted({min(30, max_minutes), min(60, max_minutes), max_minutes}):
        lat0, lat1, lon0, lon1 = bounding_box(origin[0], origin[1], engine.max_radius_km(minutes))
        found = list(base.filter(latitude__range=(lat0, lat1), longitude__range=(lon0, lon1)))
        if not found:
            continue
        mins, km = reach_arrays(
            engine,
            origin,
            np.array([p.latitude for p in found]),
            np.array([p.longitude for p in found]),
            origin_elevation=origin_elevation,
            elevations=np.array(
                [
                    np.nan if p.commune is None or p.commune.elevation is None else p.commune.elevation
                    for p in found
                ],
                dtype=float,
            ),
        )
        ranked = sorted(
            (
                NearPlace(p, float(m), float(k), engine.name)
                for p, m, k in zip(found, mins, km, strict=True)
                if m <= minutes
            ),
            key=lambda n: n.minutes,
        )
        # Only trust the ranking once the search radius covers the limit'th result.
        if len(ranked) >= limit or minutes == max_minutes:
            return ranked[:limit]
    return []


# -- Catchment -----------------------------------------------------------------------------------


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
        "%(bands)s ; vitesses × "
        "%(mf)s au-dessus de %(mh)s m d'altitude ; + %(start)s minutes de départ. Une commune "
        "compte entièrement "
        "quand son centre est atteint."
    ) % {
        "d": f"{travel.DETOUR_FACTOR:g}".replace(".", ","),
        "bands": ", ".join(bands),
        "mf": f"{travel.MOUNTAIN_SPEED_FACTOR:g}".replace(".", ","),
        "mh": travel.MOUNTAIN_FROM_M,
        "start": f"{travel.START_MINUTES:g}",
    }


def pairs_within(
    engine: Any,
    origin_lat: np.ndarray,
    origin_lon: np.ndarray,
    origin_elev: np.ndarray,
    table: CommuneTable,
    columns: np.ndarray,
    minutes: float,
    *,
    chunk: int = 64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (origin index, commune index, minutes) of every origin → commune trip within ``minutes``.

    ``columns`` are indices into ``table`` (sorted by latitude, as the table is). Origins are
    processed by chunks of nearby latitudes: one latitude window of communes per chunk and a
    block of distances at once, so all of France takes a few hundred numpy steps, not one per
    origin. With an engine other than the estimate, each origin is asked through ``legs()``.
    """
    order = np.argsort(origin_lat, kind="stable")
    radius = engine.max_radius_km(minutes)
    dlat = np.degrees(radius / EARTH_RADIUS_KM)
    col_lat = table.lat[columns]
    rows_out, cols_out, mins_out = [], [], []
    if not _is_estimate(engine):
        for o in order:
            idx = table.window(float(origin_lat[o]), float(origin_lon[o]), radius)
            idx = np.intersect1d(idx, columns, assume_unique=True)
            elev = origin_elev[o]
            mins, _km = reach_arrays(
                engine,
                (float(origin_lat[o]), float(origin_lon[o])),
                table.lat[idx],
                table.lon[idx],
                origin_elevation=None if np.isnan(elev) else float(elev),
                elevations=table.elevation[idx],
            )
            ok = mins <= minutes
            rows_out.append(np.full(int(ok.sum()), o, dtype=np.int64))
            cols_out.append(idx[ok])
            mins_out.append(mins[ok])
    else:
        base_elev = -np.inf if engine.elevation_m is None else float(engine.elevation_m)
        col_elev = np.nan_to_num(table.elevation[columns], nan=-np.inf)
        col_lon = table.lon[columns]
        # Group origins by grid cell (about the reach wide), so each block only holds near pairs.
        cell = max(2 * dlat, 0.1)
        keys = np.floor(origin_lat / cell) * 100000 + np.floor(origin_lon / cell)
        order = np.lexsort((origin_lat, keys))
        bounds = np.flatnonzero(np.diff(keys[order])) + 1
        groups = [g[i : i + chunk] for g in np.split(order, bounds) for i in range(0, len(g), chunk)]
        for rows in groups:
            lat_lo, lat_hi = origin_lat[rows].min() - dlat, origin_lat[rows].max() + dlat
            lo, hi = np.searchsorted(col_lat, [lat_lo, lat_hi + 1e-12])
            if hi <= lo:
                continue
            coslat = max(np.cos(np.radians(min(max(abs(lat_lo), abs(lat_hi)), 89.9))), 1e-6)
            dlon = np.degrees(radius / (EARTH_RADIUS_KM * coslat))
            cols = np.arange(lo, hi)
            cols = cols[
                (col_lon[cols] >= origin_lon[rows].min() - dlon)
                & (col_lon[cols] <= origin_lon[rows].max() + dlon)
            ]
            if len(cols) == 0:
                continue
            p1 = np.radians(origin_lat[rows])[:, None]
            p2 = np.radians(col_lat[cols])[None, :]
            dl = np.radians(table.lon[columns[cols]][None, :] - origin_lon[rows][:, None])
            a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
            dist = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
            r, c = np.nonzero(dist <= radius)
            if len(r) == 0:
                continue
            oe = np.nan_to_num(origin_elev[rows], nan=-np.inf)
            mountain = np.maximum(np.maximum(oe[r], col_elev[cols[c]]), base_elev) >= travel.MOUNTAIN_FROM_M
            mins = estimate_minutes_array(dist[r, c] * travel.DETOUR_FACTOR, mountain)
            ok = mins <= minutes
            rows_out.append(rows[r[ok]])
            cols_out.append(columns[cols[c[ok]]])
            mins_out.append(mins[ok])
    if not rows_out:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(rows_out), np.concatenate(cols_out), np.concatenate(mins_out)
