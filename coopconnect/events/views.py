"""Events pages: agenda, pop-up places, event page, registration, my events, themes, and the
organisers' pages (create, edit, publish, cancel, attendees, sign-in sheet, CSV), plus iCalendar files."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.permissions import may_book
from coopconnect.events import selectors
from coopconnect.events.forms import AgendaForm, EventForm, ThemesForm
from coopconnect.events.ics import event_calendar_bytes
from coopconnect.events.models import Event, Registration, RegistrationStatus
from coopconnect.events.permissions import can_manage_event, may_organise
from coopconnect.events.services.attendance import attendance_mark
from coopconnect.events.services.events import event_cancel, event_create, event_publish, event_update
from coopconnect.events.services.registrations import registration_cancel, registration_create
from coopconnect.events.services.themes import themes_follow
from coopconnect.places.models import Network, Place

AGENDA_PAGE_SIZE = 20


def agenda(request: HttpRequest) -> HttpResponse:
    """Upcoming events across the networks, filtered by travel time, kind, theme and dates, 20 a page
    (plain links that keep the filters: no JavaScript needed)."""
    form = AgendaForm(request.GET or None)
    page: Page[Event] | None = None
    origin = None
    status = 200
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        filters = selectors.AgendaFilters(
            kind=data.get("kind") or "",
            theme=data.get("theme") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        try:
            if data.get("near"):
                filters, origin = selectors.narrow_near(
                    filters, near=data["near"], within_minutes=data.get("within_minutes") or 30
                )
            events = selectors.agenda_events(filters)
            page = Paginator(events, AGENDA_PAGE_SIZE).get_page(request.GET.get("page"))
        except DomainError as exc:
            add_domain_errors(form, exc)
            status = 400
    else:
        status = 400
    context = {"form": form, "page": page, "events": page.object_list if page else [], "origin": origin}
    return render(request, "events/agenda.html", context, status=status)


def popups(request: HttpRequest) -> HttpResponse:
    """The current and upcoming pop-up third places (tiers-lieux éphémères) with their events."""
    return render(request, "events/popups.html", {"popups": selectors.popup_places()})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: where, when, seats left, price; register or cancel my registration."""
    event = selectors.event_for(request.user, pk)
    if event is None:
        raise Http404
    registration = selectors.registration_of(request.user, event)
    context = {
        "event": event,
        "seats_left": selectors.seats_left(event),
        "registration": registration,
        "position": selectors.waitlist_position(registration) if registration else None,
        "can_manage": can_manage_event(request.user, event),
        "must_verify": request.user.is_authenticated and not may_book(request.user),
    }
    return render(request, "events/detail.html", context)


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The event as an iCalendar file, to add it to one's calendar."""
    event = selectors.event_for(request.user, pk)
    if event is None:
        raise Http404
    response = HttpResponse(event_calendar_bytes([event], name=event.title), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


def _feed(events: list[Event], name: str) -> HttpResponse:
    return HttpResponse(event_calendar_bytes(events, name=name), content_type="text/calendar; charset=utf-8")


def place_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Public iCalendar feed of a place's published events (organised, held or relayed there)."""
    place = get_object_or_404(Place, slug=slug, is_published=True)
    return _feed(selectors.feed_events(place=place), place.name)


def network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Public iCalendar feed of a network's published events."""
    network = get_object_or_404(Network, slug=slug)
    return _feed(selectors.feed_events(network=network), network.name)


def _visible_event(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_for(request.user, pk)
    if event is None:
        raise Http404
    return event


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Register for the event (a seat, or the waitlist when it is full)."""
    event = _visible_event(request, pk)
    try:
        registration = registration_create(event=event, person=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(
                request,
                _("Complet : vous êtes sur la liste d'attente. Nous vous écrirons si une place se libère."),
            )
        else:
            messages.success(request, _("Inscription confirmée."))
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def unregister(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel my registration; the first person waiting gets the seat."""
    event = _visible_event(request, pk)
    try:
        registration_cancel(event=event, person=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Inscription annulée."))
    return redirect("events:detail", pk=event.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My registrations, upcoming then past or cancelled."""
    upcoming, others = selectors.my_registrations(request.user)
    return render(request, "events/mine.html", {"upcoming": upcoming, "others": others})


@login_required
def themes(request: HttpRequest) -> HttpResponse:
    """Choose the themes I follow: an e-mail when an event on one of them is published."""
    followed = selectors.followed_theme_ids(request.user)
    if request.method == "POST":
        form = ThemesForm(request.POST)
        if form.is_valid():
            themes_follow(person=request.user, theme_ids=[t.pk for t in form.cleaned_data["themes"]])
            messages.success(request, _("Vos thèmes sont enregistrés."))
            return redirect("events:themes")
        return render(request, "events/themes.html", {"form": form}, status=400)
    form = ThemesForm(initial={"themes": followed})
    return render(request, "events/themes.html", {"form": form})


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The events I organise (hosts of a place, coordinators of a network)."""
    events = selectors.managed_event_list(request.user)
    return render(request, "events/manage.html", {"events": events, "may_create": may_organise(request.user)})


def _managed(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("place", "network", "venue", "room"), pk=pk)
    if not can_manage_event(request.user, event):
        raise DjangoPermissionDenied(_("Vous ne gérez pas cet événement."))
    return event


@login_required
def create(request: HttpRequest) -> HttpResponse:
    """Create an event (draft, or published at once) for a place or network I manage."""
    if not may_organise(request.user):
        raise DjangoPermissionDenied(
            _("Seuls les hôtes d'un lieu et les coordinateurs organisent des événements.")
        )
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        kind, organiser = form.cleaned_data["organiser"]
        try:
            event = event_create(
                by=request.user,
                place=organiser if kind == "place" else None,
                network=organiser if kind == "network" else None,
                publish=request.POST.get("publish") == "1",
                **form.service_kwargs(),
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Événement enregistré."))
            return redirect("events:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/form.html", {"form": form, "event": None}, status=status)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event."""
    event = _managed(request, pk)
    form = EventForm(
        request.POST or None, user=request.user, event=event, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            event_update(event=event, by=request.user, **form.service_kwargs())
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Événement modifié."))
            return redirect("events:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/form.html", {"form": form, "event": event}, status=status)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a draft."""
    event = _managed(request, pk)
    try:
        event_publish(event=event, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Événement publié."))
    return redirect("events:detail", pk=event.pk)


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the event (asks first); the people registered get an e-mail."""
    event = _managed(request, pk)
    if request.method == "POST":
        try:
            event_cancel(event=event, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Événement annulé : les inscrits sont prévenus par e-mail."))
        return redirect("events:detail", pk=event.pk)
    return render(request, "events/cancel.html", {"event": event})


@login_required
def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee list; POST marks someone present (or not)."""
    event = _managed(request, pk)
    if request.method == "POST":
        raw = str(request.POST.get("registration", ""))
        registration = Registration.objects.filter(event=event, pk=raw).first() if raw.isdigit() else None
        if registration is None:
            messages.error(request, _("Inscription inconnue."))
        else:
            try:
                attendance_mark(
                    registration=registration, by=request.user, attended=request.POST.get("attended") != "0"
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Présence enregistrée pour %(p)s.") % {"p": registration.person})
        return redirect("events:attendees", pk=event.pk)
    context = {
        "event": event,
        "registrations": selectors.attendees(event),
        "seats_left": selectors.seats_left(event),
    }
    return render(request, "events/attendees.html", context)


@login_required
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sign-in sheet (feuille d'émargement) of the people registered."""
    event = _managed(request, pk)
    context = {"event": event, "registrations": selectors.seated_attendees(event)}
    return render(request, "events/sign_in_sheet.html", context)


@login_required
def attendees_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee list as CSV (semicolons, UTF-8 with BOM: opens as is in French spreadsheets)."""
    event = _managed(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Nom"), _("Prénom"), _("E-mail"), _("État"), _("Inscrit le")])
    for r in selectors.attendees(event):
        writer.writerow(
            [
                _csv_safe(r.person.last_name),
                _csv_safe(r.person.first_name),
                _csv_safe(r.person.email),
                r.get_status_display(),
                formatting.datetime(r.registered_at),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
