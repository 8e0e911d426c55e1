"""Create, edit, publish and cancel events; the people concerned are told by e-mail after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.events import tasks
from coopconnect.events.models import SEATED, Event, EventKind, EventStatus, RegistrationStatus
from coopconnect.events.permissions import can_manage_event, can_organise_at
from coopconnect.events.services.checks import check_event
from coopconnect.events.services.rooms import room_hold, room_release
from coopconnect.events.services.seats import lock_event, promote_waitlist, seated_count
from coopconnect.events.services.themes import themes_from_names
from coopconnect.places.models import Network, Place, Resource

EDITABLE = (
    "title", "kind", "description", "start", "end", "venue", "room", "is_online", "online_url",
    "relay_places", "capacity", "price", "grants_free_months", "themes",
)  # fmt: skip


def previous_slot(event: Event) -> dict[str, Any]:
    """Return the event's current time and place as plain values a task can carry (JSON)."""
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "venue_id": event.venue_id,
        "is_online": event.is_online,
    }


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
    check_event(event, relay, theme_names, now, times_changed=True)
    event.price = Decimal(event.price)
    event.save()
    event.relay_places.set(relay)
    event.themes.set(themes_from_names(theme_names))
    room_hold(event, now=now)
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
    event = lock_event(event)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne gérez pas cet événement."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Cet événement est annulé : il ne se modifie plus."))
    relay = list(changes.pop("relay_places")) if "relay_places" in changes else list(event.relay_places.all())
    theme_names = changes.pop("themes", None)
    old_times = (event.start, event.end)
    old_place = (event.venue_id, event.room_id, event.is_online)
    before = previous_slot(event)
    for key, value in changes.items():
        if key in ("title", "description", "online_url") and isinstance(value, str):
            value = value.strip()
        setattr(event, key, value)
    times_changed = (event.start, event.end) != old_times
    check_event(event, relay, list(theme_names or []), now, times_changed=times_changed)
    seated = seated_count(event)
    if event.capacity < seated:
        msg = _("%(n)s personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous.") % {
            "n": seated
        }
        raise DomainError(msg, {"capacity": [msg]})
    event.price = Decimal(event.price)
    room_hold(event, now=now)
    event.save()
    event.relay_places.set(relay)
    if theme_names is not None:
        event.themes.set(themes_from_names(theme_names))
    promote_waitlist(event, now)
    if event.status == EventStatus.PUBLISHED and (
        times_changed or (event.venue_id, event.room_id, event.is_online) != old_place
    ):
        active = event.registrations.filter(status__in=(*SEATED, RegistrationStatus.WAITLISTED))
        for registration in active:
            after_commit(tasks.send_registration_email, registration.pk, "event_changed", before)
    return event


@transaction.atomic
def event_publish(*, event: Event, by: User, now: dt.datetime | None = None) -> Event:
    """Publish a draft: it shows in the agenda and the people following its themes get an e-mail."""
    now = now or timezone.now()
    event = lock_event(event)
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
    after_commit(tasks.send_theme_announcements, event.pk)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User, now: dt.datetime | None = None) -> Event:
    """Cancel an event: its room is released and everyone registered or waiting gets an e-mail."""
    now = now or timezone.now()
    event = lock_event(event)
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
    room_release(event, now=now)
    if was_published:
        active = event.registrations.filter(status__in=(*SEATED, RegistrationStatus.WAITLISTED))
        for registration in active:
            after_commit(tasks.send_registration_email, registration.pk, "event_cancelled")
    return event
