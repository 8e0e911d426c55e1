"""Fair use of capacity: one workstation at a time across the network, open bookings per place,
series capped, hosts booking only for people tied to their place (services, API and pages)."""

import datetime as dt

import pytest
from django.urls import reverse

from coopconnect.accounts.models import OrganisationMembership, OrganisationRole, User
from coopconnect.bookings.models import Booking, BookingPolicy, BookingSeries, BookingStatus
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create, booking_walk_in
from coopconnect.bookings.services.fair_use import MAX_SERIES_DATES
from coopconnect.bookings.services.series import booking_days_create, booking_series_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.places.models import Place, Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))
JSON = "application/json"


@pytest.fixture
def plateau(other_place):
    """A pool of seats at another place (open 09:00-17:00), in no network of ``place``."""
    return Resource.objects.create(place=other_place, kind=ResourceKind.SEAT, name="Plateau", capacity=4)


@pytest.fixture
def office(place):
    return Resource.objects.create(place=place, kind=ResourceKind.OFFICE, name="Bureau 2", capacity=2)


def book(resource, person, start, end, **kwargs):
    return booking_create(resource=resource, person=person, start=start, end=end, **kwargs)


# One workstation at a time, across the network.


def test_a_second_seat_at_the_same_time_elsewhere_is_refused_naming_the_first(seats, plateau, member):
    book(seats, member, *MORNING)
    with pytest.raises(Conflict) as refused:
        book(plateau, member, paris(TUESDAY, 10), paris(TUESDAY, 13))
    assert "Bâticom Pertuis (Open space) le 16/03/2027 08:30 – 12:30" in refused.value.message
    assert "un poste à la fois" in refused.value.message
    assert refused.value.errors == {"start": ["Déjà un poste réservé sur ce créneau."]}
    # Nor a second seat of the same pool, nor an office: one workstation at a time.
    with pytest.raises(Conflict):
        book(seats, member, *MORNING)
    assert Booking.objects.filter(person=member).count() == 1


def test_the_afternoon_a_room_a_cancelled_seat_and_other_people_are_fine(
    seats, plateau, office, meeting_room, member, second_member, employer
):
    morning = book(seats, member, *MORNING)
    book(plateau, member, paris(TUESDAY, 13), paris(TUESDAY, 17))  # touching times do not overlap
    # A seat and, at the same hour, the meeting room for a meeting with a client.
    book(meeting_room, member, paris(TUESDAY, 10), paris(TUESDAY, 11), attendees=6)
    # An employer admin books a seat and an office for two employees at the same time.
    OrganisationMembership.objects.create(
        organisation=employer, user=second_member, role=OrganisationRole.EMPLOYEE
    )
    book(office, second_member, *MORNING, booked_by=employer.admin)
    # Once the first seat is cancelled, another one is free to take.
    morning.status = BookingStatus.CANCELLED
    morning.save()
    book(plateau, member, paris(TUESDAY, 9), paris(TUESDAY, 12), booked_by=employer.admin)


def test_a_walk_in_is_recorded_but_then_counts(seats, plateau, member, host, frozen):
    frozen.move_to(paris(TUESDAY, 9))
    elsewhere = book(plateau, member, paris(TUESDAY, 9), paris(TUESDAY, 12))
    # She came to Bâticom instead: the host records it, the rule does not refuse what happened.
    walk_in = booking_walk_in(resource=seats, person=member, host=host, slot="morning")
    assert walk_in.status == BookingStatus.CHECKED_IN
    elsewhere.status = BookingStatus.CANCELLED
    elsewhere.save()
    with pytest.raises(Conflict, match="Bâticom Pertuis"):
        book(plateau, member, paris(TUESDAY, 11), paris(TUESDAY, 12))


def test_a_place_may_turn_the_rule_off_for_its_own_bookings(seats, plateau, member, other_place):
    BookingPolicy.objects.create(place=other_place, one_seat_at_a_time=False)
    book(seats, member, *MORNING)
    book(plateau, member, paris(TUESDAY, 9), paris(TUESDAY, 12))
    book(plateau, member, paris(TUESDAY, 14), paris(TUESDAY, 17))
    book(plateau, member, paris(TUESDAY, 14), paris(TUESDAY, 17))
    # Bâticom keeps the rule against its own seats, and leaves the other place's bookings out.
    with pytest.raises(Conflict):
        book(seats, member, paris(TUESDAY, 10), paris(TUESDAY, 11))
    book(seats, member, paris(TUESDAY, 14), paris(TUESDAY, 17))
    assert Booking.objects.filter(person=member).count() == 5


def test_moving_a_booking_onto_another_seat_held_is_refused_and_changes_nothing(
    seats, office, meeting_room, member
):
    book(seats, member, *MORNING)
    later = book(office, member, paris(TUESDAY, 14), paris(TUESDAY, 17))
    with pytest.raises(Conflict, match="Bâticom Pertuis"):
        booking_modify(booking=later, by=member, start=paris(TUESDAY, 11), end=paris(TUESDAY, 12, 30))
    later.refresh_from_db()
    assert (later.start, later.end) == (paris(TUESDAY, 14), paris(TUESDAY, 17))
    # Resizing a booking over its own times is not a clash with itself.
    booking_modify(booking=later, by=member, start=paris(TUESDAY, 13, 30), end=paris(TUESDAY, 17))


def test_api_and_page_refuse_a_second_seat_in_french(client, seats, plateau, member):
    book(seats, member, *MORNING)
    client.force_login(member)
    response = client.post(
        "/api/v1/bookings",
        {"resource_id": plateau.pk, "start": "2027-03-16T10:00:00+01:00", "end": "2027-03-16T12:00:00+01:00"},
        content_type=JSON,
    )
    assert response.status_code == 409
    body = response.json()
    assert "Vous avez déjà une réservation à Bâticom Pertuis" in body["detail"]
    assert body["errors"]["start"] == ["Déjà un poste réservé sur ce créneau."]
    page = client.post(
        reverse("bookings:confirm", args=[plateau.pk]),
        {"date": "2027-03-16", "slot": "hours", "start_time": "10:00", "end_time": "12:00"},
    )
    assert page.status_code == 200
    assert "Déjà un poste réservé sur ce créneau." in page.content.decode()
    assert Booking.objects.filter(person=member).count() == 1


# Open bookings per place.


def test_open_bookings_per_place_are_limited_but_hosts_may_go_beyond(place, seats, member, host, frozen):
    BookingPolicy.objects.create(place=place, max_open_bookings=2)
    tuesday = book(seats, member, *MORNING)
    book(seats, member, paris(TUESDAY + dt.timedelta(days=1), 9), paris(TUESDAY + dt.timedelta(days=1), 12))
    thursday = (paris(TUESDAY + dt.timedelta(days=2), 9), paris(TUESDAY + dt.timedelta(days=2), 12))
    with pytest.raises(DomainError) as refused:
        book(seats, member, *thursday)
    assert refused.value.message.startswith("Vous avez déjà 2 réservations à venir à Bâticom Pertuis")
    assert refused.value.status_code == 400
    # The host of the place may book one more for her.
    assert book(seats, member, *thursday, booked_by=host).booked_by == host
    BookingPolicy.objects.filter(place=place).update(max_open_bookings=3)
    friday = TUESDAY + dt.timedelta(days=3)
    with pytest.raises(DomainError, match="3 réservations"):
        book(seats, member, paris(friday, 9), paris(friday, 12))
    # A booking over no longer counts; nor does a cancelled one.
    frozen.move_to(paris(TUESDAY, 13))
    book(seats, member, paris(friday, 9), paris(friday, 12))
    assert tuesday.end < paris(TUESDAY, 13)


def test_open_bookings_limit_in_the_api_and_the_page(client, place, seats, member):
    BookingPolicy.objects.create(place=place, max_open_bookings=1)
    book(seats, member, *MORNING)
    client.force_login(member)
    response = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-17", "slot": "morning"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "le maximum de ce lieu" in response.json()["detail"]
    page = client.post(
        reverse("bookings:confirm", args=[seats.pk]), {"date": "2027-03-17", "slot": "morning"}
    )
    assert "Trop de réservations à venir dans ce lieu." in page.content.decode()
    assert Booking.objects.filter(person=member).count() == 1


# Series.


def test_a_series_longer_than_the_cap_is_refused_before_anything_is_written(client, seats, member):
    client.force_login(member)
    response = client.post(
        "/api/v1/bookings/series",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning", "rule": "FREQ=DAILY;COUNT=200"},
        content_type=JSON,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith(
        f"Une série compte au plus {MAX_SERIES_DATES} dates : rien n'a été réservé."
    )
    assert body["errors"]["rule"] == [f"Au plus {MAX_SERIES_DATES} dates par série."]
    assert (Booking.objects.count(), BookingSeries.objects.count()) == (0, 0)
    # Weekly, for ever: the same.
    with pytest.raises(DomainError, match="au plus 26 dates"):
        booking_series_create(
            resource=seats, person=member, first_start=MORNING[0], first_end=MORNING[1], rule="FREQ=WEEKLY"
        )
    # Exactly the cap is accepted (dates past the place's 90 days are reported, not booked).
    result = booking_series_create(
        resource=seats,
        person=member,
        first_start=MORNING[0],
        first_end=MORNING[1],
        rule="FREQ=WEEKLY;COUNT=26",
    )
    assert len(result.created) + len(result.conflicts) == 26
    assert len(result.created) == 13


def test_the_page_refuses_a_weekly_series_of_more_than_half_a_year(client, seats, member):
    client.force_login(member)
    page = client.post(
        reverse("bookings:confirm", args=[seats.pk]),
        {"date": "2027-03-16", "slot": "morning", "weekly_until": "2028-03-16"},
    )
    assert page.status_code == 200
    assert "Une série compte au plus 26 dates" in page.content.decode()
    assert Booking.objects.count() == 0


def test_a_stay_of_a_month_is_not_a_series_to_cap(seats, member):
    result = booking_days_create(
        resource=seats, person=member, first_day=TUESDAY, last_day=TUESDAY + dt.timedelta(days=30)
    )
    assert len(result.created) == 22  # working days only


def test_a_series_stops_at_the_open_bookings_limit(place, seats, member):
    BookingPolicy.objects.create(place=place, max_open_bookings=3)
    result = booking_series_create(
        resource=seats,
        person=member,
        first_start=MORNING[0],
        first_end=MORNING[1],
        rule="FREQ=WEEKLY;COUNT=5",
    )
    assert len(result.created) == 3
    assert [d for d, _why in result.conflicts] == [dt.date(2027, 4, 6), dt.date(2027, 4, 13)]
    with pytest.raises(Conflict, match="rien n'a été réservé"):
        booking_series_create(
            resource=seats,
            person=member,
            first_start=paris(TUESDAY, 14),
            first_end=paris(TUESDAY, 17),
            rule="FREQ=WEEKLY;COUNT=2",
            all_or_nothing=True,
        )


# Hosts book for the people tied to their place.


@pytest.fixture
def sister_place(network, pertuis):
    """Another place of the same network as ``place``."""
    sister = Place.objects.create(
        name="La Locomotive",
        slug="la-locomotive",
        commune=pertuis,
        latitude=43.7,
        longitude=5.5,
        opening_hours="Mo-Fr 09:00-17:00",
    )
    sister.networks.add(network)
    return sister


def test_a_host_books_for_people_tied_to_the_place_not_for_a_stranger(
    seats, other_place, plateau, sister_place, member, outsider, host, coordinator
):
    with pytest.raises(PermissionDenied) as refused:
        book(seats, outsider, *MORNING, booked_by=host)
    assert refused.value.message.startswith("Ivan n'a aucun lien avec Bâticom Pertuis")
    assert "enregistrez sa venue sur place" in refused.value.message
    # Booking at another place, of another network, ties nobody to Bâticom.
    book(plateau, outsider, paris(TUESDAY, 14), paris(TUESDAY, 17))
    with pytest.raises(PermissionDenied):
        book(seats, outsider, *MORNING, booked_by=host)
    # Someone who booked at another place of the network belongs to the network: fine.
    visitor = User.objects.create_user("visiteur@example.org", None, first_name="Vera")
    sister_seat = Resource.objects.create(place=sister_place, kind=ResourceKind.SEAT, name="Quai", capacity=3)
    old = book(sister_seat, visitor, paris(TUESDAY, 14), paris(TUESDAY, 17))
    book(seats, visitor, *MORNING, booked_by=host)
    # Someone who booked at the place before, even a booking now over: fine.
    book(seats, member, paris(TUESDAY, 14), paris(TUESDAY, 17))
    assert book(seats, member, *MORNING, booked_by=host).booked_by == host
    # The network's coordinator is tied too; a withdrawn booking ties nobody.
    book(seats, coordinator, paris(TUESDAY, 14), paris(TUESDAY, 17), booked_by=host)
    old.status = BookingStatus.CANCELLED
    old.save()
    Booking.objects.filter(person=visitor, resource=seats).update(status=BookingStatus.CANCELLED)
    with pytest.raises(PermissionDenied):
        book(seats, visitor, paris(TUESDAY, 14), paris(TUESDAY, 17), booked_by=host)


def test_a_host_records_a_stranger_who_came_as_a_walk_in(seats, outsider, host, frozen):
    frozen.move_to(paris(TUESDAY, 9))
    walk_in = booking_walk_in(resource=seats, person=outsider, host=host, slot="morning")
    assert (walk_in.person, walk_in.is_walk_in) == (outsider, True)


def test_api_and_page_refuse_a_host_booking_a_stranger(client, seats, outsider, host):
    client.force_login(host)
    response = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning", "person_id": outsider.pk},
        content_type=JSON,
    )
    assert response.status_code == 403
    body = response.json()
    assert "n'a aucun lien avec Bâticom Pertuis" in body["detail"]
    assert "person" in body["errors"]
    page = client.post(
        reverse("bookings:confirm", args=[seats.pk]),
        {"date": "2027-03-16", "slot": "morning", "person": outsider.pk},
    )
    assert page.status_code == 403
    assert "n&#x27;a aucun lien avec Bâticom Pertuis" in page.content.decode()
    assert Booking.objects.count() == 0


def test_the_booking_page_states_the_fair_use_rules_in_french_and_english(client, place, seats, member):
    BookingPolicy.objects.create(place=place, max_open_bookings=12)
    client.force_login(member)
    url = reverse("bookings:confirm", args=[seats.pk])
    html = client.get(url, {"date": "2027-03-16"}).content.decode()
    assert "Un poste de coworking ou un bureau à la fois par personne, dans tout le réseau." in html
    assert "Au plus 12 réservations à venir par personne dans ce lieu." in html
    english = client.get(url, {"date": "2027-03-16"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "At most 12 upcoming bookings per person at this place. A series has at most 26 dates." in english
