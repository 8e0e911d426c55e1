"""The meeting room of an event is held by a booking made through the bookings services.

So a room cannot be double-booked: the bookings app locks the room and refuses an overlap, and a
member cannot book the room during the event either. The booking is in the organiser's name.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from coopconnect.bookings.models import ACTIVE_STATUSES, Booking
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.events.models import Event


def _as_room_error(exc: DomainError) -> DomainError:
    message = _("Salle indisponible : %(why)s") % {"why": exc.message}
    cls = Conflict if isinstance(exc, Conflict) else DomainError
    return cls(message, {"room": [exc.message]})


def room_hold(event: Event, *, now: dt.datetime) -> None:
    """Book (or move) the event's room for its times; release a room no longer used."""
    current: Booking | None = event.room_booking
    if current is not None and current.status not in ACTIVE_STATUSES:
        current = None
    if current is not None and (event.room_id is None or current.resource_id != event.room_id):
        booking_cancel(booking=current, by=current.person, now=now)
        current = None
    if event.room_id is None:
        event.room_booking = None
        return
    organiser, room = event.organiser, event.room
    if room is None:
        return
    if organiser is None:
        raise DomainError(
            _("Un événement en salle a un organisateur."), {"room": [_("Organisateur manquant.")]}
        )
    try:
        if current is not None:
            if (current.start, current.end, current.attendees) != (event.start, event.end, event.capacity):
                booking_modify(
                    booking=current,
                    by=current.person,
                    start=event.start,
                    end=event.end,
                    attendees=event.capacity,
                    now=now,
                )
            event.room_booking = current
            return
        event.room_booking = booking_create(
            resource=room,
            person=organiser,
            start=event.start,
            end=event.end,
            attendees=event.capacity,
            note=_("Événement : %(t)s") % {"t": event.title},
            now=now,
            notify=False,
        )
    except DomainError as exc:
        raise _as_room_error(exc) from exc


def room_release(event: Event, *, now: dt.datetime) -> None:
    """Cancel the booking holding the event's room, if any and still active."""
    booking = event.room_booking
    if booking is not None and booking.status in ACTIVE_STATUSES and booking.end > now:
        booking_cancel(booking=booking, by=booking.person, now=now)
