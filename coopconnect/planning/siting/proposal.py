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

Each pick is listed with its marginal gain (people newly within N minutes when it is added, in
the order of the greedy choice), so the gains add up to the total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.coverage import covered_mask
from coopconnect.planning.siting.candidates import (
    DEFAULT_MIN_POPULATION,
    coverage_sets,
    set_sums,
    validate_request,
)
from coopconnect.planning.siting.exact import EXACT_LIMIT, enumerate_best
from coopconnect.planning.siting.greedy import lazy_greedy, order_by_gain
from coopconnect.planning.territories import Territory
from coopconnect.territory import travel


@dataclass(frozen=True, slots=True)
class Pick:
    """A proposed site and the population it brings newly within N minutes."""

    rank: int
    insee: str
    name: str
    department: str
    population: int
    gain: int
    communes_gained: int
    cumulative: int
    latitude: float
    longitude: float


@dataclass(slots=True)
class SitingResult:
    """The proposal, its figures and how it was obtained."""

    territory: Territory
    k: int
    minutes: int
    min_population: int
    min_spacing_minutes: int
    method: str  # "greedy" or "exact"
    engine: str
    population: int
    covered_before: int
    candidates: int
    excluded_by_spacing: int
    picks: list[Pick] = field(default_factory=list)
    upper_bound: int | None = None
    greedy_value: int | None = None
    combinations: int | None = None
    notes: list[str] = field(default_factory=list)
    map_layers: dict[str, Any] = field(default_factory=dict)

    @property
    def gained(self) -> int:
        return sum(p.gain for p in self.picks)

    @property
    def share_before(self) -> float:
        return self.covered_before / self.population if self.population else 0.0

    @property
    def share_after(self) -> float:
        return (self.covered_before + self.gained) / self.population if self.population else 0.0

    @property
    def guarantee(self) -> str:
        if self.method == "exact":
            text = _(
                "Solution exacte : les %(n)s combinaisons de %(k)s sites ont été évaluées ; "
                "aucune ne couvre plus "
                "d'habitants."
            ) % {"n": _people(self.combinations or 0), "k": self.k}
            if self.greedy_value is not None:
                text += " " + _("Pour comparaison, l'algorithme glouton obtient %(g)s habitants.") % {
                    "g": _people(self.greedy_value)
                }
            return text
        text = _(
            "Algorithme glouton : sans contrainte d'écartement, il garantit au moins 1 − 1/e ≈ 63 "
            "% de l'optimum "
            "(Nemhauser, Wolsey et Fisher, 1978)."
        )
        if self.min_spacing_minutes:
            text += " " + _(
                "Avec l'écartement minimal de %(s)s minutes, cette garantie ne s'applique plus formellement."
            ) % {"s": self.min_spacing_minutes}
        if self.upper_bound:
            text += " " + _(
                "Borne calculée a posteriori : l'optimum ne dépasse pas %(b)s habitants, donc "
                "cette proposition "
                "en atteint au moins %(pct)s."
            ) % {
                "b": _people(self.upper_bound),
                "pct": formatting.percent(100 * self.gained / self.upper_bound, decimals=0),
            }
        return text


def _people(n: int) -> str:
    return formatting.number(n, decimals=0)


def propose_sites(
    territory: Territory,
    *,
    k: Any,
    minutes: Any = DEFAULT_MINUTES,
    min_population: Any = DEFAULT_MIN_POPULATION,
    min_spacing_minutes: Any = 0,
    exact_limit: int = EXACT_LIMIT,
    table: CommuneTable | None = None,
    places: PlaceTable | None = None,
    engine: Any | None = None,
) -> SitingResult:
    """Choose up to K communes of ``territory`` maximising the population newly within ``minutes``."""
    k, minutes, min_population, spacing = validate_request(k, minutes, min_population, min_spacing_minutes)
    engine = engine or travel.get_engine()
    table = table if table is not None else CommuneTable.load(territory.q())
    places = places if places is not None else PlaceTable.load()
    if len(table) == 0:
        raise DomainError(
            _("Ce territoire ne compte aucune commune chargée."),
            errors={"territory": [_("Aucune commune dans ce territoire.")]},
        )
    covered_before, _best = covered_mask(table, places, minutes, engine)
    w = np.where(covered_before, 0, table.population).astype(np.int64)
    big_enough = table.population >= min_population
    # "At least S minutes apart": closer than S is too close (hence S minus a hair).
    too_close = (
        covered_mask(table, places, spacing - 1e-9, engine)[0]
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
    indptr, indices = coverage_sets(table, cand, w, minutes, engine)

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
    method, chosen, combos = "greedy", greedy, None
    n_combos = math.comb(len(useful), min(k, len(useful))) if len(useful) else 0
    if 0 < n_combos <= exact_limit:
        conflict = np.zeros((len(useful), len(useful)), dtype=bool)
        if spacing:
            upos = np.full(len(cand), -1, dtype=np.int64)
            upos[useful] = np.arange(len(useful))
            for r, j in enumerate(useful):
                near = upos[blocks(int(j))]
                conflict[r, near[near >= 0]] = True
            conflict |= conflict.T
        best, value, combos = enumerate_best(k, useful, indptr, indices, w, conflict)
        if value >= greedy_value:
            method, chosen = "exact", order_by_gain(best, indptr, indices, w)

    upper = None
    if method == "greedy":
        covered_now = np.zeros(len(w), dtype=bool)
        for j, _g in chosen:
            covered_now[indices[indptr[j] : indptr[j + 1]]] = True
        residual = set_sums(indptr, indices, np.where(covered_now, 0, w))
        upper = greedy_value + int(np.sort(residual)[::-1][:k].sum())

    picks, cumulative = [], int(table.population[covered_before].sum())
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
        population=int(table.population.sum()),
        covered_before=int(table.population[covered_before].sum()),
        candidates=len(cand),
        excluded_by_spacing=excluded,
        picks=picks,
        upper_bound=upper,
        greedy_value=greedy_value if method == "exact" else None,
        combinations=combos,
        map_layers={"table": table, "covered_before": covered_before, "newly": newly, "places": places},
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
