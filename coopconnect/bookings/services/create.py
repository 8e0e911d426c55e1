"""Book a resource: the booker's rights, the rules, the locks, fair use, then the seat (and walk-ins)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import Organisation, OrganisationMembership, User
from coopconnect.bookings import tasks
from coopconnect.bookings.capacity import free_seat
from coopconnect.bookings.models import Booking, BookingPolicy, BookingSeries, BookingStatus, Hold, new_code
from coopconnect.bookings.permissions import employer_for, is_host, is_tied_to_place
from coopconnect.bookings.services.fair_use import check_one_workstation, check_open_bookings
from coopconnect.bookings.services.locking import lock_person, lock_resource
from coopconnect.bookings.services.rules import check_active, check_layout, check_policy, check_times
from coopconnect.bookings.slots import check_opening_hours, slot_bounds
from coopconnect.core import formatting
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.permissions import is_platform_staff
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Resource


def _resolve_booker(
    resource: Resource, person: User, booked_by: User, employer: Organisation | None, *, walk_in: bool
) -> tuple[Organisation | None, bool]:
    """Check that ``booked_by`` may book for ``person``; return (employer, booked_by_is_host).

    A host books for the people tied to the place (``permissions.is_tied_to_place``), records anyone
    who came as a walk-in, and is refused a stranger; platform staff may book for anyone.
    """
    place = resource.place
    host = is_host(booked_by, place)
    if employer is not None:
        is_member = OrganisationMembership.objects.filter(organisation=employer, user=person).exists()
        if not is_member:
            msg = _("Cette personne n'appartient pas à l'organisation %(o)s.") % {"o": employer}
            raise PermissionDenied(msg, {"employer": [msg]})
    if booked_by.pk == person.pk:
        return employer, host
    if host and (walk_in or is_platform_staff(booked_by) or is_tied_to_place(person, place)):
        return employer, True
    org = employer_for(booked_by, person)
    if host and org is None:
        msg = _(
            "%(person)s n'a aucun lien avec %(place)s (ni abonnement, ni adhésion au réseau, ni "
            "réservation passée) : un hôte ne réserve que pour les personnes liées à son lieu. "
            "Si la personne est là, enregistrez sa venue sur place."
        ) % {"person": person, "place": place.name}
        raise PermissionDenied(msg, {"person": [msg]})
    if org is None or (employer is not None and org.pk != employer.pk):
        raise PermissionDenied(
            _(
                "Vous ne pouvez réserver que pour vous-même, ou pour les salariés "
                "d'une organisation que vous administrez."
            )
        )
    return employer or org, False


def _insert(
    resource: Resource,
    *,
    start: dt.datetime,
    end: dt.datetime,
    booked_by: User,
    idempotency_key: str,
    exclude_hold: int | None,
    now: dt.datetime,
    **fields: object,
) -> tuple[Booking, bool]:
    """Insert a booking on the lowest free seat, retrying if the database refuses an overlap."""
    for _attempt in range(3):
        seat = free_seat(resource, start, end, now=now, exclude_hold=exclude_hold)
        if seat is None:
            raise Conflict(
                _("Complet : plus de place libre sur ce créneau (%(s)s – %(e)s).")
                % {"s": formatting.datetime(start), "e": formatting.time(end)},
                {"start": [_("Créneau complet.")]},
            )
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    resource=resource,
                    seat_number=seat,
                    short_code=new_code(),
                    start=start,
                    end=end,
                    booked_by=booked_by,
                    idempotency_key=idempotency_key,
                    **fields,
                )
                return booking, True
        except IntegrityError:
            if idempotency_key:
                existing = Booking.objects.filter(
                    booked_by=booked_by, idempotency_key=idempotency_key
                ).first()
                if existing is not None:
                    return existing, False
            # The exclusion constraint (PostgreSQL) or a short-code clash: look again.
            continue
    raise Conflict(_("Ce créneau vient d'être pris : réessayez."), {"start": [_("Créneau complet.")]})


@transaction.atomic
def booking_create(
    *,
    resource: Resource,
    person: User,
    start: dt.datetime,
    end: dt.datetime,
    booked_by: User | None = None,
    layout: str = "",
    attendees: int = 1,
    employer: Organisation | None = None,
    idempotency_key: str = "",
    note: str = "",
    walk_in: bool = False,
    series: BookingSeries | None = None,
    hold: Hold | None = None,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Booking:
    """Book ``resource`` for ``person`` from ``start`` to ``end``; return the booking.

    The same ``idempotency_key`` from the same booker returns the booking already made.
    Fair use (``services.fair_use``): one workstation at a time per person across the network, and
    at most the place's open bookings per person (but for its hosts); a walk-in is exempt from both.
    Raise DomainError (bad input, rules, too many open bookings), PermissionDenied (a stranger booked
    by a host) or Conflict (full, or another workstation held at the same time).
    """
    now = now or timezone.now()
    booked_by = booked_by or person
    idempotency_key = (idempotency_key or "").strip()[:80]
    if idempotency_key:
        existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    check_active(resource)
    check_times(start, end, now, walk_in=walk_in)
    employer, by_host = _resolve_booker(resource, person, booked_by, employer, walk_in=walk_in)
    if walk_in and not by_host:
        raise PermissionDenied(_("Seul un hôte du lieu enregistre une venue sans réservation."))
    place = resource.place
    policy = BookingPolicy.for_place(place)
    check_policy(policy, start, end, now)
    check_opening_hours(place, person, start, end)
    check_layout(resource, layout, attendees)

    resource = lock_resource(resource)
    lock_person(person)
    if idempotency_key:
        # A twin request may have committed while we waited for the lock.
        existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if not walk_in:
        # Under the locks: what the person holds cannot change until this booking is written.
        check_one_workstation(
            resource=resource, person=person, booked_by=booked_by, start=start, end=end, policy=policy
        )
        if not by_host:
            check_open_bookings(person=person, booked_by=booked_by, place=place, policy=policy, now=now)
    status = BookingStatus.CONFIRMED
    if policy.requires_approval(resource.kind) and not by_host:
        status = BookingStatus.PENDING
    if walk_in:
        status = BookingStatus.CHECKED_IN
    booking, created = _insert(
        resource,
        start=start,
        end=end,
        booked_by=booked_by,
        idempotency_key=idempotency_key,
        exclude_hold=hold.pk if hold else None,
        now=now,
        person=person,
        employer=employer,
        layout=layout,
        attendees=attendees,
        status=status,
        note=note[:300],
        is_walk_in=walk_in,
        checked_in_at=now if walk_in else None,
        series=series,
    )
    if notify and created and not walk_in:
        kind = "pending" if status == BookingStatus.PENDING else "confirmed"
        after_commit(tasks.send_booking_email, booking.pk, kind)
    return booking


@transaction.atomic
def booking_walk_in(
    *, resource: Resource, person: User, host: User, slot: str = "day", now: dt.datetime | None = None
) -> Booking:
    """Record someone who came without booking: from now to the end of the slot, already checked in."""
    now = now or timezone.now()
    _start, end = slot_bounds(resource.place, timezone.localdate(now), slot)
    start = now.replace(second=0, microsecond=0)
    if end <= start:
        raise DomainError(_("Ce créneau est terminé."), {"slot": [_("Ce créneau est terminé.")]})
    return booking_create(
        resource=resource, person=person, start=start, end=end, booked_by=host, walk_in=True, now=now
    )
