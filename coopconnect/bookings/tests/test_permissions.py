"""Booking permissions delegate role rules to core.permissions: superusers see and change everything,
coordinators see their networks' bookings without changing them, ``is_staff`` grants nothing."""

import pytest

from coopconnect.accounts.models import User
from coopconnect.bookings.permissions import (
    can_manage_booking,
    can_view_booking,
    employer_for,
    is_coordinator,
    is_host,
    is_network_coordinator,
    visible_bookings,
)
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import Resource, ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


@pytest.fixture
def booking(seats, member):
    return booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])


@pytest.fixture
def elsewhere(other_place, member):
    seat = Resource.objects.create(place=other_place, kind=ResourceKind.SEAT, name="Plateau", capacity=2)
    # other_place opens 09:00-17:00; the afternoon, as one person holds one seat at a time.
    return booking_create(resource=seat, person=member, start=paris(TUESDAY, 14), end=paris(TUESDAY, 17))


def test_superuser_sees_and_manages_every_booking(booking, elsewhere, place, network):
    root = User.objects.create_superuser("equipe@coop-connect.fr", "mot-de-passe-equipe")
    assert set(visible_bookings(root)) == {booking, elsewhere}
    assert can_manage_booking(root, elsewhere)
    assert is_host(root, place) and is_coordinator(root, place) and is_network_coordinator(root, network)


def test_coordinator_sees_but_does_not_change(booking, elsewhere, coordinator, place, network):
    assert list(visible_bookings(coordinator)) == [booking]
    assert can_view_booking(coordinator, booking)
    assert not can_manage_booking(coordinator, booking)
    assert is_coordinator(coordinator, place) and is_network_coordinator(coordinator, network)
    assert not is_host(coordinator, place)


def test_staff_flag_grants_nothing(booking, elsewhere, coordinator, other_place):
    # Coordinators are made staff for the admin: that must not open another network's place.
    coordinator.is_staff = True
    coordinator.save()
    assert list(visible_bookings(coordinator)) == [booking]
    assert not can_view_booking(coordinator, elsewhere)
    assert not can_manage_booking(coordinator, elsewhere)
    assert not is_host(coordinator, other_place) and not is_coordinator(coordinator, other_place)


def test_host_person_and_employer_admin(booking, host, other_host, outsider, member, employer):
    assert can_manage_booking(host, booking) and can_manage_booking(member, booking)
    assert can_manage_booking(employer.admin, booking)
    assert employer_for(employer.admin, member) == employer
    for intruder in (other_host, outsider):
        assert not can_view_booking(intruder, booking)
        assert not can_manage_booking(intruder, booking)
        assert employer_for(intruder, member) is None
