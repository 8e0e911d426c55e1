"""Login lockout (django-axes): which account an attempt is for, and the page of a locked account."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.utils import reset
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' guard, first of the authentication backends: refuses any login to a locked account.

    A sign-in without a request (a management command, the test client's ``login``) does not come
    from the web, so it is neither counted nor refused, where axes itself would raise.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        try:
            return super().authenticate(request, username, password, **kwargs)  # type: ignore[func-returns-value]
        except AxesBackendPermissionDenied:
            request.refused_while_locked = True  # type: ignore[attr-defined]
            raise


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The address an attempt is for, as accounts store it ("Marie@Example.org " is marie@example.org)."""
    data: Any = credentials or {}
    value = data.get("username") or data.get("email")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Answer an attempt on a locked account: 429, a French message with the wait, ``Retry-After``.

    The wrong password that reaches the limit still gets the usual form error: the lockout answers
    the next attempt (so the 6th after 5 wrong passwords), the right password included. Each attempt
    while locked starts the cool-off again, so the wait is the whole cool-off.
    """
    if original_response is not None and not getattr(request, "refused_while_locked", False):
        return original_response
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 15 * 60
    minutes = max(1, -(-seconds // 60))
    message = ngettext(
        "Trop de tentatives de connexion pour ce compte : réessayez dans %(minutes)d minute, "
        "ou choisissez un nouveau mot de passe.",
        "Trop de tentatives de connexion pour ce compte : réessayez dans %(minutes)d minutes, "
        "ou choisissez un nouveau mot de passe.",
        minutes,
    ) % {"minutes": minutes}
    response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def unlock(email: str) -> None:
    """Forget the failed attempts on an account: its owner just proved the address (a new password)."""
    reset(username=email.strip().lower())
