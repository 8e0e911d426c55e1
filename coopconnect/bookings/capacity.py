"""How many seats of a resource are taken or free over a time range, waitlist holds included.

The one count of capacity: the availability pages and API read it for many resources at once, and
every write that takes a seat reads it for one resource under that resource's row lock
(``services.locking.lock_resource``), so what is shown free is what a booking may take.

A pool of capacity N has seats 1..N; any other resource has the single seat 1. An active booking
takes its seat; an active waitlist hold over the range keeps one free seat aside for the person it
was offered to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from coopconnect.bookings.models import ACTIVE_STATUSES, Booking, Hold, HoldStatus
from coopconnect.places.models import Resource

Span = tuple[dt.datetime, dt.datetime]


def seat_count(resource: Resource) -> int:
    """Return how many seats the resource has: its capacity for a pool, else 1."""
    return resource.capacity if resource.is_pool else 1


@dataclass
class SeatUse:
    """The active bookings (seat, start, end) and active holds (start, end) of resources, by id."""

    bookings: dict[int, list[tuple[int, dt.datetime, dt.datetime]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    holds: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))

    def _open_seats(self, resource: Resource, start: dt.datetime, end: dt.datetime) -> tuple[list[int], int]:
        """Return the seat numbers no booking takes over [start, end), and how many holds keep aside."""
        taken = {seat for seat, s, e in self.bookings.get(resource.pk, ()) if s < end and e > start}
        held = sum(1 for s, e in self.holds.get(resource.pk, ()) if s < end and e > start)
        return [n for n in range(1, seat_count(resource) + 1) if n not in taken], held

    def free(self, resource: Resource, start: dt.datetime, end: dt.datetime) -> int:
        """Return how many seats are free over the whole of [start, end) (0 when full)."""
        open_seats, held = self._open_seats(resource, start, end)
        return max(0, len(open_seats) - held)

    def first_free_seat(self, resource: Resource, start: dt.datetime, end: dt.datetime) -> int | None:
        """Return the lowest seat number free over [start, end), or None when the resource is full."""
        open_seats, held = self._open_seats(resource, start, end)
        return open_seats[0] if len(open_seats) > held else None

    def busy_spans(self, resource: Resource) -> list[Span]:
        """Return the times booked or held on the resource (unsorted, overlaps possible)."""
        return [(s, e) for _seat, s, e in self.bookings.get(resource.pk, ())] + list(
            self.holds.get(resource.pk, ())
        )


def seat_use(
    resources: Sequence[Resource],
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime | None = None,
    exclude_booking: int | None = None,
    exclude_hold: int | None = None,
) -> SeatUse:
    """Load what takes or keeps seats of ``resources`` over [start, end), in two queries.

    ``exclude_booking``: a booking being moved does not stand in its own way; ``exclude_hold``: the
    hold being accepted keeps its seat for the booking made from it.
    """
    now = now or timezone.now()
    ids = [r.pk for r in resources]
    use = SeatUse()
    bookings = Booking.objects.filter(
        resource_id__in=ids, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if exclude_booking:
        bookings = bookings.exclude(pk=exclude_booking)
    for rid, seat, s, e in bookings.values_list("resource_id", "seat_number", "start", "end"):
        use.bookings[rid].append((seat, s, e))
    holds = Hold.objects.filter(
        resource_id__in=ids, status=HoldStatus.ACTIVE, expires_at__gt=now, start__lt=end, end__gt=start
    )
    if exclude_hold:
        holds = holds.exclude(pk=exclude_hold)
    for rid, s, e in holds.values_list("resource_id", "start", "end"):
        use.holds[rid].append((s, e))
    return use


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

    Writes call it with the resource row locked, so that the seat is still free when they insert.
    """
    use = seat_use(
        [resource], start, end, now=now, exclude_booking=exclude_booking, exclude_hold=exclude_hold
    )
    return use.first_free_seat(resource, start, end)
