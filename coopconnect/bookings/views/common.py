"""Small helpers shared by the booking pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coopconnect.bookings.permissions import is_coordinator, is_host
from coopconnect.places.models import Place


def parse_day(value: str | None, default: dt.date) -> dt.date:
    """Return the ISO date ``value`` (from a query or a form), or ``default`` when empty or malformed."""
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def verify_first() -> str:
    """Return the message shown to someone who must confirm their address before booking."""
    return _("Confirmez votre adresse e-mail avant de réserver.")


def hosted_place(request: HttpRequest, slug: str) -> Place:
    """Return the place of ``slug`` if the signed-in user hosts it; refuse (403) otherwise."""
    place = get_object_or_404(Place, slug=slug)
    if not is_host(request.user, place):
        raise DjangoPermissionDenied(_("Réservé aux hôtes de ce lieu."))
    return place


def overseen_place(request: HttpRequest, slug: str) -> Place:
    """Return the place of ``slug`` if the user hosts it or coordinates one of its networks (to see its
    plannings); refuse (403) otherwise."""
    place = get_object_or_404(Place, slug=slug)
    if not (is_host(request.user, place) or is_coordinator(request.user, place)):
        raise DjangoPermissionDenied(_("Réservé aux hôtes et aux coordinateurs de ce lieu."))
    return place
