"""What a siting counts: the shared demand choice (``planning.demand``), as whole people per commune."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.planning.demand import DEMANDS, choose

__all__ = ["DEMANDS", "demand_weights"]


def demand_weights(kind: Any, insee: np.ndarray, population: np.ndarray) -> tuple[str, np.ndarray, str]:
    """Return (demand used, weight per commune, note) for ``kind`` (a name or a ``Demand``).

    Without an imported MOBPRO file the demand falls back to population, and the note says so.
    """
    demand = choose(kind)
    if demand.used == "population":
        return "population", population.astype(np.int64), demand.note if demand.fell_back else ""
    weights = np.rint(demand.weights(insee, population)).astype(np.int64)
    note = _("%(note)s Les nombres « habitants » de cette proposition sont ces personnes.") % {
        "note": demand.note
    }
    return demand.used, weights, note
