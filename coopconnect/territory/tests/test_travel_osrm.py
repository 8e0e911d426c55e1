"""Real road times with OSRM on the Monaco OpenStreetMap extract (ODbL, see tests/data/README.md)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coopconnect.core.geo import haversine_km
from coopconnect.territory import travel
from coopconnect.territory.travel import OsrmBuildError, OsrmEngine, get_engine, osrm_dataset_build

pytestmark = pytest.mark.osrm

MONACO_PBF = Path(__file__).parent / "data" / "monaco.osm.pbf"
MONTE_CARLO = (43.73937, 7.42739)  # Casino square
MONACO_VILLE = (43.73143, 7.42017)  # Palais princier
FONTVIEILLE = (43.72860, 7.41575)
BEAUSOLEIL = (43.74345, 7.42208)
CAP_D_AIL = (43.72163, 7.40469)
LA_TURBIE = (43.74568, 7.40027)


@pytest.fixture(scope="session")
def monaco_dataset(tmp_path_factory) -> Path:
    """Extract and contract the Monaco extract once per test session (about 1 s)."""
    return osrm_dataset_build(pbf=MONACO_PBF, outdir=tmp_path_factory.mktemp("osrm"), algorithm="CH")


@pytest.fixture(scope="session")
def monaco(monaco_dataset) -> OsrmEngine:
    return OsrmEngine(monaco_dataset)


def test_build_writes_a_contracted_dataset(monaco_dataset):
    assert monaco_dataset.name == "monaco.osrm"
    assert Path(f"{monaco_dataset}.hsgr").exists()


def test_road_trips_are_longer_than_the_crow_flies(monaco):
    destinations = [MONACO_VILLE, FONTVIEILLE, BEAUSOLEIL, CAP_D_AIL, LA_TURBIE]
    legs = monaco.legs(MONTE_CARLO, destinations)
    assert len(legs) == len(destinations)
    for dest, leg in zip(destinations, legs, strict=True):
        assert leg is not None and leg.method == "osrm"
        assert leg.km > haversine_km(*MONTE_CARLO, *dest)
        assert 0 < leg.minutes < 30
    # La Turbie sits 500 m above Monaco up hairpin roads: farther by road than Monaco-Ville.
    assert legs[4].km > legs[0].km


def test_trip_to_itself_is_nothing(monaco):
    (leg,) = monaco.legs(MONTE_CARLO, [MONTE_CARLO])
    assert leg is not None and leg.minutes == 0 and leg.km == 0


def test_points_outside_the_extract_are_unreachable(monaco):
    paris, sea = (48.8566, 2.3522), (43.70, 7.60)
    legs = monaco.legs(MONTE_CARLO, [paris, FONTVIEILLE, sea])
    assert legs[0] is None and legs[2] is None
    assert legs[1] is not None
    assert monaco.legs(paris, [MONTE_CARLO, FONTVIEILLE]) == [None, None]


def test_no_destination_no_request(monaco):
    assert monaco.legs(MONTE_CARLO, []) == []


def test_radius_bounds_every_route(monaco):
    legs = monaco.legs(MONTE_CARLO, [CAP_D_AIL, LA_TURBIE])
    for dest, leg in zip([CAP_D_AIL, LA_TURBIE], legs, strict=True):
        assert haversine_km(*MONTE_CARLO, *dest) <= monaco.max_radius_km(leg.minutes)


def test_mld_dataset_is_detected(tmp_path):
    base = osrm_dataset_build(pbf=MONACO_PBF, outdir=tmp_path, algorithm="MLD")
    engine = OsrmEngine(base)
    assert engine.algorithm == "MLD"
    (leg,) = engine.legs(MONTE_CARLO, [CAP_D_AIL])
    assert leg is not None and leg.km > haversine_km(*MONTE_CARLO, *CAP_D_AIL)


def test_get_engine_opens_the_configured_dataset(settings, monaco_dataset):
    travel._engine_for.cache_clear()
    settings.OSRM_DATASET = str(monaco_dataset)
    try:
        engine = get_engine()
        assert engine.name == "osrm"
        assert engine.legs(MONTE_CARLO, [FONTVIEILLE])[0].method == "osrm"
    finally:
        travel._engine_for.cache_clear()


def test_build_command(tmp_path):
    call_command("build_osrm_dataset", str(MONACO_PBF), str(tmp_path / "out"))
    assert (tmp_path / "out" / "monaco.osrm.hsgr").exists()
    with pytest.raises(CommandError, match="Extrait OpenStreetMap introuvable"):
        call_command("build_osrm_dataset", str(tmp_path / "absent.osm.pbf"), str(tmp_path / "out"))


def test_build_reports_tool_failures(tmp_path):
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(b"not a pbf")
    with pytest.raises(OsrmBuildError, match="osrm-extract a échoué"):
        osrm_dataset_build(pbf=broken, outdir=tmp_path / "out")
