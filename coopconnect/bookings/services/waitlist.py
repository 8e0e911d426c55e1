"""The waitlist: join when full; a freed seat is kept for the first in line for a limited time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings import tasks
from coopconnect.bookings.capacity import free_seat
from coopconnect.bookings.models import (
    Booking,
    BookingPolicy,
    Hold,
    HoldStatus,
    WaitlistEntry,
    WaitlistStatus,
)
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.locking import lock_resource
from coopconnect.bookings.services.rules import check_active, check_policy, check_times
from coopconnect.bookings.slots import check_opening_hours
from coopconnect.core import formatting
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Resource


@transaction.atomic
def waitlist_join(
    *, resource: Resource, person: User, start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None
) -> WaitlistEntry:
    """Put ``person`` in line for a full resource over [start, end), under the rules of a booking.

    Refused when the slot still has room (book it instead) and when the person already waits for
    it or already holds a seat offered from it (Conflict).
    """
    now = now or timezone.now()
    check_active(resource)
    check_times(start, end, now)
    check_policy(BookingPolicy.for_place(resource.place), start, end, now)
    check_opening_hours(resource.place, person, start, end)
    resource = lock_resource(resource)
    existing = WaitlistEntry.objects.filter(
        resource=resource,
        person=person,
        start=start,
        end=end,
        status__in=(WaitlistStatus.WAITING, WaitlistStatus.OFFERED),
    ).first()
    if existing is not None:
        if existing.status == WaitlistStatus.OFFERED:
            msg = _("Une place vous est déjà proposée sur ce créneau : acceptez-la.")
        else:
            msg = _("Vous êtes déjà sur la liste d'attente de ce créneau.")
        raise Conflict(msg, {"start": [msg]})
    if free_seat(resource, start, end, now=now) is not None:
        raise DomainError(
            _("Il reste de la place sur ce créneau : réservez directement."), {"start": [_("Pas complet.")]}
        )
    return WaitlistEntry.objects.create(resource=resource, person=person, start=start, end=end)


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, person: User, now: dt.datetime | None = None) -> WaitlistEntry:
    """Leave the waitlist; a seat already offered is declined and goes to the next in line."""
    now = now or timezone.now()
    entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.person_id != person.pk:
        raise PermissionDenied(_("Cette inscription ne vous appartient pas."))
    if entry.status == WaitlistStatus.OFFERED:
        hold = Hold.objects.filter(entry=entry, status=HoldStatus.ACTIVE).first()
        if hold is not None:
            hold_decline(hold=hold, person=person, now=now)
            entry.refresh_from_db()
            return entry
    if entry.status not in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
        raise DomainError(
            _("Cette inscription n'est plus active (%(s)s).") % {"s": entry.get_status_display()},
            {"entry": [_("Inscription close.")]},
        )
    entry.status = WaitlistStatus.CANCELLED
    entry.save(update_fields=["status", "updated_at"])
    return entry


def offer_freed_slot(
    *, resource: Resource, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> list[Hold]:
    """Offer what was just freed to the people waiting, first come first served (resource locked)."""
    policy = BookingPolicy.for_place(resource.place)
    offered: list[Hold] = []
    waiting = WaitlistEntry.objects.filter(
        resource=resource, status=WaitlistStatus.WAITING, start__lt=end, end__gt=start
    ).filter(start__gt=now)
    for entry in waiting.select_related("person").order_by("created_at", "pk"):
        if free_seat(resource, entry.start, entry.end, now=now) is None:
            continue
        hold = Hold.objects.create(
            entry=entry,
            resource=resource,
            person=entry.person,
            start=entry.start,
            end=entry.end,
            expires_at=min(now + dt.timedelta(minutes=policy.hold_minutes), entry.start),
        )
        entry.status = WaitlistStatus.OFFERED
        entry.save(update_fields=["status", "updated_at"])
        after_commit(tasks.send_hold_email, hold.pk)
        offered.append(hold)
    return offered


@transaction.atomic
def hold_accept(*, hold: Hold, person: User, now: dt.datetime | None = None) -> Booking:
    """Turn a waitlist hold into a booking; refuse clearly when it has expired."""
    now = now or timezone.now()
    hold = Hold.objects.select_for_update().select_related("resource", "entry").get(pk=hold.pk)
    if hold.person_id != person.pk:
        raise PermissionDenied(_("Cette proposition ne vous est pas destinée."))
    if hold.status == HoldStatus.ACCEPTED:
        raise DomainError(_("Vous avez déjà accepté cette proposition."))
    if hold.status != HoldStatus.ACTIVE or hold.expires_at <= now:
        raise DomainError(
            _(
                "Cette proposition a expiré le %(day)s à %(time)s : "
                "la place a été proposée à la personne suivante."
            )
            % {
                "day": formatting.date(hold.expires_at, style="short"),
                "time": formatting.time(hold.expires_at),
            },
            {"hold": [_("Proposition expirée.")]},
        )
    lock_resource(hold.resource)
    booking = booking_create(
        resource=hold.resource, person=person, start=hold.start, end=hold.end, hold=hold, now=now
    )
    hold.status, hold.booking = HoldStatus.ACCEPTED, booking
    hold.save(update_fields=["status", "booking", "updated_at"])
    hold.entry.status = WaitlistStatus.BOOKED
    hold.entry.save(update_fields=["status", "updated_at"])
    return booking


def waitlist_claim(*, entry: WaitlistEntry, person: User, now: dt.datetime | None = None) -> Booking:
    """Book the seat offered to ``person`` for this waitlist entry (see ``hold_accept``)."""
    if entry.person_id != person.pk:
        raise PermissionDenied(_("Cette inscription ne vous appartient pas."))
    hold = Hold.objects.filter(entry=entry).first()
    if hold is None:
        msg = _(
            "Aucune place ne vous est proposée pour l'instant : nous vous écrirons si une place se libère."
        )
        raise Conflict(msg, {"hold": [_("Pas de proposition.")]})
    return hold_accept(hold=hold, person=person, now=now)


@transaction.atomic
def hold_decline(*, hold: Hold, person: User, now: dt.datetime | None = None) -> Hold:
    """Give a hold up; the seat goes to the next person in line."""
    now = now or timezone.now()
    hold = Hold.objects.select_for_update().select_related("resource", "entry").get(pk=hold.pk)
    if hold.person_id != person.pk:
        raise PermissionDenied(_("Cette proposition ne vous est pas destinée."))
    if hold.status != HoldStatus.ACTIVE:
        raise DomainError(_("Cette proposition n'est plus active."))
    hold.status = HoldStatus.DECLINED
    hold.save(update_fields=["status", "updated_at"])
    hold.entry.status = WaitlistStatus.CANCELLED
    hold.entry.save(update_fields=["status", "updated_at"])
    resource = lock_resource(hold.resource)
    offer_freed_slot(resource=resource, start=hold.start, end=hold.end, now=now)
    return hold


def holds_expire(*, now: dt.datetime | None = None) -> int:
    """Expire the holds past their time and offer their seats to the next in line; return how many."""
    now = now or timezone.now()
    count = 0
    for hold_id in Hold.objects.filter(status=HoldStatus.ACTIVE, expires_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            hold = Hold.objects.select_for_update().select_related("resource", "entry").get(pk=hold_id)
            if hold.status != HoldStatus.ACTIVE:
                continue
            hold.status = HoldStatus.EXPIRED
            hold.save(update_fields=["status", "updated_at"])
            hold.entry.status = WaitlistStatus.EXPIRED
            hold.entry.save(update_fields=["status", "updated_at"])
            resource = lock_resource(hold.resource)
            if hold.end > now:
                offer_freed_slot(resource=resource, start=max(hold.start, now), end=hold.end, now=now)
            count += 1
    return count
