from django.contrib.auth.models import AnonymousUser

from coopconnect.accounts.models import User
from coopconnect.core import permissions as perms
from coopconnect.places.models import Network


def test_host_is_host_of_own_place_only(host, other_host, place, other_place):
    assert perms.is_host_of(host, place)
    assert not perms.is_host_of(host, other_place)
    assert not perms.is_host_of(other_host, place)


def test_coordinator_of_network(coordinator, outsider, network):
    assert perms.is_coordinator_of(coordinator, network)
    assert not perms.is_coordinator_of(outsider, network)
    assert not perms.is_coordinator_of(coordinator, Network.objects.create(name="Autre", slug="autre"))


def test_can_manage_place(host, other_host, coordinator, outsider, member, place, other_place):
    assert perms.can_manage_place(host, place)
    # the coordinator's network contains `place`, not `other_place`
    assert perms.can_manage_place(coordinator, place)
    assert not perms.can_manage_place(coordinator, other_place)
    for user in (other_host, outsider, member):
        assert not perms.can_manage_place(user, place)
    assert not perms.can_manage_place(AnonymousUser(), place)


def test_platform_staff_manages_every_place(place, other_place):
    staff = User.objects.create_superuser("staff@example.org", "mot-de-passe-staff")
    assert perms.can_manage_place(staff, other_place)
    assert set(perms.places_managed_by(staff)) == {place, other_place}


def test_is_staff_alone_manages_nothing(place, other_place):
    # is_staff only opens the admin (coordinators get it); it is not platform-wide power.
    staff = User.objects.create_user("staff@example.org", "mot-de-passe-staff", is_staff=True)
    assert not perms.can_manage_place(staff, other_place)
    assert not perms.places_managed_by(staff).exists()


def test_places_managed_by(host, other_host, coordinator, outsider, place, other_place):
    assert list(perms.places_managed_by(host)) == [place]
    assert list(perms.places_managed_by(other_host)) == [other_place]
    assert list(perms.places_managed_by(coordinator)) == [place]
    assert list(perms.places_managed_by(outsider)) == []
    assert list(perms.places_managed_by(AnonymousUser())) == []


def test_places_managed_by_has_no_duplicates_when_host_and_coordinator(host, network, place):
    network.coordinators.add(host)
    assert perms.places_managed_by(host).count() == 1


def test_inactive_host_manages_nothing(host, place):
    host.is_active = False
    host.save()
    assert not perms.can_manage_place(host, place)
    assert not perms.places_managed_by(host).exists()


def test_employer_admin_of_employees_only(employer, employer_admin, member, outsider, other_employer_admin):
    assert perms.is_employer_admin_of(employer_admin, member)
    assert not perms.is_employer_admin_of(employer_admin, outsider)
    assert not perms.is_employer_admin_of(other_employer_admin, member)
    # an employee does not administer colleagues
    assert not perms.is_employer_admin_of(member, employer_admin)
    assert not perms.is_employer_admin_of(AnonymousUser(), member)


def test_organisations_administered_by(employer, other_employer, employer_admin, member, outsider):
    assert list(perms.organisations_administered_by(employer_admin)) == [employer]
    assert list(perms.organisations_administered_by(member)) == []
    assert list(perms.organisations_administered_by(outsider)) == []
    assert perms.can_administer_organisation(employer_admin, employer)
    assert not perms.can_administer_organisation(employer_admin, other_employer)
    assert not perms.can_administer_organisation(member, employer)


def test_can_act_for(employer, employer_admin, member, outsider):
    assert perms.can_act_for(member, member)
    assert perms.can_act_for(employer_admin, member)
    assert not perms.can_act_for(outsider, member)
    assert not perms.can_act_for(member, employer_admin)


def test_may_book_requires_verified_address(member):
    assert perms.may_book(member)
    member.email_verified = False
    assert not perms.may_book(member)
    assert not perms.may_book(AnonymousUser())
