"""Coverage of all France and a 10-site proposal: ours (numpy) against geopandas/shapely.

Needs the communes and the census places loaded in the database the settings point at
(``manage.py load_communes`` then ``manage.py import_places
coopconnect/places/data/cget-tiers-lieux-2019.csv``), and the bench extra
(``uv pip install --python .venv/bin/python geopandas==1.2.0 shapely==2.2.0``).

    DATABASE_URL=sqlite:////tmp/convince/db.sqlite3 .venv/bin/python bench/bench_coverage.py

Each measurement runs in a fresh subprocess, so that its peak resident memory (ru_maxrss) is its
own; the Python/numpy heap peak comes from tracemalloc (GEOS allocations are outside it, hence the
RSS column). The data (communes, places) is loaded before the clock starts, in both cases.

The geopandas version is the straightforward one: project to Web Mercator, buffer each place by
the engine's maximal straight-line radius (scaled by 1 / cos(latitude), Mercator's stretch, plus
5 %), spatial join the communes into the buffers, then ask the travel engine for the time of each
joined pair (``EstimateEngine.leg``, the same formula) and keep those within 20 minutes. Siting:
the same join for the candidate communes, Python sets, and the plain (non-lazy) greedy. Both must
find the same covered population and the same 10 sites; the script checks it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Benchmarks run with DEBUG off, like production; the settings then want a key.
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

MINUTES, K, MIN_POP = 20, 10, 5000


def _setup():
    import django

    django.setup()
    from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable

    table, places = CommuneTable.load(), PlaceTable.load()
    if len(table) < 30000:
        sys.exit(
            f"Only {len(table)} communes in the database: run manage.py load_communes and import_places."
        )
    return table, places


def ours_coverage(table, places):
    from coopconnect.planning.coverage import coverage
    from coopconnect.planning.territories import Territory

    r = coverage(Territory("fr", "", "France"), MINUTES, table=table, places=places)
    return {"covered_population": r.covered_population, "population": r.population}


def ours_siting(table, places):
    from coopconnect.planning.siting.proposal import propose_sites
    from coopconnect.planning.territories import Territory

    r = propose_sites(
        Territory("fr", "", "France"),
        k=K,
        minutes=MINUTES,
        min_population=MIN_POP,
        table=table,
        places=places,
    )
    return {"picks": [p.insee for p in r.picks], "gained": r.gained}


def _gpd_pairs(origin_lat, origin_lon, origin_elev, table, columns):
    """Return {origin index: set of commune indices within MINUTES}, the straightforward way."""
    import geopandas as gpd
    import numpy as np

    from coopconnect.territory import travel

    engine = travel.EstimateEngine()
    radius_m = engine.max_radius_km(MINUTES) * 1000
    communes = gpd.GeoDataFrame(
        {"idx": columns}, geometry=gpd.points_from_xy(table.lon[columns], table.lat[columns]), crs=4326
    ).to_crs(3857)
    origins = gpd.GeoDataFrame(
        {"o": np.arange(len(origin_lat))}, geometry=gpd.points_from_xy(origin_lon, origin_lat), crs=4326
    ).to_crs(3857)
    stretch = 1.05 / np.cos(np.radians(np.minimum(np.abs(origin_lat) + 1.0, 89.0)))
    origins["geometry"] = origins.geometry.buffer(radius_m * stretch)
    joined = gpd.sjoin(communes, origins, predicate="within")
    out: dict[int, set[int]] = {}
    for o, c in zip(joined["o"].to_numpy(), joined["idx"].to_numpy(), strict=True):
        oe, ce = origin_elev[o], table.elevation[c]
        leg = engine.leg(
            (float(origin_lat[o]), float(origin_lon[o])),
            (float(table.lat[c]), float(table.lon[c])),
            origin_elevation=None if math.isnan(oe) else float(oe),
            destination_elevation=None if math.isnan(ce) else float(ce),
        )
        if leg.minutes <= MINUTES:
            out.setdefault(int(o), set()).add(int(c))
    return out


def gpd_coverage(table, places):
    import numpy as np

    reach = _gpd_pairs(places.lat, places.lon, places.elevation, table, np.arange(len(table)))
    covered = set().union(*reach.values()) if reach else set()
    idx = np.fromiter(covered, dtype=np.int64)
    return {"covered_population": int(table.population[idx].sum()), "population": int(table.population.sum())}


def gpd_siting(table, places):
    import numpy as np

    reach = _gpd_pairs(places.lat, places.lon, places.elevation, table, np.arange(len(table)))
    covered = set().union(*reach.values()) if reach else set()
    demand = np.array([i for i in range(len(table)) if i not in covered and table.population[i] > 0])
    cand = np.flatnonzero(table.population >= MIN_POP)
    sets = _gpd_pairs(table.lat[cand], table.lon[cand], table.elevation[cand], table, demand)
    pop = table.population
    chosen, newly, gained = [], set(), 0
    for _ in range(K):
        best, best_gain = None, 0
        for j, s in sets.items():
            if j in chosen:
                continue
            g = int(sum(pop[i] for i in s - newly))
            # Same tie-break as ours: larger gain, then larger commune population, then table order.
            if g > best_gain or (
                g == best_gain
                and g > 0
                and best is not None
                and (pop[cand[j]], -j) > (pop[cand[best]], -best)
            ):
                best, best_gain = j, g
        if best is None:
            break
        chosen.append(best)
        newly |= sets[best]
        gained += best_gain
    return {"picks": [str(table.insee[cand[j]]) for j in chosen], "gained": gained}


def run_one(name: str, trace: bool) -> None:
    table, places = _setup()
    fn = {
        "ours_coverage": ours_coverage,
        "ours_siting": ours_siting,
        "gpd_coverage": gpd_coverage,
        "gpd_siting": gpd_siting,
    }[name]
    if name.startswith("gpd"):
        import geopandas  # noqa: F401 - import time is not the computation's

    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn(table, places)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "name": name,
                "seconds": seconds,
                "py_peak_mb": peak / 2**20,
                "rss_peak_mb": rss / 1024,
                "communes": len(table),
                "places": len(places),
                "result": result,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per implementation (median)")
    args = parser.parse_args()
    if args.run:
        run_one(args.run, args.trace)
        return
    results: dict[str, list[dict]] = {}
    traced: dict[str, dict] = {}

    def sub(name: str, *extra: str) -> dict:
        out = subprocess.run(
            [sys.executable, __file__, "--run", name, *extra],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    for name in ("ours_coverage", "gpd_coverage", "ours_siting", "gpd_siting"):
        for _ in range(args.repeat):
            results.setdefault(name, []).append(sub(name))
            print(results[name][-1], file=sys.stderr)
        traced[name] = sub(name, "--trace")

    def median(name, key):
        values = sorted(r[key] for r in results[name])
        return values[len(values) // 2]

    assert results["ours_coverage"][0]["result"] == results["gpd_coverage"][0]["result"], "coverage differs"
    assert results["ours_siting"][0]["result"] == results["gpd_siting"][0]["result"], "siting differs"
    first = results["ours_coverage"][0]
    print(
        f"{first['communes']} communes, {first['places']} places, {MINUTES} minutes; "
        f"covered {first['result']['covered_population']:,} of {first['result']['population']:,}; "
        f"10 sites gain {results['ours_siting'][0]['result']['gained']:,} (same in both)."
    )
    print("| computation | implementation | time | Python heap peak | process peak RSS |")
    print("|---|---|---|---|---|")
    for label, ours, theirs in (
        ("coverage of France", "ours_coverage", "gpd_coverage"),
        ("10-site proposal", "ours_siting", "gpd_siting"),
    ):
        for impl, name in (("numpy (ours)", ours), ("geopandas/shapely", theirs)):
            print(
                f"| {label} | {impl} | {median(name, 'seconds'):.2f} s | "
                f"{traced[name]['py_peak_mb']:.0f} MB | "
                f"{median(name, 'rss_peak_mb'):.0f} MB |"
            )
        print(
            f"| {label} | ratio geopandas ÷ ours | "
            f"{median(theirs, 'seconds') / median(ours, 'seconds'):.1f}× | "
            f"{traced[theirs]['py_peak_mb'] / traced[ours]['py_peak_mb']:.1f}× | "
            f"{median(theirs, 'rss_peak_mb') / median(ours, 'rss_peak_mb'):.1f}× |"
        )


if __name__ == "__main__":
    main()
