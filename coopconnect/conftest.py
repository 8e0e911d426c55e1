"""The base fixture set: a place with its host, a member, an outsider and a host of another place.

Every permission test tries its endpoint as ``outsider`` and ``other_host``, who must be refused.
"""

import pytest
from django.core.cache import cache, caches
from django.utils import translation

from coopconnect.accounts.models import User
from coopconnect.places.models import Network, Place, Resource, ResourceKind, Typology
from coopconnect.territory.models import Commune, Department, Region


@pytest.fixture(autouse=True)
def _french_after_each_test():
    """Each test starts in French and leaves French behind.

    A request with ``Accept-Language: en`` (or ``translation.activate``) switches the language of the
    worker's thread; without this reset the next tests in the same worker would run in English.
    """
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _media_in_memory(settings):
    """Uploaded files (place photos) go to a storage in memory, new for each test, not to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_territory_engine():
    """Each test starts without the territory tool's in-process arrays of an earlier test's rows."""
    from coopconnect.planning.engine import snapshot

    snapshot.invalidate()
    yield


_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})


@pytest.fixture(autouse=True)
def _no_abuse_counts_left(request, django_db_blocker):
    """Each test that uses the database starts with no abuse-limit counts.

    The counters live in their own table and the cache table, which the flush after a
    transactional test (browser journeys) may not empty; login lockouts are model rows
    (django-axes), undone with the test.
    A test without the database has no test database to clear (and must not touch another one).
    """
    if request.node.get_closest_marker("django_db") is None and not (
        _DATABASE_FIXTURES & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        cache.clear()
        caches["ratelimit"].clear()


@pytest.fixture
def paca(db) -> Region:
    return Region.objects.create(code="93", name="Provence-Alpes-Côte d'Azur")


@pytest.fixture
def vaucluse(paca: Region) -> Department:
    return Department.objects.create(code="84", name="Vaucluse", region=paca)


@pytest.fixture
def pertuis(vaucluse: Department) -> Commune:
    return Commune.objects.create(
        insee="84089",
        name="Pertuis",
        search_name="pertuis",
        department=vaucluse,
        region=vaucluse.region,
        population=20360,
        postcodes="84120",
        latitude=43.6942,
        longitude=5.5017,
        elevation=246,
    )


@pytest.fixture
def network(db) -> Network:
    return Network.objects.create(name="Réseau Luberon", slug="reseau-luberon")


@pytest.fixture
def host(db) -> User:
    return User.objects.create_user(
        "hote@example.org", "mot-de-passe-hote-1", first_name="Hélène", email_verified=True
    )


@pytest.fixture
def other_host(db) -> User:
    return User.objects.create_user(
        "autre-hote@example.org", "mot-de-passe-hote-2", first_name="Omar", email_verified=True
    )


@pytest.fixture
def member(db) -> User:
    return User.objects.create_user(
        "membre@example.org", "mot-de-passe-membre", first_name="Marie", email_verified=True
    )


@pytest.fixture
def outsider(db) -> User:
    return User.objects.create_user(
        "intrus@example.org", "mot-de-passe-intrus", first_name="Ivan", email_verified=True
    )


@pytest.fixture
def coordinator(db, network: Network) -> User:
    user = User.objects.create_user(
        "coord@example.org", "mot-de-passe-coord", first_name="Chloé", email_verified=True
    )
    network.coordinators.add(user)
    return user


@pytest.fixture
def place(pertuis: Commune, network: Network, host: User) -> Place:
    p = Place.objects.create(
        name="Bâticom Pertuis",
        slug="baticom-pertuis",
        typology=Typology.INCUBATOR,
        commune=pertuis,
        latitude=43.6950,
        longitude=5.5030,
        opening_hours="Mo-Fr 08:30-12:30,13:30-18:00; PH off",
        carrier_name="Pépinière Bâticom",
        address="Zone d'activités",
        postcode="84120",
    )
    p.networks.add(network)
    p.hosts.add(host)
    return p


@pytest.fixture
def other_place(pertuis: Commune, other_host: User) -> Place:
    p = Place.objects.create(
        name="Autre lieu",
        slug="autre-lieu",
        typology=Typology.COWORKING,
        commune=pertuis,
        latitude=43.70,
        longitude=5.51,
        opening_hours="Mo-Fr 09:00-17:00",
    )
    p.hosts.add(other_host)
    return p


@pytest.fixture
def seats(place: Place) -> Resource:
    return Resource.objects.create(place=place, kind=ResourceKind.SEAT, name="Open space", capacity=6)


@pytest.fixture
def meeting_room(place: Place) -> Resource:
    return Resource.objects.create(
        place=place,
        kind=ResourceKind.MEETING_ROOM,
        name="Salle du conseil",
        capacity=18,
        layouts={"coworking": 12, "reunion": 18, "conference": 50},
    )


@pytest.fixture
def world(
    host, other_host, member, outsider, coordinator, place, other_place, network, pertuis, seats, meeting_room
):
    """Handles on an object of every kind a route can point to (``core.testing.world``)."""
    from coopconnect.core.testing.world import build_world

    return build_world(
        host=host,
        other_host=other_host,
        member=member,
        outsider=outsider,
        coordinator=coordinator,
        place=place,
        other_place=other_place,
        network=network,
        pertuis=pertuis,
        seats=seats,
        meeting_room=meeting_room,
    )
