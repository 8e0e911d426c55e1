"""Candidate sites: the bounds of a siting request, and which demand communes each candidate reaches."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES, as_int, validate_minutes
from coopconnect.planning.catchment.pairs import pairs_within
from coopconnect.planning.catchment.tables import CommuneTable

MAX_K = 200
DEFAULT_MIN_POPULATION = 5000


def validate_request(
    k: Any, minutes: Any, min_population: Any, min_spacing_minutes: Any
) -> tuple[int, int, int, int]:
    """Return (k, minutes, min_population, spacing) as ints, or raise DomainError with field errors."""
    errors: dict[str, list[str]] = {}
    k_val = as_int(k)
    if k_val is None or not 1 <= k_val <= MAX_K:
        errors["k"] = [_("Le nombre de sites doit être un entier entre 1 et %(max)s.") % {"max": MAX_K}]
    try:
        minutes_val = validate_minutes(minutes)
    except DomainError as exc:
        errors.update(exc.errors)
        minutes_val = DEFAULT_MINUTES
    pop_val = as_int(min_population)
    if pop_val is None or pop_val < 0:
        errors["min_population"] = [_("La population minimale doit être un entier positif ou nul.")]
    spacing = as_int(min_spacing_minutes)
    if spacing is None or not 0 <= spacing <= 120:
        errors["min_spacing_minutes"] = [
            _("L'écartement minimal doit être un entier entre 0 et 120 minutes.")
        ]
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(first if len(errors) == 1 else _("Données invalides."), errors=errors)
    return k_val, minutes_val, pop_val, spacing  # type: ignore[return-value]


def coverage_sets(
    table: CommuneTable, cand: np.ndarray, weights: np.ndarray, minutes: int, engine: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Return CSR (indptr, indices) of the demand communes (weight > 0) each candidate reaches."""
    demand = np.flatnonzero(weights > 0)
    rows, cols, _mins = pairs_within(
        engine, table.lat[cand], table.lon[cand], table.elevation[cand], table, demand, minutes
    )
    order = np.lexsort((cols, rows))
    counts = np.bincount(rows[order], minlength=len(cand))
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return indptr, cols[order].astype(np.int32)


def set_sums(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return, per candidate, the sum of ``values`` over its set."""
    csum = np.concatenate([[0], np.cumsum(values[indices], dtype=np.int64)])
    return csum[indptr[1:]] - csum[indptr[:-1]]
