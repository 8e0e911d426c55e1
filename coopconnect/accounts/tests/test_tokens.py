import time_machine
from django.test import RequestFactory

from coopconnect.accounts import services
from coopconnect.accounts.models import ApiToken
from coopconnect.accounts.tokens import PlaceTokenAuth, authenticate_place_token
from coopconnect.core.permissions import token_is_for_place


def test_valid_token_authenticates_and_records_use(place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    found = authenticate_place_token(raw)
    assert found == token
    assert found.place == place
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_written_at_most_once_a_minute(place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    with time_machine.travel("2026-03-02 09:00:00 +01:00", tick=False):
        authenticate_place_token(raw)
    with time_machine.travel("2026-03-02 09:00:30 +01:00", tick=False):
        authenticate_place_token(raw)
    token.refresh_from_db()
    assert token.last_used_at.isoformat() == "2026-03-02T08:00:00+00:00"
    with time_machine.travel("2026-03-02 09:01:30 +01:00", tick=False):
        authenticate_place_token(raw)
    token.refresh_from_db()
    assert token.last_used_at.isoformat() == "2026-03-02T08:01:30+00:00"


def test_revoked_token_is_refused(place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    services.api_token_revoke(token=token, revoked_by=host)
    assert authenticate_place_token(raw) is None


def test_wrong_secret_and_garbage_are_refused(place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    for bad in (
        "",
        "garbage",
        "cc__",
        "cc_nope_secret",
        f"cc_{token.prefix}_wrong-secret",
        raw + "x",
        raw.replace("cc_", "xx_", 1),
        "cc_" + "a" * 300,
        "Bearer " + raw,
    ):
        assert authenticate_place_token(bad) is None, bad


def test_token_is_scoped_to_its_place(place, other_place, host):
    _, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    token = authenticate_place_token(raw)
    assert token_is_for_place(token, place)
    assert not token_is_for_place(token, other_place)
    assert not token_is_for_place(None, place)


def test_ninja_auth_class_sets_the_token(place, host):
    _, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    auth = PlaceTokenAuth()
    request = RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token = auth(request)
    assert isinstance(token, ApiToken) and token.place == place
    assert auth(RequestFactory().get("/", HTTP_AUTHORIZATION="Bearer garbage")) is None
