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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, IntegerField, QuerySet, Value
from django.utils import timezone

from coopconnect.bookings.models import ACTIVE_STATUSES, Booking, Hold, HoldStatus
from coopconnect.places.models import Resource

Span = tuple[dt.datetime, dt.datetime]

# Tags of the rows ``seat_rows`` gives: a booking's seat, a hold.
BOOKED, HELD = 0, 1


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

    def add(self, rows: Iterable[tuple[int, int, int, dt.datetime, dt.datetime]]) -> None:
        """Take in rows (tag, resource id, seat, start, end) of ``seat_rows``; other tags are ignored."""
        for tag, rid, seat, s, e in rows:
            if tag == BOOKED:
                self.bookings[rid].append((seat, s, e))
            elif tag == HELD:
                self.holds[rid].append((s, e))

    def busy_spans(self, resource: Resource) -> list[Span]:
        """Return the times booked or held on the resource (unsorted, overlaps possible)."""
        return [(s, e) for _seat, s, e in self.bookings.get(resource.pk, ())] + list(
            self.holds.get(resource.pk, ())
        )


def seat_rows(
    resources: Sequence[Resource],
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime,
    exclude_booking: int | None = None,
    exclude_hold: int | None = None,
) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """Return the two querysets ``seat_use`` reads, as rows (tag, resource id, seat, start, end):
    tag ``BOOKED`` for an active booking, ``HELD`` for an active hold (seat 0). Unordered, so that
    they can be combined in one UNION ALL with other reads (``services.snapshot``)."""
    ids = [r.pk for r in resources]
    bookings = Booking.objects.filter(
        resource_id__in=ids, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if exclude_booking:
        bookings = bookings.exclude(pk=exclude_booking)
    holds = Hold.objects.filter(
        resource_id__in=ids, status=HoldStatus.ACTIVE, expires_at__gt=now, start__lt=end, end__gt=start
    )
    if exclude_hold:
        holds = holds.exclude(pk=exclude_hold)
    return (
        bookings.order_by()
        .annotate(tag=Value(BOOKED, IntegerField()), num=F("seat_number"))
        .values_list("tag", "resource_id", "num", "start", "end"),
        holds.order_by()
        .annotate(tag=Value(HELD, IntegerField()), num=Value(0, IntegerField()))
        .values_list("tag", "resource_id", "num", "start", "end"),
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
    """Load what takes or keeps seats of ``resources`` over [start, end), in one query.

    ``exclude_booking``: a booking being moved does not stand in its own way; ``exclude_hold``: the
    hold being accepted keeps its seat for the booking made from it.
    """
    bookings, holds = seat_rows(
        resources,
        start,
        end,
        now=now or timezone.now(),
        exclude_booking=exclude_booking,
        exclude_hold=exclude_hold,
    )
    use = SeatUse()
    use.add(bookings.union(holds, all=True).order_by())
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


def free_counts(
    windows: Mapping[Span, Sequence[Resource]], *, now: dt.datetime | None = None
) -> dict[int, int]:
    """Return, for every resource, how many seats are free over the whole of its window, counted in
    SQL (one query whatever the number of windows and resources): the seats some active booking takes
    over the window, and the active holds over it, per resource. The same count as ``SeatUse.free``.
    """
    now = now or timezone.now()
    parts: list[QuerySet[Any]] = []
    for (start, end), resources in windows.items():
        ids = [r.pk for r in resources]
        if not ids:
            continue
        parts.append(
            Booking.objects.filter(
                resource_id__in=ids,
                status__in=ACTIVE_STATUSES,
                start__lt=end,
                end__gt=start,
                seat_number__lte=F("resource__capacity"),
            )
            .order_by()
            .values("resource_id")
            .annotate(tag=Value(BOOKED, IntegerField()), n=Count("seat_number", distinct=True))
            .values_list("tag", "resource_id", "n")
        )
        parts.append(
            Hold.objects.filter(
                resource_id__in=ids,
                status=HoldStatus.ACTIVE,
                expires_at__gt=now,
                start__lt=end,
                end__gt=start,
            )
            .order_by()
            .values("resource_id")
            .annotate(tag=Value(HELD, IntegerField()), n=Count("pk"))
            .values_list("tag", "resource_id", "n")
        )
    taken: dict[int, int] = defaultdict(int)
    held: dict[int, int] = defaultdict(int)
    if parts:
        for tag, rid, n in parts[0].union(*parts[1:], all=True).order_by():
            (taken if tag == BOOKED else held)[rid] += n
    return {
        r.pk: max(0, seat_count(r) - min(taken[r.pk], seat_count(r)) - held[r.pk])
        for resources in windows.values()
        for r in resources
    }
