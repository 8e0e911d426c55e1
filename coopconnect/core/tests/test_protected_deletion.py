"""Deleting a network or a place never silently deletes community content, events or financial records.

Forums (with their topics and posts), missions, events, tariffs and free periods hold on to their
network or place (PROTECT): the deletion is refused and nothing is deleted; the admin shows Django's
"cannot delete" page. What only configures a place still goes with it: resources, booking policy,
door access, API tokens.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.billing.models import FreePeriod, Tariff
from coopconnect.billing.models.tariffs import TariffKind
from coopconnect.bookings.models import BookingPolicy
from coopconnect.core.backup import row_counts
from coopconnect.events.models import Event
from coopconnect.forums.models import Forum, Post, Topic
from coopconnect.missions.models import Mission
from coopconnect.places.models import Network, Place, Resource, ResourceKind, Typology

pytestmark = pytest.mark.usefixtures("_fast_passwords")


def bare_place(commune, slug: str) -> Place:
    return Place.objects.create(
        name=f"Lieu {slug}", slug=slug, typology=Typology.COWORKING, commune=commune, latitude=43.7,
        longitude=5.5,
    )  # fmt: skip


def event_of(*, venue: Place, **organiser: object) -> Event:
    start = timezone.now() + dt.timedelta(days=5)
    return Event.objects.create(
        title="Rencontre", venue=venue, start=start, end=start + dt.timedelta(hours=2), **organiser
    )


def refused(obj: Network | Place) -> None:
    """Deleting ``obj`` raises ProtectedError and leaves every table as it was."""
    before = row_counts()
    with pytest.raises(ProtectedError), transaction.atomic():
        obj.delete()
    assert row_counts() == before
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_deleting_the_world_network_is_refused_and_deletes_nothing(world):
    refused(world.network)
    assert Forum.objects.filter(network=world.network).exists()
    assert Topic.objects.filter(pk=world.topic.pk).exists() and Post.objects.filter(pk=world.post.pk).exists()
    assert Mission.objects.filter(pk=world.mission.pk).exists()


def test_deleting_the_world_place_is_refused_and_deletes_nothing(world):
    refused(world.place)
    assert Event.objects.filter(pk=world.event.pk).exists()


def community_of_network(network: Network, pertuis, member: User) -> None:
    Forum.objects.create(network=network)


def mission_of_network(network: Network, pertuis, member: User) -> None:
    Mission.objects.create(
        network=network, posted_by=member, title="Mission", description="…", commune=pertuis,
        expires_on=timezone.localdate() + dt.timedelta(days=10),
    )  # fmt: skip


def event_of_network(network: Network, pertuis, member: User) -> None:
    event_of(network=network, venue=bare_place(pertuis, "salle-des-fetes"))


def tariff_of_network(network: Network, pertuis, member: User) -> None:
    Tariff.objects.create(
        network=network, code="adhesion", label="Adhésion", kind=TariffKind.MEMBERSHIP, price=Decimal("30"),
        valid_from=dt.date(2026, 1, 1),
    )  # fmt: skip


def free_period_of_network(network: Network, pertuis, member: User) -> None:
    FreePeriod.objects.create(
        person=member,
        network=network,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 31),
        reason="Formation",
    )


@pytest.mark.parametrize(
    "content",
    [community_of_network, mission_of_network, event_of_network, tariff_of_network, free_period_of_network],
    ids=lambda f: f.__name__,
)
def test_a_network_holding_content_cannot_be_deleted(content, pertuis, member):
    network = Network.objects.create(name="Réseau à supprimer", slug="reseau-a-supprimer")
    content(network, pertuis, member)
    refused(network)


@pytest.mark.parametrize("content", ["forum", "event", "venue", "tariff", "free_period"])
def test_a_place_holding_content_cannot_be_deleted(content, pertuis, member):
    place = bare_place(pertuis, "lieu-a-supprimer")
    if content == "forum":
        Forum.objects.create(place=place)
    elif content == "event":
        event_of(place=place, venue=bare_place(pertuis, "ailleurs"))
    elif content == "venue":
        event_of(place=bare_place(pertuis, "organisateur"), venue=place)
    elif content == "tariff":
        Tariff.objects.create(
            place=place, code="journee", label="Journée", kind=TariffKind.MEMBERSHIP, price=Decimal("10"),
            valid_from=dt.date(2026, 1, 1),
        )  # fmt: skip
    else:
        FreePeriod.objects.create(
            person=member,
            place=place,
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 1, 31),
            reason="Formation",
        )
    refused(place)


def test_a_place_takes_only_its_own_configuration_with_it(pertuis, host):
    place = bare_place(pertuis, "lieu-ferme")
    Resource.objects.create(place=place, kind=ResourceKind.SEAT, name="Open space", capacity=4)
    BookingPolicy.objects.create(place=place)
    network = Network.objects.create(name="Réseau vide", slug="reseau-vide")
    place.networks.add(network)
    place.delete()
    assert not Resource.objects.filter(place_id=place.pk).exists()
    assert not BookingPolicy.objects.filter(place_id=place.pk).exists()
    network.delete()  # nothing left in it: an empty network goes
    assert not Network.objects.filter(pk=network.pk).exists()


def test_the_admin_shows_why_a_network_cannot_be_deleted(client, world):
    admin = User.objects.create_superuser("admin@example.org", "mot-de-passe-admin", first_name="Ada")
    client.force_login(admin)
    url = f"/admin/places/network/{world.network.pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "protégés" in html or "protected" in html
    client.post(url, {"post": "yes"})
    assert Network.objects.filter(pk=world.network.pk).exists()
