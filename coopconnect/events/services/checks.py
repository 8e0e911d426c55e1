"""Validation of an event about to be saved: every field error at once, in French."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.events.models import Event, EventKind
from coopconnect.places.models import Network, Place, Resource, ResourceKind

START_TOLERANCE = dt.timedelta(minutes=1)
MAX_DURATION = dt.timedelta(days=14)
MAX_CAPACITY = 10_000
MAX_PRICE = Decimal("100000")
MAX_FREE_MONTHS = 60
MAX_THEMES = 10


def check_event(
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
        allowed = venue_allowed(event)
        if not allowed:
            add("venue", _("Le lieu doit être le lieu organisateur ou un lieu du réseau organisateur."))
    if event.online_url and not event.is_online:
        add("online_url", _("Un lien de visio ne sert qu'à un événement en ligne."))
    if relay and not event.is_online:
        add("relay_places", _("Des lieux relais ne servent qu'à un événement en ligne (visio)."))
    networks = organiser_networks(event)
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


def organiser_networks(event: Event) -> list[Network]:
    """Return the networks organising the event (its own, or those of the organising place)."""
    if event.network is not None:
        return [event.network]
    return list(event.place.networks.all()) if event.place is not None else []


def venue_allowed(event: Event) -> bool:
    """Tell whether the venue is the organising place, or a place of the organising network."""
    venue = event.venue
    assert venue is not None
    if event.place is not None:
        return venue.pk == event.place.pk
    return event.network is not None and venue.networks.filter(pk=event.network.pk).exists()
