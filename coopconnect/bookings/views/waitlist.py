"""The waitlist: join a full slot, accept or decline a seat kept for you, leave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.bookings.forms import (
    tomorrow,
)
from coopconnect.bookings.models import Hold, WaitlistEntry
from coopconnect.bookings.services.waitlist import hold_accept, hold_decline, waitlist_join
from coopconnect.bookings.services.waitlist import waitlist_leave as waitlist_leave_service
from coopconnect.bookings.slots import slot_bounds
from coopconnect.bookings.views.common import parse_day, verify_first
from coopconnect.core.errors import DomainError
from coopconnect.core.permissions import may_book
from coopconnect.places.models import Resource


@login_required
@require_POST
def waitlist(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Join the waitlist of a full slot."""
    resource = get_object_or_404(Resource.objects.select_related("place"), pk=resource_id, is_active=True)
    day = parse_day(request.POST.get("date"), tomorrow())
    if not may_book(request.user):
        messages.error(request, verify_first())
        return redirect(f"{reverse('bookings:confirm', args=[resource.pk])}?date={day}")
    try:
        start, end = slot_bounds(resource.place, day, request.POST.get("slot", "morning"))
        waitlist_join(resource=resource, person=request.user, start=start, end=end)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('bookings:confirm', args=[resource.pk])}?date={day}")
    messages.success(
        request, _("Vous êtes sur la liste d'attente : nous vous écrirons si une place se libère.")
    )
    return redirect("bookings:mine")


@login_required
def hold_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline a seat kept for you from the waitlist."""
    hold = get_object_or_404(
        Hold.objects.select_related("resource", "resource__place"), pk=pk, person=request.user
    )
    if request.method == "POST":
        if request.POST.get("action") != "decline" and not may_book(request.user):
            messages.error(request, verify_first())
            return redirect("bookings:hold", pk=hold.pk)
        try:
            if request.POST.get("action") == "decline":
                hold_decline(hold=hold, person=request.user)
                messages.success(request, _("Proposition déclinée."))
                return redirect("bookings:mine")
            booking = hold_accept(hold=hold, person=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("bookings:hold", pk=hold.pk)
        messages.success(request, _("Réservation enregistrée."))
        return redirect("bookings:detail", pk=booking.pk)
    return render(request, "bookings/hold.html", {"hold": hold, "now": timezone.now()})


@login_required
@require_POST
def waitlist_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave a waitlist (a seat already offered goes to the next in line)."""
    entry = get_object_or_404(WaitlistEntry, pk=pk, person=request.user)
    try:
        waitlist_leave_service(entry=entry, person=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Vous avez quitté la liste d'attente."))
    return redirect("bookings:mine")
