"""A place without published hours is found and booked "sur rendez-vous": each booking is a request."""

import pytest

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.selectors import availability_near
from coopconnect.bookings.services.approval import booking_approve
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def no_hours(other_place) -> Resource:
    other_place.opening_hours = ""
    other_place.save()
    return Resource.objects.create(place=other_place, kind=ResourceKind.SEAT, name="Grande table", capacity=4)


def find(pertuis, day=TUESDAY):
    return availability_near(
        origin=(pertuis.latitude, pertuis.longitude), within_minutes=20, day=day, slot="morning", kind="seat"
    )


def test_found_in_the_search_and_flagged(pertuis, seats, no_hours):
    hits = {h.place.slug: h for h in find(pertuis)}
    assert set(hits) == {"baticom-pertuis", "autre-lieu"}
    assert hits["autre-lieu"].by_appointment is True
    assert hits["baticom-pertuis"].by_appointment is False


def test_a_place_with_hours_closed_that_day_is_still_left_out(pertuis, seats, no_hours):
    saturday = TUESDAY.replace(day=TUESDAY.day + 4)
    assert [h.place.slug for h in find(pertuis, saturday)] == ["autre-lieu"]


def test_booking_waits_for_the_host_then_confirmed(no_hours, member, other_host, seats):
    booking = booking_create(
        resource=no_hours, person=member, start=paris(TUESDAY, 9), end=paris(TUESDAY, 12)
    )
    assert booking.status == BookingStatus.PENDING
    assert booking_approve(booking=booking, by=other_host).status == BookingStatus.CONFIRMED
    # The same person at a place with hours is confirmed at once.
    other = booking_create(resource=seats, person=member, start=paris(TUESDAY, 14), end=paris(TUESDAY, 17))
    assert other.status == BookingStatus.CONFIRMED


def test_the_host_booking_for_someone_is_confirmed(no_hours, member, other_host):
    first = booking_create(resource=no_hours, person=member, start=paris(TUESDAY, 9), end=paris(TUESDAY, 12))
    booking_approve(booking=first, by=other_host)  # now tied to the place: its host may book for them
    booking = booking_create(
        resource=no_hours,
        person=member,
        booked_by=other_host,
        start=paris(TUESDAY, 14),
        end=paris(TUESDAY, 17),
    )
    assert booking.status == BookingStatus.CONFIRMED


def test_pages_and_api_say_so(client, member, pertuis, no_hours):
    page = client.get(f"/lieux/{no_hours.place.slug}/").content.decode()
    assert "Sur rendez-vous" in page
    client.force_login(member)
    results = client.get(
        "/reservations/",
        {
            "near": pertuis.name,
            "date": TUESDAY.isoformat(),
            "slot": "morning",
            "kind": "seat",
            "within_minutes": 20,
        },
    ).content.decode()
    assert "Sur rendez-vous" in results and "Demander" in results
    confirm = client.get(
        f"/reservations/reserver/{no_hours.pk}/", {"date": TUESDAY.isoformat()}
    ).content.decode()
    assert "Envoyer la demande" in confirm
    api = client.get("/api/v1/availability", {"near": pertuis.insee, "date": TUESDAY.isoformat()}).json()
    flags = {r["place"]["slug"]: r["by_appointment"] for r in api["results"]}
    assert flags == {"autre-lieu": True}
    posted = client.post(
        f"/reservations/reserver/{no_hours.pk}/", {"date": TUESDAY.isoformat(), "slot": "morning"}
    )
    assert posted.status_code == 302
    assert Booking.objects.get().status == BookingStatus.PENDING
