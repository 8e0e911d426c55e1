"""Bookings of an overseas place follow its own clock: slots and the opening-hours rule."""

import datetime as dt

import pytest

from coopconnect.bookings import slots
from coopconnect.core.errors import DomainError
from coopconnect.territory.models import Commune, Department, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def reunion_place(place):
    region = Region.objects.create(code="04", name="La Réunion")
    dep = Department.objects.create(code="974", name="La Réunion", region=region)
    Commune.objects.create(
        insee="97411",
        name="Saint-Denis",
        search_name="saint denis",
        department=dep,
        region=region,
        latitude=-20.8789,
        longitude=55.4481,
    )
    place.commune_id = "97411"
    place.opening_hours = "Mo-Fr 08:00-18:00"
    place.save()
    return place


def test_slots_are_in_reunion_time(reunion_place):
    start, end = slots.slot_bounds(reunion_place, dt.date(2027, 6, 14), "day")
    assert start.utcoffset() == dt.timedelta(hours=4)
    assert start.hour == 8 and end.hour == 18
    # 08:00 in Réunion is 04:00 UTC.
    assert start.astimezone(dt.UTC).hour == 4


def test_a_booking_at_ten_local_is_within_hours(reunion_place, member):
    # 06:00-08:00 UTC = 10:00-12:00 in Réunion: open. In Paris time it would be 08:00-10:00.
    start = dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC)
    slots.check_opening_hours(reunion_place, member, start, start + dt.timedelta(hours=2))
    # 15:00-16:00 UTC = 19:00-20:00 local: closed, though 17:00-18:00 in Paris would be open.
    late = dt.datetime(2027, 6, 14, 15, 0, tzinfo=dt.UTC)
    # The refusal quotes the hours in local time.
    with pytest.raises(DomainError, match="08:00-18:00"):
        slots.check_opening_hours(reunion_place, member, late, late + dt.timedelta(hours=1))


def test_hours_typed_on_the_booking_page_are_local_time(client, reunion_place, seats, member):
    import time_machine
    from django.urls import reverse

    from coopconnect.bookings.models import Booking

    with time_machine.travel(dt.datetime(2027, 6, 10, 6, 0, tzinfo=dt.UTC), tick=False):
        client.force_login(member)
        response = client.post(
            reverse("bookings:confirm", args=[seats.pk]),
            {"date": "2027-06-14", "slot": "hours", "start_time": "10:00", "end_time": "12:00"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    booking = Booking.objects.get(person=member)
    # 10:00-12:00 in Réunion = 06:00-08:00 UTC (in Paris time it would have been 08:00-10:00 UTC).
    assert booking.start == dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC)
    assert booking.end == dt.datetime(2027, 6, 14, 8, 0, tzinfo=dt.UTC)
