"""OAuth2 for third-party apps (django-oauth-toolkit): authorization code with PKCE, the consent
page in French and English, access tokens accepted by the API within their scopes."""

import base64
import datetime as dt
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from coopconnect.accounts.scopes import BOOK, INVOICES, READ_BOOKINGS
from coopconnect.bookings.models import Booking
from coopconnect.bookings.tests.conftest import NOW, TUESDAY

REDIRECT = "https://appli.example/retour"
SECRET = "secret-de-l-appli"


@pytest.fixture
def app(db):
    return Application.objects.create(
        name="Appli du réseau",
        client_id="appli",
        client_secret=SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=REDIRECT,
    )


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _authorize_params(challenge: str, scope: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": "appli",
        "redirect_uri": REDIRECT,
        "scope": scope,
        "state": "etat-42",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }


def _access_token(client, member, scope: str) -> str:
    """Run the whole flow as the app and the person would: consent, code, token."""
    verifier, challenge = _pkce()
    client.force_login(member)
    params = _authorize_params(challenge, scope)
    consent = client.get("/oauth/authorize/", params)
    assert consent.status_code == 200
    answer = client.post("/oauth/authorize/", {**params, "allow": "Authorize"})
    assert answer.status_code == 302 and answer["Location"].startswith(REDIRECT)
    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["state"] == ["etat-42"]
    client.logout()
    token = client.post(
        "/oauth/token/",
        {
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": REDIRECT,
            "client_id": "appli",
            "client_secret": SECRET,
            "code_verifier": verifier,
        },
    )
    assert token.status_code == 200, token.content
    assert token.json()["scope"] == scope
    return token.json()["access_token"]


def test_consent_page_in_french_then_english(client, member, app):
    _, challenge = _pkce()
    client.force_login(member)
    page = client.get("/oauth/authorize/", _authorize_params(challenge, f"{READ_BOOKINGS} {BOOK}"))
    html = page.content.decode()
    assert "Autoriser Appli du réseau ?" in html and "Réserver et annuler en mon nom" in html
    # The answer redirects to the app: the page's policy lets the form go there.
    assert "https://appli.example" in page["Content-Security-Policy"]
    client.cookies["django_language"] = "en"
    english = client.get("/oauth/authorize/", _authorize_params(challenge, READ_BOOKINGS)).content.decode()
    assert "Authorise Appli du réseau?" in english and "See my bookings" in english


def test_pkce_flow_token_books_within_its_scopes(client, member, app, seats):
    with time_machine.travel(NOW, tick=False):
        raw = _access_token(client, member, f"{READ_BOOKINGS} {BOOK}")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        booked = client.post(
            "/api/v1/bookings",
            {"resource_id": seats.pk, "date": TUESDAY.isoformat(), "slot": "morning"},
            content_type="application/json",
            **auth,
        )
        assert booked.status_code == 201, booked.content
        assert Booking.objects.get(pk=booked.json()["id"]).person == member
        assert client.get("/api/v1/bookings", **auth).status_code == 200
        refused = client.get("/api/v1/invoices", **auth)
        assert refused.status_code == 403 and refused.json()["errors"] == {"scope": [INVOICES]}


def test_code_without_its_verifier_is_refused(client, member, app):
    _, challenge = _pkce()
    client.force_login(member)
    params = _authorize_params(challenge, READ_BOOKINGS)
    answer = client.post("/oauth/authorize/", {**params, "allow": "Authorize"})
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    client.logout()
    body = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": "appli"}
    wrong = client.post("/oauth/token/", {**body, "client_secret": SECRET, "code_verifier": "x" * 50})
    assert wrong.status_code == 400
    assert not AccessToken.objects.exists()


def test_authorization_without_pkce_is_refused(client, member, app):
    client.force_login(member)
    params = _authorize_params("unused", READ_BOOKINGS)
    del params["code_challenge"], params["code_challenge_method"]
    answer = client.get("/oauth/authorize/", params)
    # PKCE is required: the app is sent back with an error, never a code.
    assert answer.status_code in (302, 400)
    if answer.status_code == 302:
        assert "error=" in answer["Location"] and "code=" not in answer["Location"]


def test_expired_or_revoked_access_token_is_refused(client, member, app):
    raw = _access_token(client, member, READ_BOOKINGS)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/bookings", **auth).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        expired = client.get("/api/v1/bookings", **auth)
        assert expired.status_code == 401 and "invalid_token" in expired["WWW-Authenticate"]
    AccessToken.objects.get().revoke()
    assert client.get("/api/v1/bookings", **auth).status_code == 401


def test_anonymous_consent_page_sends_to_login(client, app):
    _, challenge = _pkce()
    response = client.get("/oauth/authorize/", _authorize_params(challenge, READ_BOOKINGS))
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
