"""Booking a resource: one slot, exact hours, every week until a date, or several days in a row."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import OrganisationMembership, User
from coopconnect.bookings.forms import (
    ConfirmForm,
    tomorrow,
)
from coopconnect.bookings.models import BookingPolicy
from coopconnect.bookings.permissions import (
    admin_organisations,
    employer_for,
    is_host,
)
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.fair_use import MAX_SERIES_DATES
from coopconnect.bookings.services.series import booking_days_create, booking_series_create
from coopconnect.bookings.slots import at, day_intervals, slot_bounds, zone_of
from coopconnect.bookings.views.common import parse_day
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.permissions import may_book
from coopconnect.places.models import Resource


def _bookable_people(user: User) -> list[User]:
    orgs = admin_organisations(user)
    ids = OrganisationMembership.objects.filter(organisation__in=orgs).exclude(user=user).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email"))


def _requested_person_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("person") if request.method == "POST" else request.GET.get("person")
    try:
        return int(raw) if raw else None
    except (TypeError, ValueError):
        return None


def _confirm_people(request: HttpRequest, resource: Resource) -> list[User]:
    """The people the signed-in user may book for on this page, besides themself: the employees of the
    organisations they administer, and, for a host of the place, the member named by ``?person=<id>``
    (GET) or the posted choice; booking then refuses, in French, a person with no tie to the place
    (``permissions.is_tied_to_place``). Nobody else is listed."""
    people = _bookable_people(request.user)
    wanted = _requested_person_id(request)
    if (
        wanted is not None
        and wanted != request.user.pk
        and all(p.pk != wanted for p in people)
        and is_host(request.user, resource.place)
    ):
        extra = User.objects.filter(pk=wanted, is_active=True).first()
        if extra is not None:
            people.append(extra)
    return people


def _quote_for(
    request: HttpRequest, resource: Resource, form: ConfirmForm, people: list[User]
) -> dict[str, object]:
    """Who the price box quotes for, and who pays, exactly as booking_create will bill: the person chosen
    in the form (or passed in the query), billed to the employer when an employer admin books for an
    employee (a host booking for someone bills the person)."""
    chosen = form["person"].value() if "person" in form.fields else None
    try:
        chosen_pk = int(chosen) if chosen not in (None, "") else None
    except (TypeError, ValueError):
        chosen_pk = None
    person = next((p for p in people if p.pk == chosen_pk), None) or request.user
    employer = None
    if person.pk != request.user.pk and not is_host(request.user, resource.place):
        employer = employer_for(request.user, person)
    return {
        "quote_slots": _quote_slots(resource, form),
        "quote_person": person,
        "quote_for_other": person.pk != request.user.pk,
        "quote_employer": employer,
        "may_choose_person": "person" in form.fields,
    }


@login_required
def confirm(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Show the booking about to be made; POST books it and redirects to the booking (PRG).

    The price shown is that of exactly what the form will book. Without JavaScript, the "Recalculer le
    prix" button posts the form with ``action=quote``, which re-shows it priced for the day, slot,
    dates and person chosen without booking; with htmx, each change fetches the price alone (a GET
    of the same fields, answered with the price partial). A host or an employer admin may also open
    the page with ``?person=<id>`` to have the price computed at once.
    """
    resource = get_object_or_404(Resource.objects.select_related("place"), pk=resource_id, is_active=True)
    people = _confirm_people(request, resource)
    policy = BookingPolicy.for_place(resource.place)
    # The one who books (for themself or an employee) must have a verified address: nothing is written.
    must_verify = not may_book(request.user)
    status = 200
    if request.method == "GET" and getattr(request, "htmx", False) and request.GET.get("slot"):
        form = ConfirmForm(request.GET, resource=resource, people=people)
        return render(
            request,
            "bookings/partials/_price.html",
            {"resource": resource, "form": form, **_quote_for(request, resource, form, people)},
        )
    if request.method == "POST" and request.POST.get("action") == "quote":
        # Recalculate the price for the person chosen: nothing is written, the form is shown again.
        form = ConfirmForm(request.POST, resource=resource, people=people)
    elif request.method == "POST" and must_verify:
        form = ConfirmForm(request.POST, resource=resource, people=people)
        context = {
            "resource": resource,
            "form": form,
            "policy": policy,
            "must_verify": True,
            "max_series_dates": MAX_SERIES_DATES,
        }
        return render(request, "bookings/confirm.html", context, status=403)
    elif request.method == "POST":
        form = ConfirmForm(request.POST, resource=resource, people=people)
        if form.is_valid():
            data = form.cleaned_data
            person = request.user
            if data.get("person"):
                person = next((p for p in people if p.pk == data["person"]), None) or request.user
            try:
                if data.get("last_date") and data["last_date"] > data["date"] and data["slot"] != "hours":
                    result = booking_days_create(
                        resource=resource,
                        person=person,
                        first_day=data["date"],
                        last_day=data["last_date"],
                        slot=data["slot"],
                        booked_by=request.user,
                    )
                    messages.success(request, _("%(n)s jours réservés.") % {"n": len(result.created)})
                    return redirect("bookings:mine")
                if data["slot"] == "hours":
                    tz = zone_of(resource.place)
                    start, end = (
                        at(data["date"], data["start_time"], tz),
                        at(data["date"], data["end_time"], tz),
                    )
                else:
                    start, end = slot_bounds(resource.place, data["date"], data["slot"])
                if data.get("weekly_until") and data["weekly_until"] > data["date"]:
                    result = booking_series_create(
                        resource=resource,
                        person=person,
                        first_start=start,
                        first_end=end,
                        rule=f"FREQ=WEEKLY;UNTIL={data['weekly_until']:%Y%m%d}T235959",
                        booked_by=request.user,
                        layout=data.get("layout") or "",
                        attendees=data.get("attendees") or 1,
                    )
                    messages.success(request, _("%(n)s dates réservées.") % {"n": len(result.created)})
                    for line in result.conflict_lines():
                        messages.warning(request, line)
                    return redirect("bookings:mine")
                booking = booking_create(
                    resource=resource,
                    person=person,
                    start=start,
                    end=end,
                    booked_by=request.user,
                    layout=data.get("layout") or "",
                    attendees=data.get("attendees") or 1,
                    idempotency_key=data.get("idempotency_key") or "",
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
                if isinstance(exc, PermissionDenied):
                    status = 403
            else:
                messages.success(request, _("Réservation enregistrée."))
                return redirect("bookings:detail", pk=booking.pk)
    else:
        wanted = _requested_person_id(request)
        form = ConfirmForm(
            resource=resource,
            people=people,
            initial={
                "date": parse_day(request.GET.get("date"), tomorrow()),
                "slot": request.GET.get("slot", "morning"),
                "attendees": 1,
                "idempotency_key": uuid.uuid4().hex,
                "person": wanted if any(p.pk == wanted for p in people) else "",
            },
        )
    # Times are shown on the place's clock (an overseas place is not on Paris time).
    with timezone.override(zone_of(resource.place)):
        return render(
            request,
            "bookings/confirm.html",
            {
                "resource": resource,
                "form": form,
                "policy": policy,
                "must_verify": must_verify,
                "max_series_dates": MAX_SERIES_DATES,
                **_quote_for(request, resource, form, people),
            },
            status=status,
        )


def _form_day(form: ConfirmForm, name: str) -> dt.date | None:
    value = form[name].value()
    if isinstance(value, str):
        value = parse_day(value, None)  # type: ignore[arg-type]
    return value if isinstance(value, dt.date) else None


def _form_time(form: ConfirmForm, name: str) -> dt.time | None:
    value = form[name].value()
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, dt.time) else None


def _quote_slots(resource: Resource, form: ConfirmForm) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return the slots the form is about to book, as the booking services will make them, so their
    price shows before booking: one slot, exact hours, each open day until ``last_date`` or the same
    slot every week until ``weekly_until`` (closed days are not booked, so not priced)."""
    day, slot = _form_day(form, "date"), form["slot"].value()
    if day is None or slot in (None, ""):
        return []
    try:
        if slot == "hours":
            begin, finish = _form_time(form, "start_time"), _form_time(form, "end_time")
            if begin is None or finish is None:
                return []
            tz = zone_of(resource.place)
            return [(at(day, begin, tz), at(day, finish, tz))]
        start, end = slot_bounds(resource.place, day, slot)
    except DomainError:
        return []
    last, weekly = _form_day(form, "last_date"), _form_day(form, "weekly_until")
    if last is not None and last > day:
        step, until = dt.timedelta(days=1), min(last, day + dt.timedelta(days=31))
    elif weekly is not None and weekly > day:
        step, until = dt.timedelta(weeks=1), min(weekly, day + dt.timedelta(weeks=MAX_SERIES_DATES))
    else:
        return [(start, end)]
    tz = start.tzinfo
    local_start, local_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    out: list[tuple[dt.datetime, dt.datetime]] = []
    n = 0
    while day + n * step <= until:
        d = day + n * step
        n += 1
        if not day_intervals(resource.place, d):
            continue
        shift = d - day
        out.append(((local_start + shift).replace(tzinfo=tz), (local_end + shift).replace(tzinfo=tz)))
    return out
