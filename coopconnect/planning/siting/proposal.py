"""Proposing new sites: K communes bringing the most people newly within N minutes of a place.

This is the maximal covering location problem (Church & ReVelle, 1974). Demand: the communes of
the territory not yet within N minutes of an existing published place, weighted by population.
Candidates: the territory's communes with at least ``min_population`` inhabitants, farther than
``min_spacing_minutes`` from every existing place. A candidate covers the communes within N
minutes of it. Two picks must also be at least ``min_spacing_minutes`` apart.

Methods:

* **Greedy** (lazy evaluation, Minoux 1978): repeatedly pick the candidate adding the most
  uncovered population. Covered population is a monotone submodular function of the set of
  sites, so without the spacing rule the greedy choice reaches at least (1 − 1/e) ≈ 63 % of the
  optimum (Nemhauser, Wolsey & Fisher, 1978). The spacing rule is not a cardinality constraint,
  so that guarantee no longer holds formally; we therefore also compute the a-posteriori bound
  OPT ≤ f(S) + sum of the K largest marginal gains given S (valid for any monotone submodular f,
  and the optimum with spacing is below the optimum without it), and show f(S) / bound.
* **Exact** enumeration of every set of K candidates (respecting the spacing) when the number of
  combinations is at most ``EXACT_LIMIT``: the true optimum.
* **Exact** integer program solved by HiGHS (``siting/ilp.py``) beyond that, for a department,
  a region or all of France, within a time limit: the optimum with its proof, or the best solution
  found and the optimality gap when the limit stops it, or the greedy answer with a note when the
  program is too large to build.

Each pick is listed with its marginal gain (people newly within N minutes when it is added, in
the order of the greedy choice), so the gains add up to the total.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.catchment.travel_matrix import is_estimate
from coopconnect.planning.coverage import territory_arrays
from coopconnect.planning.engine import snapshot
from coopconnect.planning.siting.candidates import (
    DEFAULT_MIN_POPULATION,
    coverage_sets,
    set_sums,
    validate_request,
)
from coopconnect.planning.siting.demand import demand_weights
from coopconnect.planning.siting.exact import EXACT_LIMIT, enumerate_best
from coopconnect.planning.siting.greedy import lazy_greedy, order_by_gain
from coopconnect.planning.siting.ilp import DEFAULT_TIME_LIMIT_S, MAX_NONZEROS, IlpOutcome, solve_mclp
from coopconnect.planning.siting.result import Pick, SitingResult
from coopconnect.planning.siting.result import people as _people
from coopconnect.planning.territories import Territory
from coopconnect.territory import travel


def _coverage_sets(
    territory: Territory,
    table: CommuneTable,
    cand: np.ndarray,
    w: np.ndarray,
    minutes: int,
    engine: Any,
    *,
    from_snapshot: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The candidates' coverage sets, kept on the snapshot for the estimate (the costly part of a
    siting: the travel pairs); the key is everything they depend on, the snapshot the data."""
    snap = snapshot.peek() if from_snapshot and is_estimate(engine) else None
    if snap is None:
        return coverage_sets(table, cand, w, minutes, engine)
    mask = np.packbits(w > 0).tobytes()
    digest = hashlib.blake2b(cand.tobytes() + mask, digest_size=16).hexdigest()
    key = ("siting-sets", territory.key, len(table), minutes, str(getattr(engine, "name", "")), digest)
    result: tuple[np.ndarray, np.ndarray] = snap.memo(
        key, lambda: coverage_sets(table, cand, w, minutes, engine)
    )
    return result


def propose_sites(
    territory: Territory,
    *,
    k: Any,
    minutes: Any = DEFAULT_MINUTES,
    min_population: Any = DEFAULT_MIN_POPULATION,
    min_spacing_minutes: Any = 0,
    exact_limit: int = EXACT_LIMIT,
    exact: bool = True,
    time_limit: float = DEFAULT_TIME_LIMIT_S,
    demand: Any = "population",
    table: CommuneTable | None = None,
    places: PlaceTable | None = None,
    engine: Any | None = None,
) -> SitingResult:
    """Choose up to K communes of ``territory`` maximising the population newly within ``minutes``."""
    k, minutes, min_population, spacing = validate_request(k, minutes, min_population, min_spacing_minutes)
    engine = engine or travel.get_engine()
    given = (table, places)
    table, places, best_minutes = territory_arrays(territory, minutes, engine, *given)
    if len(table) == 0:
        raise DomainError(
            _("Ce territoire ne compte aucune commune chargée."),
            errors={"territory": [_("Aucune commune dans ce territoire.")]},
        )
    covered_before = np.isfinite(best_minutes)
    demand_used, weights, demand_note = demand_weights(demand, table.insee, table.population)
    w = np.where(covered_before, 0, weights).astype(np.int64)
    big_enough = table.population >= min_population
    # "At least S minutes apart": closer than S is too close (hence S minus a hair).
    too_close = (
        np.isfinite(territory_arrays(territory, spacing - 1e-9, engine, *given)[2])
        if spacing
        else np.zeros(len(table), dtype=bool)
    )
    eligible = big_enough & ~too_close
    cand = np.flatnonzero(eligible)
    excluded = int((big_enough & too_close).sum())
    if k > len(cand):
        detail = _(
            "%(k)s sites demandés, mais seulement %(n)s communes sont éligibles dans %(t)s (au "
            "moins %(pop)s habitants"
        ) % {"k": k, "n": len(cand), "t": territory.name, "pop": _people(min_population)}
        if spacing:
            detail += _(
                ", à plus de %(s)s minutes d'un lieu existant : %(e)s communes écartées pour cette raison"
            ) % {"s": spacing, "e": excluded}
        detail += _("). Réduisez K ou la population minimale.")
        raise DomainError(detail, errors={"k": [detail]})
    indptr, indices = _coverage_sets(
        territory, table, cand, w, minutes, engine, from_snapshot=given == (None, None)
    )

    cand_pos = np.full(len(table), -1, dtype=np.int64)
    cand_pos[cand] = np.arange(len(cand))

    def blocks(j: int) -> np.ndarray:
        if not spacing:
            return np.empty(0, dtype=np.int64)
        c = cand[j]
        elev = table.elevation[c]
        idx = table.reach(
            engine,
            (float(table.lat[c]), float(table.lon[c])),
            spacing - 1e-9,
            origin_elevation=None if np.isnan(elev) else float(elev),
        )[0]
        pos = cand_pos[idx]
        return pos[pos >= 0]

    greedy = lazy_greedy(k, table, cand, indptr, indices, w, blocks)
    greedy_value = sum(g for _j, g in greedy)
    gains_all = set_sums(indptr, indices, w)
    useful = np.flatnonzero(gains_all > 0)
    method, chosen, combos, solver = "greedy", greedy, None, None
    n_combos = math.comb(len(useful), min(k, len(useful))) if len(useful) else 0
    ilp: IlpOutcome | None = None
    if exact and 0 < n_combos <= exact_limit:
        conflict = np.zeros((len(useful), len(useful)), dtype=bool)
        if spacing:
            upos = np.full(len(cand), -1, dtype=np.int64)
            upos[useful] = np.arange(len(useful))
            for r, j in enumerate(useful):
                near = upos[blocks(int(j))]
                conflict[r, near[near >= 0]] = True
            conflict |= conflict.T
        best, value, combos = enumerate_best(k, useful, indptr, indices, w, conflict)
        solver = "enumeration"
        if value >= greedy_value:
            method, chosen = "exact", order_by_gain(best, indptr, indices, w)
    elif exact and n_combos > 0:
        pairs = [(int(j), int(b)) for j in useful for b in blocks(int(j))] if spacing else []
        ilp = solve_mclp(
            k,
            useful,
            indptr,
            indices,
            w,
            pairs,
            start=[j for j, _g in greedy],
            time_limit=time_limit,
        )
        solver = "highs"
        if ilp.status in ("optimal", "time_limit") and ilp.value > greedy_value:
            chosen = order_by_gain(ilp.chosen, indptr, indices, w)
        if ilp.status == "optimal":
            method = "exact"

    upper = None
    if method == "greedy":
        # OPT <= f(S) + the K largest residual gains given S, for any set S (submodularity);
        # the solver's proven bound, when it stopped at the time limit, may be tighter.
        covered_now = np.zeros(len(w), dtype=bool)
        for j, _g in chosen:
            covered_now[indices[indptr[j] : indptr[j + 1]]] = True
        residual = set_sums(indptr, indices, np.where(covered_now, 0, w))
        upper = int(w[covered_now].sum()) + int(np.sort(residual)[::-1][:k].sum())
        if ilp is not None and ilp.bound is not None:
            upper = min(upper, math.floor(ilp.bound + 1e-6))

    picks, cumulative = [], int(weights[covered_before].sum())
    for rank, (j, gain) in enumerate(chosen, start=1):
        c = cand[j]
        cumulative += gain
        picks.append(
            Pick(
                rank=rank,
                insee=str(table.insee[c]),
                name=str(table.name[c]),
                department=str(table.department[c]),
                population=int(table.population[c]),
                gain=int(gain),
                communes_gained=0,
                cumulative=cumulative,
                latitude=float(table.lat[c]),
                longitude=float(table.lon[c]),
            )
        )
    # Communes newly covered by each pick, in order (for the table and the map).
    newly = np.zeros(len(table), dtype=np.int64)
    for p_i, (j, _g) in enumerate(chosen, start=1):
        s = indices[indptr[j] : indptr[j + 1]]
        fresh = s[newly[s] == 0]
        newly[fresh] = p_i
        picks[p_i - 1] = _with_count(picks[p_i - 1], len(fresh))

    result = SitingResult(
        territory=territory,
        k=k,
        minutes=minutes,
        min_population=min_population,
        min_spacing_minutes=spacing,
        method=method,
        engine=engine.name,
        population=int(weights.sum()),
        covered_before=int(weights[covered_before].sum()),
        demand=demand_used,
        candidates=len(cand),
        excluded_by_spacing=excluded,
        picks=picks,
        upper_bound=upper,
        greedy_value=greedy_value if method == "exact" or ilp is not None else None,
        combinations=combos,
        solver=solver,
        ilp=ilp,
        greedy_gained=greedy_value,
        map_layers={
            "table": table,
            "covered_before": covered_before,
            "newly": newly,
            "places": places,
            "weights": weights,
        },
    )
    if demand_note:
        result.notes.append(demand_note)
    if ilp is not None and ilp.status in ("too_large", "failed"):
        result.notes.append(
            _(
                "Problème trop grand pour la résolution exacte (%(nz)s coefficients, limite %(max)s) : "
                "la proposition affichée est celle de l'algorithme glouton."
            )
            % {"nz": _people(ilp.nonzeros), "max": _people(MAX_NONZEROS)}
            if ilp.status == "too_large"
            else _(
                "La résolution exacte a échoué : la proposition affichée est celle de l'algorithme glouton."
            )
        )
    if len(picks) < k:
        result.notes.append(
            _(
                "Seulement %(n)s sites proposés sur %(k)s : les autres communes éligibles "
                "n'apporteraient aucun habitant "
                "supplémentaire%(sp)s."
            )
            % {
                "n": len(picks),
                "k": k,
                "sp": _(" ou seraient trop proches d'un site retenu") if spacing else "",
            }
        )
    return result


def _with_count(pick: Pick, count: int) -> Pick:
    return replace(pick, communes_gained=count)
