"""Demo bookings for ``manage.py seed_demo``, made through the services (so they obey every rule).

Registered as the seed step "bookings" (order 60): booking rules for the reference places, a 24/7
grant at Murat (its subscribers have a badge), the demo member's bookings at Bâticom Pertuis over
the next open days, a weekly series, a meeting-room request waiting for the host, and a calendar
feed. Safe to run twice: each booking carries an idempotency key.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import OrganisationMembership, OrganisationRole, User
from coopconnect.bookings.models import AccessGrant, Booking, BookingPolicy, CalendarFeed, FeedKind
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.series import booking_series_create
from coopconnect.bookings.slots import slot_bounds
from coopconnect.core.errors import DomainError
from coopconnect.core.seed import SeedContext, register
from coopconnect.places.models import Place, Resource, ResourceKind


def _place(key: str) -> Place | None:
    from coopconnect.places import reference as ref

    return Place.objects.filter(source=ref.REFERENCE_SOURCE, source_id=key).first()


def _next_open_days(place: Place, count: int, today: dt.date) -> list[dt.date]:
    from coopconnect.places import hours

    days, day = [], today
    while len(days) < count and day < today + dt.timedelta(days=30):
        day += dt.timedelta(days=1)
        if not place.opening_hours or hours.is_open_on(
            place.opening_hours, day, department=hours.department_of(place)
        ):
            days.append(day)
    return days


def _book(resource: Resource, person: User, day: dt.date, slot: str, key: str, **kw) -> Booking | None:
    try:
        start, end = slot_bounds(resource.place, day, slot)
        return booking_create(
            resource=resource, person=person, start=start, end=end, idempotency_key=key, notify=False, **kw
        )
    except DomainError:
        return None


@transaction.atomic
def seed_bookings(ctx: SeedContext | None = None) -> dict[str, int]:
    """Create the demo booking rules, grants and bookings; return counts of what exists."""
    today = timezone.localdate()
    member = User.objects.filter(email="membre@coop-connect.fr").first()
    policies = {
        "pertuis": {"cancellation_deadline_hours": 12, "no_show_release_minutes": 60},
        "auch": {"approval_kinds": [ResourceKind.MEETING_ROOM, ResourceKind.OFFICE]},
        "laragne": {
            "morning_start": dt.time(8),
            "morning_end": dt.time(12),
            "afternoon_start": dt.time(12, 30),
            "afternoon_end": dt.time(16, 30),
            "max_days_ahead": 30,
        },
        "murat": {
            "morning_end": dt.time(13),
            "afternoon_start": dt.time(13),
            "afternoon_end": dt.time(18, 30),
        },
    }
    for key, values in policies.items():
        place = _place(key)
        if place is not None:
            BookingPolicy.objects.update_or_create(place=place, defaults=values)
    made = 0
    pertuis = _place("pertuis")
    if member is not None and pertuis is not None:
        murat = _place("murat")
        if murat is not None:
            AccessGrant.objects.get_or_create(
                place=murat,
                person=member,
                defaults={"valid_from": today, "note": "Abonnement permanent (badge)"},
            )
        CalendarFeed.objects.get_or_create(owner=member, kind=FeedKind.PERSON, revoked_at=None)
        laragne = _place("laragne") or pertuis
        seats = laragne.resources.filter(kind=ResourceKind.SEAT, is_active=True).first()
        days = _next_open_days(laragne, 5, today)
        if seats is not None:
            for i, day in enumerate(days):
                made += bool(_book(seats, member, day, "morning" if i % 2 == 0 else "day", f"seed-{day}"))
            if days and not member.booking_series.exists():
                start, end = slot_bounds(laragne, days[0] + dt.timedelta(days=14), "afternoon")
                try:
                    booking_series_create(
                        resource=seats,
                        person=member,
                        first_start=start,
                        first_end=end,
                        rule=f"FREQ=WEEKLY;COUNT=4;BYDAY={start.strftime('%a')[:2].upper()}",
                    )
                except DomainError:
                    pass
        room = pertuis.resources.filter(kind=ResourceKind.MEETING_ROOM, is_active=True).first()
        video = pertuis.resources.filter(kind=ResourceKind.VIDEO_POINT, is_active=True).first()
        pertuis_days = _next_open_days(pertuis, 3, today)
        if room is not None and pertuis_days:
            made += bool(_book(room, member, pertuis_days[-1], "afternoon", "seed-room", attendees=6))
        if video is not None and pertuis_days:
            made += bool(_book(video, member, pertuis_days[0], "morning", "seed-video"))
    auch = _place("auch")
    admin = User.objects.filter(organisation_memberships__role=OrganisationRole.ADMIN).order_by("pk").first()
    if auch is not None and admin is not None:
        employee = (
            User.objects.filter(
                organisation_memberships__organisation__in=admin.organisations.all(),
                organisation_memberships__role=OrganisationRole.EMPLOYEE,
            )
            .order_by("pk")
            .first()
        )
        room = auch.resources.filter(kind=ResourceKind.MEETING_ROOM).order_by("capacity").first()
        if employee is not None and room is not None:
            days = _next_open_days(auch, 3, today)
            if days:
                made += bool(
                    _book(room, employee, days[-1], "morning", "seed-auch-room", booked_by=admin, attendees=8)
                )
    counts = {
        "bookings": Booking.objects.count(),
        "made_now": made,
        "grants": AccessGrant.objects.count(),
        "memberships": OrganisationMembership.objects.count(),
    }
    if ctx is not None:
        ctx.say(
            f"  réservations : {counts['bookings']} (dont {made} à l'instant), "
            f"accès 24 h/24 : {counts['grants']}"
        )
    return counts


register("bookings", order=60)(seed_bookings)
