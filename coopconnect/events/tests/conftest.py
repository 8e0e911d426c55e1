"""Fixtures of the events tests: a frozen Monday morning, an event factory, more people."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from coopconnect.accounts.models import User
from coopconnect.events.models import Event, EventKind
from coopconnect.events.services import event_create

PARIS = dt.timezone(dt.timedelta(hours=1))  # 15-16 March 2027 is winter time in Paris (UTC+1)
# Monday 15 March 2027, 07:00 in Pertuis.
NOW = dt.datetime(2027, 3, 15, 7, 0, tzinfo=PARIS)
TUESDAY = dt.date(2027, 3, 16)


def paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db) -> list[User]:
    return [
        User.objects.create_user(
            f"inde{i}@example.org", "mot-de-passe-inde", first_name=f"Inde{i}", email_verified=True
        )
        for i in range(1, 6)
    ]


@pytest.fixture
def make_event(place, host):
    def make(**kw) -> Event:
        fields = {
            "by": host,
            "place": place,
            "title": "Club des indépendants : prospection",
            "kind": EventKind.MEETUP,
            "start": paris(TUESDAY, 9, 30),
            "end": paris(TUESDAY, 12, 0),
            "capacity": 2,
            "price": Decimal("0"),
            "themes": ["Prospection"],
            "publish": True,
            "now": NOW,
        }
        fields.update(kw)
        return event_create(**fields)

    return make
