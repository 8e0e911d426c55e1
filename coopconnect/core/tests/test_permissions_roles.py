"""Platform-wide power belongs to superusers only: ``is_staff`` (given to coordinators for the admin)
grants nothing outside the coordinator's own networks."""

import pytest

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.accounts.seed import coordinator_group_grant
from coopconnect.core import permissions as perms
from coopconnect.places.models import Network


@pytest.fixture
def staff_coordinator_elsewhere(db) -> User:
    """A coordinator of another network, made staff the way the seed does it (for the admin)."""
    user = User.objects.create_user(
        "coord-ailleurs@example.org", "mot-de-passe-coord-2", first_name="Claire", email_verified=True
    )
    Network.objects.create(name="Réseau Ventoux", slug="reseau-ventoux").coordinators.add(user)
    coordinator_group_grant(user)
    user.refresh_from_db()
    return user


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("equipe@coop-connect.fr", "mot-de-passe-equipe")


def test_staff_coordinator_of_another_network_is_refused_for_place(staff_coordinator_elsewhere, place):
    user = staff_coordinator_elsewhere
    assert user.is_staff and not user.is_superuser
    assert not perms.is_platform_staff(user)
    assert not perms.can_manage_place(user, place)
    assert place not in perms.places_managed_by(user)
    assert not perms.can_host(user, place)
    assert not perms.can_oversee_place(user, place)
    assert not perms.can_oversee_network(user, place.networks.get())


def test_staff_coordinator_keeps_their_own_network(staff_coordinator_elsewhere, place, other_place):
    ventoux = Network.objects.get(slug="reseau-ventoux")
    other_place.networks.add(ventoux)
    user = staff_coordinator_elsewhere
    assert perms.can_manage_place(user, other_place)
    assert list(perms.places_managed_by(user)) == [other_place]
    assert perms.can_oversee_place(user, other_place)
    # a coordinator oversees the place but is not one of its hosts
    assert not perms.can_host(user, other_place)


def test_staff_coordinator_may_not_act_for_people_or_organisations(staff_coordinator_elsewhere, member):
    org = Organisation.objects.create(name="Durance Numérique")
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.EMPLOYEE)
    assert not perms.can_act_for(staff_coordinator_elsewhere, member)
    assert not perms.can_administer_organisation(staff_coordinator_elsewhere, org)
    assert perms.employer_for(staff_coordinator_elsewhere, member) is None


def test_superuser_is_platform_staff_everywhere(superuser, member, place, other_place):
    org = Organisation.objects.create(name="Durance Numérique")
    assert perms.is_platform_staff(superuser)
    assert perms.can_manage_place(superuser, place)
    assert set(perms.places_managed_by(superuser)) == {place, other_place}
    assert perms.can_host(superuser, other_place)
    assert perms.can_oversee_network(superuser, place.networks.get())
    assert perms.can_act_for(superuser, member)
    assert perms.can_administer_organisation(superuser, org)


def test_inactive_superuser_has_no_power(superuser, place):
    superuser.is_active = False
    superuser.save()
    assert not perms.is_platform_staff(superuser)
    assert not perms.can_manage_place(superuser, place)


def test_employer_for_returns_the_administered_organisation(member, outsider):
    admin = User.objects.create_user("rh@example.org", "mot-de-passe-rh")
    org = Organisation.objects.create(name="Luberon Logiciels")
    OrganisationMembership.objects.create(organisation=org, user=admin, role=OrganisationRole.ADMIN)
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.EMPLOYEE)
    assert perms.employer_for(admin, member) == org
    assert perms.employer_for(admin, outsider) is None
    # an employee does not administer their colleagues (or their admin)
    assert perms.employer_for(member, admin) is None
