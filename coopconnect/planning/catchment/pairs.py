"""Every trip within N minutes between many origins and many communes, computed by blocks."""

from __future__ import annotations

from typing import Any

import numpy as np

from coopconnect.core.geo import EARTH_RADIUS_KM
from coopconnect.planning.catchment.tables import CommuneTable
from coopconnect.planning.catchment.travel_matrix import estimate_minutes_array, is_estimate, reach_arrays
from coopconnect.territory import travel


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
    if not is_estimate(engine):
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
