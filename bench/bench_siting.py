"""Exact siting (HiGHS integer program) against the greedy and PySAL spopt's MCLP, on the same data.

Needs the communes and the census places loaded (see bench_coverage.py) and the bench extra
(spopt, which brings PuLP and its CBC solver).

    DATABASE_URL=sqlite:////tmp/convince/db.sqlite3 .venv/bin/python bench/bench_siting.py

For each territory (a department, a region; all of France for ours only: spopt wants a dense
demand × candidate cost matrix), K sites at 20 minutes, candidates the communes of at least
``--min-population`` inhabitants, demand the communes not yet within 20 minutes of a place:

* ours, greedy: ``propose_sites(exact=False)``;
* ours, exact: ``propose_sites()`` (enumeration when tiny, else HiGHS with the greedy start);
* spopt: ``MCLP.from_cost_matrix`` on the same candidate → demand minutes (a dense matrix, inf
  beyond reach) and the same weights, solved by CBC through PuLP.

Times are wall-clock seconds of the solve only for spopt (matrix built beforehand) and of the
whole proposal for ours (coverage sets included). The objective values must agree between the
two exact methods (the script fails otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

MINUTES = 20


def spopt_mclp(table, cand, w, k, engine):
    """Solve the same maximal covering problem with spopt; return (value, seconds, picks)."""
    import numpy as np
    import pulp
    from spopt.locate import MCLP

    from coopconnect.planning.catchment.pairs import pairs_within

    demand = np.flatnonzero(w > 0)
    rows, cols, mins = pairs_within(
        engine, table.lat[cand], table.lon[cand], table.elevation[cand], table, demand, MINUTES
    )
    pos = np.full(len(table), -1)
    pos[demand] = np.arange(len(demand))
    cost = np.full((len(demand), len(cand)), 10.0 * MINUTES)
    cost[pos[cols], rows] = mins
    t0 = time.perf_counter()
    model = MCLP.from_cost_matrix(cost, w[demand].astype(float), MINUTES, k, name="mclp")
    model = model.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
    seconds = time.perf_counter() - t0
    chosen = [j for j, var in enumerate(model.fac_vars) if var.value() and var.value() > 0.5]
    reached = np.zeros(len(demand), dtype=bool)
    for j in chosen:
        reached |= cost[:, j] <= MINUTES
    return int(w[demand][reached].sum()), seconds, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--min-population", type=int, default=2000)
    parser.add_argument("--territories", default="dep:05,dep:84,reg:93,fr")
    args = parser.parse_args()

    import django

    django.setup()
    import numpy as np

    from coopconnect.planning.coverage import territory_arrays
    from coopconnect.planning.siting.proposal import propose_sites
    from coopconnect.planning.territories import parse_territory
    from coopconnect.territory import travel

    engine = travel.get_engine()
    print(
        f"K = {args.k}, {MINUTES} minutes, candidates ≥ {args.min_population} inhabitants. "
        f"Load average: {os.getloadavg()[0]:.2f}."
    )
    print(
        "| territory | candidates | greedy | greedy time | exact (ours) | ours time | gap "
        "| greedy below optimum | spopt MCLP (CBC) | spopt time |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key in args.territories.split(","):
        territory = parse_territory(key)
        t0 = time.perf_counter()
        greedy = propose_sites(territory, k=args.k, min_population=args.min_population, exact=False)
        t_greedy = time.perf_counter() - t0
        t0 = time.perf_counter()
        exact = propose_sites(territory, k=args.k, min_population=args.min_population, time_limit=60)
        t_exact = time.perf_counter() - t0
        if greedy.gained <= 0:
            sys.exit(f"{key}: nothing gained, no work done (are the communes and places loaded?).")
        status = exact.ilp.status if exact.ilp else exact.solver
        spopt_cell = "— (dense matrix too large) | —"
        if key != "fr":
            table, _places, best = territory_arrays(territory, MINUTES, engine)
            w = np.where(np.isfinite(best), 0, table.population).astype(np.int64)
            cand = np.flatnonzero(table.population >= args.min_population)
            value, seconds, _picks = spopt_mclp(table, cand, w, args.k, engine)
            if exact.method == "exact":
                assert value == exact.gained, (key, value, exact.gained)
            spopt_cell = f"{value:,} | {seconds:.2f} s"
        gap = exact.optimality_gap
        print(
            f"| {territory.name} | {exact.candidates} | {greedy.gained:,} | {t_greedy:.2f} s | "
            f"{exact.gained:,} ({status}) | {t_exact:.2f} s | "
            f"{'—' if gap is None else f'{100 * gap:.2f} %'} | "
            f"{'—' if exact.greedy_gap is None else f'{100 * exact.greedy_gap:.2f} %'} | {spopt_cell} |"
        )


if __name__ == "__main__":
    main()
