"""An overseas place shows its own clock: open now, booking pages, host day and calendar feeds."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.feeds import feed_create
from coopconnect.territory.models import Commune, Department, Region

pytestmark = pytest.mark.django_db

# Monday 14 June 2027, 06:00 UTC = 10:00 in Réunion (UTC+4) = 08:00 in Paris (UTC+2).
SIX_UTC = dt.datetime(2027, 6, 14, 6, 0, tzinfo=dt.UTC)


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


@pytest.fixture
def booking(reunion_place, seats, member):
    with time_machine.travel(SIX_UTC - dt.timedelta(days=3), tick=False):
        return booking_create(
            resource=seats, person=member, start=SIX_UTC, end=SIX_UTC + dt.timedelta(hours=2)
        )


def test_reunion_place_is_open_at_ten_local(client, reunion_place):
    # 06:00 UTC is 08:00 in Paris, but 10:00 in Réunion: within 08:00-18:00.
    with time_machine.travel(SIX_UTC, tick=False):
        html = client.get(reverse("places:place", args=[reunion_place.slug])).content.decode()
    assert "Ouvert maintenant" in html
    assert "Heure locale du lieu : 10:00" in html
    # 15:00 UTC = 19:00 local: closed, though 17:00 in Paris would be within the hours.
    with time_machine.travel(SIX_UTC + dt.timedelta(hours=9), tick=False):
        html = client.get(reverse("places:place", args=[reunion_place.slug])).content.decode()
    assert "Ouvert maintenant" not in html and "Fermé" in html


def test_booking_pages_show_local_times(client, booking, member, host, reunion_place):
    with time_machine.travel(SIX_UTC - dt.timedelta(days=1), tick=False):
        client.force_login(member)
        detail = client.get(reverse("bookings:detail", args=[booking.pk])).content.decode()
        mine = client.get(reverse("bookings:mine")).content.decode()
    # 06:00-08:00 UTC = 10:00-12:00 in Réunion (08:00-10:00 in Paris time).
    assert "10:00 – 12:00" in detail and "08:00 – 10:00" not in detail
    assert 'value="10:00"' in detail  # the change form is prefilled in local time too
    assert "10:00 – 12:00" in mine
    with time_machine.travel(SIX_UTC - dt.timedelta(days=1), tick=False):
        client.force_login(host)
        day = client.get(
            reverse("bookings:host_day", args=[reunion_place.slug]), {"date": "2027-06-14"}
        ).content.decode()
    assert "10:00" in day and "08:00 – 10:00" not in day


def test_host_day_is_midnight_to_midnight_local(client, reunion_place, seats, member, host):
    # 21:00 UTC on Sunday 13 June = 01:00 on Monday 14 June in Réunion: Monday's plan, not Sunday's.
    reunion_place.opening_hours = "24/7"
    reunion_place.save()
    late = dt.datetime(2027, 6, 13, 21, 0, tzinfo=dt.UTC)
    with time_machine.travel(late - dt.timedelta(days=3), tick=False):
        booking_create(resource=seats, person=member, start=late, end=late + dt.timedelta(hours=1))
    with time_machine.travel(late - dt.timedelta(days=1), tick=False):
        client.force_login(host)
        url = reverse("bookings:host_day", args=[reunion_place.slug])
        monday = client.get(url, {"date": "2027-06-14"})
        sunday = client.get(url, {"date": "2027-06-13"})
    assert "01:00" in monday.content.decode()
    assert "01:00" not in sunday.content.decode() and "23:00" not in sunday.content.decode()


def test_calendar_feed_has_the_right_instant(client, booking, member):
    feed = feed_create(owner=member, kind="person")
    body = client.get(reverse("bookings:feed", args=[feed.token])).content.decode()
    # 10:00 in Réunion is 06:00 UTC: written in UTC, any calendar shows it right.
    assert "DTSTART:20270614T060000Z" in body
    assert "DTEND:20270614T080000Z" in body
