"""Missions board: post, answer, read the answers, mark filled, expiry, matching e-mails, pages, API."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.missions.models import Mission, MissionResponse, MissionStatus
from coopconnect.missions.selectors import missions_board
from coopconnect.missions.services import mission_create, mission_respond, mission_set_status
from coopconnect.skills.services import profile_save

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2027, 3, 15, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def association(member):
    org = Organisation.objects.create(name="Association des Amis du Luberon")
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.ADMIN)
    return org


def _post(poster, network, **kw):
    fields = {
        "title": "Site web d'un gîte",
        "description": "Refaire le site.",
        "skills": ["web"],
        "remote": True,
    }
    return mission_create(poster=poster, network=network, **{**fields, **kw})


def test_member_posts_a_mission_with_a_budget(network, member, pertuis, belongs):
    mission = _post(
        member, network, commune=pertuis, budget=Decimal("1200.5"), deadline=TODAY + dt.timedelta(days=30)
    )
    assert mission.budget == Decimal("1200.50")
    assert mission.expires_on == TODAY + dt.timedelta(days=60)  # 60 days on the board by default
    assert [s.label for s in mission.skills.all()] == ["Développement web"]


def test_mission_validation_writes_nothing(network, member, belongs):
    with pytest.raises(DomainError) as exc:
        mission_create(
            poster=member,
            network=network,
            title="",
            description="",
            skills=[],
            budget=Decimal("-1"),
            start=TODAY + dt.timedelta(days=10),
            deadline=TODAY + dt.timedelta(days=5),
        )
    assert exc.value.errors == {
        "title": ["Ce champ est obligatoire."],
        "description": ["Ce champ est obligatoire."],
        "commune": ["Indiquez une commune, ou cochez « à distance »."],
        "deadline": ["L'échéance doit suivre le début."],
        "budget": ["Le budget doit être positif (en euros)."],
    }
    assert not Mission.objects.exists()


def test_strangers_and_non_admins_cannot_post(
    network, place, member, outsider, other_host, association, host
):
    for who in (outsider, other_host):
        with pytest.raises(PermissionDenied):
            _post(who, network)
    with pytest.raises(PermissionDenied, match="n'administrez pas"):
        _post(host, network, organisation=association)


def test_answers_are_for_the_poster_and_the_organisation_admins(
    network, member, host, coordinator, association, seats, client, django_capture_on_commit_callbacks
):
    from coopconnect.forums.tests.fixtures import book

    book(member, seats)
    mission = _post(coordinator, network, organisation=None)
    with django_capture_on_commit_callbacks(execute=True):
        mission_respond(mission=mission, author=host, message="Je connais un développeur.")
    assert [m.to for m in mail.outbox] == [["coord@example.org"]]
    with pytest.raises(Conflict, match="déjà répondu"):
        mission_respond(mission=mission, author=host, message="Encore")
    with pytest.raises(DomainError, match="propre mission"):
        mission_respond(mission=mission, author=coordinator, message="Moi")
    url = reverse("missions:mission_responses", args=[mission.pk])
    client.force_login(host)
    assert client.get(url).status_code == 404  # a member who answered does not read the answers
    client.force_login(coordinator)
    assert "Je connais un développeur." in client.get(url).content.decode()
    # Posted for an organisation: its admins read the answers too.
    org_mission = _post(host, network)
    org_mission.organisation = association
    org_mission.save()
    mission_respond(mission=org_mission, author=coordinator, message="Pour l association")
    client.force_login(member)  # admin of the association
    assert (
        "Pour l association"
        in client.get(reverse("missions:mission_responses", args=[org_mission.pk])).content.decode()
    )


def test_filled_closed_and_expired_missions_leave_the_board(network, member, host, belongs, frozen):
    filled = _post(member, network, title="Pourvue")
    closed = _post(member, network, title="Fermée")
    soon = _post(member, network, title="Bientôt expirée", expires_on=TODAY + dt.timedelta(days=3))
    _post(member, network, title="Ouverte")
    with pytest.raises(PermissionDenied):
        mission_set_status(mission=filled, by=host, status=MissionStatus.FILLED)
    mission_set_status(mission=filled, by=member, status=MissionStatus.FILLED)
    mission_set_status(mission=closed, by=member, status=MissionStatus.CLOSED)
    titles = [m.title for m in missions_board(viewer=host)]
    assert sorted(titles) == ["Bientôt expirée", "Ouverte"]
    frozen.move_to(dt.datetime(2027, 3, 19, 9, 0, tzinfo=dt.UTC))  # 4 days later: expired on the 18th
    assert [m.title for m in missions_board(viewer=host)] == ["Ouverte"]
    with pytest.raises(Conflict, match="plus ouverte"):
        mission_respond(mission=closed, author=host, message="Trop tard")
    with pytest.raises(Conflict, match="plus ouverte"):
        mission_respond(mission=soon, author=host, message="Trop tard")


def test_matching_profiles_get_an_email(
    network, member, host, outsider, belongs, django_capture_on_commit_callbacks
):
    profile_save(person=host, headline="Développeuse", skills=["WordPress", "web"])
    profile_save(person=outsider, headline="Développeur", skills=["web"])  # not in the network
    profile_save(person=member, headline="Comptable", skills=["compta"])
    with django_capture_on_commit_callbacks(execute=True):
        mission = _post(member, network, skills=["site web"])
    assert [m.to for m in mail.outbox] == [["hote@example.org"]]
    assert f"/communaute/missions/{mission.pk}/" in mail.outbox[0].body


def test_board_and_mission_pages_no_js(network, member, host, pertuis, belongs, client):
    client.force_login(member)
    new = reverse("missions:mission_new")
    form = client.get(new).content.decode()
    assert network.name in form
    bad = client.post(new, {"network": network.pk, "title": "", "description": "x", "budget": "-3"})
    assert bad.status_code == 400
    assert "Ce champ est obligatoire." in bad.content.decode()
    assert not Mission.objects.exists()
    ok = client.post(
        new,
        {
            "network": network.pk,
            "title": "Comptabilité associative",
            "description": "Clôture des comptes 2026.",
            "skills": "compta",
            "commune": "Pertuis",
            "budget": "300",
        },
    )
    assert ok.status_code == 302
    mission = Mission.objects.get()
    assert mission.commune == pertuis and mission.budget == Decimal("300.00")
    client.force_login(host)
    assert "Comptabilité associative" in client.get(reverse("missions:missions")).content.decode()
    url = reverse("missions:mission", args=[mission.pk])
    assert client.post(url, {"message": ""}).status_code == 400
    assert client.post(url, {"message": "Je suis disponible."}).status_code == 302
    assert MissionResponse.objects.get().author == host
    assert (
        client.post(reverse("missions:mission_status", args=[mission.pk]), {"status": "filled"}).status_code
        == 404
    )
    client.force_login(member)
    client.post(reverse("missions:mission_status", args=[mission.pk]), {"status": "filled"})
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FILLED
    client.force_login(host)
    assert client.get(url).status_code == 404  # off the board


def test_strangers_are_refused_everywhere(network, member, outsider, other_host, belongs, client):
    mission = _post(member, network)
    for who in (outsider, other_host):
        client.force_login(who)
        assert "Site web" not in client.get(reverse("missions:missions")).content.decode()
        for name in ("missions:mission", "missions:mission_responses", "missions:mission_status"):
            url = reverse(name, args=[mission.pk])
            assert client.get(url).status_code in (404, 405)
            assert client.post(url, {"message": "x", "status": "closed"}).status_code == 404
        assert client.get("/api/v1/missions").json() == []
        assert client.get(f"/api/v1/missions/{mission.pk}/responses").status_code == 404
        answer = client.post(
            f"/api/v1/missions/{mission.pk}/responses",
            json.dumps({"message": "x"}),
            content_type="application/json",
        )
        assert answer.status_code == 404
        posted = client.post(
            "/api/v1/missions",
            json.dumps({"network_id": network.pk, "title": "x", "description": "y", "remote": True}),
            content_type="application/json",
        )
        assert posted.status_code == 403
    assert not MissionResponse.objects.exists() and Mission.objects.count() == 1


def test_api_missions(network, member, host, belongs, client):
    client.force_login(member)
    created = client.post(
        "/api/v1/missions",
        json.dumps(
            {
                "network_id": network.pk,
                "title": "Traduction d'un guide",
                "description": "Anglais vers français, 40 pages.",
                "skills": ["traduction"],
                "remote": True,
                "budget": "800.00",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["skills"], body["budget"], body["status"]) == (["Traduction"], "800.00", "open")
    invalid = client.post(
        "/api/v1/missions",
        json.dumps({"network_id": network.pk, "title": "", "description": "x"}),
        content_type="application/json",
    )
    assert invalid.status_code == 400
    assert set(invalid.json()["errors"]) == {"title", "commune"}
    client.force_login(host)
    assert [m["title"] for m in client.get("/api/v1/missions").json()] == ["Traduction d'un guide"]
    answer = client.post(
        f"/api/v1/missions/{body['id']}/responses",
        json.dumps({"message": "Je traduis depuis 10 ans."}),
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert client.get(f"/api/v1/missions/{body['id']}/responses").status_code == 404
    client.force_login(member)
    responses = client.get(f"/api/v1/missions/{body['id']}/responses").json()
    assert [(r["author"], r["message"]) for r in responses] == [("Hélène", "Je traduis depuis 10 ans.")]
