"""Exact siting: every set of K candidates respecting the spacing, when there are few enough."""

from __future__ import annotations

import itertools

import numpy as np

EXACT_LIMIT = 20000


def enumerate_best(
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
