"""The platform answers: health check, API schema, error shape, language switch."""

import pytest


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_openapi_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Coop-connect API"


@pytest.mark.django_db
def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/v1/nope")
    assert response.status_code == 404


@pytest.mark.django_db
def test_admin_login_is_french(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.text
    assert "Mot de passe" in response.text
