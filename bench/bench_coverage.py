"""Coverage of all France and a 10-site proposal: the territory engine against geopandas baselines.

Needs the communes and the census places in the database the settings point at
(``manage.py load_communes`` then ``manage.py import_places
coopconnect/places/data/cget-tiers-lieux-2019.csv``) and the bench extra (geopandas, shapely).

    DATABASE_URL=sqlite:////tmp/convince/db.sqlite3 .venv/bin/python bench/bench_coverage.py

Measured in one process, each the median of ``--repeat`` runs, all in the same run:

* ours, computation: ``coverage()`` on the arrays, the nearest-place minutes computed (cold:
  grid index pairs, travel formula, minimum per commune), then again from the snapshot (warm:
  the stamp queries and a mask); siting 10 sites over all communes (greedy, warm snapshot): the
  first request of its shape (time limit, minimal population: the candidates' coverage sets are
  computed), then the same again (the sets kept on the snapshot).
* ours, through the API: ``GET /api/v1/territory/coverage?territory=fr`` with Django's test
  client (request, view, JSON), warm.
* fair geopandas baseline (what a planner writes in about 40 lines): points projected to Web
  Mercator, ``sjoin(predicate="dwithin")`` at the radius stretched by Mercator's largest scale,
  the exact great-circle filter and the same travel formula on the joined pairs in numpy, the
  minimum per commune; siting: the same join for the candidates and a ``bincount`` greedy.
* the former baseline (``--slow``): buffers and ``within``, one Python call per joined pair.

Every implementation must find the same covered population and the same 10 sites, else the
script fails; it also fails when nothing was covered (no places loaded: no work done).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

MINUTES, K, MIN_POP = 20, 10, 5000


def _timed(fn, repeat):
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def gpd_pairs(origin_lat, origin_lon, origin_elev, table, columns, minutes):
    """(origin, commune, minutes) within ``minutes``: dwithin join, exact filter, formula in numpy."""
    import geopandas as gpd
    import numpy as np

    from coopconnect.planning.catchment.travel_matrix import estimate_pair_minutes
    from coopconnect.planning.engine.grid import haversine_pairs
    from coopconnect.territory import travel

    engine = travel.EstimateEngine()
    radius_km = engine.max_radius_km(minutes)
    communes = gpd.GeoDataFrame(
        {"c": columns}, geometry=gpd.points_from_xy(table.lon[columns], table.lat[columns]), crs=4326
    ).to_crs(3857)
    origins = gpd.GeoDataFrame(
        {"o": np.arange(len(origin_lat))}, geometry=gpd.points_from_xy(origin_lon, origin_lat), crs=4326
    ).to_crs(3857)
    stretch = 1.0 / np.cos(np.radians(np.abs(np.concatenate([origin_lat, table.lat[columns]])).max()))
    joined = gpd.sjoin(origins, communes, predicate="dwithin", distance=radius_km * 1000 * stretch)
    o, c = joined["o"].to_numpy(), joined["c"].to_numpy()
    km = haversine_pairs(origin_lat[o], origin_lon[o], table.lat[c], table.lon[c])
    o, c, km = o[km <= radius_km], c[km <= radius_km], km[km <= radius_km]
    mins = estimate_pair_minutes(
        engine,
        origin_lat[o],
        origin_lon[o],
        table.lat[c],
        table.lon[c],
        km,
        origin_elev[o],
        table.elevation[c],
    )
    ok = mins <= minutes
    return o[ok], c[ok], mins[ok]


def gpd_coverage(table, places):
    import numpy as np

    _o, c, _m = gpd_pairs(places.lat, places.lon, places.elevation, table, np.arange(len(table)), MINUTES)
    covered = np.zeros(len(table), dtype=bool)
    covered[c] = True
    return int(table.population[covered].sum()), covered


def gpd_siting(table, places):
    import numpy as np

    _pop, covered = gpd_coverage(table, places)
    w = np.where(covered, 0, table.population).astype(np.int64)
    demand = np.flatnonzero(w > 0)
    cand = np.flatnonzero(table.population >= MIN_POP)
    o, c, _m = gpd_pairs(table.lat[cand], table.lon[cand], table.elevation[cand], table, demand, MINUTES)
    left = w.copy()
    picks, gained = [], 0
    for _ in range(K):
        gains = np.bincount(o, weights=left[c], minlength=len(cand)).astype(np.int64)
        best = gains.max()
        if best <= 0:
            break
        # Same tie-break as ours: larger gain, then larger commune population, then table order.
        tied = np.flatnonzero(gains == best)
        j = int(tied[np.lexsort((tied, -table.population[cand[tied]]))[0]])
        picks.append(str(table.insee[cand[j]]))
        gained += int(best)
        left[c[o == j]] = 0
    return picks, gained


def slow_gpd_coverage(table, places):
    """The former baseline: buffers, ``within`` and one Python travel call per joined pair."""
    import geopandas as gpd
    import numpy as np

    from coopconnect.territory import travel

    engine = travel.EstimateEngine()
    radius_m = engine.max_radius_km(MINUTES) * 1000
    communes = gpd.GeoDataFrame(
        {"idx": np.arange(len(table))}, geometry=gpd.points_from_xy(table.lon, table.lat), crs=4326
    ).to_crs(3857)
    origins = gpd.GeoDataFrame(
        {"o": np.arange(len(places))}, geometry=gpd.points_from_xy(places.lon, places.lat), crs=4326
    ).to_crs(3857)
    stretch = 1.05 / np.cos(np.radians(np.minimum(np.abs(places.lat) + 1.0, 89.0)))
    origins["geometry"] = origins.geometry.buffer(radius_m * stretch)
    joined = gpd.sjoin(communes, origins, predicate="within")
    covered = set()
    for o, c in zip(joined["o"].to_numpy(), joined["idx"].to_numpy(), strict=True):
        oe, ce = places.elevation[o], table.elevation[c]
        leg = engine.leg(
            (float(places.lat[o]), float(places.lon[o])),
            (float(table.lat[c]), float(table.lon[c])),
            origin_elevation=None if np.isnan(oe) else float(oe),
            destination_elevation=None if np.isnan(ce) else float(ce),
        )
        if leg.minutes <= MINUTES:
            covered.add(int(c))
    return int(table.population[list(covered)].sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument("--slow", action="store_true", help="also time the former per-pair baseline")
    args = parser.parse_args()

    import django

    django.setup()
    import geopandas  # noqa: F401 - import time is not the computation's
    from django.test import Client

    from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
    from coopconnect.planning.coverage import coverage
    from coopconnect.planning.engine import snapshot
    from coopconnect.planning.siting.proposal import propose_sites
    from coopconnect.planning.territories import Territory
    from coopconnect.territory import travel

    fr = Territory("fr", "", "France")
    table, places = CommuneTable.load(), PlaceTable.load()
    if len(table) < 30000 or len(places) == 0:
        sys.exit(f"{len(table)} communes, {len(places)} places: run load_communes and import_places first.")

    cold, t_cold = _timed(lambda: coverage(fr, MINUTES, table=table, places=places), args.repeat)
    snapshot.current().nearest_minutes(MINUTES, travel.get_engine())
    warm, t_warm = _timed(lambda: coverage(fr, MINUTES), args.repeat)
    client = Client()
    url = f"/api/v1/territory/coverage?territory=fr&minutes={MINUTES}"
    assert client.get(url).status_code == 200
    api, t_api = _timed(lambda: client.get(url).json(), args.repeat)

    def first_siting():
        snapshot.current().clear_memo()  # the candidates' sets computed, as for a new request shape
        return propose_sites(fr, k=K, minutes=MINUTES, min_population=MIN_POP, exact=False)

    first_sites, t_site_first = _timed(first_siting, args.repeat)
    ours_sites, t_site = _timed(
        lambda: propose_sites(fr, k=K, minutes=MINUTES, min_population=MIN_POP, exact=False), args.repeat
    )
    assert [p.insee for p in first_sites.picks] == [p.insee for p in ours_sites.picks], "kept sets differ"
    (gpd_cov, _mask), t_gpd_cov = _timed(lambda: gpd_coverage(table, places), args.repeat)
    (gpd_picks, gpd_gained), t_gpd_site = _timed(lambda: gpd_siting(table, places), args.repeat)

    if cold.covered_population <= 0:
        sys.exit("Nothing covered: no work was done (are the places loaded?).")
    assert cold.covered_population == warm.covered_population == api["covered_population"] == gpd_cov, (
        "coverage differs",
        cold.covered_population,
        warm.covered_population,
        api["covered_population"],
        gpd_cov,
    )
    assert [p.insee for p in ours_sites.picks] == gpd_picks and ours_sites.gained == gpd_gained, (
        "siting differs"
    )

    rows = [
        ("coverage of France, computation (cold arrays)", t_cold, t_gpd_cov),
        ("coverage of France, computation (warm snapshot)", t_warm, t_gpd_cov),
        ("coverage of France, through the API (warm)", t_api, t_gpd_cov),
        ("10-site proposal, greedy, first of its shape (sets computed)", t_site_first, t_gpd_site),
        ("10-site proposal, greedy, again (sets kept on the snapshot)", t_site, t_gpd_site),
    ]
    slow = None
    if args.slow:
        slow_cov, slow = _timed(lambda: slow_gpd_coverage(table, places), 1)
        assert slow_cov == gpd_cov, "former baseline differs"
    print(
        f"{len(table)} communes, {len(places)} places, {MINUTES} minutes; covered "
        f"{cold.covered_population:,} of {cold.population:,}; 10 sites gain {ours_sites.gained:,} "
        f"(same answers in every implementation). Load average: {os.getloadavg()[0]:.2f}."
    )
    print(
        "| measurement | ours | fair geopandas | geopandas ÷ ours |" + (" former baseline |" if slow else "")
    )
    print("|---|---|---|---|" + ("---|" if slow else ""))
    for label, ours, theirs in rows:
        extra = (
            f" {slow * 1000:.0f} ms ({slow / ours:.0f}×) |"
            if slow and "coverage" in label
            else (" — |" if slow else "")
        )
        print(f"| {label} | {ours * 1000:.1f} ms | {theirs * 1000:.1f} ms | {theirs / ours:.1f}× |{extra}")


if __name__ == "__main__":
    main()
