"""Reads of the events app: the agenda, an event's page, my events, attendees, pop-up places, feeds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.events.models import (
    SEATED,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Theme,
    ThemeSubscription,
)
from coopconnect.events.permissions import can_manage_event, managed_events
from coopconnect.places.models import Network, Place, Typology
from coopconnect.places.selectors import Origin, places_near, resolve_origin


def with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Return ``qs`` with what event lists show: place, themes, relays, seats taken and waitlist length."""
    return (
        qs.select_related("place", "network", "venue", "venue__commune", "room")
        .prefetch_related("themes", Prefetch("relay_places", queryset=Place.objects.order_by("name")))
        .annotate(
            seated_count=Count("registrations", filter=Q(registrations__status__in=SEATED), distinct=True),
            waitlist_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                distinct=True,
            ),
        )
    )


def seats_left(event: Event) -> int:
    """Return the free seats of an event (0 when full)."""
    return event.seats_left


@dataclass(frozen=True)
class AgendaFilters:
    """What the agenda is narrowed to; ``place_ids`` comes from a travel-time search."""

    kind: str = ""
    theme: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    network: Network | None = None
    place: Place | None = None
    place_ids: tuple[int, ...] | None = None


def narrow_near(filters: AgendaFilters, *, near: str, within_minutes: int) -> tuple[AgendaFilters, Origin]:
    """Narrow ``filters`` to the places within ``within_minutes`` of ``near``; return them and the origin.

    ``near`` is a commune name, an INSEE code or "lat,lon"; DomainError when it is unknown.
    """
    origin = resolve_origin(near)
    hits = places_near(origin=origin.point, within_minutes=within_minutes, origin_elevation=origin.elevation)
    return dataclasses.replace(filters, place_ids=tuple(h.place.pk for h in hits)), origin


def agenda(filters: AgendaFilters, *, now: dt.datetime | None = None, limit: int = 100) -> list[Event]:
    """Return the first ``limit`` published events not yet over matching the filters, soonest first."""
    return list(agenda_events(filters, now=now)[:limit])


def agenda_events(filters: AgendaFilters, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Return the published events not yet over matching the filters, soonest first (to paginate).

    Near a commune means: held at one of the places found, or relayed there (visio).
    """
    now = now or timezone.now()
    qs = Event.objects.filter(status=EventStatus.PUBLISHED, end__gt=now)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(end__gt=dt.datetime.combine(filters.date_from, dt.time(0), tzinfo=tz))
    if filters.date_to:
        qs = qs.filter(
            start__lt=dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        )
    if filters.network is not None:
        qs = qs.filter(
            Q(network=filters.network)
            | Q(place__networks=filters.network)
            | Q(venue__networks=filters.network)
        )
    if filters.place is not None:
        qs = qs.filter(Q(place=filters.place) | Q(venue=filters.place) | Q(relay_places=filters.place))
    if filters.place_ids is not None:
        place_ids = list(filters.place_ids)
        qs = qs.filter(Q(venue_id__in=place_ids) | Q(relay_places__in=place_ids))
    return with_counts(Event.objects.filter(pk__in=qs.values("pk"))).order_by("start", "pk")


def event_for(user: Any, pk: int) -> Event | None:
    """Return the event if the user may see it: published or cancelled for all, drafts for managers."""
    event = with_counts(Event.objects.filter(pk=pk)).first()
    if event is None:
        return None
    if event.status == EventStatus.DRAFT and not can_manage_event(user, event):
        return None
    return event


def registration_of(user: Any, event: Event) -> Registration | None:
    """Return the user's registration to the event (whatever its state), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, person=user).first()


def waitlist_position(registration: Registration) -> int | None:
    """Return the 1-based position of a waitlisted registration, or None."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def my_registrations(
    user: Any, *, now: dt.datetime | None = None
) -> tuple[list[Registration], list[Registration]]:
    """Return the user's registrations: (upcoming, past or cancelled)."""
    now = now or timezone.now()
    regs = list(
        Registration.objects.filter(person=user)
        .select_related("event", "event__venue", "event__place", "event__network")
        .order_by("event__start")
    )
    upcoming = [
        r
        for r in regs
        if r.event.end > now
        and r.status != RegistrationStatus.CANCELLED
        and r.event.status != EventStatus.CANCELLED
    ]
    others = [r for r in regs if r not in upcoming]
    others.reverse()
    return upcoming, others


def managed_event_list(user: Any, *, limit: int = 200) -> list[Event]:
    """Return the latest ``limit`` events the user manages, latest first, with their counts."""
    return list(with_counts(managed_events(user)).order_by("-start")[:limit])


def followed_theme_ids(person: Any) -> list[int]:
    """Return the ids of the themes the person follows."""
    return list(ThemeSubscription.objects.filter(person=person).values_list("theme_id", flat=True))


def seated_attendees(event: Event) -> list[Registration]:
    """Return the people holding a seat (registered or present), for the sign-in sheet."""
    return [r for r in attendees(event) if r.status in SEATED]


def attendees(event: Event) -> list[Registration]:
    """Return the event's registrations, seated people first, then the waitlist, then cancellations."""
    order: dict[str, int] = {
        RegistrationStatus.ATTENDED: 0,
        RegistrationStatus.CONFIRMED: 0,
        RegistrationStatus.WAITLISTED: 1,
    }
    regs = list(event.registrations.select_related("person").order_by("registered_at", "pk"))
    return sorted(regs, key=lambda r: order.get(r.status, 2))


def popup_places(
    *, today: dt.date | None = None, now: dt.datetime | None = None
) -> list[tuple[Place, list[Event]]]:
    """Return the current and upcoming pop-up third places (soonest first) with their published events."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    places = list(
        Place.objects.filter(typology=Typology.POPUP, is_published=True, popup_end__gte=today)
        .select_related("commune")
        .order_by("popup_start", "name")[:50]
    )
    events = with_counts(
        Event.objects.filter(status=EventStatus.PUBLISHED, end__gt=now, venue__in=places)
    ).order_by("start")
    by_place: dict[int, list[Event]] = {}
    for event in events:
        by_place.setdefault(event.venue_id, []).append(event)  # type: ignore[arg-type]
    return [(p, by_place.get(p.pk, [])) for p in places]


def feed_events(*, place: Place | None = None, network: Network | None = None) -> list[Event]:
    """Return the published (and cancelled, so calendars drop them) events of a place or network feed."""
    since = timezone.now() - dt.timedelta(days=90)
    qs = Event.objects.filter(status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED), end__gt=since)
    if place is not None:
        qs = qs.filter(Q(place=place) | Q(venue=place) | Q(relay_places=place))
    elif network is not None:
        qs = qs.filter(Q(network=network) | Q(place__networks=network))
    else:
        return []
    ids = qs.values("pk")
    return list(
        Event.objects.filter(pk__in=ids)
        .select_related("venue")
        .prefetch_related("themes")
        .order_by("start")[:500]
    )


def themes_in_use() -> QuerySet[Theme]:
    """Return the themes of at least one event, by name."""
    return Theme.objects.filter(events__isnull=False).distinct().order_by("name")


def personal_data(person: User) -> PersonalData:
    """Return what the events app holds about the person: registrations, followed themes, events organised."""
    registrations = (
        Registration.objects.filter(person=person).select_related("event").order_by("registered_at")
    )
    themes = ThemeSubscription.objects.filter(person=person).select_related("theme")
    return PersonalData(
        tables={
            "registrations": [
                {
                    "event": r.event.title,
                    "start": r.event.start,
                    "status": r.status,
                    "registered_at": r.registered_at,
                    "cancelled_at": r.cancelled_at,
                    "attended_at": r.attended_at,
                }
                for r in registrations
            ],
            "followed_themes": [{"theme": t.theme.name} for t in themes],
            "organised_events": [
                {"event": e.title, "start": e.start, "status": e.status}
                for e in Event.objects.filter(organiser=person).order_by("start")
            ],
        }
    )


def participants_by_kind(*, network: Network, first: dt.date, last: dt.date) -> dict[str, int]:
    """Return, per kind of event, the people seated at the network's events (its own or its places')
    held from ``first`` to ``last``."""
    rows = (
        Registration.objects.filter(
            Q(event__network=network) | Q(event__place__networks=network),
            status__in=SEATED,
            event__start__date__gte=first,
            event__start__date__lte=last,
        )
        .exclude(event__status=EventStatus.CANCELLED)
        .values("event__kind")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["event__kind"]: row["n"] for row in rows}
