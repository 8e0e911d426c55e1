"""Personal API tokens: made on the account page, shown once, stored hashed, scoped, revocable,
expiring; the API accepts them as ``Authorization: Bearer`` and acts as their person only."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.test import Client

from coopconnect.accounts import services
from coopconnect.accounts.api_auth import authenticate_personal_token
from coopconnect.accounts.models import PersonalToken
from coopconnect.accounts.scopes import BOOK, INVOICES, READ_BOOKINGS
from coopconnect.bookings.models import Booking
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import NOW, TUESDAY, paris
from coopconnect.core.errors import DomainError, PermissionDenied

BOOKING = {"date": TUESDAY.isoformat(), "slot": "morning"}


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_token_is_stored_hashed_and_scoped(member):
    token, raw = services.personal_token_create(
        user=member, name=" Script ", scopes=[BOOK, READ_BOOKINGS], days=30
    )
    prefix, secret = raw.split("_", 2)[1:]
    assert raw.startswith("ccp_") and prefix == token.prefix
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(PersonalToken.objects.values().get(pk=token.pk))
    # Stable order, whatever the order asked.
    assert (token.name, token.scopes) == ("Script", [READ_BOOKINGS, BOOK])
    assert authenticate_personal_token(raw) == token


def test_bad_input_is_refused_with_field_errors(member):
    for kwargs, field in (
        ({"name": " ", "scopes": [BOOK], "days": 30}, "name"),
        ({"name": "x", "scopes": [], "days": 30}, "scopes"),
        ({"name": "x", "scopes": ["admin"], "days": 30}, "scopes"),
        ({"name": "x", "scopes": [BOOK], "days": 0}, "days"),
        ({"name": "x", "scopes": [BOOK], "days": 366}, "days"),
    ):
        with pytest.raises(DomainError) as exc:
            services.personal_token_create(user=member, **kwargs)
        assert field in exc.value.errors
    assert not PersonalToken.objects.exists()


def test_revoked_expired_and_garbage_tokens_are_refused(member, outsider):
    token, raw = services.personal_token_create(user=member, name="a", scopes=[BOOK], days=30)
    for bad in (
        "",
        "ccp__",
        f"ccp_{token.prefix}_wrong",
        raw + "x",
        raw.replace("ccp_", "cc_", 1),
        "ccp_" + "a" * 300,
    ):
        assert authenticate_personal_token(bad) is None, bad
    with time_machine.travel(token.expires_at + dt.timedelta(seconds=1)):
        assert authenticate_personal_token(raw) is None
    with pytest.raises(PermissionDenied):
        services.personal_token_revoke(token=token, revoked_by=outsider)
    assert authenticate_personal_token(raw) == token
    services.personal_token_revoke(token=token, revoked_by=member)
    assert authenticate_personal_token(raw) is None


def test_api_acts_as_the_token_person(client, member):
    _, raw = services.personal_token_create(user=member, name="a", scopes=[READ_BOOKINGS], days=30)
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 200 and response.json()["email"] == member.email


def test_a_token_without_book_cannot_book(client, member, seats, frozen):
    _, raw = services.personal_token_create(user=member, name="lecture", scopes=[READ_BOOKINGS], days=30)
    response = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, **BOOKING},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 403
    assert "Réserver et annuler en mon nom" in response.json()["detail"]
    assert response.json()["errors"] == {"scope": [BOOK]}
    assert client.get("/api/v1/bookings", **bearer(raw)).status_code == 200
    # Invoices need their own scope.
    assert client.get("/api/v1/invoices", **bearer(raw)).status_code == 403


def test_a_token_with_book_books_for_its_person_without_csrf(member, seats, frozen):
    strict = Client(enforce_csrf_checks=True)
    _, raw = services.personal_token_create(user=member, name="script", scopes=[BOOK], days=30)
    response = strict.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, **BOOKING},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 201, response.content
    booking = Booking.objects.get(pk=response.json()["id"])
    assert (booking.person, booking.booked_by, booking.resource) == (member, member, seats)


def test_another_persons_booking_stays_hidden(client, member, outsider, seats, frozen):
    theirs = booking_create(
        resource=seats, person=outsider, start=paris(TUESDAY, 8, 30), end=paris(TUESDAY, 12, 30)
    )
    _, raw = services.personal_token_create(user=member, name="a", scopes=[READ_BOOKINGS, BOOK], days=30)
    assert client.get(f"/api/v1/bookings/{theirs.pk}", **bearer(raw)).status_code == 404
    assert client.delete(f"/api/v1/bookings/{theirs.pk}", **bearer(raw)).status_code == 404


def test_operations_not_open_to_tokens_answer_403(client, member):
    _, raw = services.personal_token_create(
        user=member, name="a", scopes=[READ_BOOKINGS, BOOK, INVOICES], days=30
    )
    response = client.patch("/api/v1/me", {"first_name": "X"}, content_type="application/json", **bearer(raw))
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.first_name == "Marie"


def test_revoked_or_unknown_token_gets_401_with_www_authenticate(client, member):
    token, raw = services.personal_token_create(user=member, name="a", scopes=[READ_BOOKINGS], days=30)
    services.personal_token_revoke(token=token, revoked_by=member)
    for value in (raw, "ccp_nope_nope", "n'importe quoi"):
        response = client.get("/api/v1/bookings", **bearer(value))
        assert response.status_code == 401, value
        assert response["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'
    anonymous = client.get("/api/v1/bookings")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == 'Bearer realm="api"'


def test_place_tokens_keep_working_and_open_no_person_operation(client, place, host):
    _, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    assert client.get("/api/v1/tokens/current", **bearer(raw)).status_code == 200
    assert client.get("/api/v1/bookings", **bearer(raw)).status_code == 401


def test_openapi_documents_the_security_schemes(client):
    schema = client.get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["PersonalTokenAuth"]["scheme"] == "bearer"
    flow = schemes["OAuth2Auth"]["flows"]["authorizationCode"]
    assert set(flow["scopes"]) == {READ_BOOKINGS, BOOK, INVOICES}
    create = schema["paths"]["/api/v1/bookings"]["post"]
    assert {"OAuth2Auth": [BOOK]} in create["security"]
    assert {"PersonalTokenAuth": []} in create["security"]
