"""Who may manage which events: the events vocabulary for the role rules of coopconnect.core.permissions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.core import permissions as roles
from coopconnect.events.models import Event
from coopconnect.places.models import Network, Place


def can_organise_at(user: Any, *, place: Place | None = None, network: Network | None = None) -> bool:
    """Tell whether the user may organise events for this place (hosts, coordinators) or network."""
    if place is not None:
        return roles.can_manage_place(user, place)
    if network is not None:
        return roles.can_oversee_network(user, network)
    return False


def can_manage_event(user: Any, event: Event) -> bool:
    """Tell whether the user manages the event: hosts of the organising place, coordinators of its
    networks or of the organising network, platform staff."""
    return can_organise_at(user, place=event.place, network=event.network)


def managed_events(user: Any) -> QuerySet[Event]:
    """Return the events the user may manage."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    if roles.is_platform_staff(user):
        return Event.objects.all()
    places = roles.places_managed_by(user).values("pk")
    ids = Event.objects.filter(Q(place__in=places) | Q(network__coordinators=user)).values("pk")
    return Event.objects.filter(pk__in=ids)


def organisable_places(user: Any) -> QuerySet[Place]:
    """Return the places the user may organise events for."""
    return roles.places_managed_by(user).order_by("name")


def organisable_networks(user: Any) -> QuerySet[Network]:
    """Return the networks the user may organise network-wide events for."""
    if not getattr(user, "is_authenticated", False):
        return Network.objects.none()
    if roles.is_platform_staff(user):
        return Network.objects.order_by("name")
    return Network.objects.filter(coordinators=user).order_by("name")


def may_organise(user: Any) -> bool:
    """Tell whether the user may organise events at all: for a place or a network they manage."""
    return organisable_places(user).exists() or organisable_networks(user).exists()
