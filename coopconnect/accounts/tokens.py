"""Machine authentication with place-scoped API tokens (``Authorization: Bearer cc_<prefix>_<secret>``)."""

import hmac
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from coopconnect.accounts.models import ApiToken
from coopconnect.accounts.services import TOKEN_PREFIX, hash_secret

# Writing last_used_at on every door check would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def authenticate_place_token(raw: str) -> ApiToken | None:
    """Return the live token matching the raw value, or None (garbage, unknown, wrong secret, revoked)."""
    if not raw or len(raw) > 200:
        return None
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    token = ApiToken.objects.select_related("place").filter(prefix=parts[1]).first()
    # Hash even when the prefix is unknown, so timing does not tell which prefixes exist.
    candidate = hash_secret(parts[2])
    if token is None or not hmac.compare_digest(candidate, token.secret_hash):
        return None
    if token.revoked_at is not None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


class PlaceTokenAuth(HttpBearer):
    """django-ninja auth: ``request.auth`` becomes the ApiToken (``request.auth.place`` is its place)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate_place_token(token)
