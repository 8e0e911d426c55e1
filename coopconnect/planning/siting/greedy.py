"""Lazy greedy choice of sites (Minoux 1978), and the greedy order of any chosen set."""

from __future__ import annotations

import heapq
from typing import Any

import numpy as np

from coopconnect.planning.catchment.tables import CommuneTable
from coopconnect.planning.siting.candidates import set_sums


def lazy_greedy(
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
    gains = set_sums(indptr, indices, w)
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


def order_by_gain(
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
