"""Fixtures shared by the QA sweeps of coopconnect/core/tests (pages, permissions, accessibility)."""

from __future__ import annotations

import pytest

from coopconnect.core.testing.world import World, build_world


@pytest.fixture
def _fast_passwords(settings):
    """MD5 hashing for speed. Not autouse: a sweep opts in with
    ``pytestmark = pytest.mark.usefixtures("_fast_passwords")``, so the other core tests keep the
    default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(
    host, other_host, member, outsider, coordinator, place, other_place, network, pertuis, seats, meeting_room
) -> World:
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
