"""The estimate on the reference trips of the tests, and against the OSRM commune matrix of Monaco.

Prints, for every trip of coopconnect/territory/tests/test_travel_reference.py, the reference
minutes, the estimate, the relative error and the share of the trip in the mountains; then builds
the OSRM matrix (territory/matrix.py) for the communes of the Monaco extract and compares the
estimate with every pair in it. No database: the communes' points come from the vendored file.

Run: .venv/bin/python bench/bench_travel_reference.py
"""

import csv
import gzip
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

import django  # noqa: E402

django.setup()

from coopconnect.territory import matrix, terrain  # noqa: E402
from coopconnect.territory.services import COMMUNES_FILE  # noqa: E402
from coopconnect.territory.tests.test_travel_reference import TRIPS  # noqa: E402
from coopconnect.territory.travel import (  # noqa: E402
    MOUNTAIN_FROM_M,
    MOUNTAIN_RELIEF_M,
    EstimateEngine,
    OsrmEngine,
    osrm_dataset_build,
)

MONACO_PBF = ROOT / "coopconnect" / "territory" / "tests" / "data" / "monaco.osm.pbf"
# Communes whose town hall lies in the extract's area.
EXTRACT_COMMUNES = ["06012", "06032", "06059", "06104", "06150"]


def main() -> None:
    with gzip.open(COMMUNES_FILE, "rt", encoding="utf-8", newline="") as fh:
        rows = {r["insee"]: r for r in csv.DictReader(fh)}
    point = {code: (float(r["lat"]), float(r["lon"])) for code, r in rows.items()}
    engine = EstimateEngine()
    errors = []
    print("| trip | area | reference | estimate | error | mountain share | source |")
    print("|---|---|---|---|---|---|---|")
    for trip in TRIPS:
        a, b = point[trip.origin], point[trip.destination]
        leg = engine.leg(a, b)
        share = terrain.mountain_share(
            a, [b[0]], [b[1]], mean_from_m=MOUNTAIN_FROM_M, relief_m=MOUNTAIN_RELIEF_M
        )[0]
        error = (leg.minutes - trip.reference) / trip.reference
        errors.append(error)
        names = f"{rows[trip.origin]['name']} → {rows[trip.destination]['name']}"
        source = "OSRM Monaco" if trip.source.startswith("OSRM") else trip.source.split(" ")[0][:60]
        print(
            f"| {names} | {trip.area} | {trip.reference:.1f} | {leg.minutes:.1f} | {error:+.0%} "
            f"| {share:.2f} | {source} |"
        )
    absolute = [abs(e) for e in errors]
    print(
        f"\n{len(errors)} trips: mean error {statistics.mean(errors):+.1%}, median |error| "
        f"{statistics.median(absolute):.1%}, mean |error| {statistics.mean(absolute):.1%}, "
        f"within ±25 %: {sum(a <= 0.25 for a in absolute)}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        dataset = osrm_dataset_build(pbf=MONACO_PBF, outdir=tmp, algorithm="CH")
        communes = [(c, *point[c]) for c in EXTRACT_COMMUNES]
        report = matrix.matrix_build(
            engine=OsrmEngine(dataset), communes=communes, out=Path(tmp) / "m.npz", dataset="monaco"
        )
        built = matrix.read(report.path)
        pairs = []
        for origin in built.insee.tolist():
            for destination, (minutes, _km) in built.row(origin).items():
                if destination != origin:
                    estimate = engine.leg(point[origin], point[destination]).minutes
                    pairs.append((estimate - minutes) / minutes)
        print(
            f"\nMonaco matrix: {report.covered} communes, {report.pairs} pairs within 60 min "
            f"({len(pairs)} between different communes), built in {report.seconds:.2f} s; estimate vs OSRM "
            f"mean {statistics.mean(pairs):+.1%}, "
            f"median |error| {statistics.median([abs(p) for p in pairs]):.1%}, "
            f"max |error| {max(abs(p) for p in pairs):.1%}"
        )


if __name__ == "__main__":
    main()
