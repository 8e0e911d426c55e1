"""Booking rules, worked on a frozen Monday 15 March 2027 at 07:00 in Pertuis.

The place opens Mo-Fr 08:30-12:30, 13:30-18:00 (PH off); half-days default to those times.
"""

import datetime as dt

import pytest

from coopconnect.accounts.models import User
from coopconnect.bookings.models import AccessGrant, Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.services.approval import booking_approve, booking_reject
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create, booking_walk_in
from coopconnect.bookings.services.series import booking_days_create, booking_series_create
from coopconnect.bookings.slots import slot_bounds
from coopconnect.bookings.tests.conftest import NOW, TUESDAY, paris
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.places.models import Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def book(resource, person, start=MORNING[0], end=MORNING[1], **kw):
    return booking_create(resource=resource, person=person, start=start, end=end, **kw)


def people(n):
    return [User.objects.create_user(f"p{i}@example.org", None) for i in range(n)]


def test_slots_follow_the_place_policy(place):
    assert slot_bounds(place, TUESDAY, "morning") == MORNING
    assert slot_bounds(place, TUESDAY, "afternoon") == (paris(TUESDAY, 13, 30), paris(TUESDAY, 18))
    BookingPolicy.objects.create(place=place, morning_start=dt.time(9), morning_end=dt.time(12))
    assert slot_bounds(place, TUESDAY, "day") == (paris(TUESDAY, 9), paris(TUESDAY, 18))
    with pytest.raises(DomainError, match="Créneau inconnu"):
        slot_bounds(place, TUESDAY, "night")


def test_a_pool_takes_the_lowest_free_seat_and_refuses_the_seventh(seats):
    # 6 seats: 6 people get seats 1..6, the 7th is refused and nothing is written for them.
    got = [book(seats, p).seat_number for p in people(6)]
    assert got == [1, 2, 3, 4, 5, 6]
    with pytest.raises(Conflict, match="Complet"):
        book(seats, User.objects.create_user("late@example.org", None))
    assert Booking.objects.count() == 6


def test_a_cancelled_seat_is_free_again_and_afternoon_does_not_clash_with_morning(seats, member):
    first = book(seats, member)
    booking_cancel(booking=first, by=member)
    assert book(seats, member).seat_number == 1
    afternoon = book(seats, member, paris(TUESDAY, 13, 30), paris(TUESDAY, 18))
    assert afternoon.seat_number == 1  # [8:30,12:30) and [13:30,18:00) do not overlap


def test_a_room_is_never_double_booked(meeting_room, member, second_member):
    book(meeting_room, member, paris(TUESDAY, 9), paris(TUESDAY, 11), layout="reunion", attendees=10)
    with pytest.raises(Conflict):
        book(meeting_room, second_member, paris(TUESDAY, 10, 30), paris(TUESDAY, 12), attendees=2)
    book(meeting_room, second_member, paris(TUESDAY, 11), paris(TUESDAY, 12), attendees=2)


def test_layout_capacity(meeting_room, member):
    with pytest.raises(DomainError, match="dépassent la capacité de 12"):
        book(meeting_room, member, layout="coworking", attendees=13)
    with pytest.raises(DomainError, match="Disposition inconnue"):
        book(meeting_room, member, layout="theatre", attendees=3)
    assert book(meeting_room, member, layout="conference", attendees=50).attendees == 50


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (paris(dt.date(2027, 3, 14), 9), paris(dt.date(2027, 3, 14), 10), "dans le passé"),
        (MORNING[1], MORNING[0], "La fin doit être après le début"),
        (dt.datetime(2027, 3, 16, 9), dt.datetime(2027, 3, 16, 10), "fuseau horaire"),
        (paris(TUESDAY, 7), paris(TUESDAY, 9), "En dehors des horaires"),
        (paris(TUESDAY, 12), paris(TUESDAY, 13), "En dehors des horaires"),
        (paris(dt.date(2027, 3, 20), 9), paris(dt.date(2027, 3, 20), 12), "Le lieu est fermé le 20/03/2027"),
        # Easter Monday and Ascension Thursday 2027 are public holidays (PH off).
        (paris(dt.date(2027, 3, 29), 9), paris(dt.date(2027, 3, 29), 12), "Le lieu est fermé le 29/03/2027"),
        (paris(dt.date(2027, 5, 6), 9), paris(dt.date(2027, 5, 6), 12), "Le lieu est fermé le 06/05/2027"),
        (paris(TUESDAY, 9), paris(TUESDAY, 9, 10), "Durée minimale : 30 minutes"),
        (paris(TUESDAY, 9), paris(dt.date(2027, 3, 17), 12), "Durée maximale"),
        (paris(dt.date(2027, 9, 14), 9), paris(dt.date(2027, 9, 14), 12), "90 jours à l'avance"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(seats, member, start, end, message):
    with pytest.raises(DomainError, match=message):
        book(seats, member, start, end)
    assert Booking.objects.count() == 0


def test_a_24_7_member_books_outside_opening_hours(place, seats, member):
    # Murat: "les abonnés permanents ont un badge ... 24h/24".
    saturday = dt.date(2027, 3, 20)
    AccessGrant.objects.create(place=place, person=member, valid_from=dt.date(2027, 1, 1))
    assert book(seats, member, paris(saturday, 7), paris(saturday, 22)).pk
    expired = User.objects.create_user("old@example.org", None)
    AccessGrant.objects.create(
        place=place, person=expired, valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2026, 12, 31)
    )
    with pytest.raises(DomainError, match="fermé"):
        book(seats, expired, paris(saturday, 9), paris(saturday, 12))


def test_idempotency_key_books_once(seats, member):
    first = book(seats, member, idempotency_key="abc-123")
    again = book(seats, member, idempotency_key="abc-123")
    assert again.pk == first.pk
    assert Booking.objects.count() == 1


def test_host_approval_for_meeting_rooms(place, meeting_room, seats, member, host, other_host):
    BookingPolicy.objects.create(place=place, approval_kinds=[ResourceKind.MEETING_ROOM])
    request = book(meeting_room, member, attendees=4)
    assert request.status == BookingStatus.PENDING
    assert book(seats, member).status == BookingStatus.CONFIRMED
    with pytest.raises(PermissionDenied):
        booking_approve(booking=request, by=other_host)
    assert booking_approve(booking=request, by=host).status == BookingStatus.CONFIRMED
    with pytest.raises(DomainError, match="déjà été traitée"):
        booking_reject(booking=request, by=host)
    # A pending request holds the room: nobody else can take it meanwhile.
    other = book(meeting_room, member, paris(TUESDAY, 14), paris(TUESDAY, 15))
    with pytest.raises(Conflict):
        book(
            meeting_room,
            User.objects.create_user("x@example.org", None),
            paris(TUESDAY, 14),
            paris(TUESDAY, 15),
        )
    booking_reject(booking=other, by=host)
    other.refresh_from_db()
    assert other.status == BookingStatus.REJECTED


def test_cancellation_deadline(place, seats, member, host, frozen):
    BookingPolicy.objects.create(place=place, cancellation_deadline_hours=24)
    # Booked at 07:00 on Monday for Tuesday 08:30: the deadline is Monday 08:30.
    booking = book(seats, member)
    frozen.move_to(NOW + dt.timedelta(hours=2))  # Monday 09:00: too late for the member
    with pytest.raises(DomainError, match="jusqu'à 24 h avant le début"):
        booking_cancel(booking=booking, by=member)
    assert booking_cancel(booking=booking, by=host).status == BookingStatus.CANCELLED
    with pytest.raises(DomainError, match="plus active"):
        booking_cancel(booking=booking, by=host)


def test_only_allowed_people_cancel(seats, member, outsider, other_host, host):
    booking = book(seats, member)
    for intruder in (outsider, other_host):
        with pytest.raises(PermissionDenied):
            booking_cancel(booking=booking, by=intruder)
    assert booking_cancel(booking=booking, by=member).status == BookingStatus.CANCELLED


def test_modify_rechecks_capacity_without_counting_itself(seats, member):
    others = people(5)
    for p in others:
        book(seats, p, paris(TUESDAY, 13, 30), paris(TUESDAY, 18))
    mine = book(seats, member, paris(TUESDAY, 8, 30), paris(TUESDAY, 18))  # 6th seat all day
    # Shrinking to the morning must not collide with itself.
    mine = booking_modify(booking=mine, by=member, start=MORNING[0], end=MORNING[1])
    assert (mine.start, mine.end) == MORNING
    late = book(
        seats, User.objects.create_user("late@example.org", None), paris(TUESDAY, 13, 30), paris(TUESDAY, 18)
    )
    with pytest.raises(Conflict, match="n'a pas été modifiée"):
        booking_modify(booking=mine, by=member, start=paris(TUESDAY, 14), end=paris(TUESDAY, 16))
    mine.refresh_from_db()
    assert (mine.start, mine.end) == MORNING
    assert late.seat_number == 6


def test_employer_admin_books_for_an_employee_not_for_others(seats, member, employer, outsider):
    admin = employer.admin
    booking = book(seats, member, booked_by=admin)
    assert (booking.person, booking.booked_by, booking.employer) == (member, admin, employer)
    with pytest.raises(PermissionDenied):
        book(seats, outsider, booked_by=admin)
    with pytest.raises(PermissionDenied):
        book(seats, admin, booked_by=outsider)
    assert booking_cancel(booking=booking, by=admin).status == BookingStatus.CANCELLED


def test_host_records_a_walk_in(seats, member, host, other_host, frozen):
    frozen.move_to(paris(TUESDAY, 10, 5))
    booking = booking_walk_in(resource=seats, person=member, host=host, slot="morning")
    assert booking.status == BookingStatus.CHECKED_IN and booking.is_walk_in
    assert (booking.start, booking.end) == (paris(TUESDAY, 10, 5), MORNING[1])
    with pytest.raises(PermissionDenied):
        booking_walk_in(resource=seats, person=member, host=other_host, slot="afternoon")


def test_every_tuesday_until_june_reports_the_clashes(seats, member):
    # Tuesdays 16/03 .. 29/06/2027 = 16 dates. Seats full on 23/03, and 15/06, 22/06, 29/06 are
    # beyond the 90 days ahead (15/03 + 90 days = 13/06): 16 - 4 = 12 booked, 4 reported.
    full_day = dt.date(2027, 3, 23)
    for p in people(6):
        book(seats, p, paris(full_day, 8, 30), paris(full_day, 12, 30))
    result = booking_series_create(
        resource=seats,
        person=member,
        first_start=MORNING[0],
        first_end=MORNING[1],
        rule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630",
    )
    assert len(result.created) == 12
    assert [d for d, _m in result.conflicts] == [full_day] + [dt.date(2027, 6, d) for d in (15, 22, 29)]
    assert "Complet" in result.conflicts[0][1]
    assert "90 jours" in result.conflicts[1][1]
    # The times stay 08:30 local after the switch to summer time (28/03/2027).
    assert result.created[-1].start == paris(dt.date(2027, 6, 8), 8, 30)


def test_all_or_nothing_series_writes_nothing_on_a_clash(seats, member):
    full_day = dt.date(2027, 3, 23)
    for p in people(6):
        book(seats, p, paris(full_day, 8, 30), paris(full_day, 12, 30))
    before = Booking.objects.count()
    with pytest.raises(Conflict, match="1 date\\(s\\) en conflit") as exc:
        booking_series_create(
            resource=seats,
            person=member,
            first_start=MORNING[0],
            first_end=MORNING[1],
            rule="FREQ=WEEKLY;COUNT=4",
            all_or_nothing=True,
        )
    assert exc.value.errors["dates"][0].startswith("23/03/2027")
    assert Booking.objects.count() == before


def test_a_week_is_one_booking_per_open_day(seats, member):
    # Monday 22 to Sunday 28 March: Saturday and Sunday are closed -> 5 bookings.
    result = booking_days_create(
        resource=seats, person=member, first_day=dt.date(2027, 3, 22), last_day=dt.date(2027, 3, 28)
    )
    assert [b.start.date() for b in result.created] == [dt.date(2027, 3, d) for d in range(22, 27)]
    assert result.skipped_closed == [dt.date(2027, 3, 27), dt.date(2027, 3, 28)]
    assert all(b.series_id == result.series.pk for b in result.created)


def test_bad_recurrence_rule(seats, member):
    with pytest.raises(DomainError, match="Règle de récurrence invalide"):
        booking_series_create(
            resource=seats, person=member, first_start=MORNING[0], first_end=MORNING[1], rule="EVERY TUESDAY"
        )


def test_inactive_resource(seats, member):
    Resource.objects.filter(pk=seats.pk).update(is_active=False)
    seats.refresh_from_db()
    with pytest.raises(DomainError, match="plus réservable"):
        book(seats, member)
