"""Reads of the embeddable page: a place's free half-days over the coming days, and its tariffs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from coopconnect.billing.models import Tariff
from coopconnect.billing.selectors import tariffs_for_place
from coopconnect.bookings.selectors import ResourceDay, place_day
from coopconnect.places.models import Place

DAYS = 7


@dataclass(frozen=True)
class Day:
    """One day of the embeddable page: each resource with its free half-days."""

    day: dt.date
    rows: list[ResourceDay]

    @property
    def any_free(self) -> bool:
        return any(s.bookable for r in self.rows for s in r.slots)


def week_slots(place: Place, first: dt.date, *, days: int = DAYS) -> list[Day]:
    """Return the free half-days of every active resource of ``place`` from ``first``, ``days`` days."""
    return [Day(day=d, rows=place_day(place, d)) for d in (first + dt.timedelta(n) for n in range(days))]


def current_tariffs(place: Place, today: dt.date) -> QuerySet[Tariff]:
    """Return the tariffs valid today at the place (its own and its networks')."""
    return tariffs_for_place(place).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today
    )
