"""Coordinators see their network's plannings; the week's free and busy half-days; occupancy's period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import Network


@pytest.fixture
def tuesday_booking(seats, member):
    return Booking.objects.create(
        resource=seats,
        person=member,
        booked_by=member,
        start=paris(TUESDAY, 8, 30),
        end=paris(TUESDAY, 12, 30),
        status=BookingStatus.CONFIRMED,
        short_code="TUE001",
    )


@pytest.fixture
def other_coordinator(db):
    network = Network.objects.create(name="Réseau Ventoux", slug="reseau-ventoux")
    user = get_user_model().objects.create_user("coord2@example.org", "mot-de-passe-c2", email_verified=True)
    network.coordinators.add(user)
    return user


def test_coordinator_sees_a_network_place_plannings_without_host_actions(
    client, frozen, place, coordinator, tuesday_booking
):
    client.force_login(coordinator)
    day = client.get(reverse("bookings:host_day", args=[place.slug]), {"date": "2027-03-16"})
    html = day.content.decode()
    assert day.status_code == 200 and "Marie" in html and "TUE001" in html
    assert reverse("bookings:walk_in", args=[place.slug]) not in html  # no walk-in form
    assert "Arrivé·e" not in html  # no check-in button
    week = client.get(reverse("bookings:host_week", args=[place.slug]), {"date": "2027-03-16"})
    assert week.status_code == 200 and "Marie" in week.content.decode()


def test_coordinator_of_another_network_and_outsiders_are_refused(
    client, frozen, place, other_coordinator, outsider, other_host, coordinator
):
    for intruder in (other_coordinator, outsider, other_host):
        client.force_login(intruder)
        for name in ("bookings:host_day", "bookings:host_week"):
            assert client.get(reverse(name, args=[place.slug])).status_code == 403
    # Seeing is not running the place: a coordinator records no walk-in.
    client.force_login(coordinator)
    assert client.post(reverse("bookings:walk_in", args=[place.slug]), {}).status_code == 403


def test_host_still_has_the_walk_in_form(client, frozen, place, host):
    client.force_login(host)
    html = client.get(reverse("bookings:host_day", args=[place.slug])).content.decode()
    assert reverse("bookings:walk_in", args=[place.slug]) in html and 'id="sur-place"' in html


def test_week_grid_shows_free_and_busy_half_days_in_text(client, frozen, place, seats, meeting_room, member):
    # The room is taken on Tuesday morning; the open space keeps 6 of 6 seats.
    Booking.objects.create(
        resource=meeting_room,
        person=member,
        booked_by=member,
        start=paris(TUESDAY, 8, 30),
        end=paris(TUESDAY, 12, 30),
        status=BookingStatus.CONFIRMED,
        short_code="ROOM01",
    )
    page = client.get(reverse("bookings:place_week", args=[place.slug]), {"date": "2027-03-17"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<caption>" in html and "semaine du 15 mars 2027" in html
    assert '<th scope="row">Salle du conseil — matin</th>' in html
    assert '<th scope="col">mar. 16 mars</th>' in html
    row = html[html.index("Salle du conseil — matin") :]
    row = row[: row.index("</tr>")]
    # Monday morning is still to come at 7:00 (opens at 8:30), Tuesday's is booked, the weekend closed.
    cells = row.split("<td>")[1:]
    assert len(cells) == 7
    assert "libre 1/1" in cells[0] and "complet" in cells[1] and "fermé" in cells[5] and "fermé" in cells[6]
    assert "libre 6/6" in html
    assert "Marie" not in html and "ROOM01" not in html  # free and busy only, never who booked
    assert (
        f'href="{reverse("bookings:place_week", args=[place.slug])}'
        in client.get(reverse("places:place", args=[place.slug])).content.decode()
    )


def test_week_grid_refuses_nothing_but_ignores_a_bad_date(client, frozen, place, seats):
    page = client.get(reverse("bookings:place_week", args=[place.slug]), {"date": "pas-une-date"})
    assert page.status_code == 200 and "semaine du 15 mars 2027" in page.content.decode()


def test_occupancy_defaults_to_the_last_30_complete_days(
    client, frozen, network, place, seats, coordinator, member
):
    # Friday 12 March, 9:00-18:00 on one seat: 9 seat-hours booked before this month's 15 days.
    Booking.objects.create(
        resource=seats,
        person=member,
        booked_by=member,
        start=paris(dt.date(2027, 3, 12), 9),
        end=paris(dt.date(2027, 3, 12), 18),
        status=BookingStatus.CHECKED_IN,
        short_code="FRI012",
    )
    client.force_login(coordinator)
    html = client.get(reverse("bookings:occupancy", args=[network.slug])).content.decode()
    # 13 February to 14 March 2027 (today, Monday 15, left out).
    assert "Du 13 février 2027 au 14 mars 2027." in html
    # Weekdays 15 Feb - 12 Mar: 20 x 8.5 h x 6 seats = 1 020 open seat-hours; 9 / 1 020 = 0.88 % -> "0,9 %".
    assert "0,9\xa0%" in html
