"""Missions board pages write the budget with the project's formatter."""

from decimal import Decimal

import pytest
from django.urls import reverse

from coopconnect.missions.services import mission_create

pytestmark = pytest.mark.django_db


def test_board_and_mission_write_the_budget_the_french_way(client, network, member, belongs):
    mission = mission_create(
        poster=member,
        network=network,
        title="Site web",
        description="Refaire le site.",
        skills=[],
        remote=True,
        budget=Decimal("1200.5"),
    )
    client.force_login(member)
    amount = "1\u202f200,50\u00a0€"
    assert f"budget {amount}" in client.get(reverse("missions:missions")).content.decode()
    assert f"<dd>{amount}</dd>" in client.get(reverse("missions:mission", args=[mission.pk])).content.decode()
