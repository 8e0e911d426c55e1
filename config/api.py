"""The JSON API (django-ninja), mounted under /api/v1/.

Every error is an RFC 9457 problem (``application/problem+json``: type, title, status, detail) that
also carries ``errors``, the messages per field (``coopconnect.core.problems``).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation

from coopconnect.accounts.api_auth import document_scopes as document_token_scopes
from coopconnect.accounts.api_auth import install as install_person_tokens
from coopconnect.core.errors import DomainError
from coopconnect.core.openapi_examples import merge_examples
from coopconnect.core.problems import PROBLEM_CONTENT_TYPE, problem_response
from coopconnect.core.ratelimit import RateLimited, WriteThrottle
from coopconnect.core.validation_fr import french_message


class CoopConnectAPI(NinjaAPI):
    """The project's API: operation ids are ``<app>_<function>`` (e.g. ``bookings_create_booking``).

    django-ninja's default id spells the whole module path, so it would change whenever an app's
    modules are reorganised; clients generated from the schema keep working across such changes.
    """

    def get_openapi_operation_id(self, operation: Operation) -> str:
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The schema, with errors declared as what they are: ``application/problem+json``."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                _document_common_errors(method, operation)
                for code, media in operation.pop("x-media", {}).items():
                    _declare_media(operation["responses"][code].setdefault("content", {}), media)
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        document_token_scopes(schema)
        merge_examples(schema)
        return schema


api = CoopConnectAPI(
    title="Coop-connect API",
    version="1",
    description="Réseau de tiers-lieux : annuaire, réservations, facturation, outil pour convaincre.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # Abuse limits on writes (POST, PUT, PATCH, DELETE): per person or place token, else per address.
    throttle=[WriteThrottle()],
)


def _declare_media(content: dict[str, Any], media: str | list[str]) -> None:
    """Declare what an answer really is, from ``openapi_extra={"x-media": {"200": ...}}``.

    A media type alone (``"text/csv"``) replaces JSON, keeping the declared schema; a list
    (``["application/zip", "application/json"]``) keeps JSON if listed and adds the others as files.
    """
    if isinstance(media, str):
        content[media] = content.pop("application/json", {"schema": {"type": "string"}})
        return
    if "application/json" not in media:
        content.pop("application/json", None)
    for media_type in media:
        content.setdefault(media_type, {"schema": {"type": "string", "format": "binary"}})


_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def _document_common_errors(method: str, operation: dict[str, Any]) -> None:
    """Declare the errors any operation of this kind may answer, whatever its own code says.

    Writes are throttled (429 with ``Retry-After``); any input may be refused by the middleware
    (400: a control character) or by validation (422); a secured operation answers 401 without
    credentials.
    """
    # ninja keys responses by int: one spelling, as JSON will have it, so codes cannot appear twice.
    responses = operation["responses"] = {str(k): v for k, v in operation.get("responses", {}).items()}

    def add(code: str, description: str, **extra: Any) -> None:
        responses.setdefault(code, {"description": description, "content": _ERROR_CONTENT, **extra})

    if operation.get("parameters") or "requestBody" in operation:
        add("400", "Requête refusée (caractère interdit, corps illisible).")
        add("422", "Données invalides (erreurs par champ).")
    if operation.get("security"):
        add("401", "Authentification requise.", headers={"WWW-Authenticate": {"schema": {"type": "string"}}})
    if method.upper() in ("POST", "PUT", "PATCH", "DELETE"):
        add("429", "Trop de requêtes.", headers={"Retry-After": {"schema": {"type": "integer"}}})


def _field_name(loc: list[object]) -> str:
    # ninja locations look like ["query", "within_minutes"] or ["body", "payload", "start"].
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "form", "payload", "header", "cookie")]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        errors.setdefault(_field_name(list(err.get("loc", []))), []).append(french_message(err))
    return problem_response(422, "Données invalides.", errors)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return problem_response(exc.status_code, exc.message, exc.errors)


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = problem_response(429, exc.message)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return on_rate_limited(request, RateLimited(int(exc.wait or 60)))


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem_response(401, "Authentification requise.")
    # RFC 9110: a 401 names the schemes that would be accepted.
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        # RFC 6750: a bearer token was sent but is unknown, revoked or expired.
        response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if detail.startswith("Cannot parse request body"):
        detail = "Corps de requête illisible : du JSON valide est attendu."
    return problem_response(exc.status_code, detail)


def _mount() -> None:
    from coopconnect.accounts.api import router as accounts_router
    from coopconnect.billing.api import router as billing_router
    from coopconnect.billing.einvoicing_api import router as billing_einvoicing_router
    from coopconnect.billing.invoicing_api import router as billing_invoicing_router
    from coopconnect.billing.tariffs_api import router as billing_tariffs_router
    from coopconnect.bookings.api import router as bookings_router
    from coopconnect.businessplans.api import router as businessplans_router
    from coopconnect.events.api import router as events_router
    from coopconnect.forums.api import router as forums_router
    from coopconnect.missions.api import router as missions_router
    from coopconnect.payments.api import router as payments_router
    from coopconnect.places.api import router as places_router
    from coopconnect.planning.api import router as planning_router
    from coopconnect.skills.api import router as skills_router
    from coopconnect.webhooks.api import router as webhooks_router

    api.add_router("/", places_router)
    api.add_router("/", planning_router)
    api.add_router("/", businessplans_router)
    api.add_router("/", accounts_router)
    api.add_router("/", bookings_router)
    api.add_router("/", billing_router)
    api.add_router("/", billing_einvoicing_router)
    api.add_router("/", payments_router)
    api.add_router("/", billing_invoicing_router)
    api.add_router("/", billing_tariffs_router)
    api.add_router("/", skills_router)
    api.add_router("/", missions_router)
    api.add_router("/", forums_router)
    api.add_router("/", events_router)
    api.add_router("/", webhooks_router)


_mount()
# Personal tokens and OAuth2 access tokens, before the session (coopconnect/accounts/api_auth.py).
install_person_tokens(api)
