"""JSON API of the webhooks (mounted under /api/v1/): endpoints, their delivery log, replays."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Network, Place
from coopconnect.webhooks import selectors, services
from coopconnect.webhooks.models import Endpoint, EventType
from coopconnect.webhooks.permissions import endpoints_managed_by
from coopconnect.webhooks.schemas import (
    DeliveryOut,
    EndpointIn,
    EndpointOut,
    EndpointPatch,
    EndpointSecretOut,
    EventTypeOut,
    delivery_out,
    endpoint_out,
)

router = Router(tags=["webhooks"])
ERRORS: dict[int, Any] = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422)}
READ_ERRORS: dict[int, Any] = {code: ErrorOut for code in (401, 404, 422)}


def _endpoint(request: HttpRequest, endpoint_id: int) -> Endpoint:
    endpoint = selectors.endpoint_for(request.user, endpoint_id)
    if endpoint is None:
        raise NotFound("Point de réception inconnu.")
    return endpoint


@router.get("/webhooks/event-types", response={200: list[EventTypeOut]}, summary="Événements proposés")
def event_types(request: HttpRequest) -> list[EventTypeOut]:
    return [EventTypeOut(type=value, label=str(label)) for value, label in EventType.choices]


@router.get(
    "/webhooks/endpoints",
    auth=django_auth,
    response={200: list[EndpointOut], 401: ErrorOut},
    summary="Mes points de réception (lieux et réseaux que je gère)",
)
def endpoint_list(request: HttpRequest) -> list[EndpointOut]:
    return [endpoint_out(e) for e in endpoints_managed_by(request.user).order_by("pk")]


@router.post(
    "/webhooks/endpoints",
    auth=django_auth,
    response={201: EndpointSecretOut, **ERRORS},
    summary="Enregistrer un point de réception (le secret n'est montré qu'une fois)",
)
def endpoint_create(request: HttpRequest, payload: EndpointIn) -> Status[EndpointOut]:
    place = network = None
    if payload.place_id is not None:
        place = Place.objects.filter(pk=payload.place_id).first()
        if place is None:
            raise NotFound("Lieu inconnu.", {"place_id": ["Lieu inconnu."]})
    if payload.network_id is not None:
        network = Network.objects.filter(pk=payload.network_id).first()
        if network is None:
            raise NotFound("Réseau inconnu.", {"network_id": ["Réseau inconnu."]})
    endpoint, secret = services.endpoint_create(
        by=request.user,
        url=payload.url,
        events=payload.events,
        description=payload.description,
        place=place,
        network=network,
    )
    return Status(201, endpoint_out(endpoint, secret=secret))


@router.get(
    "/webhooks/endpoints/{endpoint_id}",
    auth=django_auth,
    response={200: EndpointOut, **READ_ERRORS},
    summary="Un point de réception",
)
def endpoint_detail(request: HttpRequest, endpoint_id: int) -> EndpointOut:
    return endpoint_out(_endpoint(request, endpoint_id))


@router.patch(
    "/webhooks/endpoints/{endpoint_id}",
    auth=django_auth,
    response={200: EndpointOut, **ERRORS},
    summary="Changer, suspendre ou réactiver un point de réception",
)
def endpoint_change(request: HttpRequest, endpoint_id: int, payload: EndpointPatch) -> EndpointOut:
    endpoint = services.endpoint_update(
        endpoint=_endpoint(request, endpoint_id),
        url=payload.url,
        events=payload.events,
        description=payload.description,
        is_active=payload.is_active,
    )
    return endpoint_out(endpoint)


@router.delete(
    "/webhooks/endpoints/{endpoint_id}",
    auth=django_auth,
    response={204: None, **READ_ERRORS},
    summary="Supprimer un point de réception et son journal",
)
def endpoint_remove(request: HttpRequest, endpoint_id: int) -> Status[None]:
    services.endpoint_delete(endpoint=_endpoint(request, endpoint_id))
    return Status(204, None)


@router.post(
    "/webhooks/endpoints/{endpoint_id}/secret",
    auth=django_auth,
    response={200: EndpointSecretOut, **READ_ERRORS},
    summary="Renouveler le secret de signature (montré une fois)",
)
def endpoint_new_secret(request: HttpRequest, endpoint_id: int) -> EndpointOut:
    endpoint = _endpoint(request, endpoint_id)
    secret = services.endpoint_rotate_secret(endpoint=endpoint)
    return endpoint_out(endpoint, secret=secret)


@router.get(
    "/webhooks/endpoints/{endpoint_id}/deliveries",
    auth=django_auth,
    response={200: list[DeliveryOut], **READ_ERRORS},
    summary="Journal des livraisons (les 50 dernières, avec chaque essai)",
)
def delivery_list(request: HttpRequest, endpoint_id: int) -> list[DeliveryOut]:
    return [delivery_out(d) for d in selectors.delivery_log(_endpoint(request, endpoint_id))]


@router.post(
    "/webhooks/deliveries/{delivery_id}/replay",
    auth=django_auth,
    response={202: DeliveryOut, **ERRORS},
    summary="Rejouer une livraison (même corps, même webhook-id)",
)
def delivery_replay(request: HttpRequest, delivery_id: int) -> Status[DeliveryOut]:
    delivery = selectors.delivery_for(request.user, delivery_id)
    if delivery is None:
        raise NotFound("Livraison inconnue.")
    return Status(202, delivery_out(services.delivery_replay(delivery=delivery)))
