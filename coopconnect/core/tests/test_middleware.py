"""Request guards: NUL bytes refused at the door, API 405 in the API's error shape, French 422s."""

import pytest

from coopconnect.core.testing.problems import detail_and_errors


@pytest.mark.django_db
def test_nul_byte_in_query_is_a_french_400_on_pages(client):
    response = client.get("/recherche/?q=Pertuis%00")
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


@pytest.mark.django_db
def test_nul_byte_in_query_is_a_json_400_in_the_api(client):
    response = client.get("/api/v1/places?service=%00")
    assert response.status_code == 400
    assert detail_and_errors(response.json()) == {
        "detail": "La requête contient un caractère nul : retirez-le et réessayez.",
        "errors": {},
    }


@pytest.mark.django_db
def test_nul_byte_in_a_posted_form_is_refused(client):
    response = client.post("/compte/connexion/", {"username": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_api_wrong_method_has_the_error_shape(client):
    response = client.put("/api/v1/places", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert detail_and_errors(response.json()) == {"detail": "Méthode non autorisée.", "errors": {}}
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_validation_errors_are_in_french(client):
    body = client.get("/api/v1/places?within_minutes=abc").json()
    assert body["errors"]["within_minutes"] == ["Nombre entier attendu."]


@pytest.mark.django_db
def test_malformed_json_is_a_french_400(client):
    response = client.post(
        "/api/v1/business-plans/simulate", data="{pas du json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Corps de requête illisible : du JSON valide est attendu."
