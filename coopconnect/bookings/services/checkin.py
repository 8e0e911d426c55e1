"""Arrivals: check-in with the booking's short code or QR code, and the release of no-shows."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.permissions import is_host
from coopconnect.bookings.services.locking import lock_resource
from coopconnect.bookings.services.waitlist import offer_freed_slot
from coopconnect.core import formatting
from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.places.models import Place
from coopconnect.webhooks.services import emit


def normalise_code(code: str) -> str:
    """Upper-case and drop spaces and dashes: "ab3k-7qxm" is "AB3K7QXM"."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@transaction.atomic
def booking_check_in(
    *, code: str, by: User | None = None, place: Place | None = None, now: dt.datetime | None = None
) -> Booking:
    """Record the arrival of the booking with this code (from its start minus the grace to its end).

    ``by`` is the member themselves or a host of the place; ``place`` (a kiosk, a door) restricts
    the code to that place. Checking in twice is harmless.
    """
    now = now or timezone.now()
    booking = (
        Booking.objects.select_for_update()
        .select_related("resource", "resource__place", "person")
        .filter(short_code=normalise_code(code))
        .first()
    )
    if booking is None or (place is not None and booking.resource.place_id != place.pk):
        raise NotFound(_("Code inconnu dans ce lieu."), {"code": [_("Code inconnu.")]})
    if by is not None and by.pk != booking.person_id and not is_host(by, booking.resource.place):
        raise PermissionDenied(_("Seuls la personne ou un hôte du lieu enregistrent cette arrivée."))
    if booking.status == BookingStatus.CHECKED_IN:
        return booking
    if booking.status == BookingStatus.PENDING:
        raise DomainError(_("Cette réservation attend encore la validation de l'hôte."))
    if booking.status != BookingStatus.CONFIRMED:
        raise DomainError(
            _("Cette réservation n'est plus valable (%(s)s).") % {"s": booking.get_status_display()}
        )
    policy = BookingPolicy.for_place(booking.resource.place)
    opens = booking.start - dt.timedelta(minutes=policy.checkin_grace_minutes)
    if now < opens:
        raise DomainError(
            _("Trop tôt : l'arrivée s'enregistre à partir du %(when)s.")
            % {"when": formatting.datetime(opens)},
            {"code": [_("Trop tôt.")]},
        )
    if now >= booking.end:
        raise DomainError(_("Cette réservation est terminée."), {"code": [_("Trop tard.")]})
    booking.status, booking.checked_in_at = BookingStatus.CHECKED_IN, now
    booking.save(update_fields=["status", "checked_in_at", "updated_at"])
    emit("checkin", place=booking.resource.place, payload=booking)
    return booking


def release_no_shows(*, now: dt.datetime | None = None) -> int:
    """Release confirmed bookings nobody checked in for after the place's delay; return how many.

    The rest of the slot goes to the waitlist. Run every few minutes (``release_no_shows`` command).
    """
    now = now or timezone.now()
    candidates = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, checked_in_at__isnull=True, start__lte=now, end__gt=now
    ).select_related("resource", "resource__place")
    policies: dict[int, BookingPolicy] = {}
    count = 0
    for candidate in candidates:
        place = candidate.resource.place
        policy = policies.setdefault(place.pk, BookingPolicy.for_place(place))
        if candidate.start + dt.timedelta(minutes=policy.no_show_release_minutes) > now:
            continue
        with transaction.atomic():
            booking = Booking.objects.select_for_update().get(pk=candidate.pk)
            if booking.status != BookingStatus.CONFIRMED or booking.checked_in_at is not None:
                continue
            booking.status = BookingStatus.NO_SHOW
            booking.save(update_fields=["status", "updated_at"])
            resource = lock_resource(candidate.resource)
            offer_freed_slot(resource=resource, start=now, end=booking.end, now=now)
            count += 1
    return count
