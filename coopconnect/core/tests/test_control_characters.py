"""Control characters in API bodies: refused with a 400 and the field they sit in, on every write.

PostgreSQL refuses NUL in text (DataError, so a 500 before the guard) and no database stores a lone
surrogate; the other control characters would end up in invoices, mails and CSV exports. The guard is
one middleware (``coopconnect.core.middleware``) in front of the whole API, so the sweep below walks
every write operation of the OpenAPI schema and the suite runs it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from coopconnect.core.middleware import CONTROL_MESSAGE, control_characters
from coopconnect.core.testing import routes
from coopconnect.core.testing.problems import detail_and_errors
from coopconnect.core.testing.routes import ANONYMOUS, PLACE_TOKEN
from coopconnect.core.testing.world import World

pytestmark = pytest.mark.usefixtures("_fast_passwords")

WRITES = [(m, p, op) for m, p, op in routes.api_operations() if m in ("POST", "PUT", "PATCH", "DELETE")]
SCHEMA: dict[str, Any] = {}


def _components() -> dict[str, Any]:
    if not SCHEMA:
        from config.api import api

        SCHEMA.update(api.get_openapi_schema(path_prefix="/api/v1/"))
    return SCHEMA["components"]["schemas"]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _components()[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _is_text(schema: dict[str, Any]) -> bool:
    schema = _resolve(schema)
    return schema.get("type") == "string" or any(_is_text(s) for s in schema.get("anyOf", []))


def text_field(op: dict[str, Any]) -> str | None:
    """Return the first text property of the operation's JSON body (None when it declares none)."""
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    for name, prop in _resolve(content["schema"]).get("properties", {}).items():
        if _is_text(prop):
            return name
    return None


def client_for(who: str | None, world: World) -> tuple[Client, dict[str, str]]:
    if who == PLACE_TOKEN:
        return Client(), {"HTTP_AUTHORIZATION": f"Bearer {world.token_secret}"}
    client = Client()
    if who and who != ANONYMOUS:
        client.force_login(world.users[who])
    return client, {}


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "op"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_every_api_write_refuses_a_nul_in_its_body(method: str, path: str, op: dict, world: World):
    access = routes.API[f"{method} {path}"]
    url = path.format(**access.params(world)) if access.params else path
    field = text_field(op) or "note"
    body = {**(access.body(world) if access.body else {}), field: "a\u0000b"}
    client, extra = client_for(access.owner, world)

    response = client.generic(method, url, data=json.dumps(body), content_type="application/json", **extra)

    assert response.status_code == 400, f"{method} {url}: {response.status_code} {response.content[:300]!r}"
    assert detail_and_errors(response.json()) == {
        "detail": CONTROL_MESSAGE,
        "errors": {field: ["Caractère de contrôle interdit (U+0000) : retirez-le."]},
    }


@pytest.mark.django_db
def test_the_reported_bodies_are_refused_with_their_field(member):
    # The four bodies that answered 500 on PostgreSQL.
    client = Client()
    client.force_login(member)
    cases = [
        ("post", "/api/v1/bookings", {"resource_id": 1, "date": "2026-12-01", "note": "a\u0000b"}, "note"),
        ("post", "/api/v1/auth/register", {"email": "x@example.org", "first_name": "A\u0000"}, "first_name"),
        ("patch", "/api/v1/me", {"first_name": "Zoé\u0000"}, "first_name"),
        ("post", "/api/v1/usage", {"kind": "print", "note": "\u0000"}, "note"),
    ]
    for method, url, body, field in cases:
        response = getattr(client, method)(url, data=json.dumps(body), content_type="application/json")
        assert response.status_code == 400, url
        assert list(response.json()["errors"]) == [field], url


@pytest.mark.django_db
def test_nested_fields_and_every_control_character_are_named(member):
    client = Client()
    client.force_login(member)
    body = {
        "lines": [{"label": "ok"}, {"label": "bip\u0007"}],
        "note": "\u001b[31m",
        "other": "\u0085",
        "half": "\ud800",
        "\u0000key": "x",
    }
    response = client.post("/api/v1/quotes", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "lines.1.label": ["Caractère de contrôle interdit (U+0007) : retirez-le."],
        "note": ["Caractère de contrôle interdit (U+001B) : retirez-le."],
        "other": ["Caractère de contrôle interdit (U+0085) : retirez-le."],
        "half": ["Caractère de contrôle interdit (U+D800) : retirez-le."],
        "__all__": ["Caractère de contrôle interdit (U+0000) : retirez-le."],
    }


@pytest.mark.django_db
def test_a_body_sent_as_text_plain_is_checked_too(member):
    # The API decodes any body as JSON, whatever the declared type: so does the guard.
    client = Client()
    client.force_login(member)
    response = client.patch("/api/v1/me", data='{"first_name": "a\\u0000"}', content_type="text/plain")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["first_name"]


@pytest.mark.django_db
def test_tabs_newlines_and_ordinary_text_pass(member):
    client = Client()
    client.force_login(member)
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"first_name": "Zoé\tÉlise\r\n", "last_name": "L’Œuvre 🌿 €"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert member.last_name == "L’Œuvre 🌿 €"


@pytest.mark.django_db
def test_malformed_json_is_left_to_the_api(client):
    response = client.post("/api/v1/business-plans/simulate", data="{\u0000", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Corps de requête illisible : du JSON valide est attendu."


def test_control_characters_walks_the_decoded_json():
    assert list(control_characters({"a": ["ok", {"b": "x\u0000"}], "c": 3, "d": None})) == [("a.1.b", "\x00")]
    assert list(control_characters("\u007f")) == [("__all__", "\x7f")]
    assert list(control_characters({"t": "\t\n\r", "n": 1.5, "e": ""})) == []
