"""JSON API of the events app (mounted under /api/v1/): agenda, event, registrations, organisers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.events import selectors, services
from coopconnect.events.models import Event, Registration
from coopconnect.events.permissions import can_manage_event
from coopconnect.places.models import Network, Place, Resource

router = Router(tags=["events"])

Kind = Literal["meetup", "training", "workshop", "forum", "broadcast"]
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class PlaceRef(Schema):
    id: int
    name: str
    slug: str
    commune: str | None = None


class NetworkRef(Schema):
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
    organising_place: PlaceRef | None
    organising_network: NetworkRef | None
    venue: PlaceRef | None
    room: str | None
    is_online: bool
    relay_places: list[PlaceRef]
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


def _place_ref(place: Place | None) -> PlaceRef | None:
    if place is None:
        return None
    commune = place.commune.name if getattr(place, "commune", None) is not None else None
    return PlaceRef(id=place.pk, name=place.name, slug=place.slug, commune=commune)


def _event_out(e: Event) -> EventOut:
    return EventOut(
        id=e.pk,
        title=e.title,
        kind=e.kind,
        status=e.status,
        description=e.description,
        themes=[t.slug for t in e.themes.all()],
        start=e.start,
        end=e.end,
        organising_place=_place_ref(e.place),
        organising_network=NetworkRef(id=e.network.pk, name=e.network.name, slug=e.network.slug)
        if e.network
        else None,
        venue=_place_ref(e.venue),
        room=e.room.name if e.room else None,
        is_online=e.is_online,
        relay_places=[r for r in (_place_ref(p) for p in e.relay_places.all()) if r is not None],
        capacity=e.capacity,
        seats_left=e.seats_left,
        waitlisted=getattr(e, "waitlist_count", 0) or 0,
        price=e.price,
        grants_free_months=e.grants_free_months,
        url=settings.SITE_URL + reverse("events:detail", args=[e.pk]),
        ics_url=settings.SITE_URL + reverse("events:ics", args=[e.pk]),
    )


def _registration_out(r: Registration) -> RegistrationOut:
    return RegistrationOut(
        id=r.pk,
        event_id=r.event_id,
        status=r.status,
        registered_at=r.registered_at,
        waitlist_position=selectors.waitlist_position(r),
    )


def _visible(request: HttpRequest, event_id: int) -> Event:
    event = selectors.event_for(request.user, event_id)
    if event is None:
        raise NotFound("Événement inconnu.", {"event_id": ["Événement inconnu."]})
    return event


def _managed(request: HttpRequest, event_id: int) -> Event:
    event = _visible(request, event_id)
    if not can_manage_event(request.user, event):
        raise PermissionDenied("Vous ne gérez pas cet événement.")
    return event


def _get(model: Any, pk: int | None, field: str, label: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise DomainError(f"{label} inconnu(e).", {field: [f"{label} inconnu(e) : {pk}."]})
    return found


def _relays(ids: list[int]) -> list[Place]:
    found = list(Place.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {p.pk for p in found})
    if missing:
        raise DomainError("Lieu relais inconnu.", {"relay_place_ids": [f"Inconnu(s) : {missing}."]})
    return found


@router.get("/events", response={200: EventListOut, **ERRORS}, summary="Agenda : événements publiés à venir")
def event_list(request: HttpRequest, params: Query[AgendaQuery]) -> Any:
    from coopconnect.places.selectors import places_near, resolve_origin

    network = None
    if params.network:
        network = Network.objects.filter(slug=params.network).first()
        if network is None:
            raise DomainError("Réseau inconnu.", {"network": [f"Réseau inconnu : « {params.network} »."]})
    if params.date_from and params.date_to and params.date_to < params.date_from:
        raise DomainError("Dates incohérentes.", {"date_to": ["La date de fin précède la date de début."]})
    filters = selectors.AgendaFilters(
        kind=params.kind or "",
        theme=params.theme or "",
        date_from=params.date_from,
        date_to=params.date_to,
        network=network,
    )
    origin = None
    if params.near:
        origin = resolve_origin(params.near)
        hits = places_near(
            origin=origin.point, within_minutes=params.within_minutes, origin_elevation=origin.elevation
        )
        filters = selectors.AgendaFilters(
            **{**filters.__dict__, "place_ids": tuple(h.place.pk for h in hits)}
        )
    events = selectors.agenda(filters, limit=params.limit)
    return {
        "count": len(events),
        "origin": origin.label if origin else None,
        "results": [_event_out(e) for e in events],
    }


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS}, summary="Un événement")
def event_get(request: HttpRequest, event_id: int) -> Any:
    return _event_out(_visible(request, event_id))


@router.post(
    "/events",
    auth=django_auth,
    response={201: EventOut, **ERRORS},
    summary="Créer un événement (organisateurs)",
)
def event_post(request: HttpRequest, payload: EventIn) -> Any:
    event = services.event_create(
        by=request.user,
        place=_get(Place, payload.place_id, "place_id", "Lieu"),
        network=_get(Network, payload.network_id, "network_id", "Réseau"),
        title=payload.title,
        kind=payload.kind,
        description=payload.description,
        themes=payload.themes,
        start=payload.start,
        end=payload.end,
        venue=_get(Place, payload.venue_id, "venue_id", "Lieu"),
        room=_get(Resource, payload.room_id, "room_id", "Salle"),
        is_online=payload.is_online,
        online_url=payload.online_url,
        relay_places=_relays(payload.relay_place_ids),
        capacity=payload.capacity,
        price=payload.price,
        grants_free_months=payload.grants_free_months,
        publish=payload.publish,
    )
    return Status(201, _event_out(selectors.event_for(request.user, event.pk)))


@router.patch(
    "/events/{event_id}",
    auth=django_auth,
    response={200: EventOut, **ERRORS},
    summary="Modifier un événement",
)
def event_patch(request: HttpRequest, event_id: int, payload: EventPatch) -> Any:
    event = _managed(request, event_id)
    data = payload.dict(exclude_unset=True)
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key == "venue_id":
            changes["venue"] = _get(Place, value, "venue_id", "Lieu")
        elif key == "room_id":
            changes["room"] = _get(Resource, value, "room_id", "Salle")
        elif key == "relay_place_ids":
            changes["relay_places"] = _relays(value or [])
        elif value is None:
            raise DomainError("Valeur manquante.", {key: ["Ce champ ne peut pas être vide."]})
        else:
            changes[key] = value
    services.event_update(event=event, by=request.user, **changes)
    return _event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/publish", auth=django_auth, response={200: EventOut, **ERRORS}, summary="Publier"
)
def event_publish(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    services.event_publish(event=event, by=request.user)
    return _event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/cancel",
    auth=django_auth,
    response={200: EventOut, **ERRORS},
    summary="Annuler l'événement (les inscrits sont prévenus)",
)
def event_cancel(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    services.event_cancel(event=event, by=request.user)
    return _event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/registrations",
    auth=django_auth,
    response={201: RegistrationOut, **ERRORS},
    summary="M'inscrire (liste d'attente quand c'est complet)",
)
def registration_post(request: HttpRequest, event_id: int) -> Any:
    event = _visible(request, event_id)
    return Status(201, _registration_out(services.registration_create(event=event, person=request.user)))


@router.delete(
    "/events/{event_id}/registrations/me",
    auth=django_auth,
    response={200: RegistrationOut, **ERRORS},
    summary="Annuler mon inscription",
)
def registration_delete(request: HttpRequest, event_id: int) -> Any:
    event = _visible(request, event_id)
    return _registration_out(services.registration_cancel(event=event, person=request.user))


@router.get(
    "/events/{event_id}/attendees",
    auth=django_auth,
    response={200: list[AttendeeOut], **ERRORS},
    summary="Participants (organisateurs seulement)",
)
def attendees(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    return [
        AttendeeOut(
            registration_id=r.pk,
            person_id=r.person_id,
            name=r.person.get_full_name() or r.person.email,
            email=r.person.email,
            status=r.status,
            registered_at=r.registered_at,
            attended_at=r.attended_at,
        )
        for r in selectors.attendees(event)
    ]


class AttendanceIn(Schema):
    registration_ids: list[int] = Field(
        default_factory=list, max_length=500, description="Numéros d'inscription (voir « participants »)."
    )
    emails: list[str] = Field(
        default_factory=list, max_length=500, description="Adresses e-mail des personnes inscrites."
    )
    attended: bool = Field(True, description="true : présent ; false : retirer la présence notée.")


@router.post(
    "/events/{event_id}/attendance",
    auth=django_auth,
    response={200: list[AttendeeOut], **ERRORS},
    summary="Noter les présences (organisateurs seulement)",
    description=(
        "Note présentes (ou non) les personnes inscrites, par numéro d'inscription ou adresse e-mail, "
        "à partir du début d'un événement publié. Tout ou rien : une erreur sur un élément refuse l'envoi "
        "entier. 400 : liste vide, numéro ou adresse inconnus, événement pas commencé ou non publié, "
        "personne en liste d'attente ou désinscrite, période gratuite déjà accordée (retrait) ; "
        "403 : vous n'organisez pas cet événement ; 404 : événement introuvable ; 422 : corps invalide. "
        "Une formation qui offre des mois gratuits les accorde à la personne notée présente."
    ),
)
def attendance(request: HttpRequest, event_id: int, payload: AttendanceIn) -> Any:
    event = _managed(request, event_id)
    marked = services.attendance_mark_many(
        event=event,
        by=request.user,
        registration_ids=payload.registration_ids,
        emails=payload.emails,
        attended=payload.attended,
    )
    return [
        AttendeeOut(
            registration_id=r.pk,
            person_id=r.person_id,
            name=r.person.get_full_name() or r.person.email,
            email=r.person.email,
            status=r.status,
            registered_at=r.registered_at,
            attended_at=r.attended_at,
        )
        for r in marked
    ]
