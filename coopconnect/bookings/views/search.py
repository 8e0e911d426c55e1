"""Finding a free slot: across the networks near a commune, or at one place."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from coopconnect.bookings import selectors
from coopconnect.bookings.forms import (
    FindForm,
    tomorrow,
)
from coopconnect.bookings.views.common import parse_day
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.places.models import Place


def find(request: HttpRequest) -> HttpResponse:
    """Find a free seat (or room...) on a day and slot near a commune, across every network."""
    from coopconnect.places.selectors import resolve_origin

    initial = {"date": tomorrow(), "slot": "morning", "kind": "seat", "within_minutes": 20}
    if request.user.is_authenticated and request.user.home_commune_id:
        initial["near"] = request.user.home_commune.name
    form = FindForm(request.GET or None, initial=initial)
    hits, origin = None, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            origin = resolve_origin(data["near"])
            hits = selectors.availability_near(
                origin=origin.point,
                origin_elevation=origin.elevation,
                within_minutes=data["within_minutes"],
                day=data["date"],
                slot=data["slot"],
                kind=data["kind"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
    template = "bookings/partials/_results.html" if request.htmx else "bookings/find.html"
    return render(
        request, template, {"form": form, "hits": hits, "origin": origin, "points": _result_points(hits)}
    )


def _result_points(hits: list | None) -> list[dict] | None:
    """The places of the results, once each, for the map framed on them."""
    if not hits:
        return None
    seen: dict[int, dict] = {}
    for h in hits:
        url = reverse("bookings:place_slots", args=[h.place.slug]) + f"?date={h.start:%Y-%m-%d}"
        seen.setdefault(
            h.place.pk, {"lat": h.place.latitude, "lon": h.place.longitude, "name": h.place.name, "url": url}
        )
    return list(seen.values())


def place_slots(request: HttpRequest, slug: str) -> HttpResponse:
    """The free-slot view of one place: every resource, every half-day, free periods of rooms (public)."""
    place = get_object_or_404(Place, slug=slug, is_published=True)
    day = parse_day(request.GET.get("date"), timezone.localdate())
    rows = selectors.place_day(place, day)
    return render(
        request,
        "bookings/place_slots.html",
        {
            "place": place,
            "day": day,
            "rows": rows,
            "prev": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )


def place_week(request: HttpRequest, slug: str) -> HttpResponse:
    """A place's week at a glance: free and busy half-days of every resource (public)."""
    place = get_object_or_404(Place, slug=slug, is_published=True)
    day = parse_day(request.GET.get("date"), timezone.localdate())
    monday = day - dt.timedelta(days=day.weekday())
    return render(
        request,
        "bookings/place_week.html",
        {
            "place": place,
            "monday": monday,
            "week_rows": selectors.place_week(place, monday),
            "week_days": [monday + dt.timedelta(days=i) for i in range(7)],
            "prev": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
        },
    )
