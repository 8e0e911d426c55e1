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

import heapq
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.territory import travel
from coopconnect.territory.catchment import (
    DEFAULT_MINUTES,
    CommuneTable,
    PlaceTable,
    as_int,
    pairs_within,
    validate_minutes,
)
from coopconnect.territory.coverage import PALETTE, Territory, covered_mask
from coopconnect.territory.svg import MapPoint, points_map

EXACT_LIMIT = 20000
MAX_K = 200
DEFAULT_MIN_POPULATION = 5000


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
            ) % {"n": _fmt(self.combinations or 0), "k": self.k}
            if self.greedy_value is not None:
                text += " " + _("Pour comparaison, l'algorithme glouton obtient %(g)s habitants.") % {
                    "g": _fmt(self.greedy_value)
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
                "en atteint au moins %(pct)s %%."
            ) % {"b": _fmt(self.upper_bound), "pct": f"{100 * self.gained / self.upper_bound:.0f}"}
        return text


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _validate(
    k: Any, minutes: Any, min_population: Any, min_spacing_minutes: Any
) -> tuple[int, int, int, int]:
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


def _coverage_sets(
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


def _set_sums(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return, per candidate, the sum of ``values`` over its set."""
    csum = np.concatenate([[0], np.cumsum(values[indices], dtype=np.int64)])
    return csum[indptr[1:]] - csum[indptr[:-1]]


def _greedy(
    k: int,
    table: CommuneTable,
    cand: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    w: np.ndarray,
    blocks: Any,
) -> list[tuple[int, int]]:
    """Lazy greedy; ``blocks(j)`` returns the candidate positions too close to candidate j."""
    covered = np.zeros(len(w), dtype=bool)
    blocked = np.zeros(len(cand), dtype=bool)
    gains = _set_sums(indptr, indices, w)
    heap = [
        (-int(g), -int(table.population[c]), j)
        for j, (g, c) in enumerate(zip(gains, cand, strict=True))
        if g > 0
    ]
    heapq.heapify(heap)
    picks: list[tuple[int, int]] = []
    while heap and len(picks) < k:
        neg, negpop, j = heapq.heappop(heap)
        if blocked[j]:
            continue
        s = indices[indptr[j] : indptr[j + 1]]
        g = int(w[s][~covered[s]].sum())
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, negpop, j))
            continue
        picks.append((j, g))
        covered[s] = True
        blocked[j] = True
        blocked[blocks(j)] = True
    return picks


def _order_by_gain(
    chosen: list[int], indptr: np.ndarray, indices: np.ndarray, w: np.ndarray
) -> list[tuple[int, int]]:
    """Order a chosen set greedily and return (candidate, marginal gain) pairs summing to its value."""
    covered = np.zeros(len(w), dtype=bool)

    def gain(j: int) -> int:
        s = indices[indptr[j] : indptr[j + 1]]
        return int(w[s][~covered[s]].sum())

    left, out = list(chosen), []
    while left:
        best = max(left, key=lambda j: (gain(j), -j))
        out.append((best, gain(best)))
        covered[indices[indptr[best] : indptr[best + 1]]] = True
        left.remove(best)
    return out


def _exact(
    k: int, useful: np.ndarray, indptr: np.ndarray, indices: np.ndarray, w: np.ndarray, conflict: np.ndarray
) -> tuple[list[int], int, int]:
    """Enumerate every K-subset of ``useful`` candidates without conflict; return (best, value, count)."""
    universe = np.unique(np.concatenate([indices[indptr[j] : indptr[j + 1]] for j in useful]))
    pos = {int(u): i for i, u in enumerate(universe)}
    matrix = np.zeros((len(useful), len(universe)), dtype=bool)
    for r, j in enumerate(useful):
        matrix[r, [pos[int(u)] for u in indices[indptr[j] : indptr[j + 1]]]] = True
    wu = w[universe].astype(np.int64)
    kk = min(k, len(useful))
    best_val, best_combo, count = -1, (), 0
    combos = itertools.combinations(range(len(useful)), kk)
    while True:
        chunk = np.array(list(itertools.islice(combos, 4096)), dtype=np.int64).reshape(-1, kk)
        if len(chunk) == 0:
            break
        if conflict.any():
            ok = np.ones(len(chunk), dtype=bool)
            for a, b in itertools.combinations(range(kk), 2):
                ok &= ~conflict[chunk[:, a], chunk[:, b]]
            chunk = chunk[ok]
        count += len(chunk)
        if len(chunk) == 0:
            continue
        values = matrix[chunk].any(axis=1) @ wu
        i = int(np.argmax(values))
        if values[i] > best_val:
            best_val, best_combo = int(values[i]), tuple(chunk[i])
    return [int(useful[r]) for r in best_combo], max(best_val, 0), count


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
    k, minutes, min_population, spacing = _validate(k, minutes, min_population, min_spacing_minutes)
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
        ) % {"k": k, "n": len(cand), "t": territory.name, "pop": _fmt(min_population)}
        if spacing:
            detail += _(
                ", à plus de %(s)s minutes d'un lieu existant : %(e)s communes écartées pour cette raison"
            ) % {"s": spacing, "e": excluded}
        detail += _("). Réduisez K ou la population minimale.")
        raise DomainError(detail, errors={"k": [detail]})
    indptr, indices = _coverage_sets(table, cand, w, minutes, engine)

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

    greedy = _greedy(k, table, cand, indptr, indices, w, blocks)
    greedy_value = sum(g for _j, g in greedy)
    gains_all = _set_sums(indptr, indices, w)
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
        best, value, combos = _exact(k, useful, indptr, indices, w, conflict)
        if value >= greedy_value:
            method, chosen = "exact", _order_by_gain(best, indptr, indices, w)

    upper = None
    if method == "greedy":
        covered_now = np.zeros(len(w), dtype=bool)
        for j, _g in chosen:
            covered_now[indices[indptr[j] : indptr[j + 1]]] = True
        residual = _set_sums(indptr, indices, np.where(covered_now, 0, w))
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
    from dataclasses import replace

    return replace(pick, communes_gained=count)


def siting_map(result: SitingResult) -> Any:
    """Return the SVG map: communes already covered, newly covered, still uncovered; picks and places."""
    layers = result.map_layers
    table: CommuneTable = layers["table"]
    covered_before: np.ndarray = layers["covered_before"]
    newly: np.ndarray = layers["newly"]
    places: PlaceTable = layers["places"]
    from coopconnect.territory.coverage import METROPOLE

    keep = np.ones(len(table), dtype=bool)
    if result.territory.kind == "fr":
        keep = (
            (table.lat >= METROPOLE[0])
            & (table.lat <= METROPOLE[1])
            & (table.lon >= METROPOLE[2])
            & (table.lon <= METROPOLE[3])
        )
    category = np.where(newly > 0, 2, np.where(covered_before, 1, 0))[keep]
    lat, lon, pop = table.lat[keep], table.lon[keep], table.population[keep].astype(float)
    colors = (PALETTE[1], PALETTE[2], PALETTE[0])
    labels = (_("non couverte"), _("déjà couverte"), _("couverte par les sites proposés"))
    points: list[MapPoint] = []
    dots: list[tuple[float, float]] = []
    if len(lat) > 2500:
        span = max(lat.max() - lat.min(), (lon.max() - lon.min()) * math.cos(math.radians(lat.mean())), 0.1)
        cell = span / 30
        keys = np.floor(lat / cell).astype(np.int64) * 100000 + np.floor(lon / cell).astype(np.int64)
        uniq, inv = np.unique(keys, return_inverse=True)
        per_cat = np.stack(
            [np.bincount(inv, weights=pop * (category == c), minlength=len(uniq)) for c in range(3)]
        )
        tot = per_cat.sum(axis=0)
        n = np.bincount(inv, minlength=len(uniq))
        clat = np.bincount(inv, weights=lat, minlength=len(uniq)) / n
        clon = np.bincount(inv, weights=lon, minlength=len(uniq)) / n
        biggest = max(tot.max(), 1.0)
        for cidx in range(len(uniq)):
            if tot[cidx] <= 0:
                continue
            major = int(np.argmax(per_cat[:, cidx]))
            points.append(
                MapPoint(
                    float(clat[cidx]),
                    float(clon[cidx]),
                    f"{_fmt(int(tot[cidx]))} hab. ({labels[major]})",
                    radius=1.2 + 6 * math.sqrt(tot[cidx] / biggest),
                    color=colors[major],
                    shape="square",
                )
            )
        legend = [
            (colors[c], "square", _("majorité de la population : %(l)s") % {"l": labels[c]}) for c in range(3)
        ]
    else:
        biggest = max(pop.max(), 1.0)
        names = table.name[keep]
        points = [
            MapPoint(
                float(a),
                float(b),
                f"{names[i]} : {_fmt(int(p))} hab.",
                radius=1.5 + 7 * math.sqrt(p / biggest),
                color=colors[int(c)],
            )
            for i, (a, b, p, c) in enumerate(zip(lat, lon, pop, category, strict=True))
        ]
        legend = [(colors[c], "circle", _("commune %(l)s") % {"l": labels[c]}) for c in range(3)]
    if len(lat):
        box = (lat.min(), lat.max(), lon.min(), lon.max())
        in_view = (
            (places.lat >= box[0]) & (places.lat <= box[1]) & (places.lon >= box[2]) & (places.lon <= box[3])
        )
        if in_view.sum() > 150:
            dots = list(zip(places.lat[in_view].tolist(), places.lon[in_view].tolist(), strict=True))
        else:
            points += [
                MapPoint(float(a), float(b), str(nm), radius=2.5, color=PALETTE[6], shape="diamond")
                for a, b, nm in zip(
                    places.lat[in_view], places.lon[in_view], places.name[in_view], strict=True
                )
            ]
    shown = [
        p
        for p in result.picks
        if result.territory.kind != "fr"
        or (METROPOLE[0] <= p.latitude <= METROPOLE[1] and METROPOLE[2] <= p.longitude <= METROPOLE[3])
    ]
    points += [
        MapPoint(
            p.latitude,
            p.longitude,
            f"{p.rank}. {p.name} (+{_fmt(p.gain)} hab.)",
            radius=7,
            color=PALETTE[4],
            shape="diamond",
        )
        for p in shown
    ]
    legend += [(PALETTE[6], "circle", _("tiers-lieu existant")), (PALETTE[4], "circle", _("site proposé"))]
    return points_map(
        points,
        title=_("Sites proposés — %(t)s, %(m)s minutes") % {"t": result.territory.name, "m": result.minutes},
        description=_("%(n)s sites proposés apportant %(g)s habitants.")
        % {"n": len(result.picks), "g": _fmt(result.gained)}
        + (
            _(" %(h)s sites outre-mer non représentés (dans le tableau).")
            % {"h": len(result.picks) - len(shown)}
            if len(shown) < len(result.picks)
            else ""
        ),
        legend=legend,
        dots=dots,
        dots_color=PALETTE[6],
    )
