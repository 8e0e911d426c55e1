"""Recurring bookings (an RFC 5545 rule) and stays of several days, booked date by date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil import rrule as rr
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import Organisation, User
from coopconnect.bookings import tasks
from coopconnect.bookings.models import Booking, BookingSeries
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.fair_use import MAX_SERIES_DATES, check_series_length
from coopconnect.bookings.services.rules import check_times
from coopconnect.bookings.slots import PARIS, PlaceClosed, slot_bounds
from coopconnect.core import formatting
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.places.models import Resource

# Dates a rule may give at most, for a stay of several days too (a recurrence is capped lower by
# ``fair_use.MAX_SERIES_DATES``).
MAX_OCCURRENCES = 200


@dataclass
class SeriesResult:
    """What a recurring or multi-day request gave: the bookings made and the dates refused, with why."""

    series: BookingSeries | None
    created: list[Booking] = field(default_factory=list)
    conflicts: list[tuple[dt.date, str]] = field(default_factory=list)
    skipped_closed: list[dt.date] = field(default_factory=list)

    def conflict_lines(self) -> list[str]:
        """Return "23/03/2027 : Complet…" for each date refused."""
        return [f"{formatting.date(d, style='short')} : {msg}" for d, msg in self.conflicts]


def _occurrences(rule: str, first_start: dt.datetime, *, limit: int | None) -> list[dt.datetime]:
    """Return the dates of the rule at the first date's local time; refuse more than ``limit``."""
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
        if limit is not None and len(out) > limit:
            check_series_length(len(out))
        if len(out) > MAX_OCCURRENCES:
            raise DomainError(
                _("Au plus %(n)s dates par série : ajoutez une date de fin ou un nombre de répétitions.")
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
    max_dates: int | None = MAX_SERIES_DATES,
) -> SeriesResult:
    """Book every occurrence of an RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630").

    Each date is booked at the same local times as the first. A rule giving more than ``max_dates``
    dates is refused before anything is written (fair use: ``fair_use.MAX_SERIES_DATES``). The dates
    that clash (full, closed, too far ahead, another seat held then, too many open bookings...) are
    reported with the reason; the others are booked, or none at all when ``all_or_nothing`` (then a
    Conflict lists the clashing dates and nothing is written).
    """
    now = now or timezone.now()
    if timezone.is_naive(first_start) or timezone.is_naive(first_end) or first_end <= first_start:
        check_times(first_start, first_end, now)
    duration_local = first_end.astimezone(PARIS).replace(tzinfo=None) - first_start.astimezone(PARIS).replace(
        tzinfo=None
    )
    occurrences = _occurrences(rule, first_start, limit=max_dates)
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
            if skip_closed and isinstance(exc, PlaceClosed):
                result.skipped_closed.append(start.date())
                continue
            result.conflicts.append((start.date(), exc.message))
            continue
        result.created.append(booking)
    if result.conflicts and all_or_nothing:
        transaction.set_rollback(True)
        raise Conflict(
            _("%(n)s date(s) en conflit : rien n'a été réservé.") % {"n": len(result.conflicts)},
            {"dates": result.conflict_lines()},
        )
    if not result.created:
        transaction.set_rollback(True)
        raise Conflict(_("Aucune date n'a pu être réservée."), {"dates": result.conflict_lines()})
    after_commit(tasks.send_series_email, [b.pk for b in result.created])
    return result


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
        # At most 32 dates, closed days included (checked above): one stay, not a recurrence.
        max_dates=None,
    )
