"""The bookings e-mails: text and HTML parts, the reader's language, dates written by the formatter."""

import datetime as dt

import pytest
from django.core import mail

from coopconnect.bookings import mails
from coopconnect.bookings.models import Hold, WaitlistEntry, WaitlistStatus
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.series import booking_series_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def test_a_booking_mail_has_a_text_and_an_html_part_in_english(
    immediate_tasks, django_capture_on_commit_callbacks, seats, second_member
):
    second_member.language = "en"
    second_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    (message,) = mail.outbox
    assert message.subject == "Booking confirmed — Bâticom Pertuis"
    assert message.body.startswith("Hello Paul,\n")
    assert "  16/03/2027 08:30 – 12:30\n" in message.body
    assert f"Check-in code : {booking.short_code}" in message.body
    assert f"/reservations/{booking.pk}/" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html and booking.short_code in html
    assert message.attachments[0][0] == "reservation.ics"


def test_a_series_mail_lists_every_date_in_french(
    immediate_tasks, django_capture_on_commit_callbacks, seats, member
):
    with django_capture_on_commit_callbacks(execute=True):
        result = booking_series_create(
            resource=seats,
            person=member,
            first_start=MORNING[0],
            first_end=MORNING[1],
            rule="FREQ=WEEKLY;COUNT=2",
        )
    (message,) = mail.outbox
    assert message.subject == "Réservations confirmées — Bâticom Pertuis"
    first, second = result.created
    assert f"— 16/03/2027 08:30 – 12:30 — {first.short_code}" in message.body
    assert f"— 23/03/2027 08:30 – 12:30 — {second.short_code}" in message.body
    assert message.attachments[0][0] == "reservations.ics"


def test_a_hold_mail_says_until_when_the_seat_is_kept(seats, member):
    entry = WaitlistEntry.objects.create(
        resource=seats, person=member, start=MORNING[0], end=MORNING[1], status=WaitlistStatus.OFFERED
    )
    hold = Hold.objects.create(
        entry=entry,
        resource=seats,
        person=member,
        start=MORNING[0],
        end=MORNING[1],
        expires_at=paris(TUESDAY, 7) - dt.timedelta(hours=12),
    )
    assert mails.send_hold_email(hold_id=hold.pk)
    (message,) = mail.outbox
    assert message.subject == "Une place s'est libérée — Bâticom Pertuis"
    assert f"Une place s'est libérée : {seats.name}, le 16/03/2027 08:30 – 12:30." in message.body
    assert "Elle vous est réservée jusqu'au 15/03/2027 19:00. Acceptez-la ici :" in message.body
    assert message.body.rstrip().endswith(f"/reservations/attente/{hold.pk}/")
