"""Communes and existing places as numpy arrays, for computing on thousands of them at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Q
from django.utils import timezone

from coopconnect.core.geo import EARTH_RADIUS_KM
from coopconnect.places.models import Place
from coopconnect.planning.catchment.travel_matrix import haversine_km_array, reach_arrays
from coopconnect.planning.engine.grid import GridIndex
from coopconnect.territory import travel
from coopconnect.territory.models import Commune


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
    region: np.ndarray | None = None
    epci: np.ndarray | None = None
    _grids: dict[float, GridIndex] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.insee)

    def grid(self, radius_km: float) -> GridIndex:
        """Return the grid index of all the table's communes for ``radius_km`` (built once per radius)."""
        key = round(float(radius_km), 6)
        if key not in self._grids:
            if len(self._grids) >= 8:
                self._grids.clear()
            self._grids[key] = GridIndex.build(self.lat, self.lon, key)
        return self._grids[key]

    def subset(self, idx: np.ndarray) -> CommuneTable:
        """Return the communes at ``idx`` (increasing positions keep the latitude order)."""
        return CommuneTable(
            insee=self.insee[idx],
            name=self.name[idx],
            department=self.department[idx],
            population=self.population[idx],
            lat=self.lat[idx],
            lon=self.lon[idx],
            elevation=self.elevation[idx],
            approximate=self.approximate[idx],
            region=None if self.region is None else self.region[idx],
            epci=None if self.epci is None else self.epci[idx],
        )

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
                "region_id",
                "epci_id",
            )
        )
        if not rows:
            return cls(
                *(
                    np.empty(0, dtype=t)
                    for t in (object, object, object, np.int64, float, float, float, bool, object, object)
                )
            )
        insee, name, dep, pop, lat, lon, elev, approx, region, epci = zip(*rows, strict=True)
        return cls(
            insee=np.array(insee, dtype=object),
            name=np.array(name, dtype=object),
            department=np.array(dep, dtype=object),
            population=np.array(pop, dtype=np.int64),
            lat=np.array(lat, dtype=float),
            lon=np.array(lon, dtype=float),
            elevation=np.array([np.nan if e is None else e for e in elev], dtype=float),
            approximate=np.array(approx, dtype=bool),
            region=np.array(region, dtype=object),
            epci=np.array(epci, dtype=object),
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
