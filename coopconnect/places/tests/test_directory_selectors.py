"""places_near and friends: travel-time search with the estimate engine, filters, visibility."""
# Fixtures imported from directory_fixtures come back as test arguments:
# ruff: noqa: F811

from datetime import date

import pytest
import time_machine

from coopconnect.places.selectors import (
    network_detail,
    place_detail,
    place_list,
    places_near,
    resolve_origin,
)
from coopconnect.territory.travel import EstimateEngine

from .directory_fixtures import (  # noqa: F401
    PERTUIS,
    forty_km,
    luberon,
    popup_over,
    popup_running,
    ten_km,
    unpublished,
)

pytestmark = pytest.mark.django_db


def test_worked_example_ten_km_is_fifteen_minutes(place, ten_km, forty_km):
    hits = places_near(origin=PERTUIS, within_minutes=20)
    assert [h.place.name for h in hits] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]
    fablab = hits[1]
    # 10.0 km as the crow flies x 1.2 detour = 12.0 road km, no mountain on the way;
    # 1 min start + 2 km at 30 km/h (4 min) + 8 km at 55 km/h (8.7 min) + 2.0 km at 85 km/h (1.4 min)
    # = 15.1 min -> 15 minutes, within 20.
    assert fablab.distance_km == pytest.approx(12.0, abs=0.1)
    assert fablab.travel_minutes == 15
    assert fablab.method == "estimate"
    # Bâticom is 0.1 km away: 1 min start + a few seconds.
    assert hits[0].travel_minutes == 1


def test_place_beyond_twenty_minutes_is_left_out(place, ten_km, forty_km):
    # 40 km x 1.2 = 48 road km: 1 + 4 + 8.7 + 20 km at 85 (14.1) + 18 km at 95 (11.3) = 39.2 min.
    assert "Coworking à quarante kilomètres" not in [h.place.name for h in places_near(origin=PERTUIS)]
    far = places_near(origin=PERTUIS, within_minutes=40)[-1]
    assert (far.place.name, far.travel_minutes) == ("Coworking à quarante kilomètres", 39)
    assert places_near(origin=PERTUIS, within_minutes=39)[-1].place.name == "Fablab à dix kilomètres"


def test_bounding_box_is_wide_enough_for_the_estimate():
    # Nothing the estimate reaches in 20 minutes lies beyond the prefilter radius (15.7 km straight).
    engine = EstimateEngine()
    radius = engine.max_radius_km(20)
    assert radius == pytest.approx(15.74, abs=0.01)
    assert engine.leg((43.0, 5.0), (43.0 + radius / 111.2, 5.0)).minutes == pytest.approx(20, abs=0.05)


def test_mountain_is_the_terrain_crossed_not_the_origin_elevation(place, ten_km, pertuis):
    pertuis.elevation = 900
    pertuis.save()
    # Only the mountain part of a trip is slowed (territory/travel.py): the ten kilometres east of
    # Pertuis cross no mountain cell, so an origin said to be at 900 m changes nothing.
    hits = places_near(origin=PERTUIS, origin_elevation=900, within_minutes=20)
    assert [(h.place.name, h.travel_minutes) for h in hits] == [
        ("Bâticom Pertuis", 1),
        ("Fablab à dix kilomètres", 15),
    ]


def test_filters(place, ten_km, forty_km, luberon):
    assert [h.place.name for h in places_near(origin=PERTUIS, typologies=["fablab"])] == [
        "Fablab à dix kilomètres"
    ]
    assert [h.place.name for h in places_near(origin=PERTUIS, services=["wifi", "meeting_rooms"])] == [
        "Fablab à dix kilomètres"
    ]
    assert places_near(origin=PERTUIS, services=["wifi", "lockers"]) == []
    assert len(places_near(origin=PERTUIS, network=luberon, within_minutes=240)) == 2
    assert [h.place.name for h in places_near(origin=PERTUIS, limit=1)] == ["Bâticom Pertuis"]


def test_open_on_a_day(place, ten_km, forty_km, other_place):
    sunday, monday, bastille = date(2026, 11, 29), date(2026, 11, 30), date(2027, 7, 14)
    names = lambda day: [p.name for p in place_list(open_on=day)]  # noqa: E731
    assert names(sunday) == ["Coworking à quarante kilomètres"]
    assert names(monday) == ["Autre lieu", "Bâticom Pertuis", "Coworking à quarante kilomètres",
                             "Fablab à dix kilomètres"]  # fmt: skip
    # 14 July is a Wednesday and a public holiday: Bâticom says "PH off".
    assert "Bâticom Pertuis" not in names(bastille)


@time_machine.travel("2026-11-25 10:00 +01:00", tick=False)
def test_only_published_and_current_places(place, unpublished, popup_over, popup_running):
    names = [h.place.name for h in places_near(origin=PERTUIS)]
    assert names == ["Bâticom Pertuis", "Éphémère de l'hiver"]
    # The winter pop-up runs from 1 November 2026 to 31 January 2027, Mo-Sa: open on Saturday
    # 30 January, not on Monday 1 February (when Bâticom, Mo-Fr, is).
    assert [p.name for p in place_list(open_on=date(2027, 1, 30))] == ["Éphémère de l'hiver"]
    assert [p.name for p in place_list(open_on=date(2027, 2, 1))] == ["Bâticom Pertuis"]
    assert place_detail(unpublished.slug) is None
    assert place_detail(popup_over.pk) is None
    assert place_detail(str(popup_running.pk)).name == "Éphémère de l'hiver"
    with time_machine.travel("2027-02-01 10:00 +01:00"):
        assert place_detail(popup_running.slug) is None


def test_place_detail_prefetches(django_assert_num_queries, ten_km, luberon):
    with django_assert_num_queries(4):  # place + commune, services, networks, resources
        p = place_detail(ten_km.slug)
        assert [s.code for s in p.services.all()] == ["wifi", "meeting_rooms"]
        assert [n.slug for n in p.networks.all()] == ["reseau-luberon"]
        assert [r.name for r in p.resources.all()] == ["Grande salle"]
        assert p.commune.department_id == "84"


def test_network_detail_lists_visible_places(luberon, unpublished):
    unpublished.networks.add(luberon)
    network = network_detail("reseau-luberon")
    assert [p.name for p in network.visible_places] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]
    assert network_detail("inconnu") is None


def test_resolve_origin(pertuis):
    assert resolve_origin("Pertuis").commune == pertuis
    assert resolve_origin(" 43.5 , 5.4 ").point == (43.5, 5.4)
