"""Cancel a booking; the seat it frees is offered to the waitlist."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings import tasks
from coopconnect.bookings.models import ACTIVE_STATUSES, Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.permissions import can_manage_booking, is_host
from coopconnect.bookings.services.locking import lock_booking, lock_resource
from coopconnect.bookings.services.waitlist import offer_freed_slot
from coopconnect.core import formatting
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.webhooks.services import emit


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking (before the place's deadline unless a host does it) and offer the seat onwards."""
    now = now or timezone.now()
    booking = lock_booking(booking)
    if not can_manage_booking(by, booking):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette réservation."))
    if booking.status not in ACTIVE_STATUSES:
        raise DomainError(
            _("Cette réservation n'est plus active (%(s)s).") % {"s": booking.get_status_display()}
        )
    if booking.end <= now:
        raise DomainError(_("Cette réservation est terminée."))
    policy = BookingPolicy.for_place(booking.resource.place)
    deadline = booking.start - dt.timedelta(hours=policy.cancellation_deadline_hours)
    if now > deadline and not is_host(by, booking.resource.place):
        raise DomainError(
            _("Annulation possible jusqu'à %(h)s h avant le début (%(d)s) : contactez l'hôte du lieu.")
            % {"h": policy.cancellation_deadline_hours, "d": formatting.datetime(deadline)}
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    lock_resource(booking.resource)
    offer_freed_slot(resource=booking.resource, start=max(booking.start, now), end=booking.end, now=now)
    after_commit(tasks.send_booking_email, booking.pk, "cancelled")
    emit("booking.cancelled", place=booking.resource.place_id, payload=booking)
    return booking
