"""The API keeps its contract: a valid OpenAPI schema, documented errors, one error shape everywhere."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_spec_validator import validate

from coopconnect.core.testing.routes import API, api_operations

ERROR_REF = "#/components/schemas/ErrorOut"

# Operations known not to document a 4xx ErrorOut response: strict xfails.
UNDOCUMENTED_ERRORS: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def schema(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_openapi_schema_is_valid(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {
        "type",
        "title",
        "status",
        "detail",
        "errors",
    }


@pytest.mark.django_db
def test_served_schema_lists_every_operation(schema):
    served = {f"{m.upper()} {p}" for p, ops in schema["paths"].items() for m in ops}
    assert served == {f"{m} {p}" for m, p, _op in api_operations()}


@pytest.mark.django_db
def test_operation_ids_name_the_app_and_the_function(schema):
    # "<app>_<function>": unique, and unchanged when an app's modules are reorganised.
    from django.apps import apps

    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    labels = {c.label for c in apps.get_app_configs() if c.name.startswith("coopconnect.")}
    assert len(ids) == len(set(ids))
    assert {i.split("_", 1)[0] for i in ids} <= labels
    assert "bookings_create_booking" in ids


def _cases() -> list[Any]:
    cases = []
    for method, path, _op in api_operations():
        key = f"{method} {path}"
        marks = (
            [pytest.mark.xfail(strict=True, reason=UNDOCUMENTED_ERRORS[key])]
            if key in UNDOCUMENTED_ERRORS
            else []
        )
        cases.append(pytest.param(key, id=key, marks=marks))
    return cases


def _refs(response_doc: dict[str, Any]) -> set[str]:
    return set(_find_refs(response_doc))


def _find_refs(node: Any):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _find_refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _find_refs(v)


@pytest.mark.parametrize("key", _cases())
def test_operation_documents_its_errors(key: str):
    method, path = key.split(" ", 1)
    op = next(op for m, p, op in api_operations() if m == method and p == path)
    errors = {code: doc for code, doc in op["responses"].items() if 400 <= int(code) < 500}
    if not op.get("parameters") and "requestBody" not in op and not op.get("security"):
        # Nothing for the client to get wrong (e.g. GET /business-plans/template): no 4xx to document
        # but the throttle of writes.
        assert set(errors) <= {"429"}
        return
    assert errors, f"{key} documents no 4xx response: declare e.g. 400: ErrorOut (coopconnect.core.schemas)"
    wrong = {code for code, doc in errors.items() if _refs(doc) != {ERROR_REF}}
    assert not wrong, f"{key}: 4xx responses {sorted(wrong)} do not use ErrorOut"
    if op.get("security"):
        assert "401" in errors or 401 in errors, f"{key} needs authentication but does not document 401"


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    # RFC 9457 problem details, with the field errors the project always gave.
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert set(body) == {"type", "title", "status", "detail", "errors"}, body
    assert body["status"] == status and body["type"] == "about:blank" and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    for field, messages in body["errors"].items():
        assert isinstance(field, str)
        assert isinstance(messages, list) and all(isinstance(m, str) for m in messages)
    return body


def _json(client, method: str, path: str, payload: Any) -> Any:
    data = payload if isinstance(payload, str) else json.dumps(payload)
    return client.generic(method, path, data=data, content_type="application/json")


@pytest.mark.django_db
def test_error_shape_on_bad_inputs(client, member, place, seats, pertuis):
    """A sample of bad requests, anonymous then signed in: each answers a problem with field errors."""
    body = assert_error_shape(client.get("/api/v1/places?within_minutes=abc"), 422)
    assert "within_minutes" in body["errors"]
    assert_error_shape(client.get("/api/v1/places/999999"), 404)
    assert_error_shape(client.get("/api/v1/nope"), 404)
    anonymous = client.get("/api/v1/me")
    assert assert_error_shape(anonymous, 401)["detail"] == "Authentification requise."
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    assert_error_shape(client.get("/api/v1/tokens/current", HTTP_AUTHORIZATION="Bearer cc_nope_nope"), 401)
    body = assert_error_shape(
        client.get("/api/v1/availability?near=Pertuis&within_minutes=abc&date=2026-99-99"), 422
    )
    assert {"within_minutes", "date"} <= set(body["errors"])
    body = assert_error_shape(client.get("/api/v1/availability?near=%00"), 400)
    assert "caractère nul" in body["detail"]
    body = assert_error_shape(client.get("/api/v1/places/export.csv?near=zzzzqqq"), 400)
    assert "near" in body["errors"]
    assert_error_shape(client.get("/api/v1/territory/catchment?site=00000&minutes=20"), 400)
    assert_error_shape(_json(client, "POST", "/api/v1/auth/register", {"email": "pas-un-courriel"}), 422)
    assert_error_shape(_json(client, "POST", "/api/v1/business-plans/simulate", "{pas du json"), 400)

    client.force_login(member)
    body = assert_error_shape(_json(client, "POST", "/api/v1/bookings", {}), 422)
    assert "resource_id" in body["errors"]
    body = assert_error_shape(
        _json(
            client,
            "POST",
            "/api/v1/bookings",
            {"resource_id": 999999, "date": "2027-03-16", "slot": "morning"},
        ),
        404,
    )
    assert body["detail"] == "Ressource inconnue."
    assert_error_shape(client.get("/api/v1/bookings/999999"), 404)
    assert_error_shape(client.get("/api/v1/invoices/999999"), 404)


@pytest.mark.django_db
def test_wrong_method_has_error_shape(client):
    assert_error_shape(client.put("/api/v1/places", data="{}", content_type="application/json"), 405)


@pytest.mark.django_db
def test_malformed_json_message_is_french(client):
    response = _json(client, "POST", "/api/v1/business-plans/simulate", "{pas du json")
    assert response.status_code == 400
    assert response.json()["detail"] != "Cannot parse request body"


PUBLIC_GETS = sorted(key for key, access in API.items() if key.startswith("GET ") and access.owner is None)


@pytest.mark.django_db
@pytest.mark.parametrize("key", PUBLIC_GETS)
def test_public_get_never_answers_5xx_to_generated_input(key: str, place, other_place, seats):
    """Schemathesis draws query and path values from the schema (valid and invalid): never a 5xx."""
    import schemathesis
    from django.test import Client
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    from config.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    operation = schema[key.split(" ", 1)[1]]["GET"]
    client = Client()
    seen: list[int] = []

    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

    @given(case=strategy)
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        path = case.formatted_path
        response = client.get(path, case.query or {})
        seen.append(response.status_code)
        assert response.status_code < 500, f"{key} {path}?{case.query}: {response.status_code}"
        if response.status_code >= 400:
            assert {"detail", "errors"} <= set(response.json())

    check()
    assert seen


# PostgreSQL refuses NUL bytes in text parameters (DataError -> 500) while SQLite accepts them: the
# directory API answered 500 on PostgreSQL to service/network=%00 until core.middleware refused NUL.
NUL_URLS = [
    "/api/v1/places/export.geojson?network=%00",
    "/api/v1/places?service=%00",
    "/api/v1/places?network=%00",
    "/api/v1/places/export.csv?service=%00",
    "/api/v1/places?typology=%00",
    "/api/v1/places?near=%00",
    "/api/v1/availability?near=%00",
    "/api/v1/territory/catchment?site=%00",
    "/api/v1/territory/coverage?territory=%00",
    "/recherche/?q=Pertuis&services=%00",
    "/recherche/?q=Pertuis&typology=%00",
    "/recherche/communes/?q=%00",
    "/reservations/?near=%00",
    "/territoire/bassin-de-vie/?site=%00",
    "/territoire/couverture/?territory=%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_byte_in_a_parameter_is_a_4xx(url: str, place, network):
    from django.test import Client

    response = Client().get(url)
    assert response.status_code in (400, 404, 422), f"{url}: {response.status_code}"


@pytest.mark.django_db
def test_validation_messages_are_french(client):
    body = client.get("/api/v1/places?within_minutes=abc").json()
    english = [
        m
        for msgs in body["errors"].values()
        for m in msgs
        if m.startswith(("Input should", "Field required"))
    ]
    assert not english, english


def test_schema_names_are_unique_across_apps():
    """The OpenAPI components are keyed by class name: two apps' ``PreviewOut`` would overwrite each other."""
    from ninja import Schema

    import config.api  # noqa: F401 (every router, so every schema, is loaded)

    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    seen: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("coopconnect."):
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    clashes = {name: sorted(mods) for name, mods in seen.items() if len(mods) > 1}
    assert not clashes, f"rename one of each: {clashes}"
