"""The territory engine: grid index, in-process snapshot and its stamp, top-N materialisation."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import numpy as np
import pytest

from coopconnect.core.geo import haversine_km
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.coverage import coverage, top_by_population
from coopconnect.planning.engine import snapshot
from coopconnect.planning.engine.grid import GridIndex
from coopconnect.planning.territories import parse_territory
from coopconnect.territory.models import Commune

from .convince_fixtures import luberon, make_place  # noqa: F401


@pytest.mark.parametrize("radius", [0.3, 8.0, 25.0, 140.0])
def test_grid_pairs_are_exactly_the_pairs_within_the_radius(radius):
    rng = np.random.default_rng(int(radius * 10))
    # Mainland points and a Réunion cluster (southern hemisphere, far east).
    lat = np.concatenate([42 + rng.random(400) * 3, -21.3 + rng.random(60) * 0.4])
    lon = np.concatenate([3 + rng.random(400) * 4, 55.2 + rng.random(60) * 0.6])
    qlat = np.concatenate([42 + rng.random(50) * 3, -21.3 + rng.random(10) * 0.4])
    qlon = np.concatenate([3 + rng.random(50) * 4, 55.2 + rng.random(10) * 0.6])
    rows, cols, km = GridIndex.build(lat, lon, radius).pairs(qlat, qlon)
    found = set(zip(rows.tolist(), cols.tolist(), strict=True))
    expected = {
        (q, i)
        for q in range(len(qlat))
        for i in range(len(lat))
        if haversine_km(qlat[q], qlon[q], lat[i], lon[i]) <= radius
    }
    assert found == expected
    assert np.allclose(
        km, [haversine_km(qlat[q], qlon[q], lat[i], lon[i]) for q, i in zip(rows, cols, strict=True)]
    )


def test_top_by_population_equals_a_full_stable_sort():
    rng = np.random.default_rng(7)
    pop = rng.integers(0, 50, 3000)  # many ties
    idx = np.flatnonzero(rng.random(3000) < 0.6)
    full = idx[np.argsort(-pop[idx], kind="stable")]
    for limit in (0, 1, 17, 500, len(idx), len(idx) + 5):
        assert top_by_population(idx, pop, limit).tolist() == full[:limit].tolist()


pytestmark = pytest.mark.django_db


def test_coverage_from_the_snapshot_equals_coverage_on_freshly_loaded_tables(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    make_place("Tiers-lieu d'Apt", luberon["84003"])
    for key in ("fr", "reg:93", "dep:84", "dep:13"):
        territory = parse_territory(key)
        for minutes in (15, 20, 30):
            cached = coverage(territory, minutes)
            fresh = coverage(
                territory,
                minutes,
                table=CommuneTable.load(territory.q()),
                places=PlaceTable.load(),
            )
            assert (cached.population, cached.covered_population, cached.covered_communes) == (
                fresh.population,
                fresh.covered_population,
                fresh.covered_communes,
            )
            assert [u.insee for u in cached.uncovered] == [u.insee for u in fresh.uncovered]


def test_snapshot_is_kept_while_nothing_changes_and_rebuilt_when_a_place_is_added(luberon):
    first = snapshot.current()
    assert snapshot.current() is first
    assert coverage(parse_territory("dep:84"), 20).covered_population == 0
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    second = snapshot.current()
    assert second is not first and len(second.places) == 1
    # Pertuis 20 360 + La Tour-d'Aigues 4 300 + Villelaure 3 400 + Cadenet 4 200 + Lourmarin 1 000.
    assert coverage(parse_territory("dep:84"), 20).covered_population == 33260


def test_a_moved_commune_is_seen_at_the_next_content_check(luberon, settings):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    settings.PLANNING_COMMUNES_RECHECK_SECONDS = 3600
    assert coverage(parse_territory("dep:84"), 20).covered_population == 33260
    # Villelaure (3 400) moved far away: an update that leaves the indexed ends untouched.
    Commune.objects.filter(insee="84147").update(latitude=43.99, longitude=5.9, population=3401)
    # Within the recheck interval the snapshot may still be the old one; invalidate() forces it.
    snapshot.invalidate()
    assert coverage(parse_territory("dep:84"), 20).covered_population == 33260 - 3400
    settings.PLANNING_COMMUNES_RECHECK_SECONDS = 0
    Commune.objects.filter(insee="84147").update(latitude=43.7103, longitude=5.4322, population=3400)
    assert coverage(parse_territory("dep:84"), 20).covered_population == 33260


def test_a_repeated_coverage_only_reads_the_stamp(luberon, django_assert_max_num_queries):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    coverage(parse_territory("fr"), 20)
    # Places aggregate + three index-end reads of the communes (the content check is cached).
    with django_assert_max_num_queries(4):
        again = coverage(parse_territory("fr"), 20)
    assert again.covered_population == 33260


def test_pair_minutes_follow_the_estimate_formula_of_the_travel_module():
    from coopconnect.planning.catchment.travel_matrix import estimate_pair_minutes
    from coopconnect.territory import travel

    rng = np.random.default_rng(11)
    engine = travel.EstimateEngine()
    # Alps and plain (inside the terrain grid), and Réunion (outside it: the ends' elevations count).
    olat = np.concatenate([44 + rng.random(20) * 1.5, -21.3 + rng.random(5) * 0.3])
    olon = np.concatenate([5 + rng.random(20) * 2, 55.3 + rng.random(5) * 0.4])
    oelev = rng.random(25) * 1500
    dlat = np.concatenate([44 + rng.random(200) * 1.5, -21.3 + rng.random(50) * 0.3])
    dlon = np.concatenate([5 + rng.random(200) * 2, 55.3 + rng.random(50) * 0.4])
    delev = rng.random(250) * 1500
    for o in range(25):
        expected, road_km = travel.estimate_arrays(
            (olat[o], olon[o]), dlat, dlon, origin_elevation=oelev[o], elevations=delev
        )
        n = len(dlat)
        got = estimate_pair_minutes(
            engine,
            np.full(n, olat[o]),
            np.full(n, olon[o]),
            dlat,
            dlon,
            road_km / travel.DETOUR_FACTOR,
            np.full(n, oelev[o]),
            delev,
        )
        assert np.allclose(got, expected, rtol=1e-12, atol=1e-9)
