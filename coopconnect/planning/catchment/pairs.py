"""Every trip within N minutes between many origins and many communes."""

from __future__ import annotations

from typing import Any

import numpy as np

from coopconnect.planning.catchment.tables import CommuneTable
from coopconnect.planning.catchment.travel_matrix import estimate_pair_minutes, is_estimate, reach_arrays
from coopconnect.planning.engine.grid import GridIndex


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

    ``columns`` are indices into ``table``. With the estimate, the grid index
    (:mod:`coopconnect.planning.engine.grid`, kept on the table for all of its communes) gives
    every pair within the engine's straight-line radius at once, and the travel formula runs on
    those pairs in one numpy step. With another engine, each origin is asked through ``legs()``.
    ``chunk`` is kept for callers of the former blockwise version; it no longer matters.
    """
    radius = engine.max_radius_km(minutes)
    columns = np.asarray(columns, dtype=np.int64)
    empty = np.empty(0, dtype=np.int64)
    if not is_estimate(engine):
        rows_out, cols_out, mins_out = [empty], [empty], [np.empty(0)]
        for o in np.argsort(origin_lat, kind="stable"):
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
        return np.concatenate(rows_out), np.concatenate(cols_out), np.concatenate(mins_out)
    if len(columns) == len(table) and np.array_equal(columns, np.arange(len(table))):
        grid = table.grid(radius)
    else:
        grid = GridIndex.build(table.lat[columns], table.lon[columns], radius)
    rows, pos, km = grid.pairs(np.asarray(origin_lat, dtype=float), np.asarray(origin_lon, dtype=float))
    cols = columns[pos]
    olat, olon = np.asarray(origin_lat, dtype=float), np.asarray(origin_lon, dtype=float)
    mins = estimate_pair_minutes(
        engine,
        olat[rows],
        olon[rows],
        table.lat[cols],
        table.lon[cols],
        km,
        np.asarray(origin_elev, dtype=float)[rows],
        table.elevation[cols],
    )
    ok = mins <= minutes
    return rows[ok], cols[ok], mins[ok]
