"""Who belongs to a network or a place (core.permissions): the rule the forums and boards rely on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from coopconnect.billing.models import Subscription, SubscriptionStatus, Tariff
from coopconnect.billing.models.tariffs import TariffKind
from coopconnect.bookings.models import BookingStatus
from coopconnect.core.permissions import (
    can_moderate_network,
    is_network_member,
    is_place_member,
    network_members,
)
from coopconnect.forums.tests.fixtures import book

pytestmark = pytest.mark.django_db


def test_hosts_and_coordinators_belong_strangers_do_not(
    network, place, host, coordinator, outsider, other_host
):
    assert is_network_member(host, network) and is_place_member(host, place)
    assert is_network_member(coordinator, network) and is_place_member(coordinator, place)
    assert not is_network_member(outsider, network)
    assert not is_network_member(other_host, network)  # hosts a place outside the network
    assert set(network_members([network])) == {host, coordinator}


def test_a_booking_makes_a_member_a_cancelled_one_does_not(network, place, member, seats):
    book(member, seats, status=BookingStatus.CANCELLED)
    assert not is_network_member(member, network)
    book(member, seats, days=5)
    assert is_network_member(member, network) and is_place_member(member, place)
    assert member in network_members([network])


def test_a_current_subscription_makes_a_member_an_ended_one_does_not(network, place, member):
    today = timezone.localdate()
    tariff = Tariff.objects.create(
        network=network,
        code="adhesion-reseau",
        label="Adhésion au réseau",
        kind=TariffKind.MEMBERSHIP,
        price=Decimal("0.00"),
        valid_from=today.replace(month=1, day=1),
    )
    sub = Subscription.objects.create(
        tariff=tariff, person=member, start=today, status=SubscriptionStatus.ENDED
    )
    assert not is_network_member(member, network)
    sub.status = SubscriptionStatus.ACTIVE
    sub.end = today - dt.timedelta(days=1)
    sub.start = today - dt.timedelta(days=30)
    sub.save()
    assert not is_network_member(member, network)  # ended yesterday
    sub.end = None
    sub.save()
    # A network membership is valid at every place of the network.
    assert is_network_member(member, network) and is_place_member(member, place)
    assert member in network_members([network])


def test_moderators_are_coordinators_and_hosts(network, host, coordinator, member, seats):
    book(member, seats)
    assert can_moderate_network(coordinator, network)
    assert can_moderate_network(host, network)
    assert not can_moderate_network(member, network)
