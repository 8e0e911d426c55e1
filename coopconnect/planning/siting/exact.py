"""Exact siting by enumeration: every set of at most K candidates respecting the spacing, when few."""

from __future__ import annotations

import itertools

import numpy as np

EXACT_LIMIT = 20000


def enumerate_best(
    k: int, useful: np.ndarray, indptr: np.ndarray, indices: np.ndarray, w: np.ndarray, conflict: np.ndarray
) -> tuple[list[int], int, int]:
    """Enumerate the subsets of ``useful`` candidates without conflict; return (best, value, count).

    K-subsets only without conflicts; every subset of at most K sites with spacing conflicts.
    """
    universe = np.unique(np.concatenate([indices[indptr[j] : indptr[j + 1]] for j in useful]))
    pos = {int(u): i for i, u in enumerate(universe)}
    matrix = np.zeros((len(useful), len(universe)), dtype=bool)
    for r, j in enumerate(useful):
        matrix[r, [pos[int(u)] for u in indices[indptr[j] : indptr[j + 1]]]] = True
    wu = w[universe].astype(np.int64)
    kk = min(k, len(useful))
    best_val, best_combo, count = -1, (), 0
    # Without conflicts adding a site never lowers the value: K-subsets suffice. With spacing
    # conflicts the best may hold fewer sites, so smaller subsets are enumerated too.
    sizes = range(kk, 0, -1) if conflict.any() else [kk]
    combos = itertools.chain.from_iterable(itertools.combinations(range(len(useful)), r) for r in sizes)
    while True:
        batch = list(itertools.islice(combos, 4096))
        if not batch:
            break
        # Pad smaller subsets with their first element (same sets, same value).
        chunk = np.array([c + (c[0],) * (kk - len(c)) for c in batch], dtype=np.int64).reshape(-1, kk)
        if conflict.any():
            ok = np.ones(len(chunk), dtype=bool)
            for a, b in itertools.combinations(range(kk), 2):
                same = chunk[:, a] == chunk[:, b]
                ok &= same | ~conflict[chunk[:, a], chunk[:, b]]
            chunk = chunk[ok]
        count += len(chunk)
        if len(chunk) == 0:
            continue
        values = matrix[chunk].any(axis=1) @ wu
        i = int(np.argmax(values))
        if values[i] > best_val:
            best_val, best_combo = int(values[i]), tuple(chunk[i])
    return [int(useful[r]) for r in dict.fromkeys(best_combo)], max(best_val, 0), count
