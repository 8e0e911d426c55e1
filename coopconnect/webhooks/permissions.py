"""Who manages which webhook endpoints: a place's (hosts, its networks' coordinators) or a network's
(its coordinators); platform staff everywhere. Built on ``core.permissions``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.core.permissions import (
    can_manage_place,
    can_oversee_network,
    is_platform_staff,
    places_managed_by,
)
from coopconnect.places.models import Network, Place
from coopconnect.webhooks.models import Delivery, Endpoint


def _known(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def may_manage_endpoints(user: Any, *, place: Place | None = None, network: Network | None = None) -> bool:
    """Tell whether the user may add and manage the endpoints of this place or this network."""
    if place is not None:
        return can_manage_place(user, place)
    if network is not None:
        return can_oversee_network(user, network)
    return False


def endpoints_managed_by(user: Any) -> QuerySet[Endpoint]:
    """Return the endpoints the user may see, change, and whose log they may read and replay."""
    if not _known(user):
        return Endpoint.objects.none()
    if is_platform_staff(user):
        return Endpoint.objects.all()
    return Endpoint.objects.filter(
        Q(place__in=places_managed_by(user).values("pk")) | Q(network__coordinators=user)
    ).distinct()


def deliveries_managed_by(user: Any) -> QuerySet[Delivery]:
    """Return the deliveries of the endpoints the user manages."""
    return Delivery.objects.filter(endpoint__in=endpoints_managed_by(user).values("pk"))
