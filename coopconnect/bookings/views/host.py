"""What hosts and coordinators see: the day and week plannings, walk-ins, requests, occupancy."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.accounts.models import User
from coopconnect.bookings import selectors
from coopconnect.bookings.forms import (
    PeriodForm,
    WalkInForm,
)
from coopconnect.bookings.models import Booking
from coopconnect.bookings.permissions import (
    is_host,
    is_network_coordinator,
)
from coopconnect.bookings.services.approval import booking_approve, booking_reject
from coopconnect.bookings.services.create import booking_walk_in
from coopconnect.bookings.slots import zone_of
from coopconnect.bookings.views.common import hosted_place, overseen_place, parse_day, verify_first
from coopconnect.core.errors import DomainError
from coopconnect.core.permissions import may_book
from coopconnect.places.models import Network, Place


@login_required
def host_day(request: HttpRequest, slug: str) -> HttpResponse:
    """The host's day: who comes, which rooms, arrivals, check-ins, walk-ins; printable.

    The coordinators of the place's networks see it too, without the host's actions."""
    place = overseen_place(request, slug)
    tz = zone_of(place)
    day = parse_day(request.GET.get("date"), timezone.localdate(timezone=tz))
    plan = selectors.host_day(place, day)
    with timezone.override(tz):
        return _render_day(request, place, day, plan)


def _render_day(request: HttpRequest, place: Place, day: dt.date, plan: selectors.DayPlan) -> HttpResponse:
    return render(
        request,
        "bookings/host_day.html",
        {
            "plan": plan,
            "place": place,
            "day": day,
            "walk_in_form": WalkInForm(place=place),
            "may_host": is_host(request.user, place),
            "prev": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )


@login_required
def host_week(request: HttpRequest, slug: str) -> HttpResponse:
    """The week of a place: its free and busy half-days per resource, then each day's bookings."""
    place = overseen_place(request, slug)
    day = parse_day(request.GET.get("date"), timezone.localdate(timezone=zone_of(place)))
    monday = day - dt.timedelta(days=day.weekday())
    return render(
        request,
        "bookings/host_week.html",
        {
            "place": place,
            "days": selectors.host_week(place, monday),
            "week_rows": selectors.place_week(place, monday),
            "week_days": [monday + dt.timedelta(days=i) for i in range(7)],
            "monday": monday,
            "prev": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
        },
    )


@login_required
@require_POST
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    """A host records someone who came without booking."""
    place = hosted_place(request, slug)
    if not may_book(request.user):
        messages.error(request, verify_first())
        return redirect("bookings:host_day", slug=place.slug)
    form = WalkInForm(request.POST, place=place)
    if form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        resource = place.resources.filter(pk=form.cleaned_data["resource"]).first()
        if person is None or resource is None:
            messages.error(request, _("Aucun compte avec ce courriel : la personne doit d'abord s'inscrire."))
        else:
            try:
                booking_walk_in(
                    resource=resource, person=person, host=request.user, slot=form.cleaned_data["slot"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Venue enregistrée."))
    else:
        messages.error(request, _("Formulaire incomplet."))
    return redirect("bookings:host_day", slug=place.slug)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """A host approves or rejects a pending request."""
    booking = get_object_or_404(Booking.objects.select_related("resource__place"), pk=pk)
    if not is_host(request.user, booking.resource.place):
        raise DjangoPermissionDenied
    try:
        if decision == "approve":
            booking_approve(booking=booking, by=request.user)
        else:
            booking_reject(booking=booking, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(
        f"{reverse('bookings:host_day', args=[booking.resource.place.slug])}"
        f"?date={booking.start.astimezone(zone_of(booking.resource.place)).date()}"
    )


@login_required
def occupancy(request: HttpRequest, slug: str) -> HttpResponse:
    """Occupancy per place and resource of a network over a period (its coordinators)."""
    network = get_object_or_404(Network, slug=slug)
    if not is_network_coordinator(request.user, network):
        raise DjangoPermissionDenied
    # By default the last 30 complete days: month-to-date would read 0 % early in the month.
    first, last = selectors.last_complete_days(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"first_day": first, "last_day": last})
    if form.is_valid() and form.cleaned_data["last_day"] >= form.cleaned_data["first_day"]:
        first, last = form.cleaned_data["first_day"], form.cleaned_data["last_day"]
        if (last - first).days > 366:
            last = first + dt.timedelta(days=366)
    rows = selectors.occupancy(places=network.places.all(), first_day=first, last_day=last)
    return render(
        request,
        "bookings/occupancy.html",
        {
            "network": network,
            "rows": rows,
            "form": form,
            "first": first,
            "last": last,
        },
    )
