"""Writes of the events app: create, edit, publish and cancel events; register, cancel, mark attendance.

Concurrency: every write that takes or frees a seat locks the Event row first (``select_for_update``),
so two people registering for the last seat run one after the other and the second sees the first's
registration (PostgreSQL). On SQLite select_for_update is a no-op; the IMMEDIATE transaction mode
(config/settings.py) serialises writers instead, as for bookings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.permissions import may_book
from coopconnect.events import notifications, rooms
from coopconnect.events.models import (
    SEATED,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Theme,
    ThemeSubscription,
)
from coopconnect.events.permissions import can_manage_event, can_organise_at
from coopconnect.places.models import Network, Place, Resource, ResourceKind

START_TOLERANCE = dt.timedelta(minutes=1)
MAX_DURATION = dt.timedelta(days=14)
MAX_CAPACITY = 10_000
MAX_PRICE = Decimal("100000")
MAX_FREE_MONTHS = 60
MAX_THEMES = 10
EDITABLE = (
    "title", "kind", "description", "start", "end", "venue", "room", "is_online", "online_url",
    "relay_places", "capacity", "price", "grants_free_months", "themes",
)  # fmt: skip


def themes_from_names(names: Iterable[str]) -> list[Theme]:
    """Return the themes named (created when new), deduplicated by their slug."""
    found: dict[str, Theme] = {}
    for raw in names:
        name = " ".join(str(raw).split())[:80]
        slug = slugify(name)[:60]
        if not slug or slug in found:
            continue
        theme = Theme.objects.filter(slug=slug).first() or Theme.objects.create(slug=slug, name=name)
        found[slug] = theme
    return list(found.values())


def _check(
    event: Event, relay: list[Place], themes: list[Any], now: dt.datetime, *, times_changed: bool
) -> None:
    """Validate an event about to be saved; raise DomainError with every field error at once."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (event.title or "").strip():
        add("title", _("Donnez un titre à l'événement."))
    elif len(event.title) > 200:
        add("title", _("Titre trop long (200 caractères au plus)."))
    if event.kind not in EventKind.values:
        add("kind", _("Type d'événement inconnu."))
    if (
        event.start is None
        or event.end is None
        or timezone.is_naive(event.start)
        or timezone.is_naive(event.end)
    ):
        add("start", _("Dates avec fuseau horaire attendues."))
    else:
        if event.end <= event.start:
            add("end", _("La fin doit être après le début."))
        elif event.end - event.start > MAX_DURATION:
            add("end", _("Un événement dure au plus 14 jours."))
        if times_changed and event.start < now - START_TOLERANCE:
            add("start", _("Cette date est passée."))
    if not isinstance(event.capacity, int) or not 1 <= event.capacity <= MAX_CAPACITY:
        add("capacity", _("Nombre de places entre 1 et %(n)s.") % {"n": MAX_CAPACITY})
    try:
        price = Decimal(event.price)
        if (
            not price.is_finite()
            or price < 0
            or price > MAX_PRICE
            or price != price.quantize(Decimal("0.01"))
        ):
            raise InvalidOperation
    except (InvalidOperation, TypeError, ValueError):
        add("price", _("Prix en euros, positif ou nul, au centime près (0 = gratuit)."))
    if event.grants_free_months:
        if event.kind != EventKind.TRAINING:
            add("grants_free_months", _("Seule une formation peut donner droit à une période gratuite."))
        elif not 0 < event.grants_free_months <= MAX_FREE_MONTHS:
            add("grants_free_months", _("Entre 1 et %(n)s mois.") % {"n": MAX_FREE_MONTHS})
    if event.venue is None and not event.is_online:
        add("venue", _("Indiquez le lieu de l'événement, ou cochez « en ligne »."))
    if event.venue is not None:
        allowed = _venue_allowed(event)
        if not allowed:
            add("venue", _("Le lieu doit être le lieu organisateur ou un lieu du réseau organisateur."))
    if event.online_url and not event.is_online:
        add("online_url", _("Un lien de visio ne sert qu'à un événement en ligne."))
    if relay and not event.is_online:
        add("relay_places", _("Des lieux relais ne servent qu'à un événement en ligne (visio)."))
    networks = _organiser_networks(event)
    outside = [p.name for p in relay if not p.networks.filter(pk__in=[n.pk for n in networks]).exists()]
    if outside:
        add("relay_places", _("Lieux hors du réseau : %(names)s.") % {"names": ", ".join(outside)})
    if event.room_id is not None:
        room: Resource = event.room  # type: ignore[assignment]
        if event.venue is None or room.place_id != event.venue.pk:
            add("room", _("Cette salle n'est pas dans le lieu de l'événement."))
        elif room.kind != ResourceKind.MEETING_ROOM or not room.is_active:
            add("room", _("Choisissez une salle de réunion active du lieu."))
        elif isinstance(event.capacity, int) and event.capacity > room.capacity:
            add("capacity", _("La salle accueille %(n)s personnes au plus.") % {"n": room.capacity})
    if len(themes) > MAX_THEMES:
        add("themes", _("%(n)s thèmes au plus.") % {"n": MAX_THEMES})
    if errors:
        raise DomainError(_("L'événement n'a pas été enregistré : vérifiez les champs signalés."), errors)


def _organiser_networks(event: Event) -> list[Network]:
    if event.network is not None:
        return [event.network]
    return list(event.place.networks.all()) if event.place is not None else []


def _venue_allowed(event: Event) -> bool:
    venue = event.venue
    assert venue is not None
    if event.place is not None:
        return venue.pk == event.place.pk
    return event.network is not None and venue.networks.filter(pk=event.network.pk).exists()


def _seated(event: Event) -> int:
    return event.registrations.filter(status__in=SEATED).count()


def _lock(event: Event) -> Event:
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins
    # (place, network, venue, room, booking are all optional); only the event row needs the lock.
    return (
        Event.objects.select_related("place", "network", "venue", "room", "room_booking")
        .select_for_update(of=("self",))
        .get(pk=event.pk)
    )


@transaction.atomic
def event_create(
    *,
    by: User,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    kind: str = EventKind.MEETUP,
    place: Place | None = None,
    network: Network | None = None,
    venue: Place | None = None,
    room: Resource | None = None,
    is_online: bool = False,
    online_url: str = "",
    relay_places: Iterable[Place] = (),
    capacity: int = 20,
    price: Decimal | int | str = Decimal("0"),
    description: str = "",
    themes: Iterable[str] = (),
    grants_free_months: int = 0,
    publish: bool = False,
    now: dt.datetime | None = None,
) -> Event:
    """Create an event for a place (its hosts, coordinators) or a network (its coordinators).

    A place's event happens there unless it is online; a meeting room given is booked for the
    event's times through the bookings services (refused when it is taken).
    """
    now = now or timezone.now()
    if (place is None) == (network is None):
        msg = _("Choisissez un lieu organisateur ou un réseau organisateur (un seul des deux).")
        raise DomainError(msg, {"place": [msg]})
    if not can_organise_at(by, place=place, network=network):
        raise PermissionDenied(_("Vous n'organisez pas d'événements pour ce lieu ou ce réseau."))
    if venue is None and place is not None and not is_online:
        venue = place
    event = Event(
        title=(title or "").strip(),
        kind=kind,
        description=(description or "").strip(),
        place=place,
        network=network,
        start=start,
        end=end,
        venue=venue,
        room=room,
        is_online=is_online,
        online_url=(online_url or "").strip(),
        capacity=capacity,
        price=price,
        grants_free_months=grants_free_months or 0,
        organiser=by,
    )
    relay = list(relay_places)
    theme_names = list(themes)
    _check(event, relay, theme_names, now, times_changed=True)
    event.price = Decimal(event.price)
    event.save()
    event.relay_places.set(relay)
    event.themes.set(themes_from_names(theme_names))
    rooms.room_hold(event, now=now)
    event.save(update_fields=["room_booking", "updated_at"])
    if publish:
        event = event_publish(event=event, by=by, now=now)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, now: dt.datetime | None = None, **changes: Any) -> Event:
    """Change an event's fields (those in EDITABLE); a larger capacity seats people from the waitlist.

    When a published event changes its times or its place, everyone registered or waiting gets an
    e-mail with the new and the former time and place.
    """
    now = now or timezone.now()
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError(_("Champs non modifiables : %(f)s.") % {"f": ", ".join(unknown)})
    event = _lock(event)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne gérez pas cet événement."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Cet événement est annulé : il ne se modifie plus."))
    relay = list(changes.pop("relay_places")) if "relay_places" in changes else list(event.relay_places.all())
    theme_names = changes.pop("themes", None)
    old_times = (event.start, event.end)
    old_place = (event.venue_id, event.room_id, event.is_online)
    before = notifications.previous_slot(event)
    for key, value in changes.items():
        if key in ("title", "description", "online_url") and isinstance(value, str):
            value = value.strip()
        setattr(event, key, value)
    times_changed = (event.start, event.end) != old_times
    _check(event, relay, list(theme_names or []), now, times_changed=times_changed)
    seated = _seated(event)
    if event.capacity < seated:
        msg = _("%(n)s personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous.") % {
            "n": seated
        }
        raise DomainError(msg, {"capacity": [msg]})
    event.price = Decimal(event.price)
    rooms.room_hold(event, now=now)
    event.save()
    event.relay_places.set(relay)
    if theme_names is not None:
        event.themes.set(themes_from_names(theme_names))
    _promote(event, now)
    if event.status == EventStatus.PUBLISHED and (
        times_changed or (event.venue_id, event.room_id, event.is_online) != old_place
    ):
        active = event.registrations.filter(status__in=(*SEATED, RegistrationStatus.WAITLISTED))
        for registration in active:
            notifications.notify_registration(registration, "event_changed", before=before)
    return event


@transaction.atomic
def event_publish(*, event: Event, by: User, now: dt.datetime | None = None) -> Event:
    """Publish a draft: it shows in the agenda and the people following its themes get an e-mail."""
    now = now or timezone.now()
    event = _lock(event)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne gérez pas cet événement."))
    if event.status != EventStatus.DRAFT:
        raise DomainError(
            _("Seul un brouillon se publie (état : %(s)s).") % {"s": event.get_status_display()}
        )
    if event.end <= now:
        raise DomainError(_("Cet événement est déjà passé."))
    event.status = EventStatus.PUBLISHED
    event.published_at = now
    event.save(update_fields=["status", "published_at", "updated_at"])
    notifications.notify_theme_followers(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User, now: dt.datetime | None = None) -> Event:
    """Cancel an event: its room is released and everyone registered or waiting gets an e-mail."""
    now = now or timezone.now()
    event = _lock(event)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne gérez pas cet événement."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Cet événement est déjà annulé."))
    if event.end <= now:
        raise DomainError(_("Cet événement est terminé : il ne s'annule plus."))
    was_published = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.cancelled_at = now
    event.save(update_fields=["status", "cancelled_at", "updated_at"])
    rooms.room_release(event, now=now)
    if was_published:
        active = event.registrations.filter(status__in=(*SEATED, RegistrationStatus.WAITLISTED))
        for registration in active:
            notifications.notify_registration(registration, "event_cancelled")
    return event


def _promote(event: Event, now: dt.datetime) -> list[Registration]:
    """Seat the first people of the waitlist while seats are free (the event row is locked)."""
    if event.status != EventStatus.PUBLISHED or event.start <= now:
        return []
    free = event.capacity - _seated(event)
    promoted = []
    if free <= 0:
        return promoted
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("registered_at", "pk")
    for registration in waiting[:free]:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        notifications.notify_registration(registration, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_create(*, event: Event, person: User, now: dt.datetime | None = None) -> Registration:
    """Register ``person``: a seat when one is free, else the waitlist. Raise Conflict if already in."""
    now = now or timezone.now()
    if not may_book(person):
        raise PermissionDenied(_("Confirmez votre adresse e-mail avant de vous inscrire."))
    event = _lock(event)
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("Cet événement n'est pas ouvert aux inscriptions."))
    if event.start <= now:
        raise DomainError(_("Cet événement a commencé : les inscriptions sont closes."))
    status = (
        RegistrationStatus.CONFIRMED if _seated(event) < event.capacity else RegistrationStatus.WAITLISTED
    )
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        if registration.status == RegistrationStatus.WAITLISTED:
            raise Conflict(_("Vous êtes déjà sur la liste d'attente de cet événement."))
        raise Conflict(_("Vous êtes déjà inscrit à cet événement."))
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, person=person, status=status, registered_at=now
                )
        except IntegrityError as exc:
            raise Conflict(_("Vous êtes déjà inscrit à cet événement.")) from exc
    else:
        registration.status = status
        registration.registered_at = now
        registration.cancelled_at = registration.promoted_at = registration.attended_at = None
        registration.save()
    notifications.notify_registration(registration, status)
    return registration


@transaction.atomic
def registration_cancel(
    *, event: Event, person: User, by: User | None = None, now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration (the person, or a manager of the event); the first person waiting is seated."""
    now = now or timezone.now()
    by = by or person
    event = _lock(event)
    if by.pk != person.pk and not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette inscription."))
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("Aucune inscription active à cet événement."))
    if registration.status == RegistrationStatus.ATTENDED or event.start <= now:
        raise DomainError(_("L'événement a commencé : l'inscription ne s'annule plus."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    _promote(event, now)
    return registration


@transaction.atomic
def attendance_mark(
    *, registration: Registration, by: User, attended: bool = True, now: dt.datetime | None = None
) -> Registration:
    """Mark a registered person present (or not) once the event has started.

    At a training granting free months (Murat: 2 years free after the telework training), being
    marked present grants that free period at the venue through the billing services, once.
    """
    from coopconnect.billing.services.subscriptions import add_months, grant_free_period

    now = now or timezone.now()
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().select_related("person").get(pk=registration.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Seuls les organisateurs notent les présences."))
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("Les présences se notent sur un événement publié."))
    if event.start > now:
        raise DomainError(_("Les présences se notent à partir du début de l'événement."))
    if registration.status not in SEATED:
        raise DomainError(
            _("Seule une personne inscrite (pas en attente ni désinscrite) peut être notée présente.")
        )
    if not attended:
        if registration.free_period_id is not None:
            raise DomainError(_("La période gratuite a déjà été accordée : voyez avec la facturation."))
        registration.status = RegistrationStatus.CONFIRMED
        registration.attended_at = None
        registration.save(update_fields=["status", "attended_at", "updated_at"])
        return registration
    if registration.status != RegistrationStatus.ATTENDED:
        registration.status = RegistrationStatus.ATTENDED
        registration.attended_at = now
    if event.kind == EventKind.TRAINING and event.grants_free_months and registration.free_period_id is None:
        start = timezone.localdate(event.start)
        scope: dict[str, Any] = {"place": event.venue or event.place} if (event.venue or event.place) else {}
        if not scope:
            scope = {"network": event.network}
        registration.free_period = grant_free_period(
            person=registration.person,
            start=start,
            end=add_months(start, event.grants_free_months) - dt.timedelta(days=1),
            reason=(_("Formation suivie : %(t)s") % {"t": event.title})[:200],
            granted_by=by,
            **scope,
        )
    registration.save()
    return registration


@transaction.atomic
def themes_follow(*, person: User, theme_ids: Iterable[int]) -> list[Theme]:
    """Set the themes the person follows (they get an e-mail when a matching event is published)."""
    wanted = list(Theme.objects.filter(pk__in=list(theme_ids)))
    ThemeSubscription.objects.filter(person=person).exclude(theme__in=wanted).delete()
    have = set(ThemeSubscription.objects.filter(person=person).values_list("theme_id", flat=True))
    ThemeSubscription.objects.bulk_create(
        [ThemeSubscription(person=person, theme=t) for t in wanted if t.pk not in have]
    )
    return wanted


MAX_ATTENDANCE_BATCH = 500


@transaction.atomic
def attendance_mark_many(
    *,
    event: Event,
    by: User,
    registration_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    attended: bool = True,
    now: dt.datetime | None = None,
) -> list[Registration]:
    """Mark several registered people present (or not), named by registration id or e-mail address.

    All or nothing: an unknown id or address, or a person who cannot be marked, refuses the whole
    batch with a French message per item, and nothing is written. Each mark goes through
    :func:`attendance_mark`, so a training granting free months grants them here too.
    """
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Seuls les organisateurs notent les présences."))
    ids = list(dict.fromkeys(registration_ids))
    addresses = list(dict.fromkeys((e or "").strip().lower() for e in emails))
    errors: dict[str, list[str]] = {}
    if not ids and not addresses:
        raise DomainError(
            _("Indiquez au moins une inscription ou une adresse e-mail."),
            {"registration_ids": [_("Liste vide.")], "emails": [_("Liste vide.")]},
        )
    if len(ids) + len(addresses) > MAX_ATTENDANCE_BATCH:
        raise DomainError(
            _("%(n)s personnes au plus par envoi.") % {"n": MAX_ATTENDANCE_BATCH},
            {"registration_ids": [_("Liste trop longue.")]},
        )
    registrations = Registration.objects.filter(event=event).select_related("person")
    by_id = {r.pk: r for r in registrations.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in by_id]
    if missing:
        errors["registration_ids"] = [
            _("Aucune inscription à cet événement sous ces numéros : %(ids)s.") % {"ids": ", ".join(missing)}
        ]
    by_email: dict[str, Registration] = {}
    for address in addresses:
        found = (
            registrations.filter(person__email__iexact=address)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
            if address
            else None
        )
        if found is not None:
            by_email[address] = found
    if addresses:
        unknown = [a or "« »" for a in addresses if a not in by_email]
        if unknown:
            errors["emails"] = [
                _("Aucune personne inscrite à cet événement sous ces adresses : %(e)s.")
                % {"e": ", ".join(unknown)}
            ]
    if errors:
        raise DomainError(_("Aucune présence notée : corrigez les éléments signalés."), errors)
    chosen = list(dict.fromkeys([*by_id.values(), *by_email.values()]))
    marked: list[Registration] = []
    failures: list[str] = []
    for registration in chosen:
        try:
            marked.append(attendance_mark(registration=registration, by=by, attended=attended, now=now))
        except DomainError as exc:
            failures.append(f"{registration.person.email} (n° {registration.pk}) : {exc.message}")
    if failures:
        # Raising undoes the marks already made in this transaction: nothing is written.
        raise DomainError(
            _("Aucune présence notée : corrigez les éléments signalés."), {"registrations": failures}
        )
    return marked
