"""A spatial grid index on the unit sphere: every pair of points closer than a radius, vectorised.

Points become unit vectors (x, y, z); space is cut into cubes whose side is the chord of the
radius, so two points within the radius always lie in the same or in adjacent cubes (27 of them).
The indexed points are sorted by cube key once; a query looks the 27 neighbouring keys up with
``searchsorted`` for all query points at once and expands the ranges into candidate pairs without
a Python loop; the exact great-circle distance then keeps the pairs within the radius. Works for
all of France, overseas included (no projection, no seam).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopconnect.core.geo import EARTH_RADIUS_KM

# Smallest cube side (chord on the unit sphere, ~0.6 km): keeps the integer keys within int64.
MIN_SIDE = 1e-4
_OFFSETS = np.array([(a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)], dtype=np.int64)


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Return the (n, 3) unit vectors of points given in degrees."""
    p, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(p) * np.cos(lam), np.cos(p) * np.sin(lam), np.sin(p)))


def haversine_pairs(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Return great-circle km between paired points (same formula as core.geo.haversine_km)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


@dataclass(frozen=True, slots=True)
class GridIndex:
    """Points sorted by cube key, for a given radius."""

    radius_km: float
    side: float
    base: int
    keys: np.ndarray  # sorted cube keys
    order: np.ndarray  # positions of the indexed points, in key order
    lat: np.ndarray
    lon: np.ndarray
    xyz: np.ndarray  # unit vectors of the indexed points, in key order

    @classmethod
    def build(cls, lat: np.ndarray, lon: np.ndarray, radius_km: float) -> GridIndex:
        """Index the points (degrees) for pair queries within ``radius_km``."""
        side = max(2 * np.sin(min(radius_km / EARTH_RADIUS_KM, np.pi) / 2) * 1.000001, MIN_SIDE)
        base = int(np.ceil(1.0 / side)) + 2
        xyz = unit_vectors(lat, lon)
        keys = _keys(xyz, side, base)
        order = np.argsort(keys, kind="stable")
        return cls(radius_km, side, base, keys[order], order, lat, lon, np.ascontiguousarray(xyz[order]))

    def pairs(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (query index, indexed point index, km) of every pair within the radius."""
        empty = np.empty(0, dtype=np.int64)
        if len(lat) == 0 or len(self.keys) == 0:
            return empty, empty, np.empty(0)
        qxyz = unit_vectors(lat, lon)
        cells = np.floor(qxyz / self.side).astype(np.int64)
        m = 2 * self.base + 3
        neighbours = cells[:, None, :] + _OFFSETS[None, :, :] + self.base
        keys = (neighbours[..., 0] * m + neighbours[..., 1]) * m + neighbours[..., 2]
        start = np.searchsorted(self.keys, keys, side="left").ravel()
        stop = np.searchsorted(self.keys, keys, side="right").ravel()
        counts = stop - start
        total = int(counts.sum())
        if total == 0:
            return empty, empty, np.empty(0)
        query = np.repeat(np.repeat(np.arange(len(lat)), len(_OFFSETS)), counts)
        ends = np.cumsum(counts)
        pos = np.arange(total) - np.repeat(ends - counts, counts) + np.repeat(start, counts)
        # A cheap first cut on the dot product (with a margin), then the exact distance.
        dot = np.einsum("ij,ij->i", qxyz[query], self.xyz[pos])
        near = dot >= np.cos(min(self.radius_km / EARTH_RADIUS_KM, np.pi)) - 1e-9
        query, pos = query[near], pos[near]
        point = self.order[pos]
        km = haversine_pairs(lat[query], lon[query], self.lat[point], self.lon[point])
        ok = km <= self.radius_km
        return query[ok], point[ok], km[ok]


def _keys(xyz: np.ndarray, side: float, base: int) -> np.ndarray:
    cells = np.floor(xyz / side).astype(np.int64) + base
    m = 2 * base + 3
    return (cells[:, 0] * m + cells[:, 1]) * m + cells[:, 2]
