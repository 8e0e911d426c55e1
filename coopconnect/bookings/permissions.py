"""Who may see or change which bookings: the person, their employer's admins, the place's hosts,
the coordinators of the place's networks (see only), platform staff (superusers).

Role rules themselves live in ``coopconnect.core.permissions``; the names below are the bookings
vocabulary for them, plus the rules that are about bookings.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.accounts.models import Organisation, OrganisationMembership, User
from coopconnect.bookings.models import Booking
from coopconnect.core import permissions as roles
from coopconnect.places.models import Network, Place


def is_host(user: Any, place: Place) -> bool:
    """Say whether ``user`` may act as a host of ``place`` (platform staff counts as host everywhere).

    ``is_staff`` alone does not: coordinators get staff status for the admin, not every place.
    """
    return roles.can_host(user, place)


def is_coordinator(user: Any, place: Place) -> bool:
    """Say whether ``user`` coordinates a network the place belongs to (or is platform staff)."""
    return roles.can_oversee_place(user, place)


def is_network_coordinator(user: Any, network: Network) -> bool:
    """Say whether ``user`` coordinates ``network`` (or is platform staff)."""
    return roles.can_oversee_network(user, network)


def admin_organisations(user: Any) -> QuerySet[Organisation]:
    """Return the organisations in which ``user`` is an admin."""
    return roles.organisations_administered_by(user)


def employer_for(admin: Any, person: User) -> Organisation | None:
    """Return an organisation where ``admin`` is admin and ``person`` belongs, or None."""
    return roles.employer_for(admin, person)


def is_tied_to_place(person: Any, place: Place) -> bool:
    """Say whether a host of ``place`` may book for ``person``: someone who belongs to the place or to
    one of its networks (``coopconnect.core.permissions``: a subscriber of the place or of its
    networks, a person who booked there or at another place of its networks, its hosts and
    coordinators). A stranger to the place is recorded as a walk-in when they come, not booked."""
    if roles.is_place_member(person, place):
        return True
    return roles.network_members(place.networks.all()).filter(pk=person.pk).exists()


def visible_bookings(user: Any) -> QuerySet[Booking]:
    """Return every booking ``user`` may see."""
    qs = Booking.objects.select_related("resource", "resource__place", "person")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if roles.is_platform_staff(user):
        return qs
    employees = OrganisationMembership.objects.filter(organisation__in=admin_organisations(user)).values(
        "user_id"
    )
    return qs.filter(
        Q(person=user)
        | Q(person_id__in=employees)
        | Q(resource__place__hosts=user)
        | Q(resource__place__networks__coordinators=user)
    ).distinct()


def can_view_booking(user: Any, booking: Booking) -> bool:
    """Say whether ``user`` may see ``booking``."""
    return visible_bookings(user).filter(pk=booking.pk).exists()


def can_manage_booking(user: Any, booking: Booking) -> bool:
    """Cancel or modify: the person, an admin of their employer, a host of the place, platform staff.

    Coordinators see their network's bookings but do not change them.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == booking.person_id or is_host(user, booking.resource.place):
        return True
    return employer_for(user, booking.person) is not None
