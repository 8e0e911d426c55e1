"""Minutes from each commune to the nearest place, on the arrays."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from coopconnect.planning.catchment.pairs import pairs_within
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable


def nearest_place_minutes(table: CommuneTable, places: PlaceTable, minutes: float, engine: Any) -> np.ndarray:
    """Return, per commune, the minutes from the nearest place; inf when none is within ``minutes``."""
    n = len(table)
    best = np.full(n, np.inf)
    if n == 0 or len(places) == 0:
        return best
    radius = engine.max_radius_km(minutes)
    # Only places that can reach the table's latitude band matter.
    pad = math.degrees(radius / 6371.0)
    near = (places.lat >= table.lat.min() - pad) & (places.lat <= table.lat.max() + pad)
    _rows, cols, mins = pairs_within(
        engine, places.lat[near], places.lon[near], places.elevation[near], table, np.arange(n), minutes
    )
    np.minimum.at(best, cols, mins)
    best[best > minutes] = np.inf
    return best
