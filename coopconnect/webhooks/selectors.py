"""Reads of the webhooks: the endpoints a person manages, an endpoint's delivery log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from coopconnect.places.models import Network, Place
from coopconnect.webhooks.models import Delivery, Endpoint
from coopconnect.webhooks.permissions import deliveries_managed_by, endpoints_managed_by

LOG_SIZE = 50


def endpoints_of(*, place: Place | None = None, network: Network | None = None) -> QuerySet[Endpoint]:
    """Return the endpoints registered for this place, or for this network."""
    if place is not None:
        return Endpoint.objects.filter(place=place)
    return Endpoint.objects.filter(network=network)


def endpoint_for(user: Any, endpoint_id: int) -> Endpoint | None:
    """Return the endpoint if the user manages it, else None (as if it did not exist)."""
    return endpoints_managed_by(user).select_related("place", "network").filter(pk=endpoint_id).first()


def delivery_for(user: Any, delivery_id: int) -> Delivery | None:
    """Return the delivery if the user manages its endpoint, else None."""
    return deliveries_managed_by(user).select_related("endpoint").filter(pk=delivery_id).first()


def delivery_log(endpoint: Endpoint, *, limit: int = LOG_SIZE) -> list[Delivery]:
    """Return the endpoint's latest deliveries, newest first, with their attempts."""
    return list(endpoint.deliveries.prefetch_related("attempt_log").order_by("-created_at", "-pk")[:limit])
