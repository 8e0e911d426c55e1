"""How far is the travel-time estimate from real OSRM road times? Measured on the Monaco extract.

Builds the car dataset from coopconnect/territory/tests/data/monaco.osm.pbf (ODbL) in a temporary
directory, samples random points over the extract's area, keeps those lying on a road (OSRM snaps
them less than 25 m away) at their snapped position, and compares, for every pair, the estimate
(EstimateEngine) with OSRM's fastest route: relative error of minutes and km, by crow-distance
band. It also prints the detour factor (road km / crow km) the data suggests.

Run: .venv/bin/python bench/bench_travel.py [--points 200] [--seed 1]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Benchmarks run with DEBUG off, like production; the settings then want a key.
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

import django  # noqa: E402

django.setup()

import osrm  # noqa: E402

from coopconnect.core.geo import haversine_km  # noqa: E402
from coopconnect.territory.travel import (  # noqa: E402
    START_MINUTES,
    EstimateEngine,
    OsrmEngine,
    osrm_dataset_build,
)

PBF = ROOT / "coopconnect" / "territory" / "tests" / "data" / "monaco.osm.pbf"
# The extract's area: Cap-d'Ail and Èze to the west, La Turbie above, Roquebrune-Cap-Martin east.
BBOX = (43.715, 43.775, 7.36, 7.50)  # min lat, max lat, min lon, max lon
BANDS = [(0, 1), (1, 2), (2, 5), (5, 100)]
MAX_SNAP_M = 25.0


def on_road_points(engine: OsrmEngine, count: int, rng: random.Random) -> list[tuple[float, float]]:
    """Return up to ``count`` points snapped onto roads, from random points in BBOX."""
    raw = [(rng.uniform(BBOX[0], BBOX[1]), rng.uniform(BBOX[2], BBOX[3])) for _ in range(count * 10)]
    points: list[tuple[float, float]] = []
    for lat, lon in raw:
        params = osrm.NearestParameters(coordinates=[(lon, lat)], generate_hints=False)
        result = engine._osrm.Nearest(params)
        waypoint = result["waypoints"][0]
        if waypoint["distance"] <= MAX_SNAP_M:
            snapped_lon, snapped_lat = waypoint["location"]
            points.append((float(snapped_lat), float(snapped_lon)))
        if len(points) == count:
            break
    return points


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        base = osrm_dataset_build(pbf=PBF, outdir=tmp, algorithm="CH")
        built = time.perf_counter() - started
        engine = OsrmEngine(base)
        estimate = EstimateEngine()
        points = on_road_points(engine, args.points, rng)

        pairs = []  # (crow km, osrm leg, estimate leg)
        osrm_seconds = estimate_seconds = 0.0
        for i, origin in enumerate(points):
            destinations = points[i + 1 :]
            if not destinations:
                continue
            t0 = time.perf_counter()
            real = engine.legs(origin, destinations)
            t1 = time.perf_counter()
            guessed = estimate.legs(origin, destinations)
            t2 = time.perf_counter()
            osrm_seconds += t1 - t0
            estimate_seconds += t2 - t1
            for dest, r, g in zip(destinations, real, guessed, strict=True):
                crow = haversine_km(*origin, *dest)
                if r is not None and r.km > 0 and r.minutes > 0 and crow > 0.2:
                    pairs.append((crow, r, g))

    print(f"dataset built in {built:.1f} s; {len(points)} on-road points; {len(pairs)} pairs (crow > 200 m)")
    print(
        f"time per destination: OSRM table {osrm_seconds / len(pairs) * 1e6:.1f} µs, "
        f"estimate {estimate_seconds / len(pairs) * 1e6:.1f} µs"
    )
    print("relative error = (estimate - OSRM) / OSRM; |.| = absolute value")
    columns = ["crow km", "pairs", "detour median (p10-p90)", "minutes: mean", "median|.|", "p90|.|"]
    print("   ".join([*columns, "km: mean", "median|.|", "p90|.|"]))
    for low, high in [*BANDS, (0, 100)]:
        band = [p for p in pairs if low <= p[0] < high]
        if not band:
            continue
        detour = [r.km / crow for crow, r, _ in band]
        err_min = [(g.minutes - r.minutes) / r.minutes for _, r, g in band if r.minutes > 0]
        err_km = [(g.km - r.km) / r.km for _, r, g in band]
        label = "all" if (low, high) == (0, 100) else f"{low}-{high}"
        print(
            f"{label:>7} {len(band):7d}   {statistics.median(detour):5.2f}"
            f" ({pct(detour, 0.1):.2f}-{pct(detour, 0.9):.2f})"
            f"         {statistics.mean(err_min):+6.0%}  {statistics.median(map(abs, err_min)):6.0%}"
            f"  {pct([abs(e) for e in err_min], 0.9):6.0%}"
            f"        {statistics.mean(err_km):+6.0%}  {statistics.median(map(abs, err_km)):6.0%}"
            f"  {pct([abs(e) for e in err_km], 0.9):6.0%}"
        )
    speeds = [r.km / (r.minutes / 60) for _, r, _ in pairs]
    print(f"OSRM average speed over a trip: median {statistics.median(speeds):.0f} km/h")
    # OSRM counts no time to start and park: the estimate's START_MINUTES explains part of its bias.
    no_start = [(g.minutes - START_MINUTES - r.minutes) / r.minutes for _, r, g in pairs]
    print(
        f"minutes error without the {START_MINUTES:g}-minute start allowance:"
        f" mean {statistics.mean(no_start):+.0%}, median|.| {statistics.median(map(abs, no_start)):.0%}"
    )


if __name__ == "__main__":
    main()
