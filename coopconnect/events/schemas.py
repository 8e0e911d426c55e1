"""Input and output schemas of the events API, and how events and registrations are shown in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from coopconnect.events import selectors
from coopconnect.events.models import Event, Registration
from coopconnect.places.models import Place

Kind = Literal["meetup", "training", "workshop", "forum", "broadcast"]


class EventPlaceRef(Schema):
    id: int
    name: str
    slug: str
    commune: str | None = None


class EventNetworkRef(Schema):
    id: int
    name: str
    slug: str


class EventOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    description: str
    themes: list[str]
    start: dt.datetime
    end: dt.datetime
    organising_place: EventPlaceRef | None
    organising_network: EventNetworkRef | None
    venue: EventPlaceRef | None
    room: str | None
    is_online: bool
    relay_places: list[EventPlaceRef]
    capacity: int
    seats_left: int
    waitlisted: int
    price: Decimal = Field(..., description="Prix TTC en euros ; 0 = gratuit.")
    grants_free_months: int
    url: str
    ics_url: str


class EventListOut(Schema):
    count: int
    origin: str | None
    results: list[EventOut]


class AgendaQuery(Schema):
    near: str | None = Field(None, description="Commune, code INSEE ou « latitude,longitude ».")
    within_minutes: int = Field(30, ge=5, le=180, description="Temps de trajet maximal (minutes).")
    kind: Kind | None = None
    theme: str | None = Field(None, max_length=60, description="Code du thème (ex. « prospection »).")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    network: str | None = Field(None, max_length=200, description="Code (slug) du réseau.")
    limit: int = Field(100, ge=1, le=500)


class EventIn(Schema):
    place_id: int | None = Field(None, description="Lieu organisateur (ou network_id).")
    network_id: int | None = Field(None, description="Réseau organisateur (événement du réseau).")
    title: str = Field(..., min_length=1, max_length=200)
    kind: Kind = "meetup"
    description: str = Field("", max_length=20_000)
    themes: list[str] = Field(default_factory=list, max_length=10)
    start: dt.datetime
    end: dt.datetime
    venue_id: int | None = None
    room_id: int | None = Field(None, description="Salle de réunion du lieu, réservée pour l'événement.")
    is_online: bool = False
    online_url: str = Field("", max_length=200)
    relay_place_ids: list[int] = Field(default_factory=list, max_length=200)
    capacity: int = Field(20, ge=1, le=10_000)
    price: Decimal = Field(Decimal("0"), ge=0, le=100_000, max_digits=8, decimal_places=2)
    grants_free_months: int = Field(0, ge=0, le=60)
    publish: bool = False


class EventPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    kind: Kind | None = None
    description: str | None = Field(None, max_length=20_000)
    themes: list[str] | None = Field(None, max_length=10)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    venue_id: int | None = None
    room_id: int | None = None
    is_online: bool | None = None
    online_url: str | None = Field(None, max_length=200)
    relay_place_ids: list[int] | None = Field(None, max_length=200)
    capacity: int | None = Field(None, ge=1, le=10_000)
    price: Decimal | None = Field(None, ge=0, le=100_000, max_digits=8, decimal_places=2)
    grants_free_months: int | None = Field(None, ge=0, le=60)


class RegistrationOut(Schema):
    id: int
    event_id: int
    status: str
    registered_at: dt.datetime
    waitlist_position: int | None


class AttendeeOut(Schema):
    registration_id: int
    person_id: int
    name: str
    email: str
    status: str
    registered_at: dt.datetime
    attended_at: dt.datetime | None


def place_ref(place: Place | None) -> EventPlaceRef | None:
    """Return the API view of a place (None for no place)."""
    if place is None:
        return None
    commune = place.commune.name if getattr(place, "commune", None) is not None else None
    return EventPlaceRef(id=place.pk, name=place.name, slug=place.slug, commune=commune)


def event_out(e: Event) -> EventOut:
    """Return the API view of an event (its counts annotated by the selectors)."""
    return EventOut(
        id=e.pk,
        title=e.title,
        kind=e.kind,
        status=e.status,
        description=e.description,
        themes=[t.slug for t in e.themes.all()],
        start=e.start,
        end=e.end,
        organising_place=place_ref(e.place),
        organising_network=EventNetworkRef(id=e.network.pk, name=e.network.name, slug=e.network.slug)
        if e.network
        else None,
        venue=place_ref(e.venue),
        room=e.room.name if e.room else None,
        is_online=e.is_online,
        relay_places=[r for r in (place_ref(p) for p in e.relay_places.all()) if r is not None],
        capacity=e.capacity,
        seats_left=e.seats_left,
        waitlisted=getattr(e, "waitlist_count", 0) or 0,
        price=e.price,
        grants_free_months=e.grants_free_months,
        url=settings.SITE_URL + reverse("events:detail", args=[e.pk]),
        ics_url=settings.SITE_URL + reverse("events:ics", args=[e.pk]),
    )


def registration_out(r: Registration) -> RegistrationOut:
    """Return the API view of a registration, with its place on the waitlist."""
    return RegistrationOut(
        id=r.pk,
        event_id=r.event_id,
        status=r.status,
        registered_at=r.registered_at,
        waitlist_position=selectors.waitlist_position(r),
    )


class AttendanceIn(Schema):
    registration_ids: list[int] = Field(
        default_factory=list, max_length=500, description="Numéros d'inscription (voir « participants »)."
    )
    emails: list[str] = Field(
        default_factory=list, max_length=500, description="Adresses e-mail des personnes inscrites."
    )
    attended: bool = Field(True, description="true : présent ; false : retirer la présence notée.")


def attendee_out(r: Registration) -> AttendeeOut:
    """Return the API view of one registration, as an organiser sees it."""
    return AttendeeOut(
        registration_id=r.pk,
        person_id=r.person_id,
        name=r.person.get_full_name() or r.person.email,
        email=r.person.email,
        status=r.status,
        registered_at=r.registered_at,
        attended_at=r.attended_at,
    )
