"""What a booking request reads about the seat and the person, in one query.

A booking needs the seats of the resource over the range (``capacity.seat_rows``: active bookings
and holds) and, for fair use (``services.fair_use``), the person's workstation bookings over the
range and their open bookings at the place. All are rows of one UNION ALL, read twice by
``services.create``: before the transaction, to refuse a full slot or an unfair request without
taking a lock, then under the locks, to confirm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, IntegerField, QuerySet, Value

from coopconnect.accounts.models import User
from coopconnect.bookings.capacity import SeatUse, seat_rows
from coopconnect.bookings.models import ACTIVE_STATUSES, Booking
from coopconnect.bookings.services.fair_use import WORKSTATION_KINDS
from coopconnect.places.models import Place, Resource

# Tags of the person's rows (the seat rows use capacity.BOOKED and capacity.HELD).
WORKSTATION, OPEN_HERE = 2, 3


@dataclass
class Snapshot:
    """The seats of one resource over a range, and what the person holds that fair use looks at."""

    start: dt.datetime
    end: dt.datetime
    seats: SeatUse
    # The person's overlapping workstation bookings, as (start, id): the first is named in a refusal.
    workstations: list[tuple[dt.datetime, int]] = field(default_factory=list)
    open_here: int = 0


def _person_rows(qs: QuerySet[Booking], tag: int) -> QuerySet[Any]:
    return (
        qs.order_by()
        .annotate(tag=Value(tag, IntegerField()), num=F("pk"))
        .values_list("tag", "resource_id", "num", "start", "end")
    )


def read_snapshot(
    *,
    resource: Resource,
    place: Place,
    person: User,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    workstation_rule: bool,
    open_limit: bool,
    exclude_hold: int | None = None,
) -> Snapshot:
    """Read the resource's seats over [start, end) and, when asked, the person's bookings fair use
    counts: ``workstation_rule`` (their active seats and offices over the range, at places applying
    the rule) and ``open_limit`` (their active bookings not yet over at ``place``)."""
    bookings, holds = seat_rows([resource], start, end, now=now, exclude_hold=exclude_hold)
    parts = [holds]
    if workstation_rule:
        parts.append(
            _person_rows(
                Booking.objects.filter(
                    person=person,
                    status__in=ACTIVE_STATUSES,
                    resource__kind__in=WORKSTATION_KINDS,
                    start__lt=end,
                    end__gt=start,
                ).exclude(resource__place__booking_policy__one_seat_at_a_time=False),
                WORKSTATION,
            )
        )
    if open_limit:
        parts.append(
            _person_rows(
                Booking.objects.filter(
                    person=person, resource__place=place, status__in=ACTIVE_STATUSES, end__gt=now
                ),
                OPEN_HERE,
            )
        )
    rows = list(bookings.union(*parts, all=True).order_by())
    snapshot = Snapshot(start=start, end=end, seats=SeatUse())
    snapshot.seats.add(rows)
    for tag, _rid, num, s, _e in rows:
        if tag == WORKSTATION:
            snapshot.workstations.append((s, num))
        elif tag == OPEN_HERE:
            snapshot.open_here += 1
    return snapshot
