"""API schemas of the webhooks."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from coopconnect.webhooks.models import Attempt, Delivery, Endpoint

_URL = "https://portail.example.org/coop-connect/webhooks"


class EventTypeOut(Schema):
    type: str = Field(examples=["booking.created"])
    label: str = Field(examples=["Réservation créée"])


class EndpointIn(Schema):
    url: str = Field(min_length=8, max_length=500, examples=[_URL])
    events: list[str] = Field(
        min_length=1, max_length=20, examples=[["booking.created", "booking.cancelled"]]
    )
    description: str = Field("", max_length=120, examples=["Serrure connectée de l'entrée"])
    place_id: int | None = Field(None, description="Le lieu dont on veut les événements…", examples=[3])
    network_id: int | None = Field(None, description="…ou le réseau (tous ses lieux).", examples=[None])


class EndpointPatch(Schema):
    url: str | None = Field(None, min_length=8, max_length=500, examples=[_URL])
    events: list[str] | None = Field(None, min_length=1, max_length=20, examples=[["checkin"]])
    description: str | None = Field(None, max_length=120)
    is_active: bool | None = Field(None, description="Réactiver (remet les échecs à zéro) ou suspendre.")


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    place_id: int | None
    network_id: int | None
    is_active: bool
    consecutive_failures: int
    disabled_at: dt.datetime | None
    disabled_reason: str
    secret_hint: str = Field(description="Début du secret, pour reconnaître celui en service.")
    created_at: dt.datetime


class EndpointSecretOut(EndpointOut):
    secret: str = Field(
        description="Secret de signature (Standard Webhooks) : affiché cette seule fois.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class AttemptOut(Schema):
    number: int
    at: dt.datetime
    ok: bool
    response_code: int | None
    duration_ms: int
    error: str


class DeliveryOut(Schema):
    id: int
    event_type: str
    msg_id: str = Field(description="En-tête webhook-id : le même à chaque essai et à chaque rejeu.")
    status: str = Field(examples=["succeeded"])
    attempts: int
    next_attempt_at: dt.datetime | None
    created_at: dt.datetime
    attempt_log: list[AttemptOut]


def endpoint_out(e: Endpoint, *, secret: str | None = None) -> EndpointOut:
    fields = {
        "id": e.pk,
        "url": e.url,
        "description": e.description,
        "events": list(e.events),
        "place_id": e.place_id,
        "network_id": e.network_id,
        "is_active": e.is_active,
        "consecutive_failures": e.consecutive_failures,
        "disabled_at": e.disabled_at,
        "disabled_reason": e.disabled_reason,
        "secret_hint": e.secret_hint,
        "created_at": e.created_at,
    }
    return EndpointSecretOut(**fields, secret=secret) if secret else EndpointOut(**fields)


def _attempt_out(a: Attempt) -> AttemptOut:
    return AttemptOut(
        number=a.number,
        at=a.at,
        ok=a.ok,
        response_code=a.response_code,
        duration_ms=a.duration_ms,
        error=a.error,
    )


def delivery_out(d: Delivery) -> DeliveryOut:
    return DeliveryOut(
        id=d.pk,
        event_type=d.event_type,
        msg_id=d.msg_id,
        status=d.status,
        attempts=d.attempts,
        next_attempt_at=d.next_attempt_at,
        created_at=d.created_at,
        attempt_log=[_attempt_out(a) for a in d.attempt_log.all()],
    )
