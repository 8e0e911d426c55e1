"""Booking mails are iTIP invitations that calendar clients accept, update and cancel (parsed with
the icalendar library, as a client would)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from coopconnect.bookings.ics import booking_sequence
from coopconnect.bookings.models import Booking
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris

pytestmark = pytest.mark.usefixtures("immediate_tasks")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def _invitation(message):
    ((name, body, mimetype),) = message.attachments
    body = body if isinstance(body, bytes) else body.encode()
    cal = Calendar.from_ical(body)
    (event,) = cal.walk("VEVENT")
    return mimetype, cal, event


def test_create_change_cancel_is_request_request_cancel(
    frozen, django_capture_on_commit_callbacks, seats, member, place
):
    place.email = "accueil@baticom.example.org"
    place.save()
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    frozen.shift(3600)
    with django_capture_on_commit_callbacks(execute=True):
        booking_modify(booking=booking, by=member, start=paris(TUESDAY, 9), end=MORNING[1])
    frozen.shift(60)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=Booking.objects.get(pk=booking.pk), by=member)
    sent = [_invitation(m) for m in mail.outbox]
    assert [m for m, _cal, _e in sent] == [
        "text/calendar; method=REQUEST; charset=utf-8",
        "text/calendar; method=REQUEST; charset=utf-8",
        "text/calendar; method=CANCEL; charset=utf-8",
    ]
    assert [str(cal["method"]) for _m, cal, _e in sent] == ["REQUEST", "REQUEST", "CANCEL"]
    uids = {str(e["uid"]) for _m, _c, e in sent}
    assert uids == {f"booking-{booking.pk}@coop-connect"}
    # Made, changed an hour later, cancelled a minute after that: 0, then 3600, then 3660 seconds.
    assert [int(e["sequence"]) for _m, _c, e in sent] == [0, 3600, 3660]
    for _m, _cal, event in sent:
        assert str(event["organizer"]) == "mailto:accueil@baticom.example.org"
        assert event["organizer"].params["CN"] == "Bâticom Pertuis"
        assert str(event["attendee"]) == f"mailto:{member.email}"
        assert event["attendee"].params["RSVP"] == "FALSE"
    assert sent[1][2].decoded("dtstart") == paris(TUESDAY, 9)
    assert str(sent[2][2]["status"]) == "CANCELLED"
    # The MIME part itself says which iTIP method it carries.
    assert 'method="CANCEL"' in mail.outbox[2].message().as_string()


def test_organizer_falls_back_to_the_sender_address(
    django_capture_on_commit_callbacks, frozen, seats, member
):
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    _m, _cal, event = _invitation(mail.outbox[0])
    assert str(event["organizer"]) == "mailto:noreply@coop-connect.localhost"
    assert event["attendee"].params["PARTSTAT"] == "ACCEPTED"


def test_sequence_grows_and_never_wraps(frozen, seats, member):
    booking = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1], notify=False)
    first = booking_sequence(booking)
    # A change 70 years on: the old "timestamp modulo 2 000 000 000" would have gone back down.
    booking.updated_at = booking.created_at + dt.timedelta(days=365 * 70)
    later = booking_sequence(booking)
    assert first == 0 and later == 365 * 70 * 86400 and later > 2_000_000_000
