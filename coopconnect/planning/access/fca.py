"""Seats within reach: the two-step floating catchment area (2SFCA, Luo & Wang 2003), on arrays.

Step 1, for each place j: its ratio R_j = seats_j / (demand of the communes within D minutes of j).
Step 2, for each commune i: A_i = sum of R_j over the places within D minutes of i, times 1,000:
seats per 1,000 residents of working age within reach. A territory's figure is the average of
A_i weighted by demand; summed over all of France it hands out every seat that has demand near it
exactly once. Cross-checked in the tests against PySAL ``access`` (``access.fca.two_stage_fca``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from coopconnect.planning.catchment.pairs import pairs_within
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable


def two_step_fca(
    table: CommuneTable,
    places: PlaceTable,
    seats: np.ndarray,
    demand: np.ndarray,
    minutes: float,
    engine: Any,
) -> np.ndarray:
    """Return, per commune, the seats per 1,000 demand within ``minutes`` (0 where none is reachable)."""
    n = len(table)
    if n == 0 or len(places) == 0:
        return np.zeros(n)
    rows, cols, _mins = pairs_within(
        engine, places.lat, places.lon, places.elevation, table, np.arange(n), minutes
    )
    demand = demand.astype(float)
    reached = np.bincount(rows, weights=demand[cols], minlength=len(places))
    ratio = np.divide(seats.astype(float), reached, out=np.zeros(len(places)), where=reached > 0)
    return 1000.0 * np.bincount(cols, weights=ratio[rows], minlength=n)
