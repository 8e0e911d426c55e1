"""Maps framed on what they show: the mainland with overseas insets, free-seat results framed on them."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.places.models import Place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TILES = re.compile(r"tile\.openstreetmap\.org|/\{z\}/")


def frame(page) -> tuple[float, float, float, float]:
    expect(page.locator("#map")).to_have_attribute("data-frame", re.compile(r"."))
    west, south, east, north = (float(x) for x in page.locator("#map").get_attribute("data-frame").split(","))
    return west, south, east, north


def test_home_map_frames_the_mainland_with_an_inset_per_overseas_territory(live_server, page, place):
    for name, lat, lon in [
        ("La Locomotive", 44.559, 6.079),
        ("Tiers-lieu de Saint-Pierre", -21.339, 55.478),
        ("Cowork Pointe-à-Pitre", 16.241, -61.533),
    ]:
        Place.objects.create(name=name, slug=name.lower().replace(" ", "-"), latitude=lat, longitude=lon)
    page.route(TILES, lambda route: route.abort())
    page.goto(live_server.url + "/")
    expect(page.locator("#map")).to_have_attribute("data-insets-shown", "2")
    expect(page.locator(".map-inset figcaption")).to_have_text(["Guadeloupe (1)", "La Réunion (1)"])
    west, south, east, north = frame(page)
    assert -10 < west < 5.5 and 6.1 < east < 15 and 35 < south < 43.6 and 44.6 < north < 55  # mainland only
    assert_accessible(page)


def test_free_seat_results_come_with_a_map_framed_on_them(live_server, page, place, seats, pertuis):
    place.opening_hours = "Mo-Su 08:00-19:00"
    place.save()
    day = timezone.localdate() + dt.timedelta(days=2)
    page.route(TILES, lambda route: route.abort())
    page.goto(
        f"{live_server.url}/reservations/?near=Pertuis&date={day:%Y-%m-%d}&slot=morning&kind=seat&within_minutes=20"
    )
    expect(page.get_by_role("heading", level=2).first).to_contain_text("place libre")
    expect(page.locator("#map")).to_have_attribute("data-markers", "1")
    west, south, east, north = frame(page)
    assert west < place.longitude < east and south < place.latitude < north
    assert east - west < 1  # a street-level frame on the one result, not France
    assert_accessible(page)
