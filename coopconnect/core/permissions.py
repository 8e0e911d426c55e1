"""Who may do what: the one place for role rules.

Roles are relations, not flags: a host is in ``Place.hosts``, a coordinator in ``Network.coordinators``,
an employer admin holds an admin ``OrganisationMembership``. Platform-wide power belongs to the platform
team only, that is superusers (``User.is_superuser``). ``User.is_staff`` grants nothing here: it only
opens the Django admin, which network coordinators also get (the admin restricts them to their own
networks, see ``coopconnect.core.admin``).
Every function accepts an anonymous user and then answers no (or an empty queryset).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from coopconnect.accounts.models import ApiToken, Organisation, User
    from coopconnect.billing.models import Subscription
    from coopconnect.places.models import Network, Place


def _known(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_platform_staff(user: Any) -> bool:
    """Tell whether the user belongs to the platform team (a superuser), who may manage everything.

    ``is_staff`` is not enough: network coordinators are staff so they can use the admin, and must
    not manage other networks' places through it.
    """
    return _known(user) and bool(user.is_superuser)


def may_book(user: Any) -> bool:
    """Tell whether the person may book: signed in, active, with a verified e-mail address."""
    return _known(user) and bool(user.email_verified)


def is_host_of(user: Any, place: Place) -> bool:
    """Tell whether the user hosts this place."""
    return _known(user) and place.hosts.filter(pk=user.pk).exists()


def is_coordinator_of(user: Any, network: Network) -> bool:
    """Tell whether the user coordinates this network."""
    return _known(user) and network.coordinators.filter(pk=user.pk).exists()


def places_managed_by(user: Any) -> QuerySet[Place]:
    """Return the places the user may manage: hosted, in a coordinated network, or all for platform staff."""
    from coopconnect.places.models import Place

    if not _known(user):
        return Place.objects.none()
    if is_platform_staff(user):
        return Place.objects.all()
    ids = Place.objects.filter(Q(hosts=user) | Q(networks__coordinators=user)).values("pk")
    return Place.objects.filter(pk__in=ids)


def can_manage_place(user: Any, place: Place) -> bool:
    """Tell whether the user may manage the place: its host, a coordinator of one of its networks,
    platform staff."""
    if not _known(user):
        return False
    if is_platform_staff(user):
        return True
    return place.hosts.filter(pk=user.pk).exists() or place.networks.filter(coordinators=user).exists()


def can_host(user: Any, place: Place) -> bool:
    """Tell whether the user may act as a host of the place (arrivals, walk-ins, approvals): its hosts,
    platform staff. Coordinators are not hosts: they oversee the place but do not run it."""
    return is_platform_staff(user) or is_host_of(user, place)


def can_oversee_place(user: Any, place: Place) -> bool:
    """Tell whether the user oversees the place: a coordinator of one of its networks, platform staff."""
    if not _known(user):
        return False
    return is_platform_staff(user) or place.networks.filter(coordinators=user).exists()


def can_oversee_network(user: Any, network: Network) -> bool:
    """Tell whether the user oversees the network: one of its coordinators, platform staff."""
    return is_platform_staff(user) or is_coordinator_of(user, network)


def organisations_administered_by(user: Any) -> QuerySet[Organisation]:
    """Return the organisations in which the user is an admin."""
    from coopconnect.accounts.models import Organisation, OrganisationRole

    if not _known(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=OrganisationRole.ADMIN
    ).distinct()


def is_organisation_admin(user: Any, organisation: Organisation) -> bool:
    """Tell whether the user is an admin of this organisation."""
    return _known(user) and organisations_administered_by(user).filter(pk=organisation.pk).exists()


def can_administer_organisation(user: Any, organisation: Organisation) -> bool:
    """Tell whether the user may see and change the organisation's people: one of its admins, or
    platform staff."""
    return is_platform_staff(user) or is_organisation_admin(user, organisation)


def employer_for(user: Any, person: User | None) -> Organisation | None:
    """Return the first organisation (by id) that the user administers and the person belongs to, or None."""
    if not _known(user) or person is None:
        return None
    return organisations_administered_by(user).filter(memberships__user=person).order_by("pk").first()


def is_employer_admin_of(user: Any, person: User | None) -> bool:
    """Tell whether the user administers an organisation the person belongs to (as employee or admin)."""
    if not _known(user) or person is None:
        return False
    return organisations_administered_by(user).filter(memberships__user=person).exists()


def can_act_for(user: Any, person: User) -> bool:
    """Tell whether the user may see or book for the person: themself, their employer admin, or
    platform staff."""
    if not _known(user):
        return False
    return user.pk == person.pk or is_platform_staff(user) or is_employer_admin_of(user, person)


def token_is_for_place(token: ApiToken | None, place: Place) -> bool:
    """Tell whether a machine token is live and scoped to this place."""
    return token is not None and token.revoked_at is None and token.place_id == place.pk


# Community: who belongs to a place or a network (forums, skills, missions board). A person belongs
# to a place when they host it, coordinate one of its networks, have booked one of its resources (a
# booking neither cancelled nor rejected, past ones included: they have been there), or hold a
# current subscription or membership valid there (a tariff of the place, or of one of its networks).
# They belong to a network when they coordinate it, or belong to one of its places directly (host,
# booking, place tariff), or hold a current network tariff. Platform staff belong everywhere.


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


def _current_subscriptions() -> QuerySet[Subscription]:
    """Return the subscriptions and memberships running today (started, not over, not ended)."""
    from coopconnect.billing.models import Subscription, SubscriptionStatus

    today = _today()
    return Subscription.objects.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today).exclude(
        status=SubscriptionStatus.ENDED
    )


def network_members(networks: QuerySet[Network] | list[Network]) -> QuerySet[User]:
    """Return the people who belong to any of these networks (see the rule above)."""
    from coopconnect.accounts.models import User
    from coopconnect.bookings.models import WITHDRAWN_STATUSES, Booking
    from coopconnect.places.models import Place

    today_subs = _current_subscriptions().filter(
        Q(tariff__network__in=networks) | Q(tariff__place__networks__in=networks)
    )
    places = Place.objects.filter(networks__in=networks).values("pk")
    ids = (
        User.objects.filter(
            Q(coordinated_networks__in=networks)
            | Q(hosted_places__in=places)
            | Q(
                pk__in=Booking.objects.filter(resource__place__in=places)
                .exclude(status__in=WITHDRAWN_STATUSES)
                .values("person")
            )
            | Q(pk__in=today_subs.values("person"))
            | Q(is_superuser=True)
        )
        .filter(is_active=True)
        .values("pk")
    )
    return User.objects.filter(pk__in=ids)


def member_networks(user: Any) -> QuerySet[Network]:
    """Return the networks the user belongs to (all of them for platform staff)."""
    from coopconnect.bookings.models import WITHDRAWN_STATUSES, Booking
    from coopconnect.places.models import Network, Place

    if not _known(user):
        return Network.objects.none()
    if is_platform_staff(user):
        return Network.objects.all()
    subs = _current_subscriptions().filter(person=user)
    booked = (
        Booking.objects.filter(person=user).exclude(status__in=WITHDRAWN_STATUSES).values("resource__place")
    )
    places = Place.objects.filter(Q(hosts=user) | Q(pk__in=booked) | Q(pk__in=subs.values("tariff__place")))
    ids = Network.objects.filter(
        Q(coordinators=user) | Q(places__in=places.values("pk")) | Q(pk__in=subs.values("tariff__network"))
    ).values("pk")
    return Network.objects.filter(pk__in=ids)


def member_places(user: Any) -> QuerySet[Place]:
    """Return the places the user belongs to (all of them for platform staff)."""
    from coopconnect.bookings.models import WITHDRAWN_STATUSES, Booking
    from coopconnect.places.models import Place

    if not _known(user):
        return Place.objects.none()
    if is_platform_staff(user):
        return Place.objects.all()
    subs = _current_subscriptions().filter(person=user)
    booked = (
        Booking.objects.filter(person=user).exclude(status__in=WITHDRAWN_STATUSES).values("resource__place")
    )
    ids = Place.objects.filter(
        Q(hosts=user)
        | Q(networks__coordinators=user)
        | Q(pk__in=booked)
        | Q(pk__in=subs.values("tariff__place"))
        | Q(networks__in=subs.values("tariff__network"))
    ).values("pk")
    return Place.objects.filter(pk__in=ids)


def is_network_member(user: Any, network: Network) -> bool:
    """Tell whether the user belongs to the network (see the rule above)."""
    return member_networks(user).filter(pk=network.pk).exists()


def is_place_member(user: Any, place: Place) -> bool:
    """Tell whether the user belongs to the place (see the rule above)."""
    return member_places(user).filter(pk=place.pk).exists()


def can_moderate_network(user: Any, network: Network) -> bool:
    """Tell whether the user moderates the network's community: its coordinators, the hosts of its
    places, platform staff."""
    if not _known(user):
        return False
    return (
        is_platform_staff(user)
        or network.coordinators.filter(pk=user.pk).exists()
        or network.places.filter(hosts=user).exists()
    )


def can_moderate_place(user: Any, place: Place) -> bool:
    """Tell whether the user moderates the place's community: its hosts, its networks' coordinators,
    platform staff."""
    return can_manage_place(user, place)


def people_known_to(user: Any) -> QuerySet[User]:
    """Return the people the user deals with: themself, the people who belong to the networks they
    coordinate or to the networks of the places they host, those who booked or subscribed at the places
    they host, the people of the organisations they administer; everyone for platform staff.
    Other superusers stay out of sight."""
    from coopconnect.accounts.models import OrganisationMembership, User
    from coopconnect.bookings.models import WITHDRAWN_STATUSES, Booking
    from coopconnect.places.models import Network, Place

    if not _known(user):
        return User.objects.none()
    if is_platform_staff(user):
        return User.objects.all()
    hosted = list(Place.objects.filter(hosts=user).values_list("pk", flat=True))
    networks = Network.objects.filter(Q(coordinators=user) | Q(places__in=hosted)).distinct()
    employees = OrganisationMembership.objects.filter(organisation__in=organisations_administered_by(user))
    # Gathered piece by piece: one nested query of all of them is too deep for SQLite's parser.
    ids = {user.pk}
    for people in (
        network_members(networks).values_list("pk", flat=True),
        User.objects.filter(hosted_places__in=hosted).values_list("pk", flat=True),
        Booking.objects.filter(resource__place__in=hosted)
        .exclude(status__in=WITHDRAWN_STATUSES)
        .values_list("person", flat=True),
        _current_subscriptions().filter(tariff__place__in=hosted).values_list("person", flat=True),
        employees.values_list("user", flat=True),
    ):
        ids.update(people)
    return User.objects.filter(pk__in=sorted(ids)).filter(Q(is_superuser=False) | Q(pk=user.pk))
