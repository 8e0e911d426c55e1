"""Hosts approve or reject the requests made on resources that need their approval."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings import tasks
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.permissions import is_host
from coopconnect.bookings.services.locking import lock_booking, lock_resource
from coopconnect.bookings.services.waitlist import offer_freed_slot
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.webhooks.services import emit


def _approvable(booking: Booking, by: User) -> Booking:
    booking = lock_booking(booking)
    if not is_host(by, booking.resource.place):
        raise PermissionDenied(_("Seul un hôte du lieu valide les demandes."))
    if booking.status != BookingStatus.PENDING:
        raise DomainError(
            _("Cette demande a déjà été traitée (%(s)s).") % {"s": booking.get_status_display()}
        )
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, by: User) -> Booking:
    """Confirm a pending request (hosts only)."""
    booking = _approvable(booking, by)
    booking.status = BookingStatus.CONFIRMED
    booking.save(update_fields=["status", "updated_at"])
    after_commit(tasks.send_booking_email, booking.pk, "confirmed")
    emit("booking.changed", place=booking.resource.place_id, payload=booking)
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, by: User, now: dt.datetime | None = None) -> Booking:
    """Refuse a pending request (hosts only); the slot is offered to the waitlist."""
    now = now or timezone.now()
    booking = _approvable(booking, by)
    booking.status = BookingStatus.REJECTED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    lock_resource(booking.resource)
    if booking.end > now:
        offer_freed_slot(resource=booking.resource, start=max(booking.start, now), end=booking.end, now=now)
    after_commit(tasks.send_booking_email, booking.pk, "rejected")
    emit("booking.cancelled", place=booking.resource.place_id, payload=booking)
    return booking
