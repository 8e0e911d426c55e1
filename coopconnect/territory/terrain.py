"""Where the land is mountainous: a coarse grid built from the communes' elevations, no database.

The grid covers mainland France and Corsica in cells of ``STEP_DEG`` (0.05 degree, about 5.5 km
north-south and 4 km east-west). A cell is mountain when, over it and its eight neighbours, the
communes' mean elevation reaches ``travel.MOUNTAIN_FROM_M`` or their elevations spread over
``travel.MOUNTAIN_RELIEF_M`` (deep valleys between high villages: the Verdon, the Pyrenees' valleys).
The elevations are those of the vendored communes file (GeoNames, at the town or village). The
share of a trip in the mountains is the share of ``SAMPLES`` points evenly spaced on the straight
line between its ends that fall in mountain cells. Overseas (outside the grid), the share is the
share of the trip's two ends at or above ``MOUNTAIN_FROM_M``.
"""

import csv
import functools
import gzip
from pathlib import Path

import numpy as np

COMMUNES_FILE = Path(__file__).resolve().parent / "data" / "communes.csv.gz"
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 41.0, 51.6, -5.6, 10.0
STEP_DEG = 0.05
SAMPLES = 24


def _shifts(a: np.ndarray, fill: float) -> list[np.ndarray]:
    padded = np.pad(a, 1, constant_values=fill)
    rows, cols = a.shape
    return [padded[1 + di : 1 + di + rows, 1 + dj : 1 + dj + cols] for di in (-1, 0, 1) for dj in (-1, 0, 1)]


@functools.cache
def mountain_grid(mean_from_m: float, relief_m: float) -> np.ndarray:
    """Return the boolean grid of mountain cells (rows: latitude from LAT_MIN, columns: longitude)."""
    rows = int(round((LAT_MAX - LAT_MIN) / STEP_DEG)) + 1
    cols = int(round((LON_MAX - LON_MIN) / STEP_DEG)) + 1
    total = np.zeros((rows, cols))
    count = np.zeros((rows, cols))
    high = np.full((rows, cols), -np.inf)
    low = np.full((rows, cols), np.inf)
    if COMMUNES_FILE.exists():
        with gzip.open(COMMUNES_FILE, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if not row.get("elevation"):
                    continue
                i = int((float(row["lat"]) - LAT_MIN) / STEP_DEG)
                j = int((float(row["lon"]) - LON_MIN) / STEP_DEG)
                if 0 <= i < rows and 0 <= j < cols:
                    elevation = float(row["elevation"])
                    total[i, j] += elevation
                    count[i, j] += 1
                    high[i, j] = max(high[i, j], elevation)
                    low[i, j] = min(low[i, j], elevation)
    total3 = np.sum(_shifts(total, 0.0), axis=0)
    count3 = np.sum(_shifts(count, 0.0), axis=0)
    high3 = np.max(_shifts(high, -np.inf), axis=0)
    low3 = np.min(_shifts(low, np.inf), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean3 = np.where(count3 > 0, total3 / np.maximum(count3, 1), -np.inf)
        relief3 = np.where(count3 > 0, high3 - low3, 0.0)
    return (mean3 >= mean_from_m) | (relief3 >= relief_m)


def mountain_share(
    origin: tuple[float, float],
    lats: np.ndarray,
    lons: np.ndarray,
    *,
    mean_from_m: float,
    relief_m: float,
    origin_elevation: float | None = None,
    elevations: np.ndarray | None = None,
) -> np.ndarray:
    """Return, per destination, the share (0-1) of the straight line from ``origin`` in mountain cells."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    if lats.size == 0:
        return np.zeros(0)
    grid = mountain_grid(mean_from_m, relief_m)
    t = np.linspace(0.0, 1.0, SAMPLES)[None, :]
    sample_lat = origin[0] + (lats[:, None] - origin[0]) * t
    sample_lon = origin[1] + (lons[:, None] - origin[1]) * t
    i = np.floor((sample_lat - LAT_MIN) / STEP_DEG).astype(int)
    j = np.floor((sample_lon - LON_MIN) / STEP_DEG).astype(int)
    inside = (i >= 0) & (i < grid.shape[0]) & (j >= 0) & (j < grid.shape[1])
    hits = np.where(inside, grid[np.clip(i, 0, grid.shape[0] - 1), np.clip(j, 0, grid.shape[1] - 1)], False)
    share = hits.mean(axis=1)
    outside = ~inside.any(axis=1)
    if outside.any():
        ends = np.nan_to_num(
            np.full(lats.shape, np.nan) if elevations is None else np.asarray(elevations, dtype=float),
            nan=-np.inf,
        )
        start_high = 0.5 if origin_elevation is not None and origin_elevation >= mean_from_m else 0.0
        share = np.where(outside, start_high + 0.5 * (ends >= mean_from_m), share)
    return np.asarray(share, dtype=float)
