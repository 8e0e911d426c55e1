"""Writes of the bookings app: create, modify, cancel, approve, recurring and multi-day bookings.

Concurrency: every write that takes capacity locks the Resource row first (``select_for_update``),
so two requests for the same resource run one after the other and the second sees the first's
booking. On PostgreSQL an exclusion constraint (migration 0003) makes the database refuse two active
bookings of the same seat over overlapping times even if some code skipped the lock; on SQLite the
IMMEDIATE transaction mode serialises writers (select_for_update is a no-op there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil import rrule as rr
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import Organisation, OrganisationMembership, User
from coopconnect.bookings import notifications
from coopconnect.bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingPolicy,
    BookingSeries,
    BookingStatus,
    Hold,
    HoldStatus,
    new_code,
)
from coopconnect.bookings.permissions import can_manage_booking, employer_for, is_host
from coopconnect.bookings.slots import PARIS, PlaceClosed, at, check_opening_hours, slot_bounds
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.places.models import Resource

__all__ = [
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_days_create",
    "booking_modify",
    "booking_reject",
    "booking_series_create",
    "booking_walk_in",
    "free_seat",
    "slot_bounds",
]

# A request sent at 08:29:59.5 for 08:30 must not fail on clock skew between client and server.
START_TOLERANCE = dt.timedelta(minutes=1)
MAX_OCCURRENCES = 200


def _fmt(when: dt.datetime) -> str:
    return when.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def _check_times(start: dt.datetime, end: dt.datetime, now: dt.datetime, *, walk_in: bool = False) -> None:
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


def _check_policy(policy: BookingPolicy, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
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


def _check_layout(resource: Resource, layout: str, attendees: int) -> None:
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


def _active_holds(resource: Resource, start: dt.datetime, end: dt.datetime, now: dt.datetime):  # noqa: ANN202
    return Hold.objects.filter(
        resource=resource, status=HoldStatus.ACTIVE, expires_at__gt=now, start__lt=end, end__gt=start
    )


def free_seat(
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime | None = None,
    exclude_booking: int | None = None,
    exclude_hold: int | None = None,
) -> int | None:
    """Return the lowest seat number free over [start, end), or None when the resource is full.

    A pool of capacity N has seats 1..N; other resources have the single seat 1. Active waitlist
    holds over the range keep seats aside for the person they were offered to.
    """
    now = now or timezone.now()
    overlapping = Booking.objects.filter(
        resource=resource, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if exclude_booking:
        overlapping = overlapping.exclude(pk=exclude_booking)
    taken = set(overlapping.values_list("seat_number", flat=True))
    holds = _active_holds(resource, start, end, now)
    if exclude_hold:
        holds = holds.exclude(pk=exclude_hold)
    seats = resource.capacity if resource.is_pool else 1
    free = [s for s in range(1, seats + 1) if s not in taken]
    if len(free) <= holds.count():
        return None
    return free[0]


def _resolve_booker(
    resource: Resource, person: User, booked_by: User, employer: Organisation | None
) -> tuple[Organisation | None, bool]:
    """Check that ``booked_by`` may book for ``person``; return (employer, booked_by_is_host)."""
    place = resource.place
    host = is_host(booked_by, place)
    if employer is not None:
        is_member = OrganisationMembership.objects.filter(organisation=employer, user=person).exists()
        if not is_member:
            msg = _("Cette personne n'appartient pas à l'organisation %(o)s.") % {"o": employer}
            raise PermissionDenied(msg, {"employer": [msg]})
    if booked_by.pk == person.pk:
        return employer, host
    if host:
        return employer, True
    org = employer_for(booked_by, person)
    if org is None or (employer is not None and org.pk != employer.pk):
        raise PermissionDenied(
            _(
                "Vous ne pouvez réserver que pour vous-même, ou pour les salariés "
                "d'une organisation que vous administrez."
            )
        )
    return employer or org, False


def _lock(resource: Resource) -> Resource:
    return Resource.objects.select_related("place").select_for_update().get(pk=resource.pk)


def _insert(
    resource: Resource, *, exclude_hold: int | None, now: dt.datetime, **fields: object
) -> tuple[Booking, bool]:
    """Insert a booking on the lowest free seat, retrying if the database refuses an overlap."""
    start, end = fields["start"], fields["end"]
    for _attempt in range(3):
        seat = free_seat(resource, start, end, now=now, exclude_hold=exclude_hold)  # type: ignore[arg-type]
        if seat is None:
            raise Conflict(
                _("Complet : plus de place libre sur ce créneau (%(s)s – %(e)s).")
                % {"s": _fmt(start), "e": f"{end.astimezone(PARIS):%H:%M}"},  # type: ignore[union-attr]
                {"start": [_("Créneau complet.")]},
            )
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    resource=resource, seat_number=seat, short_code=new_code(), **fields
                )
                return booking, True
        except IntegrityError:
            key, booked_by = fields.get("idempotency_key"), fields.get("booked_by")
            if key:
                existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=key).first()
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
    Raise DomainError (bad input, rules), PermissionDenied or Conflict (full).
    """
    now = now or timezone.now()
    booked_by = booked_by or person
    idempotency_key = (idempotency_key or "").strip()[:80]
    if idempotency_key:
        existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if not resource.is_active:
        raise DomainError(
            _("Cette ressource n'est plus réservable."), {"resource": [_("Ressource inactive.")]}
        )
    _check_times(start, end, now, walk_in=walk_in)
    employer, by_host = _resolve_booker(resource, person, booked_by, employer)
    if walk_in and not by_host:
        raise PermissionDenied(_("Seul un hôte du lieu enregistre une venue sans réservation."))
    place = resource.place
    policy = BookingPolicy.for_place(place)
    _check_policy(policy, start, end, now)
    check_opening_hours(place, person, start, end)
    _check_layout(resource, layout, attendees)

    resource = _lock(resource)
    if idempotency_key:
        # A twin request may have committed while we waited for the lock.
        existing = Booking.objects.filter(booked_by=booked_by, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    status = BookingStatus.CONFIRMED
    if policy.requires_approval(resource.kind) and not by_host:
        status = BookingStatus.PENDING
    if walk_in:
        status = BookingStatus.CHECKED_IN
    booking, created = _insert(
        resource,
        exclude_hold=hold.pk if hold else None,
        now=now,
        person=person,
        booked_by=booked_by,
        employer=employer,
        start=start,
        end=end,
        layout=layout,
        attendees=attendees,
        status=status,
        idempotency_key=idempotency_key,
        note=note[:300],
        is_walk_in=walk_in,
        checked_in_at=now if walk_in else None,
        series=series,
    )
    if notify and created and not walk_in:
        notifications.notify_booking(booking, "pending" if status == BookingStatus.PENDING else "confirmed")
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


def _lock_booking(booking: Booking) -> Booking:
    return (
        Booking.objects.select_related("resource", "resource__place", "person")
        .select_for_update()
        .get(pk=booking.pk)
    )


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking (before the place's deadline unless a host does it) and offer the seat onwards."""
    from coopconnect.bookings.waitlist import offer_freed_slot

    now = now or timezone.now()
    booking = _lock_booking(booking)
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
            % {"h": policy.cancellation_deadline_hours, "d": _fmt(deadline)}
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    _lock(booking.resource)
    offer_freed_slot(resource=booking.resource, start=max(booking.start, now), end=booking.end, now=now)
    notifications.notify_booking(booking, "cancelled")
    return booking


def _check_same_place(booking: Booking, resource: Resource) -> None:
    if resource.place_id != booking.resource.place_id:
        msg = _("Choisissez une ressource du même lieu (%(p)s) : sinon, annulez et réservez ailleurs.") % {
            "p": booking.resource.place
        }
        raise DomainError(msg, {"resource_id": [msg]})
    if not resource.is_active:
        raise DomainError(
            _("Cette ressource n'est plus réservable."), {"resource_id": [_("Ressource inactive.")]}
        )


def _lock_resources(*resources: Resource) -> dict[int, Resource]:
    """Lock several resources in primary-key order, so that two opposite moves cannot deadlock."""
    locked = {}
    for resource in sorted({r.pk: r for r in resources}.values(), key=lambda r: r.pk):
        locked[resource.pk] = _lock(resource)
    return locked


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
    approval), but not against the booking itself; on any refusal the booking is left unchanged.
    """
    from coopconnect.bookings.waitlist import offer_freed_slot

    now = now or timezone.now()
    booking = _lock_booking(booking)
    if not can_manage_booking(by, booking):
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette réservation."))
    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        raise DomainError(_("Seule une réservation à venir peut être modifiée."))
    old_resource = booking.resource
    new_resource = old_resource if resource is None else resource
    moved = new_resource.pk != old_resource.pk
    if moved:
        _check_same_place(booking, new_resource)
        if layout is None:
            # A layout of the old room only carries over if the new one offers it too.
            layout = booking.layout if booking.layout in (new_resource.layouts or {}) else ""
    layout = booking.layout if layout is None else layout
    attendees = booking.attendees if attendees is None else attendees
    place = old_resource.place
    _check_times(start, end, now)
    policy = BookingPolicy.for_place(place)
    host = is_host(by, place)
    deadline = booking.start - dt.timedelta(hours=policy.cancellation_deadline_hours)
    if now > deadline and not host:
        raise DomainError(
            _("Modification possible jusqu'à %(h)s h avant le début : contactez l'hôte du lieu.")
            % {"h": policy.cancellation_deadline_hours}
        )
    _check_policy(policy, start, end, now)
    check_opening_hours(place, booking.person, start, end)
    _check_layout(new_resource, layout, attendees)
    locked = _lock_resources(old_resource, new_resource)
    old_resource, new_resource = locked[old_resource.pk], locked[new_resource.pk]
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
    notifications.notify_booking(booking, "changed")
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


def _approvable(booking: Booking, by: User) -> Booking:
    booking = _lock_booking(booking)
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
    notifications.notify_booking(booking, "confirmed")
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, by: User, now: dt.datetime | None = None) -> Booking:
    """Refuse a pending request (hosts only); the slot is offered to the waitlist."""
    from coopconnect.bookings.waitlist import offer_freed_slot

    now = now or timezone.now()
    booking = _approvable(booking, by)
    booking.status = BookingStatus.REJECTED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    _lock(booking.resource)
    if booking.end > now:
        offer_freed_slot(resource=booking.resource, start=max(booking.start, now), end=booking.end, now=now)
    notifications.notify_booking(booking, "rejected")
    return booking


@dataclass
class SeriesResult:
    """What a recurring or multi-day request gave: the bookings made and the dates refused, with why."""

    series: BookingSeries | None
    created: list[Booking] = field(default_factory=list)
    conflicts: list[tuple[dt.date, str]] = field(default_factory=list)
    skipped_closed: list[dt.date] = field(default_factory=list)


def _occurrences(rule: str, first_start: dt.datetime) -> list[dt.datetime]:
    local = first_start.astimezone(PARIS).replace(tzinfo=None)
    try:
        parsed = rr.rrulestr(rule, dtstart=local, forceset=True)
    except (ValueError, TypeError) as exc:
        raise DomainError(
            _("Règle de récurrence invalide : « %(r)s ».") % {"r": rule},
            {"rule": [_("Exemple : FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630")]},
        ) from exc
    out: list[dt.datetime] = []
    for occurrence in parsed:
        out.append(occurrence.replace(tzinfo=PARIS))
        if len(out) > MAX_OCCURRENCES:
            raise DomainError(
                _("Au plus %(n)s dates par série : ajoutez une date de fin (UNTIL) ou un nombre (COUNT).")
                % {"n": MAX_OCCURRENCES},
                {"rule": [_("Série trop longue.")]},
            )
    return out


@transaction.atomic
def booking_series_create(
    *,
    resource: Resource,
    person: User,
    first_start: dt.datetime,
    first_end: dt.datetime,
    rule: str,
    booked_by: User | None = None,
    all_or_nothing: bool = False,
    skip_closed: bool = False,
    layout: str = "",
    attendees: int = 1,
    employer: Organisation | None = None,
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Book every occurrence of an RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630").

    Each date is booked at the same local times as the first. The dates that clash (full, closed,
    too far ahead...) are reported with the reason; the others are booked, or none at all when
    ``all_or_nothing`` (then a Conflict lists the clashing dates and nothing is written).
    """
    now = now or timezone.now()
    if timezone.is_naive(first_start) or timezone.is_naive(first_end) or first_end <= first_start:
        _check_times(first_start, first_end, now)
    duration_local = first_end.astimezone(PARIS).replace(tzinfo=None) - first_start.astimezone(PARIS).replace(
        tzinfo=None
    )
    occurrences = _occurrences(rule, first_start)
    if not occurrences:
        raise DomainError(_("Cette règle ne donne aucune date."), {"rule": [_("Aucune date.")]})
    series = BookingSeries.objects.create(person=person, resource=resource, rule=rule[:300])
    result = SeriesResult(series=series)
    for start in occurrences:
        end = (start.replace(tzinfo=None) + duration_local).replace(tzinfo=PARIS)
        try:
            with transaction.atomic():
                booking = booking_create(
                    resource=resource,
                    person=person,
                    start=start,
                    end=end,
                    booked_by=booked_by,
                    layout=layout,
                    attendees=attendees,
                    employer=employer,
                    series=series,
                    now=now,
                    notify=False,
                )
        except PermissionDenied:
            raise
        except DomainError as exc:
            if skip_closed and _is_closed_error(exc):
                result.skipped_closed.append(start.date())
                continue
            result.conflicts.append((start.date(), exc.message))
            continue
        result.created.append(booking)
    if result.conflicts and all_or_nothing:
        transaction.set_rollback(True)
        raise Conflict(
            _("%(n)s date(s) en conflit : rien n'a été réservé.") % {"n": len(result.conflicts)},
            {"dates": [f"{d:%d/%m/%Y} : {msg}" for d, msg in result.conflicts]},
        )
    if not result.created:
        transaction.set_rollback(True)
        raise Conflict(
            _("Aucune date n'a pu être réservée."),
            {"dates": [f"{d:%d/%m/%Y} : {msg}" for d, msg in result.conflicts]},
        )
    notifications.notify_series(result.created)
    return result


def _is_closed_error(exc: DomainError) -> bool:
    return isinstance(exc, PlaceClosed)


def booking_days_create(
    *,
    resource: Resource,
    person: User,
    first_day: dt.date,
    last_day: dt.date,
    slot: str = "day",
    booked_by: User | None = None,
    employer: Organisation | None = None,
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Book a stay of several days (e.g. a week): one booking per open day, all or nothing.

    Days when the place is closed (week-end, public holiday) are skipped, not refused.
    """
    if last_day < first_day:
        raise DomainError(_("Le dernier jour précède le premier."), {"last_day": [_("Date incohérente.")]})
    if (last_day - first_day).days > 31:
        raise DomainError(_("Un séjour dure au plus 31 jours."), {"last_day": [_("Séjour trop long.")]})
    start, end = slot_bounds(resource.place, first_day, slot)
    rule = f"FREQ=DAILY;UNTIL={last_day:%Y%m%d}T235959"
    return booking_series_create(
        resource=resource,
        person=person,
        first_start=start,
        first_end=end,
        rule=rule,
        booked_by=booked_by,
        all_or_nothing=True,
        skip_closed=True,
        employer=employer,
        now=now,
    )


def day_start(day: dt.date) -> dt.datetime:
    return at(day, dt.time(0))
