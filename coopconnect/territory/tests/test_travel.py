"""The travel-time estimate: detour factor, speed bands, mountains, and the engine choice."""

import math

import pytest

from coopconnect.core.geo import haversine_km
from coopconnect.territory import travel
from coopconnect.territory.travel import (
    DETOUR_FACTOR,
    EstimateEngine,
    Leg,
    OsrmEngine,
    TravelEngine,
    get_engine,
)

PERTUIS = (43.6942, 5.5017)
AIX = (43.5283, 5.4497)
MANOSQUE = (43.8283, 5.7867)


def test_estimate_worked_example_pertuis_to_aix():
    # Crow distance Pertuis -> Aix ≈ 18.9 km; road ≈ 18.9 x 1.35 ≈ 25.5 km.
    # Time = 2 min start + 2 km at 25 km/h (4.8 min) + 8 km at 50 km/h (9.6 min)
    #        + 15.5 km at 70 km/h (13.3 min) ≈ 29.7 min.
    crow = haversine_km(*PERTUIS, *AIX)
    leg = EstimateEngine().leg(PERTUIS, AIX)
    assert leg.method == "estimate"
    assert leg.km == pytest.approx(crow * DETOUR_FACTOR)
    expected = 2 + 2 / 25 * 60 + 8 / 50 * 60 + (leg.km - 10) / 70 * 60
    assert leg.minutes == pytest.approx(expected)
    assert 29 < leg.minutes < 31


def test_estimate_same_point_costs_the_start_only():
    assert EstimateEngine().leg(PERTUIS, PERTUIS) == Leg(minutes=2.0, km=0.0, method="estimate")


def test_estimate_is_slower_in_the_mountains():
    plain = EstimateEngine().leg(PERTUIS, MANOSQUE)
    # One end at 1,000 m: every speed x 0.75, so the driving part takes 1/0.75 as long.
    mountain = EstimateEngine().leg(PERTUIS, MANOSQUE, destination_elevation=1000)
    assert mountain.km == plain.km
    assert mountain.minutes - 2 == pytest.approx((plain.minutes - 2) / 0.75)
    assert EstimateEngine(elevation_m=1200).leg(PERTUIS, MANOSQUE) == mountain
    assert EstimateEngine().leg(PERTUIS, MANOSQUE, destination_elevation=300) == plain


def test_estimate_legs_keeps_order_and_accepts_elevations():
    legs = EstimateEngine().legs(PERTUIS, [AIX, PERTUIS, MANOSQUE], elevations=[None, None, 900])
    assert [round(leg.km) for leg in legs] == [26, 0, round(haversine_km(*PERTUIS, *MANOSQUE) * 1.35)]
    assert legs[2].minutes > EstimateEngine().leg(PERTUIS, MANOSQUE).minutes
    assert EstimateEngine().legs(PERTUIS, []) == []


def test_time_grows_with_distance():
    engine = EstimateEngine()
    minutes = [engine.leg(PERTUIS, (PERTUIS[0] + d / 111, PERTUIS[1])).minutes for d in range(0, 80)]
    assert minutes == sorted(minutes)


@pytest.mark.parametrize("limit", [1.0, 2.0, 5.0, 10.0, 20.0, 45.0, 90.0])
def test_max_radius_is_the_farthest_reachable(limit):
    engine = EstimateEngine()
    radius = engine.max_radius_km(limit)
    north = math.degrees(radius / 6371.0088)
    # Just inside the radius is reachable in time, just beyond it is not.
    if radius > 0:
        inside = engine.leg(PERTUIS, (PERTUIS[0] + north * 0.999, PERTUIS[1]))
        assert inside.minutes <= limit
    beyond = engine.leg(PERTUIS, (PERTUIS[0] + north * 1.001 + 1e-6, PERTUIS[1]))
    assert beyond.minutes > limit


def test_max_radius_for_20_minutes():
    # 20 min - 2 min start = 18 min: 2 km (4.8 min) + 8 km (9.6 min) + 3.6 min at 70 km/h (4.2 km)
    # = 14.2 road km, 14.2 / 1.35 ≈ 10.5 km as the crow flies.
    assert EstimateEngine().max_radius_km(20) == pytest.approx(14.2 / 1.35)
    assert EstimateEngine().max_radius_km(1) == 0


def test_engines_follow_the_protocol():
    assert isinstance(EstimateEngine(), TravelEngine)
    assert all(callable(getattr(OsrmEngine, m)) for m in ("legs", "max_radius_km"))
    assert OsrmEngine.name == "osrm"


def test_get_engine_is_the_estimate_without_dataset(settings):
    settings.OSRM_DATASET = ""
    engine = get_engine()
    assert engine.name == "estimate"
    assert get_engine() is engine


def test_get_engine_is_osrm_with_a_dataset(settings, monkeypatch):
    opened: list[str] = []

    class FakeOsrm:
        name = "osrm"

        def __init__(self, path):
            opened.append(path)

    monkeypatch.setattr(travel, "OsrmEngine", FakeOsrm)
    travel._engine_for.cache_clear()
    settings.OSRM_DATASET = "/data/provence.osrm"
    try:
        assert get_engine().name == "osrm"
        assert get_engine() is get_engine()
        assert opened == ["/data/provence.osrm"]
    finally:
        travel._engine_for.cache_clear()
