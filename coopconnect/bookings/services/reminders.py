"""The reminder sent the day before a booking, once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coopconnect.bookings import tasks
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.slots import PARIS
from coopconnect.core.queue import after_commit


@transaction.atomic
def booking_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue a reminder for every active booking starting tomorrow not yet reminded; return how many."""
    now = now or timezone.now()
    tomorrow = (now.astimezone(PARIS) + dt.timedelta(days=1)).date()
    start = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=PARIS)
    end = start + dt.timedelta(days=1)
    count = 0
    due = Booking.objects.select_for_update().filter(
        start__gte=start,
        start__lt=end,
        reminder_sent_at__isnull=True,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.PENDING),
    )
    for booking in due:
        Booking.objects.filter(pk=booking.pk).update(reminder_sent_at=now)
        after_commit(tasks.send_booking_email, booking.pk, "reminder")
        count += 1
    return count
