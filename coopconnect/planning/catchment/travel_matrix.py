"""Travel times from one point to many at once (numpy), by the very formula of the travel estimate.

With the estimate, times to many communes come from ``travel.estimate_arrays`` (the one
implementation of the estimate); for many origins at once, ``estimate_pair_minutes`` applies the
same formula to (origin, destination) pairs. Other engines are asked through ``legs()``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from coopconnect.core.geo import EARTH_RADIUS_KM
from coopconnect.territory import terrain, travel


def haversine_km_array(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Return great-circle km from one point to many (same formula as core.geo.haversine_km)."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dp = p2 - p1
    dl = np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def pair_mountain_share(
    origin_lat: np.ndarray,
    origin_lon: np.ndarray,
    lats: np.ndarray,
    lons: np.ndarray,
    origin_elev: np.ndarray,
    elevations: np.ndarray,
    *,
    chunk: int = 40_000,
) -> np.ndarray:
    """Return the mountain share of each (origin, destination) pair, as ``terrain.mountain_share``.

    The same sampling of the straight line on the same grid, for pairs whose origins differ (the
    terrain module takes one origin at a time); overseas, the share of the two ends that are high.
    """
    grid = terrain.mountain_grid(travel.MOUNTAIN_FROM_M, travel.MOUNTAIN_RELIEF_M)
    t = np.linspace(0.0, 1.0, terrain.SAMPLES)[None, :]
    out = np.empty(len(lats))
    high = float(travel.MOUNTAIN_FROM_M)
    for lo in range(0, len(lats), chunk):
        sl = slice(lo, lo + chunk)
        olat, olon = origin_lat[sl][:, None], origin_lon[sl][:, None]
        sample_lat = olat + (lats[sl][:, None] - olat) * t
        sample_lon = olon + (lons[sl][:, None] - olon) * t
        i = np.floor((sample_lat - terrain.LAT_MIN) / terrain.STEP_DEG).astype(int)
        j = np.floor((sample_lon - terrain.LON_MIN) / terrain.STEP_DEG).astype(int)
        inside = (i >= 0) & (i < grid.shape[0]) & (j >= 0) & (j < grid.shape[1])
        hits = np.where(
            inside, grid[np.clip(i, 0, grid.shape[0] - 1), np.clip(j, 0, grid.shape[1] - 1)], False
        )
        share = hits.mean(axis=1)
        outside = ~inside.any(axis=1)
        if outside.any():
            start = 0.5 * (np.nan_to_num(origin_elev[sl], nan=-np.inf) >= high)
            end = 0.5 * (np.nan_to_num(elevations[sl], nan=-np.inf) >= high)
            share = np.where(outside, start + end, share)
        out[sl] = share
    return out


def estimate_pair_minutes(
    engine: Any,
    origin_lat: np.ndarray,
    origin_lon: np.ndarray,
    lats: np.ndarray,
    lons: np.ndarray,
    km: np.ndarray,
    origin_elev: np.ndarray,
    elevations: np.ndarray,
) -> np.ndarray:
    """Return the estimate's minutes for paired trips of ``km`` straight-line km (elevations may be nan).

    The formula of ``travel.estimate_arrays``, on pairs: start minutes, then the plain-country
    minutes of the road km, the mountain share driven ``1 / MOUNTAIN_SPEED_FACTOR`` times slower.
    """
    if engine.elevation_m is not None:
        origin_elev = np.where(np.isnan(origin_elev), float(engine.elevation_m), origin_elev)
    share = pair_mountain_share(origin_lat, origin_lon, lats, lons, origin_elev, elevations)
    slow = 1.0 + share * (1.0 / travel.MOUNTAIN_SPEED_FACTOR - 1.0)
    return travel.START_MINUTES + travel.moving_minutes_array(km * travel.DETOUR_FACTOR) * slow


def is_estimate(engine: Any) -> bool:
    """Return whether ``engine`` is the directory's estimate (computed here with numpy)."""
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
    if is_estimate(engine):
        return travel.estimate_arrays(
            origin,
            lats,
            lons,
            origin_elevation=origin_elevation if origin_elevation is not None else engine.elevation_m,
            elevations=elevations,
        )
    legs = engine.legs(origin, list(zip(lats.tolist(), lons.tolist(), strict=True)))
    minutes = np.array([np.inf if leg is None else leg.minutes for leg in legs], dtype=float)
    km = np.array([np.inf if leg is None else leg.km for leg in legs], dtype=float)
    return minutes, km


def leg_between(
    a: travel.Point, b: travel.Point, *, a_elevation: float | None = None, b_elevation: float | None = None
) -> travel.Leg | None:
    """Return the engine's trip from ``a`` to ``b`` (None when unreachable)."""
    engine = travel.get_engine()
    if is_estimate(engine):
        return engine.leg(a, b, origin_elevation=a_elevation, destination_elevation=b_elevation)
    return engine.legs(a, [b])[0]
