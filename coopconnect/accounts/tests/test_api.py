import json

import pytest

from coopconnect.accounts import services
from coopconnect.accounts.models import User
from coopconnect.core.testing.problems import detail_and_errors


def _patch(client, data):
    return client.patch("/api/v1/me", data=json.dumps(data), content_type="application/json")


def test_me_requires_login(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert detail_and_errors(response.json()) == {"detail": "Authentification requise.", "errors": {}}


def test_me_returns_profile(client, member, pertuis):
    member.home_commune = pertuis
    member.save()
    client.force_login(member)
    body = client.get("/api/v1/me").json()
    assert body["email"] == "membre@example.org"
    assert body["email_verified"] is True
    assert body["home_commune"] == {"insee": "84089", "name": "Pertuis", "label": "Pertuis (84)"}


def test_patch_me(client, member, pertuis):
    client.force_login(member)
    response = _patch(client, {"last_name": "Curie", "home_commune": "84089", "language": "en"})
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.language, member.home_commune) == (
        "Marie",
        "Curie",
        "en",
        pertuis,
    )
    assert _patch(client, {"home_commune": ""}).json()["home_commune"] is None


def test_patch_me_work_commune(client, member, pertuis):
    client.force_login(member)
    response = _patch(client, {"work_commune": "Pertuis"})
    assert response.status_code == 200, response.content
    assert response.json()["work_commune"] == {"insee": "84089", "name": "Pertuis", "label": "Pertuis (84)"}
    member.refresh_from_db()
    assert (member.work_commune, member.home_commune) == (pertuis, None)
    # leaving it out keeps it; an empty string clears it
    assert _patch(client, {"last_name": "Curie"}).json()["work_commune"]["insee"] == "84089"
    assert client.get("/api/v1/me").json()["work_commune"]["insee"] == "84089"
    assert _patch(client, {"work_commune": ""}).json()["work_commune"] is None
    bad = _patch(client, {"work_commune": "Atlantide"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"work_commune": ["Aucune commune ne correspond à « Atlantide »."]}


def test_patch_me_bad_input_writes_nothing(client, member, pertuis):
    client.force_login(member)
    response = _patch(client, {"home_commune": "Atlantide", "last_name": "Curie"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"home_commune": ["Aucune commune ne correspond à « Atlantide »."]}
    response = _patch(client, {"language": "de"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["language"]
    member.refresh_from_db()
    assert member.last_name == "" and member.language == "fr"


def test_patch_me_requires_login(client):
    assert _patch(client, {"first_name": "X"}).status_code == 401


def test_register(client, db, mailoutbox, django_capture_on_commit_callbacks):
    payload = {"email": "api@example.org", "password": "un-mot-de-passe-solide", "first_name": "Ada"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/auth/register", data=payload, content_type="application/json")
    assert response.status_code == 202, response.content
    assert response.json()["detail"].startswith("Si cette adresse est libre, un e-mail de vérification")
    assert User.objects.get(email="api@example.org").email_verified is False
    assert len(mailoutbox) == 1
    # The same address again: the same answer, no second account, and its owner is told.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/api/v1/auth/register", data=payload, content_type="application/json")
    assert (again.status_code, again.json()) == (response.status_code, response.json())
    assert User.objects.filter(email="api@example.org").count() == 1
    assert mailoutbox[1].to == ["api@example.org"]
    assert mailoutbox[1].subject.startswith("Quelqu'un a voulu créer un compte avec votre adresse")


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"email": "a@example.org", "password": "123", "first_name": "A"}, "password"),
        ({"email": "nope", "password": "un-mot-de-passe-solide", "first_name": "A"}, "email"),
        ({"email": "a@example.org", "password": "un-mot-de-passe-solide"}, "first_name"),
    ],
)
def test_register_bad_input(client, db, payload, field):
    response = client.post("/api/v1/auth/register", data=payload, content_type="application/json")
    assert response.status_code in (400, 422)
    assert field in response.json()["errors"]
    assert not User.objects.exists()


def test_organisations_mine(client, employer, employer_admin, member, outsider, other_employer_admin):
    client.force_login(employer_admin)
    body = client.get("/api/v1/organisations/mine").json()
    assert [o["name"] for o in body] == ["Durance Numérique"]
    assert body[0]["role"] == "admin"
    assert sorted(m["email"] for m in body[0]["members"]) == ["membre@example.org", "rh@durance.example"]
    # an employee sees the organisation but not colleagues
    client.force_login(member)
    body = client.get("/api/v1/organisations/mine").json()
    assert body == [{"id": employer.pk, "name": "Durance Numérique", "role": "employee", "members": []}]
    for intruder in (outsider, other_employer_admin):
        client.force_login(intruder)
        assert all(o["id"] != employer.pk for o in client.get("/api/v1/organisations/mine").json())


def test_organisations_mine_requires_login(client):
    assert client.get("/api/v1/organisations/mine").status_code == 401


def test_token_current(client, place, other_place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    response = client.get("/api/v1/tokens/current", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["place_slug"] == "baticom-pertuis"
    assert client.get("/api/v1/tokens/current", HTTP_AUTHORIZATION="Bearer garbage").status_code == 401
    services.api_token_revoke(token=token, revoked_by=host)
    assert client.get("/api/v1/tokens/current", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_token_current_refuses_session_login(client, host):
    client.force_login(host)
    assert client.get("/api/v1/tokens/current").status_code == 401
