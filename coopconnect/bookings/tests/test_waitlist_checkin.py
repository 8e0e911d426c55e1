"""Waitlist holds, check-in windows, no-show release and door access, on Tuesday 16 March 2027."""

import datetime as dt

import pytest

from coopconnect.accounts.models import User
from coopconnect.bookings.models import (
    AccessCheck,
    AccessGrant,
    BookingPolicy,
    BookingStatus,
    HoldStatus,
    WaitlistStatus,
)
from coopconnect.bookings.services.access import access_verify
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.checkin import booking_check_in, release_no_shows
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.waitlist import hold_accept, hold_decline, holds_expire, waitlist_join
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.core.errors import Conflict, DomainError, NotFound, PermissionDenied

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def fill(resource, n, prefix="f"):
    return [
        booking_create(
            resource=resource,
            person=User.objects.create_user(f"{prefix}{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
        for i in range(n)
    ]


def test_a_freed_seat_is_held_for_the_first_in_line_then_the_next(seats, member, second_member, frozen):
    taken = fill(seats, 6)
    with pytest.raises(DomainError, match="Il reste de la place"):
        waitlist_join(resource=seats, person=member, start=paris(TUESDAY, 13, 30), end=paris(TUESDAY, 18))
    first = waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    second = waitlist_join(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    with pytest.raises(Conflict, match="Vous êtes déjà sur la liste d'attente de ce créneau."):
        waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])

    booking_cancel(booking=taken[0], by=taken[0].person)
    first.refresh_from_db()
    hold = first.hold
    assert first.status == WaitlistStatus.OFFERED and hold.status == HoldStatus.ACTIVE
    # Policy default: a hold lasts 120 minutes -> Monday 07:00 + 2 h = Monday 09:00.
    assert hold.expires_at == paris(TUESDAY - dt.timedelta(days=1), 9)
    # The held seat is kept: a newcomer cannot take it.
    with pytest.raises(Conflict):
        booking_create(
            resource=seats,
            person=User.objects.create_user("new@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
    with pytest.raises(PermissionDenied):
        hold_accept(hold=hold, person=second_member)
    with pytest.raises(Conflict, match="Une place vous est déjà proposée sur ce créneau : acceptez-la."):
        waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])

    frozen.move_to(paris(TUESDAY - dt.timedelta(days=1), 9, 1))
    with pytest.raises(DomainError, match="Cette proposition a expiré le 15/03/2027 à 09:00"):
        hold_accept(hold=hold, person=member)
    assert holds_expire() == 1
    second.refresh_from_db()
    assert second.status == WaitlistStatus.OFFERED
    hold2 = second.hold
    booking = hold_accept(hold=hold2, person=second_member)
    assert booking.status == BookingStatus.CONFIRMED and booking.seat_number == 1


def test_declining_passes_the_seat_on(seats, member, second_member):
    taken = fill(seats, 6)
    first = waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    second = waitlist_join(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    booking_cancel(booking=taken[3], by=taken[3].person)
    first.refresh_from_db()
    hold_decline(hold=first.hold, person=member)
    second.refresh_from_db()
    assert second.status == WaitlistStatus.OFFERED
    assert hold_accept(hold=second.hold, person=second_member).seat_number == 4


def test_check_in_window_and_permissions(seats, member, host, other_host, frozen):
    booking = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    # Grace 15 min: check-in opens at 08:15.
    frozen.move_to(paris(TUESDAY, 8, 10))
    with pytest.raises(DomainError, match="Trop tôt : l'arrivée s'enregistre à partir du 16/03/2027 08:15"):
        booking_check_in(code=booking.short_code, by=member)
    frozen.move_to(paris(TUESDAY, 8, 20))
    with pytest.raises(PermissionDenied):
        booking_check_in(code=booking.short_code, by=other_host)
    with pytest.raises(NotFound):
        booking_check_in(code="NOPE2345", by=host)
    done = booking_check_in(
        code=booking.short_code.lower()[:4] + "-" + booking.short_code.lower()[4:], by=host
    )
    assert done.status == BookingStatus.CHECKED_IN
    assert booking_check_in(code=booking.short_code, by=member).checked_in_at == paris(TUESDAY, 8, 20)


def test_no_shows_are_released_after_the_place_delay(place, seats, member, second_member, frozen):
    BookingPolicy.objects.create(place=place, no_show_release_minutes=45)
    absent = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    present = booking_create(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    frozen.move_to(paris(TUESDAY, 9, 0))
    booking_check_in(code=present.short_code, by=second_member)
    assert release_no_shows() == 0  # 08:30 + 45 min = 09:15: not yet
    frozen.move_to(paris(TUESDAY, 9, 15))
    assert release_no_shows() == 1
    absent.refresh_from_db()
    present.refresh_from_db()
    assert (absent.status, present.status) == (BookingStatus.NO_SHOW, BookingStatus.CHECKED_IN)


def test_door_access_by_booking_and_by_24_7_grant(place, other_place, seats, member, second_member, frozen):
    booking = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    grant = AccessGrant.objects.create(place=place, person=second_member, valid_from=dt.date(2027, 1, 1))

    def check(where, code, when):
        frozen.move_to(when)
        c = access_verify(place=where, code=code, token_label="porte")
        return c.allowed, c.reason

    assert check(place, booking.short_code, paris(TUESDAY, 8, 10)) == (False, "too_early")  # 08:30 - 15 min
    assert check(other_place, booking.short_code, paris(TUESDAY, 9)) == (False, "other_place")
    assert check(place, booking.short_code, paris(TUESDAY, 8, 20)) == (True, "booking")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    assert check(place, booking.short_code, paris(TUESDAY, 12, 45)) == (True, "booking")  # 12:30 + 15
    assert check(place, booking.short_code, paris(TUESDAY, 12, 46)) == (False, "too_late")
    assert check(place, grant.code, paris(dt.date(2027, 3, 20), 23, 30)) == (True, "access_24_7")
    assert check(other_place, grant.code, paris(TUESDAY, 10)) == (False, "other_place")
    assert check(place, "ZZZZ", paris(TUESDAY, 10)) == (False, "unknown_code")
    assert AccessCheck.objects.count() == 8
    assert AccessCheck.objects.filter(allowed=True).count() == 3


def test_release_command_releases_and_expires(seats, member, frozen):
    from io import StringIO

    from django.core.management import call_command

    booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    frozen.move_to(paris(TUESDAY, 9, 31))  # 08:30 + 60 min default delay = 09:30
    out = StringIO()
    call_command("release_no_shows", stdout=out)
    assert out.getvalue().strip() == "1 absence(s) libérée(s), 0 proposition(s) expirée(s)."
