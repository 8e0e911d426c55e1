"""Who may see or change which bookings: the person, their employer's admins, the place's hosts,
the coordinators of the place's networks, superusers."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.bookings.models import Booking
from coopconnect.places.models import Network, Place


def is_host(user: User, place: Place) -> bool:
    """Say whether ``user`` hosts ``place`` (superusers count as hosts everywhere).

    ``is_staff`` alone does not: coordinators get staff status for the admin, not every place.
    """
    if not user.is_authenticated:
        return False
    return user.is_superuser or place.hosts.filter(pk=user.pk).exists()


def is_coordinator(user: User, place: Place) -> bool:
    """Say whether ``user`` coordinates a network the place belongs to."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or place.networks.filter(coordinators=user).exists()


def is_network_coordinator(user: User, network: Network) -> bool:
    return user.is_authenticated and (user.is_superuser or network.coordinators.filter(pk=user.pk).exists())


def admin_organisations(user: User) -> QuerySet[Organisation]:
    """Return the organisations in which ``user`` is an admin."""
    return Organisation.objects.filter(memberships__user=user, memberships__role=OrganisationRole.ADMIN)


def employer_for(admin: User, person: User) -> Organisation | None:
    """Return an organisation where ``admin`` is admin and ``person`` belongs, or None."""
    if not admin.is_authenticated:
        return None
    person_orgs = OrganisationMembership.objects.filter(user=person).values("organisation_id")
    return admin_organisations(admin).filter(pk__in=person_orgs).order_by("pk").first()


def visible_bookings(user: User) -> QuerySet[Booking]:
    """Return every booking ``user`` may see."""
    qs = Booking.objects.select_related("resource", "resource__place", "person")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
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


def can_view_booking(user: User, booking: Booking) -> bool:
    return visible_bookings(user).filter(pk=booking.pk).exists()


def can_manage_booking(user: User, booking: Booking) -> bool:
    """Cancel or modify: the person, an admin of their employer, a host of the place, staff.

    Coordinators see their network's bookings but do not change them.
    """
    if not user.is_authenticated:
        return False
    if user.pk == booking.person_id or is_host(user, booking.resource.place):
        return True
    return employer_for(user, booking.person) is not None
