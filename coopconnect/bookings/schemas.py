"""Input and output schemas of the bookings API, and how a booking or waitlist entry is shown."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from coopconnect.bookings.models import Booking, WaitlistEntry, WaitlistStatus
from coopconnect.bookings.slots import PARIS
from coopconnect.places.models import Place

Slot = Literal["morning", "afternoon", "day"]
Kind = Literal["seat", "office", "meeting_room", "video_point", "locker"]


class PlaceRef(Schema):
    id: int
    name: str
    slug: str
    commune: str | None = None


class AvailabilityQuery(Schema):
    near: str = Field(
        ...,
        description="Code INSEE (lu avant un code postal de mêmes chiffres), code postal, nom de commune "
        "ou « latitude,longitude ».",
    )
    within_minutes: int = Field(20, ge=1, le=240, description="Temps de trajet maximal (minutes).")
    date: dt.date = Field(..., description="Jour (AAAA-MM-JJ).")
    slot: Slot = Field("morning", description="morning, afternoon ou day (horaires du lieu).")
    kind: Kind = Field("seat", description="seat, office, meeting_room, video_point, locker.")


class AvailabilityOut(Schema):
    place: PlaceRef
    resource_id: int
    resource_name: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    free: int
    capacity: int
    travel_minutes: int
    distance_km: float
    method: str
    by_appointment: bool = Field(
        False, description="Lieu sans horaires publiés : la réservation est une demande que l'hôte confirme."
    )


class AvailabilityListOut(Schema):
    origin: str
    date: dt.date
    slot: str
    kind: str
    count: int
    results: list[AvailabilityOut]


class BookingIn(Schema):
    resource_id: int
    start: dt.datetime | None = Field(None, description="Début (ISO 8601 avec fuseau). Ou date + slot.")
    end: dt.datetime | None = None
    date: dt.date | None = Field(None, description="Jour, avec « slot » à la place de start/end.")
    slot: Slot | None = None
    layout: str = ""
    attendees: int = Field(1, ge=1, le=500)
    note: str = Field("", max_length=300)
    idempotency_key: str = Field("", max_length=80, description="Ou l'en-tête Idempotency-Key.")
    person_id: int | None = Field(None, description="Pour un salarié (administrateur d'un employeur).")


class BookingOut(Schema):
    id: int
    resource_id: int
    resource_name: str
    place: PlaceRef
    start: dt.datetime
    end: dt.datetime
    status: str
    seat_number: int
    short_code: str
    layout: str
    attendees: int
    checked_in_at: dt.datetime | None


class AccessIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)


class AccessOut(Schema):
    allowed: bool
    reason: str
    place_id: int
    checked_at: dt.datetime


def place_ref(place: Place) -> PlaceRef:
    """Return the short description of a place given with each booking."""
    return PlaceRef(
        id=place.pk,
        name=place.name,
        slug=place.slug,
        commune=place.commune.name if place.commune_id else None,
    )


def booking_out(b: Booking) -> BookingOut:
    """Return the API view of a booking (times in Paris time)."""
    return BookingOut(
        id=b.pk,
        resource_id=b.resource_id,
        resource_name=b.resource.name,
        place=place_ref(b.resource.place),
        start=b.start.astimezone(PARIS),
        end=b.end.astimezone(PARIS),
        status=b.status,
        seat_number=b.seat_number,
        short_code=b.short_code,
        layout=b.layout,
        attendees=b.attendees,
        checked_in_at=b.checked_in_at,
    )


class SeriesIn(Schema):
    resource_id: int
    date: dt.date = Field(..., description="Premier jour.")
    slot: Slot = "morning"
    rule: str = Field(
        ..., max_length=300, description="RRULE RFC 5545, ex. FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630"
    )
    all_or_nothing: bool = Field(False, description="Ne rien réserver si une date est en conflit (409).")


class SeriesConflictOut(Schema):
    date: dt.date
    reason: str


class SeriesOut(Schema):
    series_id: int
    created: list[BookingOut]
    conflicts: list[SeriesConflictOut]


class BookingChangeIn(Schema):
    resource_id: int | None = Field(
        None, description="Autre ressource du même lieu (autre salle, autre espace de postes)."
    )
    start: dt.datetime | None = Field(None, description="Nouveau début (ISO 8601 avec fuseau).")
    end: dt.datetime | None = Field(None, description="Nouvelle fin.")
    date: dt.date | None = Field(
        None, description="Nouveau jour : avec « slot », ou seul pour les mêmes heures."
    )
    slot: Slot | None = None
    layout: str | None = None
    attendees: int | None = Field(None, ge=1, le=500)


class WaitlistIn(Schema):
    resource_id: int
    start: dt.datetime | None = Field(None, description="Début (ISO 8601 avec fuseau). Ou date + slot.")
    end: dt.datetime | None = None
    date: dt.date | None = Field(None, description="Jour, avec « slot » à la place de start/end.")
    slot: Slot | None = None


class HoldOut(Schema):
    id: int
    status: str
    expires_at: dt.datetime
    booking_id: int | None


class WaitlistEntryOut(Schema):
    id: int
    resource_id: int
    resource_name: str
    place: PlaceRef
    start: dt.datetime
    end: dt.datetime
    status: str = Field(..., description="waiting, offered, booked, expired, cancelled")
    hold: HoldOut | None = Field(None, description="La place proposée (status « offered »), à réclamer.")


def entry_out(entry: WaitlistEntry) -> WaitlistEntryOut:
    """Return the API view of a waitlist entry, with the seat offered if any."""
    hold = getattr(entry, "hold", None) if entry.status != WaitlistStatus.WAITING else None
    return WaitlistEntryOut(
        id=entry.pk,
        resource_id=entry.resource_id,
        resource_name=entry.resource.name,
        place=place_ref(entry.resource.place),
        start=entry.start.astimezone(PARIS),
        end=entry.end.astimezone(PARIS),
        status=entry.status,
        hold=HoldOut(
            id=hold.pk,
            status=hold.status,
            expires_at=hold.expires_at.astimezone(PARIS),
            booking_id=hold.booking_id,
        )
        if hold is not None
        else None,
    )


class CheckInIn(Schema):
    code: str = Field("", max_length=40, description="Code court ; facultatif pour la personne elle-même.")
