"""Reads of the personal home: each role's section, composed from the other apps' selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models.functions import ExtractYear

from coopconnect.accounts import selectors as accounts_selectors
from coopconnect.accounts.models import Organisation, OrganisationMembership
from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.models import Invoice, Issuer, Subscription
from coopconnect.bookings import selectors as bookings_selectors
from coopconnect.bookings.models import WITHDRAWN_STATUSES, Booking
from coopconnect.bookings.slots import PARIS
from coopconnect.core import permissions as roles
from coopconnect.events.models import EventKind
from coopconnect.events.selectors import participants_by_kind
from coopconnect.places.models import Network, Place, Resource, ResourceKind

UPCOMING = 5  # next bookings shown to a member
REBOOK = 3  # resources offered again in one click
INVOICES = 5  # latest invoices shown


@dataclass(frozen=True)
class Rebook:
    """A resource booked before, offered again on the same weekday and half-day."""

    resource: Resource
    day: dt.date
    slot: str


@dataclass
class MemberHome:
    upcoming: list[Booking]
    rebook: list[Rebook]
    balance: Decimal
    invoices: list[Invoice]
    subscriptions: list[Subscription]


@dataclass
class PlaceHome:
    """A hosted place today, this week and over the recent period."""

    place: Place
    today: bookings_selectors.DayPlan
    week: list[tuple[dt.date, int]]
    occupancy: float
    revenue: Decimal
    issuer: Issuer | None
    drafts: int


@dataclass
class HostHome:
    places: list[PlaceHome]
    pending: list[Booking]
    today: dt.date
    monday: dt.date
    period: tuple[dt.date, dt.date]
    month: dt.date
    last_month: dt.date


@dataclass(frozen=True)
class PlaceFigures:
    place: Place
    occupancy: float
    coworking: float | None
    revenue: Decimal


@dataclass
class NetworkHome:
    """The network's indicators for its coordinators."""

    network: Network
    places: list[PlaceFigures]
    new_members: list[tuple[int, int]]
    coworking: float
    trainings: int
    other_events: int
    revenue: Decimal
    period: tuple[dt.date, dt.date]
    year: int


@dataclass
class EmployerHome:
    organisation: Organisation
    memberships: list[OrganisationMembership]
    bookings: list[Booking]
    invoices: list[Invoice]
    balance: Decimal
    employees: int = field(default=0)


def _slot_of(booking: Booking) -> str:
    start, end = booking.start.astimezone(PARIS), booking.end.astimezone(PARIS)
    if end.hour <= 13 and end.date() == start.date():
        return "morning"
    if start.hour >= 12:
        return "afternoon"
    return "day"


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def member_home(user: Any, *, now: dt.datetime) -> MemberHome:
    """Return the member's next bookings, what to book again, balance, invoices and subscriptions."""
    today = now.astimezone(PARIS).date()
    upcoming, past = bookings_selectors.member_bookings(user, now=now)
    rebook: list[Rebook] = []
    seen: set[int] = set()
    for booking in past:
        if booking.status in WITHDRAWN_STATUSES or booking.resource_id in seen or booking.is_walk_in:
            continue
        seen.add(booking.resource_id)
        day = _next_weekday(today, booking.start.astimezone(PARIS).weekday())
        rebook.append(Rebook(resource=booking.resource, day=day, slot=_slot_of(booking)))
        if len(rebook) == REBOOK:
            break
    invoices = billing_permissions.invoices_visible_to(user).filter(
        buyer_person=user, buyer_organisation__isnull=True
    )
    return MemberHome(
        upcoming=upcoming[:UPCOMING],
        rebook=rebook,
        balance=billing_selectors.balance(person=user),
        invoices=list(invoices.select_related("issuer")[:INVOICES]),
        subscriptions=list(billing_selectors.active_subscriptions(user)),
    )


def _month_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return today.replace(day=1), last_month


def host_home(user: Any, *, now: dt.datetime) -> HostHome | None:
    """Return the day, week, occupancy and sales of each place ``user`` hosts, or None (hosts none)."""
    places = list(Place.objects.filter(hosts=user).order_by("name"))
    if not places:
        return None
    today = now.astimezone(PARIS).date()
    monday = today - dt.timedelta(days=today.weekday())
    period = bookings_selectors.last_complete_days(today)
    month, last_month = _month_bounds(today)
    rows = bookings_selectors.occupancy(places=places, first_day=period[0], last_day=period[1])
    revenue = billing_selectors.revenue_by_place(places=places, first=month, last=today)
    issuers = {place.pk: billing_selectors.issuer_for_place(place) for place in places}
    drafts = billing_selectors.draft_counts([i for i in issuers.values() if i is not None])
    homes = []
    for place in places:
        issuer = issuers[place.pk]
        if issuer is not None and not billing_permissions.can_manage_issuer(user, issuer):
            issuer = None
        week = bookings_selectors.host_week(place, monday)
        homes.append(
            PlaceHome(
                place=place,
                today=bookings_selectors.host_day(place, today),
                week=[(day, len(bookings)) for day, bookings in week],
                occupancy=bookings_selectors.occupancy_percent(r for r in rows if r.place.pk == place.pk),
                revenue=revenue.get(place.pk, Decimal("0")),
                issuer=issuer,
                drafts=drafts.get(issuer.pk, 0) if issuer is not None else 0,
            )
        )
    return HostHome(
        places=homes,
        pending=list(bookings_selectors.pending_requests(places, now=now)[:20]),
        today=today,
        monday=monday,
        period=period,
        month=month,
        last_month=last_month,
    )


def _new_members(network: Network) -> list[tuple[int, int]]:
    rows = (
        roles.network_members([network])
        .filter(is_superuser=False)
        .annotate(year=ExtractYear("date_joined"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], row["n"]) for row in rows]


def network_home(network: Network, *, now: dt.datetime) -> NetworkHome:
    """Return the network's members per year, fill rate, participants, places and sales per place."""
    today = now.astimezone(PARIS).date()
    period = bookings_selectors.last_complete_days(today)
    year_start = today.replace(month=1, day=1)
    places = list(network.places.order_by("name"))
    rows = bookings_selectors.occupancy(places=places, first_day=period[0], last_day=period[1])
    revenue = billing_selectors.revenue_by_place(places=places, first=year_start, last=today)
    figures = []
    for place in places:
        mine = [r for r in rows if r.place.pk == place.pk]
        seats = [r for r in mine if r.resource.kind == ResourceKind.SEAT]
        figures.append(
            PlaceFigures(
                place=place,
                occupancy=bookings_selectors.occupancy_percent(mine),
                coworking=bookings_selectors.occupancy_percent(seats) if seats else None,
                revenue=revenue.get(place.pk, Decimal("0")),
            )
        )
    # The whole year: the events to come count with the people already registered.
    participants = participants_by_kind(
        network=network, first=year_start, last=today.replace(month=12, day=31)
    )
    trainings = participants.get(EventKind.TRAINING, 0)
    return NetworkHome(
        network=network,
        places=figures,
        new_members=_new_members(network),
        coworking=bookings_selectors.occupancy_percent(
            r for r in rows if r.resource.kind == ResourceKind.SEAT
        ),
        trainings=trainings,
        other_events=sum(participants.values()) - trainings,
        revenue=sum(revenue.values(), Decimal("0")),
        period=period,
        year=today.year,
    )


def network_homes(user: Any, *, now: dt.datetime) -> list[NetworkHome]:
    """Return the indicators of each network ``user`` coordinates."""
    return [network_home(n, now=now) for n in Network.objects.filter(coordinators=user).order_by("name")]


def employer_homes(user: Any, *, now: dt.datetime) -> list[EmployerHome]:
    """Return, for each organisation ``user`` administers, its people, their bookings and its invoices."""
    homes = []
    visible = billing_permissions.invoices_visible_to(user)
    for organisation in roles.organisations_administered_by(user).order_by("name"):
        memberships = list(accounts_selectors.organisation_memberships(organisation))
        homes.append(
            EmployerHome(
                organisation=organisation,
                memberships=memberships,
                bookings=bookings_selectors.upcoming_bookings_of(
                    [m.user for m in memberships], now=now, limit=10
                ),
                invoices=list(visible.filter(buyer_organisation=organisation)[:INVOICES]),
                balance=billing_selectors.balance(organisation=organisation),
                employees=len(memberships),
            )
        )
    return homes
