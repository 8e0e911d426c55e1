"""Fixtures of the bookings tests: a frozen Monday morning and helpers to book."""

import datetime as dt

import pytest
import time_machine

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.bookings.slots import PARIS

# Monday 15 March 2027, 07:00 in Pertuis; tomorrow is an ordinary Tuesday (no public holiday).
NOW = dt.datetime(2027, 3, 15, 7, 0, tzinfo=PARIS)
TUESDAY = dt.date(2027, 3, 16)


def paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def frozen():
    """Freeze time at NOW (the clock ticks on from there)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def employer(member: User) -> Organisation:
    org = Organisation.objects.create(name="Luberon Logiciels")
    admin = User.objects.create_user(
        "rh@example.org", "mot-de-passe-rh", first_name="Rachid", email_verified=True
    )
    OrganisationMembership.objects.create(organisation=org, user=admin, role=OrganisationRole.ADMIN)
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.EMPLOYEE)
    org.admin = admin  # type: ignore[attr-defined]
    return org


@pytest.fixture
def second_member(db) -> User:
    return User.objects.create_user("membre2@example.org", "mot-de-passe-membre2", first_name="Paul")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The base fixtures create users with passwords: PBKDF2 would make each test take a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
