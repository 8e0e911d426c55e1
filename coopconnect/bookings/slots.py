"""Time slots of a place (morning, afternoon, full day) and the opening-hours rule for a booking."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext as _

from coopconnect.bookings.models import AccessGrant, BookingPolicy
from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.places import hours
from coopconnect.places.models import Place
from coopconnect.territory.timezones import for_department

PARIS = ZoneInfo("Europe/Paris")
SLOTS = ("morning", "afternoon", "day")
SLOT_LABELS = {"morning": "Matin", "afternoon": "Après-midi", "day": "Journée"}


class PlaceClosed(DomainError):
    """The place does not open at all that day (closed day, public holiday)."""


def slot_label(slot: str) -> str:
    return _(SLOT_LABELS.get(slot, slot))


def at(day: dt.date, time: dt.time, tz: ZoneInfo = PARIS) -> dt.datetime:
    """Return the aware datetime of ``time`` on ``day`` (Paris time unless ``tz`` is given)."""
    return dt.datetime.combine(day, time, tzinfo=tz)


def zone_of(place: Place) -> ZoneInfo:
    """Return the place's local time zone, from its department (overseas places are not on Paris time)."""
    return for_department(hours.department_of(place))


def slot_bounds(
    place: Place, day: dt.date, slot: str, *, policy: BookingPolicy | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """Return (start, end) of ``slot`` ("morning", "afternoon" or "day") on ``day`` by the place's times.

    The policy's half-day times are narrowed to the day's opening hours, so a place open 09:00-17:00
    has a 09:00 morning and a 17:00 evening without writing a policy.
    """
    policy = policy or BookingPolicy.for_place(place)
    tz = zone_of(place)
    if slot == "morning":
        bounds = at(day, policy.morning_start, tz), at(day, policy.morning_end, tz)
    elif slot == "afternoon":
        bounds = at(day, policy.afternoon_start, tz), at(day, policy.afternoon_end, tz)
    elif slot == "day":
        bounds = at(day, policy.morning_start, tz), at(day, policy.afternoon_end, tz)
    else:
        raise DomainError(
            _("Créneau inconnu : « %(slot)s ».") % {"slot": slot},
            {"slot": [_("Valeurs possibles : morning, afternoon, day.")]},
        )
    if (place.opening_hours or "").strip():
        spans = [
            (max(a, bounds[0]), min(b, bounds[1]))
            for a, b in day_intervals(place, day)
            if a < bounds[1] and b > bounds[0]
        ]
        if spans:
            return spans[0][0], spans[-1][1]
    return bounds


def day_intervals(place: Place, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Return the open periods of ``place`` on ``day`` (all day when it publishes no hours)."""
    if not (place.opening_hours or "").strip():
        tz = zone_of(place)
        return [(at(day, dt.time(0), tz), at(day + dt.timedelta(days=1), dt.time(0), tz))]
    return list(hours.day_open_intervals(place.opening_hours, day, department=hours.department_of(place)))


def has_round_the_clock_access(place: Place, person: object, day: dt.date) -> bool:
    """Say whether ``person`` holds a 24/7 access grant at ``place`` valid on ``day``."""
    if not getattr(person, "pk", None):
        return False
    return (
        AccessGrant.objects.filter(place=place, person=person, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .exists()
    )


def check_opening_hours(place: Place, person: object, start: dt.datetime, end: dt.datetime) -> None:
    """Refuse a booking outside the place's opening hours, unless the person has 24/7 access there.

    A booking must start while the place is open and end while it is open on the same day;
    a lunch closure in between is allowed (a full day spans it). A place with no hours published
    puts no limit. Closed days and public holidays come from the hours (e.g. ``PH off``). The 24/7
    grant is looked up only for a booking outside the hours (the hours are checked without a query).
    """
    tz = zone_of(place)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if not (place.opening_hours or "").strip():
        return
    last_instant = local_end - dt.timedelta(microseconds=1)
    if local_start.date() != last_instant.date():
        if has_round_the_clock_access(place, person, local_start.date()):
            return
        raise DomainError(
            _("Une réservation se fait sur une seule journée : réservez plusieurs jours pour un séjour."),
            {"end": [_("La fin doit être le même jour que le début.")]},
        )
    day = local_start.date()
    intervals = day_intervals(place, day)
    starts_open = any(a <= local_start < b for a, b in intervals)
    ends_open = any(a < local_end <= b for a, b in intervals)
    if starts_open and ends_open:
        return
    if has_round_the_clock_access(place, person, day):
        return
    if not intervals:
        message = _("Le lieu est fermé le %(day)s.") % {"day": formatting.date(day, style="short")}
        raise PlaceClosed(message, {"start": [message]})
    else:
        spans = ", ".join(f"{formatting.time(a.time())}-{formatting.time(b.time())}" for a, b in intervals)
        message = _("En dehors des horaires d'ouverture du lieu ce jour-là (%(spans)s).") % {"spans": spans}
    raise DomainError(message, {"start": [message]})
