"""Fixtures of the forums, skills and missions tests: who belongs to ``network``, immediate tasks,
more communes. Each app's conftest.py imports them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.forums.services import forum_for
from coopconnect.territory.models import Commune


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def book(person: User, resource, *, days: int = 2, status: str = BookingStatus.CONFIRMED) -> Booking:
    """A plain booking row (no booking rule is under test here): it makes ``person`` a member."""
    start = (timezone.now() + dt.timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    return Booking.objects.create(
        resource=resource,
        person=person,
        booked_by=person,
        start=start,
        end=start + dt.timedelta(hours=3),
        status=status,
        short_code=f"C{person.pk}{days}{status[:2]}".upper()[:12],
    )


@pytest.fixture
def belongs(member, seats):
    """``member`` belongs to ``network`` through a booking at ``place``."""
    return book(member, seats)


@pytest.fixture
def forum(network, belongs):
    return forum_for(network=network)


@pytest.fixture
def second_member(db, seats) -> User:
    user = User.objects.create_user(
        "paul@example.org", "mot-de-passe-paul", first_name="Paul", last_name="Durand"
    )
    book(user, seats, days=3)
    return user


@pytest.fixture
def cadenet(vaucluse) -> Commune:
    # About 13 km west of Pertuis: some 15 minutes by car.
    return Commune.objects.create(
        insee="84026",
        name="Cadenet",
        search_name="cadenet",
        department=vaucluse,
        region=vaucluse.region,
        population=4200,
        postcodes="84160",
        latitude=43.7347,
        longitude=5.3744,
        elevation=170,
    )


@pytest.fixture
def apt(vaucluse) -> Commune:
    # About 35 km north of Pertuis, over the Luberon: well beyond 20 minutes.
    return Commune.objects.create(
        insee="84003",
        name="Apt",
        search_name="apt",
        department=vaucluse,
        region=vaucluse.region,
        population=11500,
        postcodes="84400",
        latitude=43.8764,
        longitude=5.3964,
        elevation=250,
    )
