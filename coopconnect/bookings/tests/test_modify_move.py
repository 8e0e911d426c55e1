"""Modify a booking: new times and/or another resource of the same place, every rule checked again.

Monday 15 March 2027, 07:00. ``place`` opens Mo-Fr 08:30-12:30, 13:30-18:00; ``seats`` is a pool of
6, ``meeting_room`` a room (layouts coworking 12, reunion 18, conference 50). On any refusal the
booking must be exactly as before (resource, seat, times, status).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus, WaitlistStatus
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.waitlist import waitlist_join
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.places.models import Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


@pytest.fixture
def booking(seats, member):
    return booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])


def snapshot(booking):
    b = Booking.objects.get(pk=booking.pk)
    return (b.resource_id, b.seat_number, b.start, b.end, b.status, b.layout, b.attendees)


def patch(client, booking, payload):
    return client.patch(f"/api/v1/bookings/{booking.pk}", payload, content_type="application/json")


def test_move_to_the_meeting_room_frees_the_seat_for_the_waitlist(
    client, booking, seats, meeting_room, member, second_member
):
    for i in range(5):  # 5 others + member = the 6 seats taken
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"o{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
    entry = waitlist_join(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    client.force_login(member)
    moved = patch(client, booking, {"resource_id": meeting_room.pk, "layout": "reunion", "attendees": 8})
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert (body["resource_id"], body["seat_number"], body["layout"], body["attendees"]) == (
        meeting_room.pk,
        1,
        "reunion",
        8,
    )
    assert body["start"].startswith("2027-03-16T08:30:00+01:00")
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED and entry.hold.resource == seats


def test_move_and_change_times_at_once(client, booking, meeting_room, member):
    client.force_login(member)
    moved = patch(
        client, booking, {"resource_id": meeting_room.pk, "date": "2027-03-17", "slot": "afternoon"}
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["start"].startswith("2027-03-17T13:30:00+01:00")
    assert moved.json()["end"].startswith("2027-03-17T18:00:00+01:00")
    # A date alone keeps the hours: 13:30-18:00 on Thursday 18.
    same_hours = patch(client, booking, {"date": "2027-03-18"})
    assert same_hours.status_code == 200
    assert same_hours.json()["start"].startswith("2027-03-18T13:30:00+01:00")
    both = patch(client, booking, {"date": "2027-03-19", "start": "2027-03-19T09:00:00+01:00"})
    assert both.status_code == 400 and "start" in both.json()["errors"]


def test_move_into_a_full_resource_is_refused_and_changes_nothing(client, booking, meeting_room, member):
    booking_create(
        resource=meeting_room,
        person=User.objects.create_user("salle@example.org", None),
        start=paris(TUESDAY, 10),
        end=paris(TUESDAY, 11),
    )
    before = snapshot(booking)
    client.force_login(member)
    full = patch(client, booking, {"resource_id": meeting_room.pk})
    assert full.status_code == 409
    assert full.json()["detail"] == "Complet sur le nouveau créneau : la réservation n'a pas été modifiée."
    assert full.json()["errors"] == {"resource_id": ["Créneau complet."]}
    assert snapshot(booking) == before


def test_move_into_a_full_pool_is_refused_by_the_service(place, booking, member):
    # A second pool of 2 seats, both taken on Tuesday morning: the move must fail, the seat stays.
    small = Resource.objects.create(place=place, kind=ResourceKind.SEAT, name="Mezzanine", capacity=2)
    for i in range(2):
        booking_create(
            resource=small,
            person=User.objects.create_user(f"m{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
    before = snapshot(booking)
    with pytest.raises(Conflict, match="n'a pas été modifiée"):
        booking_modify(booking=booking, by=member, start=MORNING[0], end=MORNING[1], resource=small)
    assert snapshot(booking) == before
    # The afternoon of the mezzanine is free: moving there works, on seat 1.
    moved = booking_modify(
        booking=booking, by=member, start=paris(TUESDAY, 13, 30), end=paris(TUESDAY, 18), resource=small
    )
    assert (moved.resource_id, moved.seat_number) == (small.pk, 1)


@pytest.mark.parametrize(
    ("payload", "status", "field", "detail"),
    [
        ({"resource_id": 999999}, 404, "resource_id", "Ressource inconnue."),
        ({"resource_id": "other_place"}, 400, "resource_id", "Choisissez une ressource du même lieu"),
        ({"resource_id": "meeting_room", "attendees": 30, "layout": "reunion"}, 400, "attendees", "30 part"),
        ({"resource_id": "meeting_room", "layout": "banquet"}, 400, "layout", "Disposition inconnue"),
        ({"resource_id": "meeting_room", "start": "2027-03-16T06:00:00+01:00"}, 400, "start", "horaires"),
        ({"resource_id": "meeting_room", "date": "2027-03-20"}, 400, "start", "fermé le 20/03/2027"),
        ({"resource_id": "meeting_room", "date": "2027-03-01"}, 400, "start", "passé"),
        ({"resource_id": "meeting_room", "date": "2027-12-01"}, 400, "start", "90 jours"),
        ({"start": "2027-03-16T12:00:00+01:00", "end": "2027-03-16T09:00:00+01:00"}, 400, "end", "après le"),
        ({"resource_id": "inactive"}, 400, "resource_id", "plus réservable"),
        ({"slot": "soir"}, 422, "slot", ""),
    ],
)  # fmt: skip
def test_bad_moves_write_nothing(
    client, booking, member, meeting_room, other_place, place, payload, status, field, detail
):
    others = {
        "meeting_room": meeting_room.pk,
        "other_place": Resource.objects.create(place=other_place, kind="seat", name="Plateau", capacity=4).pk,
        "inactive": Resource.objects.create(place=place, kind="office", name="Bureau 2", is_active=False).pk,
    }
    if isinstance(payload.get("resource_id"), str):
        payload = {**payload, "resource_id": others[payload["resource_id"]]}
    before = snapshot(booking)
    client.force_login(member)
    response = patch(client, booking, payload)
    assert response.status_code == status, response.content
    assert field in response.json()["errors"], response.json()
    assert detail in response.json()["detail"]
    assert snapshot(booking) == before


def test_a_room_for_twelve_does_not_fit_in_a_seat(meeting_room, seats, member):
    room = booking_create(
        resource=meeting_room,
        person=member,
        start=MORNING[0],
        end=MORNING[1],
        layout="coworking",
        attendees=12,
    )
    before = snapshot(room)
    with pytest.raises(DomainError, match="une réservation par personne") as exc:
        booking_modify(booking=room, by=member, start=MORNING[0], end=MORNING[1], resource=seats)
    assert "attendees" in exc.value.errors
    assert snapshot(room) == before
    solo = booking_modify(
        booking=room, by=member, start=MORNING[0], end=MORNING[1], resource=seats, attendees=1
    )
    # The room's layout does not exist in the pool: it is dropped.
    assert (solo.resource_id, solo.layout, solo.attendees) == (seats.pk, "", 1)


def test_deadline_and_approval_apply_as_to_a_new_booking(
    client, place, booking, meeting_room, member, host, frozen
):
    BookingPolicy.objects.create(place=place, approval_kinds=["meeting_room"])
    client.force_login(member)
    to_room = patch(client, booking, {"resource_id": meeting_room.pk})
    # A room rented under approval: moving into it makes the booking a request again.
    assert (to_room.status_code, to_room.json()["status"]) == (200, BookingStatus.PENDING)
    back = patch(client, booking, {"resource_id": booking.resource_id})
    assert (back.status_code, back.json()["status"]) == (200, BookingStatus.CONFIRMED)
    client.force_login(host)
    by_host = patch(client, booking, {"resource_id": meeting_room.pk})
    assert (by_host.status_code, by_host.json()["status"]) == (200, BookingStatus.CONFIRMED)

    frozen.move_to(paris(TUESDAY, 6, 45))  # 08:30 - 2 h = 06:30: too late for the member
    client.force_login(member)
    before = snapshot(booking)
    late = patch(client, booking, {"resource_id": booking.resource_id, "slot": "afternoon"})
    assert late.status_code == 400 and "Modification possible jusqu'à 2 h" in late.json()["detail"]
    assert snapshot(booking) == before


def test_who_may_move(client, booking, meeting_room, member, outsider, other_host, employer, coordinator):
    before = snapshot(booking)
    assert patch(client, booking, {"resource_id": meeting_room.pk}).status_code == 401
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert patch(client, booking, {"resource_id": meeting_room.pk}).status_code == 404
    client.force_login(coordinator)  # sees the network's bookings, does not change them
    assert patch(client, booking, {"resource_id": meeting_room.pk}).status_code == 403
    assert snapshot(booking) == before
    client.force_login(employer.admin)
    assert patch(client, booking, {"resource_id": meeting_room.pk}).json()["resource_id"] == meeting_room.pk


def test_modify_page_offers_the_resources_of_the_place(
    client, booking, seats, meeting_room, member, outsider, other_host, other_place
):
    client.force_login(member)
    page = client.get(reverse("bookings:detail", args=[booking.pk])).content.decode()
    assert 'name="resource"' in page and f'<option value="{meeting_room.pk}">Salle du conseil' in page
    url = reverse("bookings:modify", args=[booking.pk])
    elsewhere = Resource.objects.create(place=other_place, kind="seat", name="Plateau", capacity=4)
    before = snapshot(booking)
    refused = client.post(
        url, {"date": "2027-03-16", "slot": "morning", "resource": elsewhere.pk}, follow=True
    )
    assert "Choisissez une ressource de ce lieu." in refused.content.decode()
    garbage = client.post(
        url, {"date": "2027-03-16", "slot": "morning", "resource": "x' or 1=1"}, follow=True
    )
    assert garbage.status_code == 400 and "Choisissez une ressource de ce lieu." in garbage.content.decode()
    assert snapshot(booking) == before
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        response = client.post(url, {"date": "2027-03-17", "slot": "afternoon", "resource": meeting_room.pk})
        assert response.status_code == 404
    assert snapshot(booking) == before
    client.force_login(member)
    done = client.post(
        url, {"date": "2027-03-17", "slot": "afternoon", "resource": meeting_room.pk}, follow=True
    )
    assert "Réservation modifiée." in done.content.decode()
    booking.refresh_from_db()
    assert (booking.resource, booking.start) == (meeting_room, paris(TUESDAY.replace(day=17), 13, 30))
    page = client.get(reverse("bookings:detail", args=[booking.pk])).content.decode()
    assert '<option value="afternoon" selected>' in page


def test_english_pages_put_the_colon_right_after_the_label(client, seats, member):
    # French writes "Réserver : Open space", English "Book: Open space" (no space before the colon).
    client.force_login(member)
    url = reverse("bookings:confirm", args=[seats.pk])
    assert "<h1>Réserver : Open space</h1>" in client.get(url).content.decode()
    # The middleware leaves the request's language active in this thread: restore French afterwards.
    with translation.override("fr"):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Book: Open space</h1>" in english
