"""Travel times from one point to many at once (numpy), by the very formula of the travel estimate.

With the estimate, times to many communes are computed at once with numpy by the formula of
``travel.EstimateEngine`` (great-circle km × detour factor, speed bands, mountain factor); other
engines are asked through ``legs()`` (one table request).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from coopconnect.core.geo import EARTH_RADIUS_KM
from coopconnect.territory import travel


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
    if is_estimate(engine):
        return engine.leg(a, b, origin_elevation=a_elevation, destination_elevation=b_elevation)
    return engine.legs(a, [b])[0]
