"""One booking and mine: the list, the detail with its QR code, cancel, move, check-in."""

from __future__ import annotations

import datetime as dt

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopconnect.bookings import selectors
from coopconnect.bookings.forms import (
    CodeForm,
    ModifyForm,
)
from coopconnect.bookings.models import Booking, BookingPolicy
from coopconnect.bookings.permissions import (
    admin_organisations,
    can_manage_booking,
    is_host,
    visible_bookings,
)
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.checkin import booking_check_in
from coopconnect.bookings.slots import at, slot_bounds, zone_of
from coopconnect.core.errors import DomainError
from coopconnect.core.errors import PermissionDenied as DomainPermissionDenied
from coopconnect.core.forms import add_domain_errors
from coopconnect.places.models import Resource


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My bookings, upcoming and past, and my employees' if I administer an employer."""
    upcoming, past = selectors.member_bookings(request.user)
    employees: list[Booking] = []
    if admin_organisations(request.user).exists():
        employees = list(
            visible_bookings(request.user)
            .exclude(person=request.user)
            .filter(end__gt=timezone.now(), employer__in=admin_organisations(request.user))
            .select_related("resource__place")
            .order_by("start")[:200]
        )
    for b in (*upcoming, *past, *employees):
        b.local_zone = zone_of(b.resource.place)  # type: ignore[attr-defined]
    return render(
        request,
        "bookings/mine.html",
        {
            "upcoming": upcoming,
            "past": past,
            "employees": employees,
            "waiting": selectors.member_waitlist(request.user),
        },
    )


def _qr_svg(booking: Booking) -> str:
    url = f"{settings.SITE_URL}{reverse('bookings:checkin')}?code={booking.short_code}"
    return segno.make(url, error="m").svg_inline(scale=4, title=_("Code QR d'arrivée"))


def _slot_of(booking: Booking) -> str:
    """Return the slot (morning, afternoon, day, or exact hours) the booking covers, to preselect it."""
    day = booking.start.astimezone(zone_of(booking.resource.place)).date()
    for slot in ("morning", "afternoon", "day"):
        try:
            if slot_bounds(booking.resource.place, day, slot) == (booking.start, booking.end):
                return slot
        except DomainError:
            break
    return "hours"


def _modify_form(booking: Booking) -> ModifyForm:
    tz = zone_of(booking.resource.place)
    start, end = booking.start.astimezone(tz), booking.end.astimezone(tz)
    initial = {
        "date": start.date(),
        "slot": _slot_of(booking),
        "start_time": start.time(),
        "end_time": end.time(),
    }
    return ModifyForm(initial=initial, auto_id="modify-%s")


def _detail_page(
    request: HttpRequest, booking: Booking, form: ModifyForm | None = None, status: int = 200
) -> HttpResponse:
    can_manage = can_manage_booking(request.user, booking)
    # Times are shown on the place's clock (an overseas place is not on Paris time).
    with timezone.override(zone_of(booking.resource.place)):
        return _render_detail(request, booking, form, status, can_manage)


def _render_detail(
    request: HttpRequest, booking: Booking, form: ModifyForm | None, status: int, can_manage: bool
) -> HttpResponse:
    return render(
        request,
        "bookings/detail.html",
        {
            "booking": booking,
            "qr": _qr_svg(booking),
            "can_manage": can_manage,
            "is_host": is_host(request.user, booking.resource.place),
            "resources": booking.resource.place.resources.filter(is_active=True).order_by("kind", "name")
            if can_manage
            else [],
            "selected_resource": request.POST.get("resource", "") if form is not None else "",
            "modify_form": form or _modify_form(booking),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A booking with its QR code and short code."""
    booking = visible_bookings(request.user).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return _detail_page(request, booking)


def _cancel_terms(request: HttpRequest, booking: Booking) -> dict[str, object]:
    """The cancellation rules as they apply now: the deadline, and whether this user may still cancel."""
    policy = BookingPolicy.for_place(booking.resource.place)
    deadline = booking.start - dt.timedelta(hours=policy.cancellation_deadline_hours)
    now = timezone.now()
    host = is_host(request.user, booking.resource.place)
    late = now > deadline
    return {
        "booking": booking,
        "deadline": deadline,
        "deadline_hours": policy.cancellation_deadline_hours,
        "late": late,
        "as_host": host,
        "may_cancel": booking.is_active and booking.end > now and (host or not late),
    }


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask before cancelling (deadline, what it changes on the bill); the confirmed POST cancels."""
    booking = visible_bookings(request.user).filter(pk=pk).first()
    if booking is None:
        raise Http404
    if not can_manage_booking(request.user, booking):
        raise DjangoPermissionDenied(_("Vous ne pouvez pas annuler cette réservation."))
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        # The deadline is shown on the place's clock, like the booking's times.
        with timezone.override(zone_of(booking.resource.place)):
            return render(request, "bookings/cancel.html", _cancel_terms(request, booking))
    try:
        booking_cancel(booking=booking, by=request.user)
    except DomainPermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Réservation annulée."))
    return redirect("bookings:detail", pk=pk)


@login_required
@require_POST
def modify(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a booking to another slot or exact hours, and/or to another resource of the same place.

    A refusal shows the page again (400) with the booking unchanged; a success redirects (PRG).
    """
    booking = visible_bookings(request.user).filter(pk=pk).first()
    if booking is None:
        raise Http404
    form = ModifyForm(request.POST, auto_id="modify-%s")
    resource = None
    resource_id = request.POST.get("resource", "")
    if resource_id and resource_id != str(booking.resource_id):
        resource = (
            Resource.objects.select_related("place")
            .filter(pk=resource_id if resource_id.isdigit() else 0, place_id=booking.resource.place_id)
            .first()
        )
        if resource is None:
            form.is_valid()
            form.add_error(None, _("Choisissez une ressource de ce lieu."))
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["slot"] == "hours":
                tz = zone_of(booking.resource.place)
                start, end = at(data["date"], data["start_time"], tz), at(data["date"], data["end_time"], tz)
            else:
                start, end = slot_bounds(booking.resource.place, data["date"], data["slot"])
            booking_modify(booking=booking, by=request.user, start=start, end=end, resource=resource)
        except DomainPermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Réservation modifiée."))
            return redirect("bookings:detail", pk=pk)
    # booking_modify saves nothing on refusal, but the instance in hand may carry the rejected values.
    booking = visible_bookings(request.user).get(pk=pk)
    return _detail_page(request, booking, form, status=400)


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    """Type (or scan) a booking code to record the arrival; the member or a host of the place."""
    form = CodeForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            booking = booking_check_in(code=form.cleaned_data["code"], by=request.user)
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            messages.success(request, _("Arrivée enregistrée : %(r)s.") % {"r": booking.resource})
            return redirect("bookings:detail", pk=booking.pk)
    return render(request, "bookings/checkin.html", {"form": form})
