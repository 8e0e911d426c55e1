"""Move a room booking by exact hours from the booking page (no JavaScript), every rule checked again.

Monday 15 March 2027, 07:00. ``place`` opens Mo-Fr 08:30-12:30, 13:30-18:00; ``meeting_room`` is a
room booked by hours. Tuesday 16 March the member holds the room 14:00-16:00; a refusal answers 400
with the French reason on the page and leaves the booking exactly as before.
"""

import pytest
from django.urls import reverse

from coopconnect.bookings.models import Booking
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris

pytestmark = pytest.mark.usefixtures("frozen")
OUTSIDE = "En dehors des horaires d&#x27;ouverture du lieu ce jour-là (08:30-12:30, 13:30-18:00)."


@pytest.fixture
def room_booking(meeting_room, member):
    return booking_create(
        resource=meeting_room, person=member, start=paris(TUESDAY, 14), end=paris(TUESDAY, 16)
    )


def snapshot(booking):
    b = Booking.objects.get(pk=booking.pk)
    return (b.resource_id, b.seat_number, b.start, b.end, b.status, b.layout, b.attendees)


def hours(start: str, end: str, day: str = "2027-03-16") -> dict[str, str]:
    return {"date": day, "slot": "hours", "start_time": start, "end_time": end}


def test_the_page_offers_exact_hours_prefilled_with_the_booking(client, room_booking, member):
    client.force_login(member)
    page = client.get(reverse("bookings:detail", args=[room_booking.pk])).content.decode()
    # 14:00-16:00 is no half-day slot: "exact hours" is preselected with the booking's times.
    assert '<option value="hours" selected>Horaires précis</option>' in page
    assert 'name="start_time" value="14:00"' in page and 'name="end_time" value="16:00"' in page
    assert '<label for="modify-start_time">De (horaires précis)</label>' in page


def test_move_a_room_booking_by_two_hours_slots(client, room_booking, member):
    client.force_login(member)
    url = reverse("bookings:modify", args=[room_booking.pk])
    response = client.post(url, hours("15:00", "17:00"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "bookings:detail", args=[room_booking.pk]
    )
    room_booking.refresh_from_db()
    assert (room_booking.start, room_booking.end) == (paris(TUESDAY, 15), paris(TUESDAY, 17))
    page = client.get(response["Location"]).content.decode()
    assert "Réservation modifiée." in page and "15:00 – 17:00" in page


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (hours("16:00", "15:00"), "La fin doit être après le début."),
        (hours("15:00", "15:00"), "La fin doit être après le début."),
        # Opens at 08:30 and closes at 18:00 (a lunch closure inside the range is allowed).
        (hours("07:00", "09:00"), OUTSIDE),
        (hours("17:00", "19:00"), OUTSIDE),
        (hours("10:00", "12:00", day="2027-03-20"), "Le lieu est fermé le 20/03/2027."),
        (
            {"date": "2027-03-16", "slot": "hours", "start_time": "15:00"},
            "Indiquez l&#x27;heure de début et de fin.",
        ),
        (hours("25:00", "26:00"), "Saisissez une heure valide."),
    ],
)
def test_refusals_keep_the_booking_and_speak_french(client, room_booking, member, payload, message):
    client.force_login(member)
    before = snapshot(room_booking)
    response = client.post(reverse("bookings:modify", args=[room_booking.pk]), payload)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert snapshot(room_booking) == before


def test_overlapping_another_booking_of_the_room_is_refused(
    client, room_booking, meeting_room, member, second_member
):
    # Paul holds the room 16:00-18:00: moving 14:00-16:00 to 15:00-17:00 would overlap 16:00-17:00.
    booking_create(
        resource=meeting_room, person=second_member, start=paris(TUESDAY, 16), end=paris(TUESDAY, 18)
    )
    client.force_login(member)
    before = snapshot(room_booking)
    response = client.post(reverse("bookings:modify", args=[room_booking.pk]), hours("15:00", "17:00"))
    assert response.status_code == 400
    assert (
        "Complet sur le nouveau créneau : la réservation n&#x27;a pas été modifiée."
        in response.content.decode()
    )
    assert snapshot(room_booking) == before
    # The refused times stay in the form to be corrected.
    assert 'name="start_time" value="15:00"' in response.content.decode()


def test_outsider_and_other_host_cannot_move_it(client, room_booking, outsider, other_host):
    before = snapshot(room_booking)
    url = reverse("bookings:modify", args=[room_booking.pk])
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.post(url, hours("15:00", "17:00")).status_code == 404
        assert client.get(reverse("bookings:detail", args=[room_booking.pk])).status_code == 404
    assert snapshot(room_booking) == before
