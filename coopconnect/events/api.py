"""JSON API of the events app (mounted under /api/v1/): agenda, event, registrations, organisers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.security import django_auth

from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.events import selectors
from coopconnect.events.models import Event
from coopconnect.events.permissions import can_manage_event
from coopconnect.events.schemas import (
    AgendaQuery,
    AttendanceIn,
    AttendeeOut,
    EventIn,
    EventListOut,
    EventOut,
    EventPatch,
    RegistrationOut,
    attendee_out,
    event_out,
    registration_out,
)
from coopconnect.events.services import attendance as attendance_services
from coopconnect.events.services import events as event_services
from coopconnect.events.services import registrations as registration_services
from coopconnect.places.models import Network, Place, Resource

router = Router(tags=["events"])

ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


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
        raise DomainError(f"{label} introuvable.", {field: [f"{label} introuvable : {pk}."]})
    return found


def _relays(ids: list[int]) -> list[Place]:
    found = list(Place.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {p.pk for p in found})
    if missing:
        raise DomainError("Lieu relais inconnu.", {"relay_place_ids": [f"Inconnu(s) : {missing}."]})
    return found


@router.get("/events", response={200: EventListOut, **ERRORS}, summary="Agenda : événements publiés à venir")
def event_list(request: HttpRequest, params: Query[AgendaQuery]) -> Any:
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
        filters, origin = selectors.narrow_near(
            filters, near=params.near, within_minutes=params.within_minutes
        )
    events = selectors.agenda(filters, limit=params.limit)
    return {
        "count": len(events),
        "origin": origin.label if origin else None,
        "results": [event_out(e) for e in events],
    }


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS}, summary="Un événement")
def event_get(request: HttpRequest, event_id: int) -> Any:
    return event_out(_visible(request, event_id))


@router.post(
    "/events",
    auth=django_auth,
    response={201: EventOut, **ERRORS},
    summary="Créer un événement (organisateurs)",
)
def event_post(request: HttpRequest, payload: EventIn) -> Any:
    event = event_services.event_create(
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
    return Status(201, event_out(selectors.event_for(request.user, event.pk)))


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
    event_services.event_update(event=event, by=request.user, **changes)
    return event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/publish", auth=django_auth, response={200: EventOut, **ERRORS}, summary="Publier"
)
def event_publish(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    event_services.event_publish(event=event, by=request.user)
    return event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/cancel",
    auth=django_auth,
    response={200: EventOut, **ERRORS},
    summary="Annuler l'événement (les inscrits sont prévenus)",
)
def event_cancel(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    event_services.event_cancel(event=event, by=request.user)
    return event_out(selectors.event_for(request.user, event.pk))


@router.post(
    "/events/{event_id}/registrations",
    auth=django_auth,
    response={201: RegistrationOut, **ERRORS},
    summary="M'inscrire (liste d'attente quand c'est complet)",
)
def registration_post(request: HttpRequest, event_id: int) -> Any:
    event = _visible(request, event_id)
    return Status(
        201, registration_out(registration_services.registration_create(event=event, person=request.user))
    )


@router.delete(
    "/events/{event_id}/registrations/me",
    auth=django_auth,
    response={200: RegistrationOut, **ERRORS},
    summary="Annuler mon inscription",
)
def registration_delete(request: HttpRequest, event_id: int) -> Any:
    event = _visible(request, event_id)
    return registration_out(registration_services.registration_cancel(event=event, person=request.user))


@router.get(
    "/events/{event_id}/attendees",
    auth=django_auth,
    response={200: list[AttendeeOut], **ERRORS},
    summary="Participants (organisateurs seulement)",
)
def attendees(request: HttpRequest, event_id: int) -> Any:
    event = _managed(request, event_id)
    return [attendee_out(r) for r in selectors.attendees(event)]


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
    marked = attendance_services.attendance_mark_many(
        event=event,
        by=request.user,
        registration_ids=payload.registration_ids,
        emails=payload.emails,
        attended=payload.attended,
    )
    return [attendee_out(r) for r in marked]
