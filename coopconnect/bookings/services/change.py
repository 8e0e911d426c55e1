"""Move or resize a booking, possibly to another resource of the same place."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings import tasks
from coopconnect.bookings.capacity import free_seat
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.permissions import can_manage_booking, is_host
from coopconnect.bookings.services.fair_use import check_one_workstation
from coopconnect.bookings.services.locking import lock_booking, lock_person, lock_resources
from coopconnect.bookings.services.rules import check_layout, check_policy, check_same_place, check_times
from coopconnect.bookings.services.waitlist import offer_freed_slot
from coopconnect.bookings.slots import check_opening_hours
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Resource
from coopconnect.webhooks.services import emit


@transaction.atomic
def booking_modify(
    *,
    booking: Booking,
    by: User,
    start: dt.datetime,
    end: dt.datetime,
    resource: Resource | None = None,
    layout: str | None = None,
    attendees: int | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Move or resize a booking, possibly to another resource of the same place.

    Every rule of a new booking is checked again (times, policy, opening hours, layout, capacity,
    approval, one workstation at a time), but not against the booking itself; on any refusal the
    booking is left unchanged.
    """
    now = now or timezone.now()
    booking = lock_booking(booking)
    if not can_manage_booking(by, booking):
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette réservation."))
    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        raise DomainError(_("Seule une réservation à venir peut être modifiée."))
    old_resource = booking.resource
    new_resource = old_resource if resource is None else resource
    moved = new_resource.pk != old_resource.pk
    if moved:
        check_same_place(booking, new_resource)
        if layout is None:
            # A layout of the old room only carries over if the new one offers it too.
            layout = booking.layout if booking.layout in (new_resource.layouts or {}) else ""
    layout = booking.layout if layout is None else layout
    attendees = booking.attendees if attendees is None else attendees
    place = old_resource.place
    check_times(start, end, now)
    policy = BookingPolicy.for_place(place)
    host = is_host(by, place)
    deadline = booking.start - dt.timedelta(hours=policy.cancellation_deadline_hours)
    if now > deadline and not host:
        raise DomainError(
            _("Modification possible jusqu'à %(h)s h avant le début : contactez l'hôte du lieu.")
            % {"h": policy.cancellation_deadline_hours}
        )
    check_policy(policy, start, end, now)
    check_opening_hours(place, booking.person, start, end)
    check_layout(new_resource, layout, attendees)
    locked = lock_resources(old_resource, new_resource)
    old_resource, new_resource = locked[old_resource.pk], locked[new_resource.pk]
    lock_person(booking.person)
    check_one_workstation(
        resource=new_resource,
        person=booking.person,
        booked_by=by,
        start=start,
        end=end,
        policy=policy,
        exclude_booking=booking.pk,
    )
    old_start, old_end = booking.start, booking.end
    seat = free_seat(new_resource, start, end, now=now, exclude_booking=booking.pk)
    if seat is None:
        raise Conflict(
            _("Complet sur le nouveau créneau : la réservation n'a pas été modifiée."),
            {"resource_id" if moved else "start": [_("Créneau complet.")]},
        )
    status = booking.status
    if moved or (start, end) != (old_start, old_end):
        # As for a new request: a resource under approval needs the host again (unless the host
        # moves it); a pending request moved to a resource without approval is simply confirmed.
        if policy.requires_approval(new_resource.kind):
            status = status if host else BookingStatus.PENDING
        elif status == BookingStatus.PENDING:
            status = BookingStatus.CONFIRMED
    booking.resource, booking.seat_number, booking.status = new_resource, seat, status
    booking.start, booking.end, booking.layout, booking.attendees = start, end, layout, attendees
    try:
        with transaction.atomic():
            booking.save(
                update_fields=[
                    "resource",
                    "start",
                    "end",
                    "layout",
                    "attendees",
                    "seat_number",
                    "status",
                    "updated_at",
                ]
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Ce créneau vient d'être pris : la réservation n'a pas été modifiée."),
            {"start": [_("Créneau complet.")]},
        ) from exc
    freed = [(old_start, old_end)] if moved else _difference((old_start, old_end), (start, end))
    for freed_start, freed_end in freed:
        if freed_end > now:
            offer_freed_slot(resource=old_resource, start=max(freed_start, now), end=freed_end, now=now)
    after_commit(tasks.send_booking_email, booking.pk, "changed")
    emit("booking.changed", place=booking.resource.place_id, payload=booking)
    return booking


def _difference(
    old: tuple[dt.datetime, dt.datetime], new: tuple[dt.datetime, dt.datetime]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return the parts of ``old`` that ``new`` no longer covers."""
    parts = []
    if old[0] < new[0]:
        parts.append((old[0], min(old[1], new[0])))
    if old[1] > new[1]:
        parts.append((max(old[0], new[1]), old[1]))
    return [(a, b) for a, b in parts if a < b]
