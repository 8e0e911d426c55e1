"""The rules every booking request meets: sane times, the place's policy, the resource's layouts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.bookings.models import Booking, BookingPolicy
from coopconnect.core.errors import DomainError
from coopconnect.places.models import Resource

# A request sent at 08:29:59.5 for 08:30 must not fail on clock skew between client and server.
START_TOLERANCE = dt.timedelta(minutes=1)


def check_times(start: dt.datetime, end: dt.datetime, now: dt.datetime, *, walk_in: bool = False) -> None:
    """Refuse naive datetimes, an end before the start, and a start in the past (but for a walk-in)."""
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise DomainError(
            _("Les dates doivent comporter un fuseau horaire."), {"start": [_("Date sans fuseau horaire.")]}
        )
    if end <= start:
        raise DomainError(
            _("La fin doit être après le début."), {"end": [_("La fin doit être après le début.")]}
        )
    if start < now - START_TOLERANCE and not walk_in:
        raise DomainError(
            _("Impossible de réserver dans le passé."), {"start": [_("Cette date est passée.")]}
        )


def check_policy(policy: BookingPolicy, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    """Refuse a request too far ahead, too short or too long for the place's policy."""
    latest = now + dt.timedelta(days=policy.max_days_ahead)
    if start > latest:
        msg = _("Ce lieu prend les réservations au plus %(n)s jours à l'avance.") % {
            "n": policy.max_days_ahead
        }
        raise DomainError(msg, {"start": [msg]})
    minutes = (end - start).total_seconds() / 60
    if minutes < policy.min_duration_minutes:
        msg = _("Durée minimale : %(n)s minutes.") % {"n": policy.min_duration_minutes}
        raise DomainError(msg, {"end": [msg]})
    if minutes > policy.max_duration_minutes:
        msg = _("Durée maximale : %(n)s minutes ; réservez plusieurs jours pour un séjour.") % {
            "n": policy.max_duration_minutes
        }
        raise DomainError(msg, {"end": [msg]})


def check_layout(resource: Resource, layout: str, attendees: int) -> None:
    """Refuse an unknown layout, or more attendees than the resource (in that layout) takes."""
    if attendees < 1:
        raise DomainError(_("Au moins un participant."), {"attendees": [_("Au moins un participant.")]})
    if resource.is_pool:
        if attendees != 1:
            msg = _("Un poste de coworking se réserve pour une personne : une réservation par personne.")
            raise DomainError(msg, {"attendees": [msg]})
        return
    layouts = resource.layouts or {}
    if layout:
        if layout not in layouts:
            msg = _("Disposition inconnue : « %(l)s ». Possibles : %(ok)s.") % {
                "l": layout,
                "ok": ", ".join(layouts) or "—",
            }
            raise DomainError(msg, {"layout": [msg]})
        limit = int(layouts[layout])
    else:
        limit = resource.capacity
    if attendees > limit:
        msg = _("%(n)s participants dépassent la capacité de %(c)s dans cette disposition.") % {
            "n": attendees,
            "c": limit,
        }
        raise DomainError(msg, {"attendees": [msg]})


def check_same_place(booking: Booking, resource: Resource) -> None:
    """Refuse moving a booking to a resource of another place, or to one no longer bookable."""
    if resource.place_id != booking.resource.place_id:
        msg = _("Choisissez une ressource du même lieu (%(p)s) : sinon, annulez et réservez ailleurs.") % {
            "p": booking.resource.place
        }
        raise DomainError(msg, {"resource_id": [msg]})
    check_active(resource, field="resource_id")


def check_active(resource: Resource, *, field: str = "resource") -> None:
    """Refuse a resource its place no longer offers."""
    if not resource.is_active:
        raise DomainError(_("Cette ressource n'est plus réservable."), {field: [_("Ressource inactive.")]})
