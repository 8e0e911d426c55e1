"""Which seat of a resource is free over a time range, counting the seats kept for the waitlist."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from coopconnect.bookings.models import ACTIVE_STATUSES, Booking, Hold, HoldStatus
from coopconnect.places.models import Resource


def active_holds(
    resource: Resource, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> QuerySet[Hold]:
    """Return the waitlist holds still running on ``resource`` over [start, end)."""
    return Hold.objects.filter(
        resource=resource, status=HoldStatus.ACTIVE, expires_at__gt=now, start__lt=end, end__gt=start
    )


def free_seat(
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime | None = None,
    exclude_booking: int | None = None,
    exclude_hold: int | None = None,
) -> int | None:
    """Return the lowest seat number free over [start, end), or None when the resource is full.

    A pool of capacity N has seats 1..N; other resources have the single seat 1. Active waitlist
    holds over the range keep seats aside for the person they were offered to.
    """
    now = now or timezone.now()
    overlapping = Booking.objects.filter(
        resource=resource, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if exclude_booking:
        overlapping = overlapping.exclude(pk=exclude_booking)
    taken = set(overlapping.values_list("seat_number", flat=True))
    holds = active_holds(resource, start, end, now)
    if exclude_hold:
        holds = holds.exclude(pk=exclude_hold)
    seats = resource.capacity if resource.is_pool else 1
    free = [s for s in range(1, seats + 1) if s not in taken]
    if len(free) <= holds.count():
        return None
    return free[0]
