"""Missions: the poster (or an admin of the organisation it is posted for) edits and closes it;
others are refused; bad input answered in French with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.missions.models import Mission, MissionStatus
from coopconnect.missions.services import mission_create, mission_set_status, mission_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2027, 3, 15, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def mission(network, member, belongs):
    return mission_create(
        poster=member,
        network=network,
        title="Site web d'un gîte",
        description="Refaire le site.",
        skills=["web"],
        remote=True,
    )


FIELDS = {"title": "Site web et photos", "description": "Refaire le site et les photos.", "skills": ["web"]}


def test_poster_edits_and_closes(mission, member):
    updated = mission_update(
        mission=mission, by=member, remote=True, **{**FIELDS, "skills": ["web", "photo"]}
    )
    assert updated.title == "Site web et photos"
    assert updated.skills.count() == 2  # "web" and "photo" map to the shared vocabulary
    # Not changed: expires 60 days after 15 March 2027 = 14 May 2027 when left empty.
    assert updated.expires_on == dt.date(2027, 5, 14)
    mission_set_status(mission=updated, by=member, status=MissionStatus.CLOSED)
    assert Mission.objects.get(pk=mission.pk).status == "closed"


def test_organisation_admin_edits_and_closes_the_organisations_mission(
    network, host, coordinator, member, belongs
):
    org = Organisation.objects.create(name="Association des Amis du Luberon")
    OrganisationMembership.objects.create(organisation=org, user=host, role=OrganisationRole.ADMIN)
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.ADMIN)
    mission = mission_create(
        poster=member,
        network=network,
        organisation=org,
        title="Affiche",
        description="Une affiche.",
        skills=[],
        remote=True,
    )
    # Posted by member for the association: host, another admin of it, edits and closes it.
    mission_update(mission=mission, by=host, remote=True, **FIELDS)
    mission_set_status(mission=mission, by=host, status=MissionStatus.CLOSED)
    mission.refresh_from_db()
    assert mission.title == "Site web et photos" and mission.status == "closed"
    with pytest.raises(PermissionDenied):
        mission_update(mission=mission, by=coordinator, remote=True, **FIELDS)


def test_others_are_refused_and_nothing_is_written(mission, host, coordinator, outsider, other_host):
    for who in (host, coordinator, outsider, other_host):
        with pytest.raises(PermissionDenied):
            mission_update(mission=mission, by=who, remote=True, **FIELDS)
        with pytest.raises(PermissionDenied):
            mission_set_status(mission=mission, by=who, status=MissionStatus.CLOSED)
    mission.refresh_from_db()
    assert mission.title == "Site web d'un gîte" and mission.status == "open"


def test_bad_input_is_refused_in_french(mission, member):
    with pytest.raises(DomainError) as exc:
        mission_update(
            mission=mission,
            by=member,
            title=" ",
            description="x",
            skills=[],
            remote=False,
            deadline=dt.date(2027, 3, 1),
        )
    assert exc.value.errors["title"] == ["Ce champ est obligatoire."]
    assert exc.value.errors["commune"] == ["Indiquez une commune, ou cochez « à distance »."]
    assert exc.value.errors["deadline"] == ["L'échéance est déjà passée."]
    mission.refresh_from_db()
    assert mission.title == "Site web d'un gîte" and mission.description == "Refaire le site."


def test_edit_page_without_javascript(mission, member, client):
    client.force_login(member)
    page = reverse("missions:mission", args=[mission.pk])
    url = reverse("missions:mission_edit", args=[mission.pk])
    assert url in client.get(page).content.decode()
    form = client.get(url)
    assert form.status_code == 200 and "Site web d&#x27;un gîte" in form.content.decode()
    bad = client.post(url, {"title": "", "description": "Refaire", "remote": "on", "budget": "-3"})
    assert bad.status_code == 400 and "Ce champ est obligatoire." in bad.content.decode()
    unknown = client.post(url, {"title": "T", "description": "D", "commune": "Zzzville"})
    assert unknown.status_code == 400 and "Commune inconnue" in unknown.content.decode()
    mission.refresh_from_db()
    assert mission.title == "Site web d'un gîte"
    ok = client.post(
        url,
        {
            "title": "Site web",
            "description": "Refaire.",
            "skills": "web",
            "remote": "on",
            "budget": "1 200,50",
        },
    )
    assert ok.status_code == 302
    mission.refresh_from_db()
    assert mission.title == "Site web" and str(mission.budget) == "1200.50"


@pytest.mark.parametrize("who", ["outsider", "other_host", "host"])
def test_edit_page_refuses_others(mission, who, request, client):
    client.force_login(request.getfixturevalue(who))
    url = reverse("missions:mission_edit", args=[mission.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"title": "Pirate", "description": "x", "remote": "on"}).status_code in (403, 404)
    mission.refresh_from_db()
    assert mission.title == "Site web d'un gîte"
