"""Secret calendar URLs: manage mine, and the .ics behind each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from coopconnect.bookings.models import CalendarFeed, FeedKind
from coopconnect.bookings.services import feeds
from coopconnect.core.errors import DomainError
from coopconnect.places.models import Place, Resource


@login_required
def calendars(request: HttpRequest) -> HttpResponse:
    """My secret calendar URLs: create, regenerate (new secret) or revoke."""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "create":
                feeds.feed_create(
                    owner=request.user,
                    kind=request.POST.get("kind", FeedKind.PERSON),
                    target_id=request.POST.get("target") or None,
                )
            elif action in ("regenerate", "revoke"):
                feed = get_object_or_404(CalendarFeed, pk=request.POST.get("feed"), owner=request.user)
                (feeds.feed_regenerate if action == "regenerate" else feeds.feed_revoke)(feed=feed)
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("bookings:calendars")
    hosted = (
        Place.objects.filter(hosts=request.user) if request.user.is_authenticated else Place.objects.none()
    )
    return render(
        request,
        "bookings/calendars.html",
        {
            "feeds": CalendarFeed.objects.filter(owner=request.user, revoked_at__isnull=True).select_related(
                "place", "resource"
            ),
            "hosted": hosted,
            "resources": Resource.objects.filter(place__in=hosted, is_active=True),
        },
    )


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics behind a secret URL (no login: calendar apps cannot log in)."""
    body = feeds.feed_ics(token=token)
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
