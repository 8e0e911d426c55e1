"""Book a resource: the booker's rights, the rules, the locks, fair use, then the seat (and walk-ins)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import Organisation, OrganisationMembership, User
from coopconnect.bookings import tasks
from coopconnect.bookings.models import Booking, BookingPolicy, BookingSeries, BookingStatus, Hold, new_code
from coopconnect.bookings.permissions import employer_for, is_host, is_tied_to_place
from coopconnect.bookings.services.fair_use import is_workstation, refuse_open_bookings, refuse_workstation
from coopconnect.bookings.services.locking import lock_resource_and_person
from coopconnect.bookings.services.rules import check_active, check_layout, check_policy, check_times
from coopconnect.bookings.services.snapshot import Snapshot, read_snapshot
from coopconnect.bookings.slots import check_opening_hours, slot_bounds
from coopconnect.core import formatting
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.permissions import is_platform_staff
from coopconnect.core.queue import with_transaction
from coopconnect.places.models import Place, Resource
from coopconnect.webhooks.services import emit


def _resolve_booker(
    resource: Resource,
    person: User,
    booked_by: User,
    employer: Organisation | None,
    *,
    walk_in: bool,
    host: bool,
) -> tuple[Organisation | None, bool]:
    """Check that ``booked_by`` may book for ``person``; return (employer, booked_by_is_host).

    A host books for the people tied to the place (``permissions.is_tied_to_place``), records anyone
    who came as a walk-in, and is refused a stranger; platform staff may book for anyone.
    """
    place = resource.place
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


@dataclass(frozen=True)
class Target:
    """A resource loaded once for a booking request, with its place, commune and policy, and
    whether the booker hosts the place: everything the rules read, passed down without a query."""

    resource: Resource
    policy: BookingPolicy
    booker_is_host: bool


def booking_target(resource_id: int, *, booker: User) -> Target | None:
    """Load the resource, its place, commune and policy and whether ``booker`` hosts it, in one query."""
    hosts = Place.hosts.through.objects.filter(place_id=OuterRef("place_id"), user_id=booker.pk)
    found = (
        Resource.objects.select_related("place__commune", "place__booking_policy")
        .annotate(booker_hosts=Exists(hosts))
        .filter(pk=resource_id)
        .order_by()
    )
    resource = next(iter(found), None)
    if resource is None:
        return None
    place = resource.place
    try:
        policy = place.booking_policy
    except BookingPolicy.DoesNotExist:
        policy = BookingPolicy(place=place)
    host = bool(getattr(resource, "booker_hosts", False)) or is_platform_staff(booker)
    return Target(resource=resource, policy=policy, booker_is_host=host)


def _check_seat_and_fair_use(
    snapshot: Snapshot, *, resource: Resource, person: User, booked_by: User, place: Place, limit: int | None
) -> int:
    """Return the lowest free seat, or refuse, in this order: another workstation held (409), too
    many open bookings (400), full (409)."""
    if snapshot.workstations:
        refuse_workstation(min(snapshot.workstations)[1], person=person, booked_by=booked_by)
    if limit and snapshot.open_here >= limit:
        refuse_open_bookings(person=person, booked_by=booked_by, place=place, limit=limit)
    seat = snapshot.seats.first_free_seat(resource, snapshot.start, snapshot.end)
    if seat is None:
        raise Conflict(
            _("Complet : plus de place libre sur ce créneau (%(s)s – %(e)s).")
            % {"s": formatting.datetime(snapshot.start), "e": formatting.time(snapshot.end)},
            {"start": [_("Créneau complet.")]},
        )
    return seat


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
    target: Target | None = None,
) -> Booking:
    """Book ``resource`` for ``person`` from ``start`` to ``end``; return the booking.

    The same ``idempotency_key`` from the same booker returns the booking already made.
    Fair use (``services.fair_use``): one workstation at a time per person across the network, and
    at most the place's open bookings per person (but for its hosts); a walk-in is exempt from both.
    Raise DomainError (bad input, rules, too many open bookings), PermissionDenied (a stranger booked
    by a host) or Conflict (full, or another workstation held at the same time).
    """
    return book(
        resource=resource,
        person=person,
        start=start,
        end=end,
        booked_by=booked_by,
        layout=layout,
        attendees=attendees,
        employer=employer,
        idempotency_key=idempotency_key,
        note=note,
        walk_in=walk_in,
        series=series,
        hold=hold,
        now=now,
        notify=notify,
        target=target,
    )[0]


def book(
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
    target: Target | None = None,
) -> tuple[Booking, bool]:
    """``booking_create``, also saying whether the booking was made now (False: the idempotency key's).

    Order: every check that needs no lock (times, rights, policy, opening hours, layout, then the
    seats and fair use read once), so that a full slot is refused without a lock; then the
    transaction: lock the resource and the person, read the same again to confirm, insert, enqueue
    the mail. On PostgreSQL the exclusion constraint refuses a seat taken by a writer that skipped the
    lock: the whole transaction is then tried again, at most ``ATTEMPTS`` times.
    """
    now = now or timezone.now()
    booked_by = booked_by or person
    idempotency_key = (idempotency_key or "").strip()[:80]
    if idempotency_key:
        existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    if target is not None and target.resource.pk == resource.pk:
        resource, policy, host = target.resource, target.policy, target.booker_is_host
    else:
        policy, host = BookingPolicy.for_place(resource.place), is_host(booked_by, resource.place)
    check_active(resource)
    check_times(start, end, now, walk_in=walk_in)
    employer, by_host = _resolve_booker(resource, person, booked_by, employer, walk_in=walk_in, host=host)
    if walk_in and not by_host:
        raise PermissionDenied(_("Seul un hôte du lieu enregistre une venue sans réservation."))
    place = resource.place
    check_policy(policy, start, end, now)
    check_opening_hours(place, person, start, end)
    check_layout(resource, layout, attendees)
    status = BookingStatus.CONFIRMED
    # A place without published hours takes visits by appointment: the host confirms each one.
    if (policy.requires_approval(resource.kind) or place.by_appointment) and not by_host:
        status = BookingStatus.PENDING
    if walk_in:
        status = BookingStatus.CHECKED_IN
    limit = None if (walk_in or by_host) else policy.max_open_bookings
    workstation_rule = not walk_in and is_workstation(resource) and policy.one_seat_at_a_time
    exclude_hold = hold.pk if hold else None

    def check_seat_and_fair_use() -> int:
        snapshot = read_snapshot(
            resource=resource,
            place=place,
            person=person,
            start=start,
            end=end,
            now=now,
            workstation_rule=workstation_rule,
            open_limit=bool(limit),
            exclude_hold=exclude_hold,
        )
        return _check_seat_and_fair_use(
            snapshot, resource=resource, person=person, booked_by=booked_by, place=place, limit=limit
        )

    # Before any lock: a full slot (or an unfair request) is refused here, the common refusal.
    check_seat_and_fair_use()
    fields = {
        "resource": resource,
        "person": person,
        "employer": employer,
        "start": start,
        "end": end,
        "booked_by": booked_by,
        "idempotency_key": idempotency_key,
        "layout": layout,
        "attendees": attendees,
        "status": status,
        "note": note[:300],
        "is_walk_in": walk_in,
        "checked_in_at": now if walk_in else None,
        "series": series,
    }
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                locked = lock_resource_and_person(resource, person)
                if locked is None or not locked[1]:
                    raise DomainError(
                        _("Cette ressource n'est plus réservable."), {"resource": [_("Ressource inactive.")]}
                    )
                resource.capacity = locked[0]
                seat = check_seat_and_fair_use()
                booking = Booking.objects.create(seat_number=seat, short_code=new_code(), **fields)
                emit("booking.created", place=place, payload=booking)
                if notify and not walk_in:
                    kind = "pending" if status == BookingStatus.PENDING else "confirmed"
                    with_transaction(tasks.send_booking_email, booking.pk, kind)
                return booking, True
        except IntegrityError:
            if idempotency_key:
                # A twin request with the same key committed first: answer with its booking.
                existing = Booking.objects.filter(
                    booked_by=booked_by, idempotency_key=idempotency_key
                ).first()
                if existing is not None:
                    return existing, False
            # The exclusion constraint (PostgreSQL) or a short-code clash: try again.
            continue
    raise Conflict(_("Ce créneau vient d'être pris : réessayez."), {"start": [_("Créneau complet.")]})


# Transactions a booking tries when the database refuses its seat (another writer took it).
ATTEMPTS = 3


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
