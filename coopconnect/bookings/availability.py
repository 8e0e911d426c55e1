"""Free resources near a point (the search page and ``GET /api/v1/availability``).

Cost at national scale is kept flat: the places come from the directory (``places_near``); the
resources of the kind asked in one query; their free seats counted per resource in SQL
(``capacity.free_counts``, one query, no booking row loaded); one shared default policy for every
place without its own; opening hours expanded once per (hours, day, department) and memoised
(``places.hours.day_open_intervals``), so a thousand places with the usual hours cost one expansion.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from coopconnect.bookings.capacity import Span, free_counts, seat_count
from coopconnect.bookings.models import BookingPolicy
from coopconnect.bookings.slots import day_intervals, slot_bounds
from coopconnect.places.models import Place, Resource

# A booking may start a minute late (clock skew): a slot starting a minute ago is still offered.
START_TOLERANCE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class AvailabilityHit:
    """A resource with a free seat over the slot asked, and how long it takes to get there."""

    place: Place
    resource: Resource
    start: dt.datetime
    end: dt.datetime
    free: int
    capacity: int
    travel_minutes: int
    distance_km: float
    method: str
    by_appointment: bool = False  # no published hours: booking it is a request the host confirms


def policies(places: Iterable[Place]) -> dict[int, BookingPolicy]:
    """Return each place's policy, in one query; places without one share one default policy
    (read only: it is never saved)."""
    places = list(places)
    found = {p.place_id: p for p in BookingPolicy.objects.filter(place__in=places).order_by()}
    default = BookingPolicy()
    return {p.pk: found.get(p.pk) or default for p in places}


def is_open(place: Place, start: dt.datetime, end: dt.datetime, intervals: Sequence[Span]) -> bool:
    """Say whether the place is open at ``start`` and at ``end`` (no hours published: always)."""
    if not (place.opening_hours or "").strip():
        return True
    return any(a <= start < b for a, b in intervals) and any(a < end <= b for a, b in intervals)


def availability_near(
    *,
    origin: tuple[float, float],
    within_minutes: int = 20,
    day: dt.date,
    slot: str = "morning",
    kind: str = "seat",
    now: dt.datetime | None = None,
    limit: int | None = None,
    origin_elevation: float | None = None,
) -> list[AvailabilityHit]:
    """Return the resources of ``kind`` free over ``slot`` on ``day`` within ``within_minutes`` of ``origin``.

    Every place of every network counts (the directory's travel times pick them); nearest in time
    first, then most free seats. Places without published hours are found too, "sur rendez-vous":
    a booking there waits for the host's approval.
    """
    from coopconnect.places.selectors import places_near

    now = now or timezone.now()
    hits = places_near(
        origin=origin,
        within_minutes=within_minutes,
        open_on=day,
        origin_elevation=origin_elevation,
        by_appointment=True,
    )
    if not hits:
        return []
    by_place = {h.place.pk: h for h in hits}
    rules = policies(h.place for h in hits)
    windows: dict[int, Span] = {}
    for hit in hits:
        start, end = slot_bounds(hit.place, day, slot, policy=rules[hit.place.pk])
        if start >= now - START_TOLERANCE and is_open(hit.place, start, end, day_intervals(hit.place, day)):
            windows[hit.place.pk] = (start, end)
    if not windows:
        return []
    resources = list(
        Resource.objects.filter(place_id__in=list(windows), kind=kind, is_active=True).order_by()
    )
    by_window: dict[Span, list[Resource]] = defaultdict(list)
    for resource in resources:
        by_window[windows[resource.place_id]].append(resource)
    free = free_counts(by_window, now=now)
    out = []
    for resource in resources:
        if free[resource.pk] <= 0:
            continue
        hit = by_place[resource.place_id]
        start, end = windows[resource.place_id]
        resource.place = hit.place
        out.append(
            AvailabilityHit(
                place=hit.place,
                resource=resource,
                start=start,
                end=end,
                free=free[resource.pk],
                capacity=seat_count(resource),
                travel_minutes=hit.travel_minutes,
                distance_km=hit.distance_km,
                method=hit.method,
                by_appointment=hit.place.by_appointment,
            )
        )
    out.sort(key=lambda a: (a.travel_minutes, -a.free, a.place.name, a.resource.name, a.resource.pk))
    return out[:limit] if limit is not None else out
