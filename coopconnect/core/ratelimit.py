"""Abuse limits: how often one address, person or client may sign up, ask for a reset, write...

Requests are counted by django-ratelimit in fixed windows kept in the shared cache (``CACHES``, see
:mod:`coopconnect.core.cache`), so every web worker sees the same counts. A request over a limit is
refused with 429, a French message saying when to come back and a ``Retry-After`` header: a page
(``429.html``) for the site, ``{"detail": ..., "errors": {}}`` for the API.

Each group has one or more windows ``(key, rate)``; ``key`` is what is counted:

- ``ip``: the client's address (``CLIENT_IP_HEADER`` behind a proxy; IPv6 counted per /64);
- ``user``: the signed-in person;
- ``email``: the address typed in the form (sign-up, reset), so one mailbox is not flooded;
- ``client``: the API caller: the signed-in person, or the place token of a machine.

Rates are ``DEFAULT_LIMITS``, overridable per group in ``settings.RATE_LIMITS``.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle

from coopconnect.core.errors import DomainError

Window = tuple[str, str]

DEFAULT_LIMITS: dict[str, Sequence[Window]] = {
    # A third place's wifi is one address for a whole room: per-address rates leave room for a
    # sign-up workshop, the per-mailbox rate stops flooding one person.
    # Wrong passwords lock the account (django-axes); this caps tries on many accounts from one address.
    "login": (("ip", "100/h"),),
    "signup": (("ip", "10/h"), ("email", "3/h")),
    "password_reset": (("ip", "10/h"), ("email", "3/h")),
    "verification_resend": (("user", "3/h"),),
    # Writing to people through the platform (skills contact, answers to missions).
    "contact": (("user", "10/h"), ("user", "30/d")),
    # API writes: a person or a machine token, then anonymous callers by address.
    "api_write": (("client", "120/m"), ("client", "3000/d")),
    "api_write_anonymous": (("ip", "60/h"),),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RateLimited(DomainError):
    """Too many requests of one kind in a while; ``retry_after`` is the wait in seconds."""

    status_code = 429

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, int(retry_after))
        minutes = math.ceil(self.retry_after / 60)
        message = ngettext(
            "Trop de tentatives : réessayez dans %(minutes)d minute.",
            "Trop de tentatives : réessayez dans %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        super().__init__(message)


def client_ip(request: HttpRequest) -> str:
    """Return the caller's address: ``REMOTE_ADDR``, or the header a trusted proxy sets."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    raw = request.META.get(header, "") if header else ""
    # A proxy appending to X-Forwarded-For puts the address it saw last.
    raw = raw.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        # One household or office holds a whole /64: counting single IPv6 addresses is no limit.
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def limits(group: str) -> Sequence[Window]:
    """Return the windows of a group (settings first, then the defaults)."""
    configured: dict[str, Sequence[Window]] = getattr(settings, "RATE_LIMITS", {})
    return configured.get(group, DEFAULT_LIMITS[group])


def _client(request: HttpRequest) -> str:
    auth = getattr(request, "auth", None)
    if auth is not None and not isinstance(auth, bool):
        return f"{type(auth).__name__}:{getattr(auth, 'pk', auth)}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"User:{user.pk}"
    return ""


def _values(request: HttpRequest, email: str | None) -> dict[str, str]:
    user = getattr(request, "user", None)
    return {
        "ip": client_ip(request),
        "user": str(user.pk) if user is not None and user.is_authenticated else "",
        "email": (email or "").strip().lower(),
        "client": _client(request),
    }


def hit(request: HttpRequest, group: str, *, email: str | None = None) -> None:
    """Count this request in each window of ``group``; raise :class:`RateLimited` when one is full.

    Refused requests count too: hammering while refused does not open the door sooner.
    """
    values = _values(request, email)
    wait = 0
    for key, rate in limits(group):
        value = values[key]
        if not value:
            continue
        usage = get_usage(
            request,
            group=f"{group}:{key}",
            key=lambda _group, _request, v=value: v,
            rate=rate,
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            # time_left is -1 when the cache failed: ask for a minute.
            wait = max(wait, usage["time_left"] if usage["time_left"] > 0 else 60)
    if wait:
        raise RateLimited(wait)


def too_many_requests(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """The page answered to a refused request: 429, the message, and ``Retry-After``."""
    response = render(request, "429.html", {"message": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def limit_posts(group: str, *, email_field: str | None = None) -> Callable[[Any], Any]:
    """Decorate a page view: each POST counts in ``group`` and is refused with a 429 page past it."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                email = request.POST.get(email_field, "") if email_field else None
                try:
                    hit(request, group, email=email)
                except RateLimited as exc:
                    return too_many_requests(request, exc)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class WriteThrottle(BaseThrottle):
    """django-ninja throttle of the API's writes: per person or token, or per address when anonymous.

    Reads (GET, HEAD, OPTIONS) are never counted. ``wait`` reports the refusal of the last request
    this throttle saw, as django-ninja's own throttles do.
    """

    def __init__(self) -> None:
        self.retry_after = 0

    def allow_request(self, request: HttpRequest) -> bool:
        if request.method in SAFE_METHODS:
            return True
        group = "api_write" if _client(request) else "api_write_anonymous"
        try:
            hit(request, group)
        except RateLimited as exc:
            self.retry_after = exc.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return float(self.retry_after)
