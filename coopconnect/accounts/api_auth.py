"""A person's API credentials: personal tokens and third-party apps' OAuth2 access tokens.

Both are sent as ``Authorization: Bearer <token>`` and act as their person, within their scopes
(``accounts/scopes.py``). ``install`` puts them in front of the session on every API operation
open to a person's session: the operation's scope decides, a missing scope answers 403.
"""

import hmac
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth
from ninja.security.base import SecuritySchema
from oauth2_provider.oauth2_backends import get_oauthlib_core

from coopconnect.accounts.models import PersonalToken, User
from coopconnect.accounts.scopes import IDENTITY, OPERATION_SCOPES, SCOPE_LABELS
from coopconnect.accounts.services import PERSONAL_TOKEN_PREFIX, hash_secret
from coopconnect.core.errors import PermissionDenied

# Writing last_used_at on every call would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def authenticate_personal_token(raw: str) -> PersonalToken | None:
    """Return the live token matching the raw value, or None (garbage, unknown, revoked, expired)."""
    if not raw or len(raw) > 200:
        return None
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PERSONAL_TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    token = PersonalToken.objects.select_related("user").filter(prefix=parts[1]).first()
    # Hash even when the prefix is unknown, so timing does not tell which prefixes exist.
    candidate = hash_secret(parts[2])
    if token is None or not hmac.compare_digest(candidate, token.secret_hash):
        return None
    now = timezone.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active or token.user.is_erased:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _check_scope(granted: list[str], scope: str | None) -> None:
    if scope is None:
        raise PermissionDenied(
            _("Cette opération n'accepte pas les jetons : elle se fait sur le site, connecté(e).")
        )
    if scope != IDENTITY and scope not in granted:
        raise PermissionDenied(
            _("Ce jeton n'a pas l'autorisation « %(label)s » (%(scope)s).")
            % {"label": SCOPE_LABELS[scope], "scope": scope},
            errors={"scope": [scope]},
        )


def _act_as(request: HttpRequest, user: User) -> User:
    request.user = user
    # No cookie was used: nothing for a cross-site request to ride on.
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    return user


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer ccp_<prefix>_<secret>``: a token the person made on their account page."""

    def __init__(self, scope: str | None) -> None:
        super().__init__()
        self.scope = scope
        self.openapi_security_schema = SecuritySchema(
            type="http",
            scheme="bearer",
            bearerFormat="ccp_<préfixe>_<secret>",
            description=(
                "Jeton personnel créé sur /compte/jetons-personnels/, avec ses autorisations "
                f"({', '.join(SCOPE_LABELS)}). Sans l'autorisation de l'opération : 403."
            ),
        )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith(PERSONAL_TOKEN_PREFIX + "_"):
            return None
        found = authenticate_personal_token(token)
        if found is None:
            raise AuthenticationError
        _check_scope(list(found.scopes), self.scope)
        request.personal_token = found  # type: ignore[attr-defined]
        return _act_as(request, found.user)


class OAuth2Auth(HttpBearer):
    """An access token issued to a third-party app by the OAuth2 authorization-code flow (PKCE)."""

    def __init__(self, scope: str | None) -> None:
        super().__init__()
        self.scope = scope
        self.openapi_security_schema = SecuritySchema(
            type="oauth2",
            description="Applications tierces enregistrées par l'équipe de la plateforme (PKCE obligatoire).",
            flows={
                "authorizationCode": {
                    "authorizationUrl": "/oauth/authorize/",
                    "tokenUrl": "/oauth/token/",
                    "refreshUrl": "/oauth/token/",
                    "scopes": {name: str(label) for name, label in SCOPE_LABELS.items()},
                }
            },
        )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if token.startswith(PERSONAL_TOKEN_PREFIX + "_") or token.startswith("cc_"):
            return None
        valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
        if not valid or oauth_request.access_token is None:
            raise AuthenticationError
        user = oauth_request.access_token.user
        if user is None or not user.is_active or user.is_erased:
            raise AuthenticationError
        _check_scope(oauth_request.access_token.scope.split(), self.scope)
        return _act_as(request, user)


def install(api: NinjaAPI) -> None:
    """Accept personal and OAuth2 tokens, before the session, on every operation the session opens."""
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                if django_auth not in operation.auth_callbacks:
                    continue
                scope = OPERATION_SCOPES.get(api.get_openapi_operation_id(operation))
                operation.auth_callbacks = [
                    PersonalTokenAuth(scope),
                    OAuth2Auth(scope),
                    *operation.auth_callbacks,
                ]


def document_scopes(schema: dict[str, Any]) -> None:
    """Name, in the OpenAPI document, the OAuth2 scope each operation needs."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            scope = OPERATION_SCOPES.get(operation.get("operationId", ""))
            for requirement in operation.get("security", []):
                if "OAuth2Auth" in requirement and scope:
                    requirement["OAuth2Auth"] = [scope]
