"""Exact siting: the maximal covering location problem as an integer program, solved by HiGHS.

Variables: ``x_j`` (binary) opens candidate j; ``y_i`` (between 0 and 1) counts demand commune i
as newly covered. Maximise ``sum w_i y_i`` subject to ``y_i <= sum of x_j over the candidates
reaching i`` (one row per demand commune), ``sum x_j <= K`` and, with a minimal spacing,
``x_a + x_b <= 1`` for every pair of candidates too close to each other (Church & ReVelle, 1974).
At an optimum every ``y_i`` is 0 or 1, so they need not be declared integer.

The greedy choice is given to the solver as a starting solution: the answer is never worse than
the greedy one, and when the time limit stops the search the solver still reports the best
solution found and its proven bound (the optimality gap).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

# Above these sizes the program is not built (memory and time): the page keeps the greedy answer.
MAX_NONZEROS = 3_000_000
DEFAULT_TIME_LIMIT_S = 5.0


@dataclass(frozen=True, slots=True)
class IlpOutcome:
    """What the solver found: chosen candidates, their value, the proven bound and the gap."""

    status: str  # "optimal", "time_limit", "too_large" or "failed"
    chosen: list[int]
    value: int
    bound: float | None
    seconds: float
    nonzeros: int

    @property
    def gap(self) -> float | None:
        """Relative gap between the value and the bound (0 when proven optimal)."""
        if self.bound is None or self.bound <= 0:
            return None
        return max(0.0, (self.bound - self.value) / self.bound)


def solve_mclp(
    k: int,
    useful: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    w: np.ndarray,
    conflicts: list[tuple[int, int]],
    *,
    start: list[int] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT_S,
    max_nonzeros: int = MAX_NONZEROS,
) -> IlpOutcome:
    """Solve the maximal covering problem over the ``useful`` candidates (positions in the CSR sets).

    ``conflicts`` are pairs of candidate positions that may not both be chosen; ``start`` the
    greedy choice (candidate positions) handed to the solver as an incumbent.
    """
    import highspy

    t0 = time.perf_counter()
    lengths = indptr[useful + 1] - indptr[useful]
    members = np.concatenate([indices[indptr[j] : indptr[j + 1]] for j in useful]) if len(useful) else []
    owner = np.repeat(np.arange(len(useful)), lengths)
    members = np.asarray(members, dtype=np.int64)
    nonzeros = int(len(members)) * 2 + len(useful) + 2 * len(conflicts)
    if nonzeros > max_nonzeros:
        return IlpOutcome("too_large", [], 0, None, time.perf_counter() - t0, nonzeros)
    demand, row_of = np.unique(members, return_inverse=True)
    n_x, n_y = len(useful), len(demand)
    pos_of = {int(j): r for r, j in enumerate(useful)}

    # Rows 0..n_y-1: y_i - sum x_j <= 0; row n_y: sum x_j <= k; then the spacing pairs.
    order = np.argsort(row_of, kind="stable")
    per_row = np.bincount(row_of, minlength=n_y)
    index: list[np.ndarray] = []
    value: list[np.ndarray] = []
    x_of_row = owner[order]
    row_starts = np.concatenate([[0], np.cumsum(per_row + 1)])
    flat_index = np.empty(int(row_starts[-1]), dtype=np.int32)
    flat_value = np.empty(int(row_starts[-1]), dtype=np.float64)
    y_slots = row_starts[:-1]
    flat_index[y_slots] = n_x + np.arange(n_y)
    flat_value[y_slots] = 1.0
    mask = np.ones(len(flat_index), dtype=bool)
    mask[y_slots] = False
    flat_index[mask] = x_of_row
    flat_value[mask] = -1.0
    index.append(flat_index)
    value.append(flat_value)
    cursor = int(row_starts[-1])
    starts = row_starts[1:].tolist()
    index.append(np.arange(n_x, dtype=np.int32))
    value.append(np.ones(n_x))
    cursor += n_x
    starts.append(cursor)
    kept_conflicts = [(pos_of[a], pos_of[b]) for a, b in conflicts if a in pos_of and b in pos_of and a < b]
    for a, b in kept_conflicts:
        index.append(np.array([a, b], dtype=np.int32))
        value.append(np.ones(2))
        cursor += 2
        starts.append(cursor)

    lp = highspy.HighsLp()
    lp.num_col_ = n_x + n_y
    lp.num_row_ = n_y + 1 + len(kept_conflicts)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([np.zeros(n_x), w[demand].astype(np.float64)])
    lp.col_lower_ = np.zeros(n_x + n_y)
    lp.col_upper_ = np.ones(n_x + n_y)
    inf = highspy.kHighsInf
    lp.row_lower_ = np.full(lp.num_row_, -inf)
    lp.row_upper_ = np.concatenate([np.zeros(n_y), [float(k)], np.ones(len(kept_conflicts))])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array([0, *starts], dtype=np.int32)
    lp.a_matrix_.index_ = np.concatenate(index).astype(np.int32)
    lp.a_matrix_.value_ = np.concatenate(value)
    lp.a_matrix_.num_col_ = n_x + n_y
    lp.a_matrix_.num_row_ = lp.num_row_
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_x + [highspy.HighsVarType.kContinuous] * n_y

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    if start:
        sol = highspy.HighsSolution()
        x0 = np.zeros(n_x + n_y)
        for j in start:
            if int(j) in pos_of:
                x0[pos_of[int(j)]] = 1.0
        covered = np.zeros(n_y, dtype=bool)
        chosen_x = x0[:n_x] > 0.5
        covered[np.unique(row_of[chosen_x[owner]])] = True
        x0[n_x:] = covered
        sol.col_value = x0.tolist()
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    seconds = time.perf_counter() - t0
    col = np.asarray(h.getSolution().col_value)
    if status == highspy.HighsModelStatus.kOptimal:
        label = "optimal"
    elif status == highspy.HighsModelStatus.kTimeLimit and len(col) == n_x + n_y:
        label = "time_limit"
    else:
        return IlpOutcome("failed", [], 0, None, seconds, nonzeros)
    picked = [int(useful[r]) for r in np.flatnonzero(col[:n_x] > 0.5)]
    # The value of the chosen sites, recounted exactly (not the solver's floating objective).
    hit = np.zeros(len(w), dtype=bool)
    for j in picked:
        hit[indices[indptr[j] : indptr[j + 1]]] = True
    exact_value = int(w[hit].sum())
    if label == "optimal":
        bound: float | None = float(exact_value)
    else:
        dual = float(info.mip_dual_bound)
        bound = max(dual, float(exact_value)) if np.isfinite(dual) else None
    return IlpOutcome(label, picked, exact_value, bound, seconds, nonzeros)
