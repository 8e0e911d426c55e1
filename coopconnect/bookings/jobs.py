"""Scheduled runs of the bookings services (django.tasks), started by the management commands."""

from __future__ import annotations

from django.tasks import task

from coopconnect.bookings.services.checkin import release_no_shows
from coopconnect.bookings.services.reminders import booking_reminders_send
from coopconnect.bookings.services.waitlist import holds_expire


@task
def release_no_shows_job() -> tuple[int, int]:
    """Release no-shows and expire waitlist holds (every few minutes); return (released, expired)."""
    return release_no_shows(), holds_expire()


@task
def send_reminders_job() -> int:
    """Queue tomorrow's reminders (once a day); return how many."""
    return booking_reminders_send()
