"""Fair use of capacity: what one person may hold at once, across the network and at one place.

- **One workstation at a time.** A person holds at most one coworking seat or private office at a
  time across the whole network (every place): a booking of a seat or an office that overlaps another
  active booking (pending, confirmed or checked in) of a seat or an office *of the same person*,
  at any place, is refused, naming that booking's place and times. Only the person's own bookings
  count, whoever made them: an employer admin booking for several employees books for several
  people (each may hold a seat), and a host may book for several members. Meeting rooms,
  videoconference points and lockers are not workstations: a member may hold a seat and, at the
  same hour, the meeting room where they meet a client, a call booth or a locker; a meeting room is
  one booking however many attendees it seats. A walk-in recorded by a host is what happened at the
  place (the person is there): it is never refused by this rule, but it then counts like any other
  booking. A place whose policy turns ``one_seat_at_a_time`` off is left out on both sides (its
  bookings neither are checked nor block others).
- **Open bookings per place.** A person holds at most ``BookingPolicy.max_open_bookings`` active
  bookings not yet over at one place (0: no limit). Bookings made by a host of the place (for
  themself, a member or an event) and walk-ins may go beyond it.
- **Series.** A recurrence gives at most ``MAX_SERIES_DATES`` dates (half a year of weekly
  bookings); a longer rule is refused before anything is written (see ``services.series``).

Both checks run with the resource and then the person row locked (``locking.lock_person``), so two
simultaneous requests of the same person at two places run one after the other and the second sees
the first's booking.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings.models import ACTIVE_STATUSES, Booking, BookingPolicy
from coopconnect.core import formatting
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.places.models import Place, Resource, ResourceKind

# The resources a person occupies in person, one at a time.
WORKSTATION_KINDS = (ResourceKind.SEAT, ResourceKind.OFFICE)

# Dates of one recurring series at most: a weekly booking for half a year.
MAX_SERIES_DATES = 26


def is_workstation(resource: Resource) -> bool:
    """Tell whether the resource is a workstation (a coworking seat or a private office)."""
    return resource.kind in WORKSTATION_KINDS


def overlapping_workstations(
    person: User, start: dt.datetime, end: dt.datetime, *, exclude_booking: int | None = None
) -> QuerySet[Booking]:
    """Return the person's active workstation bookings over [start, end), at places applying the rule."""
    qs = (
        Booking.objects.filter(
            person=person,
            status__in=ACTIVE_STATUSES,
            resource__kind__in=WORKSTATION_KINDS,
            start__lt=end,
            end__gt=start,
        )
        .exclude(resource__place__booking_policy__one_seat_at_a_time=False)
        .select_related("resource", "resource__place")
        .order_by("start", "pk")
    )
    if exclude_booking:
        qs = qs.exclude(pk=exclude_booking)
    return qs


def check_one_workstation(
    *,
    resource: Resource,
    person: User,
    booked_by: User,
    start: dt.datetime,
    end: dt.datetime,
    policy: BookingPolicy,
    exclude_booking: int | None = None,
) -> None:
    """Refuse (409) a seat or office overlapping another one the person holds, at any place."""
    if not is_workstation(resource) or not policy.one_seat_at_a_time:
        return
    other = overlapping_workstations(person, start, end, exclude_booking=exclude_booking).first()
    if other is None:
        return
    refuse_workstation(other, person=person, booked_by=booked_by)


def refuse_workstation(other: Booking | int, *, person: User, booked_by: User) -> None:
    """Refuse (409) naming ``other``, the workstation booking (or its id) the person already holds."""
    if isinstance(other, int):
        other = Booking.objects.select_related("resource__place").get(pk=other)
    values = {
        "person": str(person),
        "place": other.resource.place.name,
        "resource": other.resource.name,
        "when": formatting.span(other.start, other.end),
    }
    if booked_by.pk == person.pk:
        msg = (
            _(
                "Vous avez déjà une réservation à %(place)s (%(resource)s) le %(when)s : "
                "une personne n'occupe qu'un poste à la fois dans le réseau. Annulez ou déplacez "
                "cette réservation d'abord."
            )
            % values
        )
    else:
        msg = (
            _(
                "%(person)s a déjà une réservation à %(place)s (%(resource)s) le %(when)s : "
                "une personne n'occupe qu'un poste à la fois dans le réseau."
            )
            % values
        )
    raise Conflict(msg, {"start": [_("Déjà un poste réservé sur ce créneau.")]})


def open_bookings_count(person: User, place: Place, now: dt.datetime) -> int:
    """Return how many active bookings of the person at the place are not over yet."""
    return Booking.objects.filter(
        person=person, resource__place=place, status__in=ACTIVE_STATUSES, end__gt=now
    ).count()


def check_open_bookings(
    *, person: User, booked_by: User, place: Place, policy: BookingPolicy, now: dt.datetime
) -> None:
    """Refuse (400) one more booking when the person already holds the place's maximum."""
    limit = policy.max_open_bookings
    if not limit or open_bookings_count(person, place, now) < limit:
        return
    refuse_open_bookings(person=person, booked_by=booked_by, place=place, limit=limit)


def refuse_open_bookings(*, person: User, booked_by: User, place: Place, limit: int) -> None:
    """Refuse (400) one more booking: the person already holds the place's ``limit`` open bookings."""
    values = {"person": str(person), "n": limit, "place": place.name}
    if booked_by.pk == person.pk:
        msg = (
            _(
                "Vous avez déjà %(n)s réservations à venir à %(place)s, le maximum de ce lieu : "
                "annulez-en une ou attendez qu'elle soit passée."
            )
            % values
        )
    else:
        msg = _("%(person)s a déjà %(n)s réservations à venir à %(place)s, le maximum de ce lieu.") % values
    raise DomainError(msg, {"start": [_("Trop de réservations à venir dans ce lieu.")]})


def check_series_length(count: int) -> None:
    """Refuse (400) a recurrence giving more dates than one series may hold."""
    if count <= MAX_SERIES_DATES:
        return
    msg = _(
        "Une série compte au plus %(n)s dates : rien n'a été réservé. Réduisez le nombre de "
        "répétitions ou rapprochez la date de fin."
    ) % {"n": MAX_SERIES_DATES}
    raise DomainError(msg, {"rule": [_("Au plus %(n)s dates par série.") % {"n": MAX_SERIES_DATES}]})
