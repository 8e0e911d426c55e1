"""Writes of the webhooks: endpoints (made, changed, switched on or off, deleted), events emitted, replays.

``emit`` is the one call the other apps make where an event happens. It costs one query when no
endpoint listens; otherwise it stores one delivery per endpoint in the caller's transaction and
queues it after commit, so a rolled-back booking tells nobody.
"""

from __future__ import annotations

import functools
import json
import operator
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Network, Place
from coopconnect.webhooks import signing, tasks, transport
from coopconnect.webhooks.models import Delivery, DeliveryStatus, Endpoint, EventType
from coopconnect.webhooks.payloads import describe
from coopconnect.webhooks.permissions import may_manage_endpoints

EVENT_TYPES = frozenset(EventType.values)


def _id(obj: Model | int | None) -> int | None:
    return obj if obj is None or isinstance(obj, int) else obj.pk


def emit(
    event_type: str,
    *,
    place: Place | int | None,
    payload: Mapping[str, Any] | Model,
    network: Network | int | None = None,
) -> list[Delivery]:
    """Tell the endpoints of ``place`` and of its networks listening to ``event_type``; return the deliveries.

    ``payload`` is the object the event is about (described by ``payloads.describe``) or a mapping.
    ``network`` (without a place: an invoice of a network issuer) reaches that network's endpoints.
    """
    return emit_many(event_type, place=place, payloads=[payload], network=network)


def emit_many(
    event_type: str,
    *,
    place: Place | int | None,
    payloads: Sequence[Mapping[str, Any] | Model],
    network: Network | int | None = None,
) -> list[Delivery]:
    """``emit`` for several objects of one place at once (an invoicing run): still one query when no
    endpoint listens."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event {event_type!r}")
    place_id, network_id = _id(place), _id(network)
    owners: list[Q] = []
    if place_id is not None:
        owners += [Q(place_id=place_id), Q(network__places=place_id)]
    if network_id is not None:
        owners.append(Q(network_id=network_id))
    if not payloads or not owners:
        return []
    where = functools.reduce(operator.or_, owners)
    listening = [
        e
        for e in Endpoint.objects.filter(where, is_active=True).only("pk", "events")
        if event_type in e.events
    ]
    if not listening:
        return []
    now = timezone.now().isoformat()
    bodies = [
        json.dumps(
            {"type": event_type, "timestamp": now, "data": describe(p, place_id=place_id)},
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for p in payloads
    ]
    with transaction.atomic():
        deliveries = Delivery.objects.bulk_create(
            Delivery(endpoint=e, event_type=event_type, msg_id=f"msg_{uuid.uuid4().hex}", body=body)
            for body in bodies
            for e in listening
        )
    for delivery in deliveries:
        after_commit(tasks.deliver_webhook, delivery.pk)
    return deliveries


def _clean_events(events: Iterable[str]) -> list[str]:
    chosen = sorted(set(events))
    unknown = [e for e in chosen if e not in EVENT_TYPES]
    if unknown:
        message = "Événement inconnu : " + ", ".join(unknown) + "."
        raise DomainError(message, {"events": [message]})
    if not chosen:
        message = "Choisissez au moins un événement."
        raise DomainError(message, {"events": [message]})
    return chosen


def _clean_url(url: str) -> str:
    url = url.strip()
    if len(url) > 500:
        raise DomainError("L'adresse est trop longue.", {"url": ["500 caractères au plus."]})
    transport.check_url(url)
    return url


@transaction.atomic
def endpoint_create(
    *,
    by: Any,
    url: str,
    events: Iterable[str],
    place: Place | None = None,
    network: Network | None = None,
    description: str = "",
) -> tuple[Endpoint, str]:
    """Register an endpoint of a place or a network; return it with its secret (shown this once)."""
    if (place is None) == (network is None):
        raise DomainError("Choisissez un lieu ou un réseau.", {"place_id": ["Un lieu ou un réseau."]})
    if not may_manage_endpoints(by, place=place, network=network):
        raise PermissionDenied("Vous ne gérez pas les webhooks de ce lieu ou de ce réseau.")
    secret = signing.new_secret()
    endpoint = Endpoint.objects.create(
        place=place,
        network=network,
        url=_clean_url(url),
        events=_clean_events(events),
        description=description.strip()[:120],
        secret=secret,
        created_by=by,
    )
    return endpoint, secret


@transaction.atomic
def endpoint_update(
    *,
    endpoint: Endpoint,
    url: str | None = None,
    events: Iterable[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> Endpoint:
    """Change an endpoint; switching it back on forgets its past failures."""
    endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    if url is not None:
        endpoint.url = _clean_url(url)
    if events is not None:
        endpoint.events = _clean_events(events)
    if description is not None:
        endpoint.description = description.strip()[:120]
    if is_active is not None and is_active != endpoint.is_active:
        endpoint.is_active = is_active
        endpoint.consecutive_failures = 0
        endpoint.disabled_at = None if is_active else timezone.now()
        endpoint.disabled_reason = "" if is_active else "Désactivé à la main"
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_rotate_secret(*, endpoint: Endpoint) -> str:
    """Give the endpoint a new secret and return it (shown this once); the old one stops signing."""
    secret = signing.new_secret()
    Endpoint.objects.filter(pk=endpoint.pk).update(secret=secret, updated_at=timezone.now())
    endpoint.secret = secret
    return secret


@transaction.atomic
def endpoint_delete(*, endpoint: Endpoint) -> None:
    """Delete an endpoint and its delivery log."""
    Endpoint.objects.filter(pk=endpoint.pk).delete()


@transaction.atomic
def delivery_replay(*, delivery: Delivery) -> Delivery:
    """Send a delivery again, same body and id, with a fresh round of retries."""
    locked = Delivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
    if not locked.endpoint.is_active:
        raise Conflict("Ce point de réception est désactivé : réactivez-le avant de rejouer.")
    if locked.status == DeliveryStatus.SENDING:
        raise Conflict("Cette livraison est en cours d'envoi.")
    locked.status = DeliveryStatus.PENDING
    locked.round_base = locked.attempts
    locked.next_attempt_at = None
    locked.save(update_fields=["status", "round_base", "next_attempt_at"])
    after_commit(tasks.deliver_webhook, locked.pk)
    return locked
