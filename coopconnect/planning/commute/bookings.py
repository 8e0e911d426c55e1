"""Savings summed over real bookings: one commute avoided per person and booked day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents
from coopconnect.planning.commute.params import DEFAULT_PARAMS, CommuteParams, validate_params
from coopconnect.planning.commute.savings import Trip, trip_between
from coopconnect.territory.models import Commune


@dataclass(slots=True)
class BookingSavings:
    """Savings summed over real bookings: one commute avoided per person and booked day."""

    person_days: int = 0
    people: int = 0
    km: float = 0.0
    euros: Decimal = Decimal("0.00")
    kg_co2e: Decimal = Decimal("0.0")
    hours: float = 0.0
    skipped_people: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)


WorkCommuneOf = Mapping[int, Commune] | Callable[[Any], Commune | None]


def _work_commune(person: Any, person_id: int, fallback: WorkCommuneOf | None) -> Commune | None:
    """Return the person's own usual work commune, else what the fallback says for them."""
    own = getattr(person, "work_commune", None)
    if own is not None or fallback is None:
        return own
    return fallback(person) if callable(fallback) else fallback.get(person_id)


def booking_savings(
    *,
    bookings: Iterable[Any],
    work_commune_of: WorkCommuneOf | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> BookingSavings:
    """Sum savings over bookings (each with ``person.home_commune``, ``resource.place``, ``start``).

    Each distinct (person, local date, place) is one home → work return trip replaced by
    home → place. The workplace is the person's own ``work_commune`` (set on their profile); when
    it is empty, ``work_commune_of`` is asked instead: a mapping person id -> Commune, or a function
    of the person. People without a home or work commune are skipped and counted by reason.
    """
    validate_params(params)
    result = BookingSavings()
    days: dict[int, set[tuple[Any, int]]] = defaultdict(set)
    persons: dict[int, Any] = {}
    places: dict[int, Any] = {}
    for booking in bookings:
        start: datetime = booking.start
        place = booking.resource.place
        days[booking.person_id].add(
            (timezone.localtime(start).date() if start.tzinfo else start.date(), place.pk)
        )
        persons[booking.person_id] = booking.person
        places[place.pk] = place
    reasons: dict[str, int] = defaultdict(int)
    trips: dict[tuple[tuple[float, float], tuple[float, float]], Trip | None] = {}

    def cached_trip(a: tuple[float, float], b: tuple[float, float]) -> Trip | None:
        if (a, b) not in trips:
            try:
                trips[(a, b)] = trip_between(a, b, params)
            except DomainError:
                trips[(a, b)] = None
        return trips[(a, b)]

    for person_id, person_days in days.items():
        person = persons[person_id]
        home = getattr(person, "home_commune", None)
        work = _work_commune(person, person_id, work_commune_of)
        if home is None:
            reasons[_("commune de résidence non renseignée")] += 1
            continue
        if work is None:
            reasons[_("commune de travail non renseignée")] += 1
            continue
        home_pt = (home.latitude, home.longitude)
        to_work = cached_trip(home_pt, (work.latitude, work.longitude))
        if to_work is None:
            reasons[_("trajet inconnu")] += 1
            continue
        result.people += 1
        for _day, place_id in person_days:
            place = places[place_id]
            to_place = cached_trip(home_pt, (place.latitude, place.longitude))
            if to_place is None:
                continue
            result.person_days += 1
            result.km += 2 * (to_work.km - to_place.km)
            result.hours += 2 * (to_work.minutes - to_place.minutes) / 60
    km_dec = Decimal(str(round(result.km, 3)))
    result.euros = round_cents(km_dec * params.cost_per_km)
    result.kg_co2e = (km_dec * params.kg_co2e_per_km).quantize(Decimal("0.1"), ROUND_HALF_UP)
    result.skipped_reasons = dict(reasons)
    result.skipped_people = sum(reasons.values())
    return result


def network_booking_savings(
    *,
    start: datetime,
    end: datetime,
    work_commune_of: WorkCommuneOf | None = None,
    place: Any | None = None,
    network: Any | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> BookingSavings:
    """Sum savings over the confirmed or checked-in bookings of a place or a network in [start, end).

    Each member's home and usual work communes come from their account (``User.home_commune``,
    ``User.work_commune``); ``work_commune_of`` (a mapping person id -> Commune, or a function of
    the person) is the fallback for people who have not given their work commune.
    """
    if (place is None) == (network is None):
        raise DomainError(_("Indiquez un lieu ou un réseau."), errors={"place": [_("Un lieu ou un réseau.")]})
    if end <= start:
        raise DomainError(
            _("La fin de la période doit suivre son début."), errors={"end": [_("Après le début.")]}
        )
    qs = Booking.objects.filter(
        status__in=(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN), start__lt=end, end__gt=start
    ).select_related("person__home_commune", "person__work_commune", "resource__place")
    qs = (
        qs.filter(resource__place=place)
        if place is not None
        else qs.filter(resource__place__networks=network)
    )
    return booking_savings(bookings=qs, work_commune_of=work_commune_of, params=params)
