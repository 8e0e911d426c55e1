"""Seats of an event: the lock every seat-changing write takes, the seat count, the waitlist.

Concurrency: every write that takes or frees a seat locks the Event row first (``select_for_update``),
so two people registering for the last seat run one after the other and the second sees the first's
registration (PostgreSQL). On SQLite select_for_update is a no-op; the IMMEDIATE transaction mode
(config/settings.py) serialises writers instead, as for bookings.
"""

from __future__ import annotations

import datetime as dt

from coopconnect.core.queue import after_commit
from coopconnect.events import tasks
from coopconnect.events.models import SEATED, Event, EventStatus, Registration, RegistrationStatus


def lock_event(event: Event) -> Event:
    """Return the event re-read with its row locked for the rest of the transaction."""
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins
    # (place, network, venue, room, booking are all optional); only the event row needs the lock.
    return (
        Event.objects.select_related("place", "network", "venue", "room", "room_booking")
        .select_for_update(of=("self",))
        .get(pk=event.pk)
    )


def seated_count(event: Event) -> int:
    """Return how many people hold a seat (confirmed or present)."""
    return event.registrations.filter(status__in=SEATED).count()


def promote_waitlist(event: Event, now: dt.datetime) -> list[Registration]:
    """Seat the first people of the waitlist while seats are free (the event row is locked)."""
    if event.status != EventStatus.PUBLISHED or event.start <= now:
        return []
    free = event.capacity - seated_count(event)
    promoted: list[Registration] = []
    if free <= 0:
        return promoted
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("registered_at", "pk")
    for registration in waiting[:free]:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        after_commit(tasks.send_registration_email, registration.pk, "promoted")
        promoted.append(registration)
    return promoted
