"""Schemathesis over the whole API: every answer conforms to the OpenAPI schema the API publishes.

For each operation, schemathesis draws valid requests from the schema; the path parameters point at
real objects of the test world and the caller is the operation's rightful user (its owner, or an
anonymous visitor for public operations). Each answer must be documented: its status code, its
media type, its headers and its body must match the schema — never a 5xx.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, Response
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coopconnect.core.testing import routes
from coopconnect.core.testing.routes import ANONYMOUS, PLACE_TOKEN
from coopconnect.core.testing.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_fast_passwords")]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6


@pytest.fixture(scope="module")
def api_schema() -> Any:
    import schemathesis

    from config.api import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))


def _client(who: str | None, world: World) -> tuple[Client, dict[str, str]]:
    if who == PLACE_TOKEN:
        return Client(), {"HTTP_AUTHORIZATION": f"Bearer {world.token_secret}"}
    client = Client()
    if who and who != ANONYMOUS:
        client.force_login(world.users[who])
    return client, {}


def _as_schemathesis(response: Any, method: str, url: str) -> Response:
    headers: dict[str, list[str]] = {k: [v] for k, v in response.headers.items()}
    request = requests.Request(method, f"http://testserver{url}").prepare()
    return Response(
        status_code=response.status_code,
        headers=headers,
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=False,
    )


OPERATIONS = sorted(routes.API)


@pytest.mark.parametrize("key", OPERATIONS)
def test_every_answer_conforms_to_the_schema(key: str, api_schema: Any, world: World, settings_rate):
    method, path = key.split(" ", 1)
    access = routes.API[key]
    operation = api_schema[path][method]
    fixed = access.params(world) if access.params else {}
    client, extra = _client(access.owner, world)
    seen: list[int] = []

    @given(case=operation.as_strategy(GenerationMode.POSITIVE))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        if fixed:
            case.path_parameters = {**(case.path_parameters or {}), **fixed}
        url = case.formatted_path
        query = case.query or {}
        if method == "GET":
            response = client.get(url, query, **extra)
        else:
            import json

            body = case.body if case.body is not None and not _is_unset(case.body) else {}
            response = client.generic(
                method,
                url + ("?" + requests.models.RequestEncodingMixin._encode_params(query) if query else ""),
                data=json.dumps(body),
                content_type="application/json",
                **extra,
            )
        seen.append(response.status_code)
        case.validate_response(_as_schemathesis(response, method, url), checks=CHECKS)

    check()
    assert seen, f"{key}: no request was made"


def _is_unset(value: Any) -> bool:
    return type(value).__name__ == "NotSet"


@pytest.fixture
def settings_rate(settings):
    """No throttling here: the examples would hit the write limits, which are tested elsewhere."""
    settings.RATE_LIMITS = {
        "api_write": [],
        "api_write_anonymous": [],
    }
