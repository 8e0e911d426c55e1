"""Reads of the bookings app: free slots, free seats near a commune, plannings, occupancy."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.bookings.availability import AvailabilityHit, availability_near, is_open, policies
from coopconnect.bookings.capacity import seat_count, seat_use
from coopconnect.bookings.models import (
    ACTIVE_STATUSES,
    WITHDRAWN_STATUSES,
    AccessGrant,
    Booking,
    BookingStatus,
    CalendarFeed,
    WaitlistEntry,
    WaitlistStatus,
)
from coopconnect.bookings.slots import PARIS, at, day_intervals, slot_bounds, zone_of
from coopconnect.places import hours
from coopconnect.places.models import Network, Place, Resource

__all__ = ["AvailabilityHit", "availability_near"]  # the availability search, read from here too


@dataclass(frozen=True)
class SlotAvailability:
    """How many seats of a resource are free over one slot (1 or 0 for a room)."""

    slot: str
    start: dt.datetime
    end: dt.datetime
    capacity: int
    free: int
    open: bool

    @property
    def bookable(self) -> bool:
        return self.open and self.free > 0


@dataclass
class ResourceDay:
    """A resource's day at a glance: half-day availability and, for rooms, the free periods."""

    resource: Resource
    slots: list[SlotAvailability]
    free_periods: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)


def place_day(place: Place, day: dt.date, *, now: dt.datetime | None = None) -> list[ResourceDay]:
    """Return each active resource of ``place`` with its free half-days and free periods on ``day``."""
    now = now or timezone.now()
    policy = policies([place])[place.pk]
    resources = list(place.resources.filter(is_active=True).order_by("kind", "name"))
    intervals = day_intervals(place, day)
    day_start, day_end = at(day, dt.time(0)), at(day + dt.timedelta(days=1), dt.time(0))
    use = seat_use(resources, day_start, day_end, now=now)
    out = []
    for resource in resources:
        slots = []
        for slot in ("morning", "afternoon", "day"):
            start, end = slot_bounds(place, day, slot, policy=policy)
            slots.append(
                SlotAvailability(
                    slot=slot,
                    start=start,
                    end=end,
                    capacity=seat_count(resource),
                    free=use.free(resource, start, end),
                    open=is_open(place, start, end, intervals) and start >= now - dt.timedelta(minutes=1),
                )
            )
        periods: list[tuple[dt.datetime, dt.datetime]] = []
        if not resource.is_pool:
            busy = sorted((s.astimezone(PARIS), e.astimezone(PARIS)) for s, e in use.busy_spans(resource))
            for a, b in intervals:
                cursor = max(a, now)
                for s, e in busy:
                    if e <= cursor or s >= b:
                        continue
                    if s > cursor:
                        periods.append((cursor, s))
                    cursor = max(cursor, e)
                if cursor < b:
                    periods.append((cursor, b))
        out.append(ResourceDay(resource=resource, slots=slots, free_periods=periods))
    return out


@dataclass
class WeekRow:
    """One half-day of one resource across a week: each day's availability (None: no such slot)."""

    resource: Resource
    slot: str
    cells: list[SlotAvailability]


def place_week(place: Place, monday: dt.date, *, now: dt.datetime | None = None) -> list[WeekRow]:
    """Return the mornings and afternoons of each active resource of ``place`` in the week from ``monday``."""
    days = [place_day(place, monday + dt.timedelta(days=i), now=now) for i in range(7)]
    rows = []
    for index, first in enumerate(days[0]):
        for slot in ("morning", "afternoon"):
            cells = [next(s for s in day[index].slots if s.slot == slot) for day in days]
            rows.append(WeekRow(resource=first.resource, slot=slot, cells=cells))
    return rows


def last_complete_days(today: dt.date, days: int = 30) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the ``days`` complete days before ``today`` (today left out)."""
    return today - dt.timedelta(days=days), today - dt.timedelta(days=1)


def pending_requests(places: Iterable[Place], *, now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Return the requests still waiting for a host's answer at ``places``, soonest first."""
    now = now or timezone.now()
    return (
        Booking.objects.filter(resource__place__in=places, status=BookingStatus.PENDING, end__gt=now)
        .select_related("resource", "resource__place", "person")
        .order_by("start")
    )


def member_bookings(person: User, *, now: dt.datetime | None = None) -> tuple[list[Booking], list[Booking]]:
    """Return (upcoming, past) bookings of ``person``: upcoming soonest first, past latest first."""
    now = now or timezone.now()
    qs = Booking.objects.filter(person=person).select_related("resource", "resource__place")
    upcoming = list(qs.filter(end__gt=now).exclude(status__in=WITHDRAWN_STATUSES).order_by("start"))
    past = list(qs.filter(Q(end__lte=now) | Q(status__in=WITHDRAWN_STATUSES)).order_by("-start")[:100])
    return upcoming, past


def member_waitlist(
    person: User, *, include_closed: bool = False, now: dt.datetime | None = None
) -> QuerySet[WaitlistEntry]:
    """Return ``person``'s waitlist entries with their hold, soonest first: current ones, or all."""
    now = now or timezone.now()
    qs = WaitlistEntry.objects.filter(person=person).select_related(
        "resource", "resource__place", "resource__place__commune", "hold"
    )
    if not include_closed:
        qs = qs.filter(status__in=(WaitlistStatus.WAITING, WaitlistStatus.OFFERED), end__gt=now)
    return qs.order_by("start", "pk")


@dataclass
class DayPlan:
    """A host's day at one place: who comes to which resource, arrivals and walk-ins."""

    place: Place
    day: dt.date
    rows: list[tuple[Resource, list[Booking]]]
    expected: int
    checked_in: int
    walk_ins: int
    pending: int
    no_shows: int


def _place_bookings(place: Place, start: dt.datetime, end: dt.datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(resource__place=place, start__lt=end, end__gt=start)
        .exclude(status__in=WITHDRAWN_STATUSES)
        .select_related("resource", "person", "booked_by")
        .order_by("start", "resource__name", "seat_number")
    )


def host_day(place: Place, day: dt.date) -> DayPlan:
    """Return the day plan of ``place`` on ``day`` (midnight to midnight in the place's time zone)."""
    tz = zone_of(place)
    bookings = list(
        _place_bookings(place, at(day, dt.time(0), tz), at(day + dt.timedelta(days=1), dt.time(0), tz))
    )
    rows = []
    for resource in place.resources.filter(is_active=True).order_by("kind", "name"):
        rows.append((resource, [b for b in bookings if b.resource_id == resource.pk]))
    return DayPlan(
        place=place,
        day=day,
        rows=rows,
        expected=sum(1 for b in bookings if b.status == BookingStatus.CONFIRMED),
        checked_in=sum(1 for b in bookings if b.status == BookingStatus.CHECKED_IN),
        walk_ins=sum(1 for b in bookings if b.is_walk_in),
        pending=sum(1 for b in bookings if b.status == BookingStatus.PENDING),
        no_shows=sum(1 for b in bookings if b.status == BookingStatus.NO_SHOW),
    )


def host_week(place: Place, monday: dt.date) -> list[tuple[dt.date, list[Booking]]]:
    """Return the 7 days from ``monday`` with each day's bookings at ``place``."""
    tz = zone_of(place)
    bookings = list(
        _place_bookings(place, at(monday, dt.time(0), tz), at(monday + dt.timedelta(days=7), dt.time(0), tz))
    )
    days = []
    for i in range(7):
        day = monday + dt.timedelta(days=i)
        days.append((day, [b for b in bookings if b.start.astimezone(tz).date() == day]))
    return days


@dataclass(frozen=True)
class OccupancyRow:
    """Booked seat-hours of a resource over a period against the seat-hours it was open."""

    place: Place
    resource: Resource
    bookings: int
    booked_hours: float
    open_hours: float

    @property
    def rate(self) -> float:
        return self.booked_hours / self.open_hours if self.open_hours else 0.0

    @property
    def rate_percent(self) -> float:
        return round(self.rate * 100, 1)


def occupancy_percent(rows: Iterable[OccupancyRow]) -> float:
    """Return the occupancy of several resources together, in percent (booked over open seat-hours)."""
    rows = list(rows)
    open_hours = sum(r.open_hours for r in rows)
    return round(100 * sum(r.booked_hours for r in rows) / open_hours, 1) if open_hours else 0.0


def occupancy(*, places: Iterable[Place], first_day: dt.date, last_day: dt.date) -> list[OccupancyRow]:
    """Return the occupancy of every active resource of ``places`` from ``first_day`` to ``last_day``.

    Rate = booked seat-hours / (seats x opening hours); no-shows count as booked (the seat was kept).
    """
    start, end = at(first_day, dt.time(0)), at(last_day + dt.timedelta(days=1), dt.time(0))
    places = list(places)
    resources = list(
        Resource.objects.filter(place__in=places, is_active=True)
        .select_related("place")
        .order_by("place__name", "kind", "name")
    )
    hours_by_place: dict[int, float] = {}
    for place in places:
        if (place.opening_hours or "").strip():
            spans = hours.open_intervals(
                place.opening_hours, start, end, department=hours.department_of(place)
            )
        else:
            spans = [(start, end)]
        hours_by_place[place.pk] = sum((b - a).total_seconds() for a, b in spans) / 3600
    booked: dict[int, float] = defaultdict(float)
    count: dict[int, int] = defaultdict(int)
    for rid, s, e in Booking.objects.filter(
        resource__in=resources,
        start__lt=end,
        end__gt=start,
        status__in=[*ACTIVE_STATUSES, BookingStatus.NO_SHOW],
    ).values_list("resource_id", "start", "end"):
        booked[rid] += (min(e, end) - max(s, start)).total_seconds() / 3600
        count[rid] += 1
    return [
        OccupancyRow(
            place=r.place,
            resource=r,
            bookings=count[r.pk],
            booked_hours=round(booked[r.pk], 1),
            open_hours=round(hours_by_place[r.place_id] * seat_count(r), 1),
        )
        for r in resources
    ]


def network_places(network: Network) -> QuerySet[Place]:
    return network.places.all().order_by("name")


def personal_data(person: User) -> PersonalData:
    """Return what the bookings app holds about the person (their right of access)."""
    bookings = Booking.objects.filter(person=person).select_related("resource__place").order_by("start")
    waitlist = WaitlistEntry.objects.filter(person=person).select_related("resource__place")
    grants = AccessGrant.objects.filter(person=person).select_related("place")
    return PersonalData(
        tables={
            "bookings": [
                {
                    "code": b.short_code,
                    "place": b.resource.place.name,
                    "resource": b.resource.name,
                    "start": b.start,
                    "end": b.end,
                    "status": b.status,
                    "attendees": b.attendees,
                    "layout": b.layout,
                    "note": b.note,
                    "walk_in": b.is_walk_in,
                    "checked_in_at": b.checked_in_at,
                    "cancelled_at": b.cancelled_at,
                }
                for b in bookings
            ],
            "waitlist": [
                {
                    "place": e.resource.place.name,
                    "resource": e.resource.name,
                    "start": e.start,
                    "end": e.end,
                    "status": e.status,
                    "joined_at": e.created_at,
                }
                for e in waitlist
            ],
            "access_grants": [
                {
                    "place": g.place.name,
                    "valid_from": g.valid_from,
                    "valid_until": g.valid_until,
                    "note": g.note,
                }
                for g in grants
            ],
            "calendar_feeds": [
                {"kind": f.kind, "created_at": f.created_at, "revoked_at": f.revoked_at}
                for f in CalendarFeed.objects.filter(owner=person)
            ],
        }
    )


def upcoming_bookings_of(
    people: Iterable[User], *, now: dt.datetime | None = None, limit: int = 20
) -> list[Booking]:
    """Return the next bookings of these people, soonest first (an employer's view of its team)."""
    now = now or timezone.now()
    return list(
        Booking.objects.filter(person__in=list(people), end__gt=now)
        .exclude(status__in=WITHDRAWN_STATUSES)
        .select_related("resource", "resource__place", "person")
        .order_by("start")[:limit]
    )
