"""Booking pages: find a free slot, book, my bookings, check-in, host plannings, occupancy, calendars."""

from __future__ import annotations

import datetime as dt
import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.accounts.models import OrganisationMembership, User
from coopconnect.bookings import feeds, selectors
from coopconnect.bookings.checkin import booking_check_in
from coopconnect.bookings.forms import (
    CodeForm,
    ConfirmForm,
    FindForm,
    ModifyForm,
    PeriodForm,
    WalkInForm,
    tomorrow,
)
from coopconnect.bookings.models import Booking, BookingPolicy, CalendarFeed, FeedKind, Hold, WaitlistEntry
from coopconnect.bookings.permissions import (
    admin_organisations,
    can_manage_booking,
    employer_for,
    is_host,
    is_network_coordinator,
    visible_bookings,
)
from coopconnect.bookings.services import (
    booking_approve,
    booking_cancel,
    booking_create,
    booking_days_create,
    booking_reject,
    booking_series_create,
    booking_walk_in,
)
from coopconnect.bookings.slots import PARIS, at, slot_bounds
from coopconnect.bookings.waitlist import hold_accept, hold_decline, waitlist_join
from coopconnect.bookings.waitlist import waitlist_leave as waitlist_leave_service
from coopconnect.core.errors import DomainError
from coopconnect.core.errors import PermissionDenied as DomainPermissionDenied
from coopconnect.core.permissions import may_book
from coopconnect.places.models import Network, Place, Resource


def _parse_day(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


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
            for field, errs in exc.errors.items():
                for err in errs:
                    form.add_error(field if field in form.fields else None, err)
            if not exc.errors:
                form.add_error(None, exc.message)
    template = "bookings/partials/_results.html" if request.htmx else "bookings/find.html"
    return render(request, template, {"form": form, "hits": hits, "origin": origin})


def _verify_first() -> str:
    return _("Confirmez votre adresse e-mail avant de réserver.")


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
    (GET) or the posted choice (a host may book for anyone at their place). Nobody else is listed."""
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
        "quote_slot": _quote_slot(resource, form),
        "quote_person": person,
        "quote_for_other": person.pk != request.user.pk,
        "quote_employer": employer,
        "may_choose_person": "person" in form.fields,
    }


@login_required
def confirm(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Show the booking about to be made; POST books it and redirects to the booking (PRG).

    Without JavaScript, the price follows the person chosen: the "Recalculer le prix" button posts the
    form with ``action=quote``, which re-shows it priced for that person without booking; a host or an
    employer admin may also open the page with ``?person=<id>`` to have the price computed at once.
    """
    resource = get_object_or_404(Resource.objects.select_related("place"), pk=resource_id, is_active=True)
    people = _confirm_people(request, resource)
    policy = BookingPolicy.for_place(resource.place)
    # The one who books (for themself or an employee) must have a verified address: nothing is written.
    must_verify = not may_book(request.user)
    if request.method == "POST" and request.POST.get("action") == "quote":
        # Recalculate the price for the person chosen: nothing is written, the form is shown again.
        form = ConfirmForm(request.POST, resource=resource, people=people)
    elif request.method == "POST" and must_verify:
        form = ConfirmForm(request.POST, resource=resource, people=people)
        context = {"resource": resource, "form": form, "policy": policy, "must_verify": True}
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
                    start, end = at(data["date"], data["start_time"]), at(data["date"], data["end_time"])
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
                    for day, reason in result.conflicts:
                        messages.warning(request, f"{day:%d/%m/%Y} : {reason}")
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
                form.add_error(None, exc.message)
                for msgs in exc.errors.get("dates", []):
                    form.add_error(None, msgs)
            else:
                messages.success(request, _("Réservation enregistrée."))
                return redirect("bookings:detail", pk=booking.pk)
    else:
        wanted = _requested_person_id(request)
        form = ConfirmForm(
            resource=resource,
            people=people,
            initial={
                "date": _parse_day(request.GET.get("date"), tomorrow()),
                "slot": request.GET.get("slot", "morning"),
                "attendees": 1,
                "idempotency_key": uuid.uuid4().hex,
                "person": wanted if any(p.pk == wanted for p in people) else "",
            },
        )
    return render(
        request,
        "bookings/confirm.html",
        {
            "resource": resource,
            "form": form,
            "policy": policy,
            "must_verify": must_verify,
            **_quote_for(request, resource, form, people),
        },
    )


def _quote_slot(resource: Resource, form: ConfirmForm) -> tuple[dt.datetime, dt.datetime] | None:
    """Return the slot the form is about to book, so its price shows before booking (None if unknown)."""
    day = form["date"].value()
    slot = form["slot"].value()
    if isinstance(day, str):
        day = _parse_day(day, None)
    if not isinstance(day, dt.date) or slot in (None, "", "hours"):
        return None
    try:
        return slot_bounds(resource.place, day, slot)
    except DomainError:
        return None


@login_required
@require_POST
def waitlist(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Join the waitlist of a full slot."""
    resource = get_object_or_404(Resource.objects.select_related("place"), pk=resource_id, is_active=True)
    day = _parse_day(request.POST.get("date"), tomorrow())
    if not may_book(request.user):
        messages.error(request, _verify_first())
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
            messages.error(request, _verify_first())
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


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My bookings, upcoming and past, and my employees' if I administer an employer."""
    upcoming, past = selectors.member_bookings(request.user)
    employees = []
    if admin_organisations(request.user).exists():
        employees = list(
            visible_bookings(request.user)
            .exclude(person=request.user)
            .filter(end__gt=timezone.now(), employer__in=admin_organisations(request.user))
            .order_by("start")[:200]
        )
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
    day = booking.start.astimezone(PARIS).date()
    for slot in ("morning", "afternoon", "day"):
        try:
            if slot_bounds(booking.resource.place, day, slot) == (booking.start, booking.end):
                return slot
        except DomainError:
            break
    return "hours"


def _modify_form(booking: Booking) -> ModifyForm:
    start, end = booking.start.astimezone(PARIS), booking.end.astimezone(PARIS)
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


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = visible_bookings(request.user).filter(pk=pk).first()
    if booking is None:
        raise Http404
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
    from coopconnect.bookings.services import booking_modify

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
                start, end = at(data["date"], data["start_time"]), at(data["date"], data["end_time"])
            else:
                start, end = slot_bounds(booking.resource.place, data["date"], data["slot"])
            booking_modify(booking=booking, by=request.user, start=start, end=end, resource=resource)
        except DomainPermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(None, exc.message)
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


def place_slots(request: HttpRequest, slug: str) -> HttpResponse:
    """The free-slot view of one place: every resource, every half-day, free periods of rooms (public)."""
    place = get_object_or_404(Place, slug=slug, is_published=True)
    day = _parse_day(request.GET.get("date"), timezone.localdate())
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


def _hosted_place(request: HttpRequest, slug: str) -> Place:
    place = get_object_or_404(Place, slug=slug)
    if not is_host(request.user, place):
        raise DjangoPermissionDenied(_("Réservé aux hôtes de ce lieu."))
    return place


@login_required
def host_day(request: HttpRequest, slug: str) -> HttpResponse:
    """The host's day: who comes, which rooms, arrivals, check-ins, walk-ins; printable."""
    place = _hosted_place(request, slug)
    day = _parse_day(request.GET.get("date"), timezone.localdate())
    plan = selectors.host_day(place, day)
    return render(
        request,
        "bookings/host_day.html",
        {
            "plan": plan,
            "place": place,
            "day": day,
            "walk_in_form": WalkInForm(place=place),
            "prev": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )


@login_required
def host_week(request: HttpRequest, slug: str) -> HttpResponse:
    place = _hosted_place(request, slug)
    day = _parse_day(request.GET.get("date"), timezone.localdate())
    monday = day - dt.timedelta(days=day.weekday())
    return render(
        request,
        "bookings/host_week.html",
        {
            "place": place,
            "days": selectors.host_week(place, monday),
            "monday": monday,
            "prev": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
        },
    )


@login_required
@require_POST
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    """A host records someone who came without booking."""
    place = _hosted_place(request, slug)
    if not may_book(request.user):
        messages.error(request, _verify_first())
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
        f"?date={booking.start.astimezone(PARIS).date()}"
    )


@login_required
def occupancy(request: HttpRequest, slug: str) -> HttpResponse:
    """Occupancy per place and resource of a network over a period (its coordinators)."""
    network = get_object_or_404(Network, slug=slug)
    if not is_network_coordinator(request.user, network):
        raise DjangoPermissionDenied
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"first_day": today.replace(day=1), "last_day": today})
    first, last = today.replace(day=1), today
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
