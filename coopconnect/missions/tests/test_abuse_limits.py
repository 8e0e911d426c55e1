"""Answers to missions count in the contact limit, on the page and in the API."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coopconnect.missions.models import MissionResponse
from coopconnect.missions.services import mission_create


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2027, 3, 15, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


def test_answers_to_missions_are_limited_per_person(network, member, host, belongs, client, settings):
    settings.RATE_LIMITS = {"contact": (("user", "2/h"),)}
    missions = [
        mission_create(
            poster=member,
            network=network,
            title=f"Mission {i}",
            description="Refaire le site.",
            skills=["web"],
            remote=True,
        )
        for i in range(3)
    ]
    client.force_login(host)
    statuses = [
        client.post(reverse("missions:mission", args=[m.pk]), {"message": "Je suis disponible."}).status_code
        for m in missions
    ]
    assert statuses == [302, 302, 429]
    refused = client.post(reverse("missions:mission", args=[missions[2].pk]), {"message": "Encore"})
    assert "Trop de tentatives : réessayez dans" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600
    # The API counts in the same window.
    api = client.post(
        f"/api/v1/missions/{missions[2].pk}/responses", data={"message": "x"}, content_type="application/json"
    )
    assert api.status_code == 429 and api.json()["errors"] == {}
    assert MissionResponse.objects.count() == 2
    # Reading is never limited.
    assert client.get(reverse("missions:mission", args=[missions[2].pk])).status_code == 200
