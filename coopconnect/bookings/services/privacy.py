"""A person's erasure and the retention periods, as far as bookings hold personal data."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.bookings.models import (
    ACTIVE_STATUSES,
    AccessCheck,
    AccessGrant,
    Booking,
    BookingStatus,
    CalendarFeed,
    Hold,
    WaitlistEntry,
)
from coopconnect.bookings.services.locking import lock_resource
from coopconnect.bookings.services.waitlist import offer_freed_slot


@transaction.atomic
def anonymise_person(*, person: User, now: dt.datetime | None = None) -> None:
    """Cancel the person's future bookings (seats offered onwards); drop notes, waitlist, door access, feeds.

    Past bookings stay: they are what the invoices were computed from.
    """
    now = now or timezone.now()
    Hold.objects.filter(person=person).delete()
    WaitlistEntry.objects.filter(person=person).delete()
    future = Booking.objects.filter(person=person, status__in=ACTIVE_STATUSES, end__gt=now)
    for booking in future.select_related("resource__place").order_by("start"):
        lock_resource(booking.resource)
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        offer_freed_slot(resource=booking.resource, start=max(booking.start, now), end=booking.end, now=now)
    Booking.objects.filter(person=person).exclude(note="").update(note="")
    AccessGrant.objects.filter(person=person).delete()
    CalendarFeed.objects.filter(owner=person).delete()


def purge_expired(now: dt.datetime) -> dict[str, int]:
    """Delete waitlist entries (and their holds) and door-check logs past their retention period."""
    waitlist_cutoff = now - dt.timedelta(days=settings.PRIVACY_WAITLIST_DAYS)
    _n, waitlist = WaitlistEntry.objects.filter(end__lt=waitlist_cutoff).delete()
    log_cutoff = now - dt.timedelta(days=settings.PRIVACY_ACCESS_LOG_DAYS)
    checks, _by_model = AccessCheck.objects.filter(checked_at__lt=log_cutoff).delete()
    return {
        "waitlist_entries": waitlist.get("bookings.WaitlistEntry", 0),
        "holds": waitlist.get("bookings.Hold", 0),
        "access_checks": checks,
    }
