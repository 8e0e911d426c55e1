"""The travel-time estimate: detour factor, speed bands, the mountain part of a trip, the engine choice."""

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


GAP = (44.55877, 6.07980)
LARAGNE = (44.31510, 5.82167)
SAINT_DENIS = (-20.8789, 55.4481)  # Réunion: outside the terrain grid
PLAINE_DES_PALMISTES = (-21.1356, 55.6267)


def test_estimate_worked_example_pertuis_to_aix():
    # Crow distance Pertuis -> Aix ≈ 18.9 km; road ≈ 18.9 x 1.2 ≈ 22.7 km, no mountain on the way.
    # Time = 1 min start + 2 km at 30 km/h (4 min) + 8 km at 55 km/h (8.7 min)
    #        + 12.7 km at 85 km/h (9.0 min) ≈ 22.7 min.
    crow = haversine_km(*PERTUIS, *AIX)
    leg = EstimateEngine().leg(PERTUIS, AIX)
    assert leg.method == "estimate"
    assert leg.km == pytest.approx(crow * DETOUR_FACTOR)
    expected = 1 + 2 / 30 * 60 + 8 / 55 * 60 + (leg.km - 10) / 85 * 60
    assert leg.minutes == pytest.approx(expected)
    assert 22 < leg.minutes < 24


def test_estimate_same_point_costs_the_start_only():
    assert EstimateEngine().leg(PERTUIS, PERTUIS) == Leg(minutes=1.0, km=0.0, method="estimate")


def test_only_the_mountain_part_of_a_trip_is_slowed():
    # Gap (741 m) -> Laragne-Montéglin (577 m) runs down the Buëch and Durance valleys: about
    # 30-35 min by road. The old rule (one end above 600 m: the whole trip x 1/0.75) gave 59 min.
    leg = EstimateEngine().leg(GAP, LARAGNE)
    assert 30 <= leg.minutes <= 35
    share = travel.terrain.mountain_share(
        GAP, [LARAGNE[0]], [LARAGNE[1]], mean_from_m=travel.MOUNTAIN_FROM_M, relief_m=travel.MOUNTAIN_RELIEF_M
    )[0]
    moving = float(travel.moving_minutes_array(leg.km))
    assert leg.minutes == pytest.approx(1 + moving * (1 + share * (1 / travel.MOUNTAIN_SPEED_FACTOR - 1)))
    # Through the Dévoluy and the Champsaur, Gap -> Grenoble is mostly in the mountains.
    grenoble = (45.18663, 5.73631)
    assert (
        travel.terrain.mountain_share(
            GAP,
            [grenoble[0]],
            [grenoble[1]],
            mean_from_m=travel.MOUNTAIN_FROM_M,
            relief_m=travel.MOUNTAIN_RELIEF_M,
        )[0]
        > share
    )


def test_overseas_the_ends_elevations_say_how_mountainous_the_trip_is():
    plain = EstimateEngine().leg(SAINT_DENIS, PLAINE_DES_PALMISTES)
    # Outside the grid, one end of two at 1,100 m: half the trip is driven 1/0.55 times slower.
    high = EstimateEngine().leg(SAINT_DENIS, PLAINE_DES_PALMISTES, destination_elevation=1100)
    assert high.km == plain.km
    assert high.minutes - 1 == pytest.approx((plain.minutes - 1) * (1 + 0.5 * (1 / 0.55 - 1)))
    assert EstimateEngine(elevation_m=1100).leg(SAINT_DENIS, PLAINE_DES_PALMISTES).minutes > plain.minutes
    # In mainland France the terrain grid decides, not the ends' elevations.
    assert EstimateEngine().leg(PERTUIS, MANOSQUE, destination_elevation=1000) == EstimateEngine().leg(
        PERTUIS, MANOSQUE
    )


def test_estimate_legs_keeps_order_and_accepts_elevations():
    legs = EstimateEngine().legs(PERTUIS, [AIX, PERTUIS, MANOSQUE], elevations=[None, None, 900])
    assert [round(leg.km) for leg in legs] == [23, 0, round(haversine_km(*PERTUIS, *MANOSQUE) * 1.2)]
    assert legs[2] == EstimateEngine().leg(PERTUIS, MANOSQUE)
    assert EstimateEngine().legs(PERTUIS, []) == []
    with pytest.raises(ValueError):
        EstimateEngine().legs(PERTUIS, [AIX], elevations=[])


def test_arrays_and_engine_agree():
    lats, lons = [AIX[0], GAP[0], SAINT_DENIS[0]], [AIX[1], GAP[1], SAINT_DENIS[1]]
    minutes, km = travel.estimate_arrays(PERTUIS, lats, lons)
    legs = EstimateEngine().legs(PERTUIS, list(zip(lats, lons, strict=True)))
    assert [leg.minutes for leg in legs] == pytest.approx(list(minutes))
    assert [leg.km for leg in legs] == pytest.approx(list(km))


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
    # 20 min - 1 min start = 19 min: 2 km (4 min) + 8 km (8.73 min) + 6.27 min at 85 km/h (8.89 km)
    # = 18.89 road km, 18.89 / 1.2 ≈ 15.7 km as the crow flies.
    assert EstimateEngine().max_radius_km(20) == pytest.approx((10 + (19 - 4 - 8 / 55 * 60) / 60 * 85) / 1.2)
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
