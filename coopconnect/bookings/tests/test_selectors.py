"""Free slots, free seats near a commune across networks, plannings and occupancy."""

import datetime as dt

import pytest

from coopconnect.accounts.models import User
from coopconnect.bookings.models import BookingStatus
from coopconnect.bookings.selectors import availability_near, host_day, host_week, occupancy, place_day
from coopconnect.bookings.services.create import booking_create, booking_walk_in
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import Place, Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def fill(resource, n, start=MORNING[0], end=MORNING[1]):
    return [
        booking_create(
            resource=resource,
            person=User.objects.create_user(f"s{resource.pk}-{i}@example.org", None),
            start=start,
            end=end,
        )
        for i in range(n)
    ]


def test_place_day_shows_free_half_days_and_room_gaps(place, seats, meeting_room):
    fill(seats, 4)
    booking_create(
        resource=meeting_room,
        person=User.objects.create_user("r@example.org", None),
        start=paris(TUESDAY, 10),
        end=paris(TUESDAY, 11),
        attendees=3,
    )
    rows = {r.resource.pk: r for r in place_day(place, TUESDAY)}
    seat_slots = {s.slot: s.free for s in rows[seats.pk].slots}
    assert seat_slots == {"morning": 2, "afternoon": 6, "day": 2}  # 6 - 4 booked in the morning
    room = rows[meeting_room.pk]
    assert {s.slot: s.free for s in room.slots} == {"morning": 0, "afternoon": 1, "day": 0}
    # Open 08:30-12:30 and 13:30-18:00, room busy 10:00-11:00.
    assert [(a.strftime("%H:%M"), b.strftime("%H:%M")) for a, b in room.free_periods] == [
        ("08:30", "10:00"),
        ("11:00", "12:30"),
        ("13:30", "18:00"),
    ]
    saturday = place_day(place, dt.date(2027, 3, 20))
    assert not any(s.open for r in saturday for s in r.slots)


def test_availability_near_spans_every_network_nearest_first(pertuis, place, other_place, seats):
    # other_place is in no network of `place`, 1.3 km away; both count. A far place does not.
    far = Place.objects.create(
        name="Loin", slug="loin", latitude=45.5, longitude=6.5, opening_hours="Mo-Fr 08:00-18:00"
    )
    Resource.objects.create(place=far, kind=ResourceKind.SEAT, name="Open space", capacity=3)
    other_seats = Resource.objects.create(
        place=other_place, kind=ResourceKind.SEAT, name="Plateau", capacity=2
    )
    fill(other_seats, 2, paris(TUESDAY, 9), paris(TUESDAY, 12))  # other place full in the morning (09-12)
    hits = availability_near(
        origin=(pertuis.latitude, pertuis.longitude),
        within_minutes=20,
        day=TUESDAY,
        slot="morning",
        kind="seat",
    )
    assert [(h.place.slug, h.free) for h in hits] == [("baticom-pertuis", 6)]
    afternoon = availability_near(
        origin=(pertuis.latitude, pertuis.longitude),
        within_minutes=20,
        day=TUESDAY,
        slot="afternoon",
        kind="seat",
    )
    assert {h.place.slug for h in afternoon} == {"baticom-pertuis", "autre-lieu"}
    assert afternoon == sorted(
        afternoon, key=lambda h: (h.travel_minutes, -h.free, h.place.name, h.resource.name)
    )
    assert (
        availability_near(
            origin=(pertuis.latitude, pertuis.longitude),
            day=dt.date(2027, 3, 20),
            slot="morning",
            kind="seat",
        )
        == []
    )


def test_host_day_counts_arrivals_and_walk_ins(place, seats, host, member, frozen):
    fill(seats, 2)
    frozen.move_to(paris(TUESDAY, 9))
    booking_walk_in(resource=seats, person=member, host=host, slot="morning")
    plan = host_day(place, TUESDAY)
    assert (plan.expected, plan.checked_in, plan.walk_ins) == (2, 1, 1)
    week = host_week(place, dt.date(2027, 3, 15))
    assert [len(b) for _d, b in week] == [0, 3, 0, 0, 0, 0, 0]


def test_occupancy_is_booked_seat_hours_over_open_seat_hours(place, seats):
    # Tuesday: open 4 h + 4 h 30 = 8.5 h x 6 seats = 51 seat-hours; 3 mornings of 4 h = 12 -> 23.5 %.
    fill(seats, 3)
    (row,) = [
        r for r in occupancy(places=[place], first_day=TUESDAY, last_day=TUESDAY) if r.resource == seats
    ]
    assert (row.bookings, row.booked_hours, row.open_hours) == (3, 12.0, 51.0)
    assert round(row.rate, 3) == 0.235
    assert BookingStatus.CONFIRMED
