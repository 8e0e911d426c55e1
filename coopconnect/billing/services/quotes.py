"""Quotes: what a person (or their employer) would pay for bookings, explained line by line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import pricing, selectors
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION
from coopconnect.core.errors import DomainError

MAX_SLOT = timedelta(days=31)


@dataclass(frozen=True)
class Slot:
    """A resource wanted from ``start`` to ``end`` (aware datetimes), not yet booked."""

    resource: Any
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Quote:
    lines: list[pricing.Line]
    total_ht: Decimal
    vat: Decimal
    total_ttc: Decimal
    vat_rows: list[pricing.VatRow]

    @property
    def mentions(self) -> list[str]:
        return [VAT_EXEMPT_MENTION] if any(r.exempt for r in self.vat_rows) else []


def quote_from_lines(lines: list[pricing.Line]) -> Quote:
    rows = pricing.vat_breakdown(lines)
    total_ht = sum((r.base for r in rows), Decimal("0"))
    vat = sum((r.vat for r in rows), Decimal("0"))
    return Quote(lines=lines, total_ht=total_ht, vat=vat, total_ttc=total_ht + vat, vat_rows=rows)


def check_slot_bookable(slot: Slot, *, now: datetime | None = None) -> None:
    """Refuse a slot nobody could book: inactive resource, reversed or past times, closed place."""
    from coopconnect.places import hours

    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if timezone.is_naive(slot.start) or timezone.is_naive(slot.end):
        raise DomainError(
            "Les dates doivent préciser le fuseau horaire.", {"start": [_("Date sans fuseau horaire.")]}
        )
    if slot.end <= slot.start:
        errors["end"] = [_("La fin doit être après le début.")]
    elif slot.end - slot.start > MAX_SLOT:
        errors["end"] = [_("Un devis porte sur 31 jours au plus : découpez la demande.")]
    if slot.start < now:
        errors.setdefault("start", []).append("Ce créneau est déjà passé.")
    if not slot.resource.is_active:
        errors.setdefault("resource", []).append("Cette ressource n'est plus proposée à la réservation.")
    place = slot.resource.place
    if not errors and place.opening_hours and place.access_mode != "badge_24_7":
        opened = hours.is_open_at(place.opening_hours, slot.start)
        closing = hours.is_open_at(place.opening_hours, slot.end - timedelta(minutes=1))
        if opened is False or closing is False:
            errors.setdefault("start", []).append(f"{place.name} est fermé sur ce créneau.")
    if errors:
        raise DomainError(_("Ce créneau ne peut pas être réservé."), errors)


def quote_for(
    *, person: Any, bookings_or_slots: Iterable[Any], employer: Any = None, check_bookable: bool = True
) -> Quote:
    """Price bookings or slots for a person (billed to ``employer`` if given): the cheapest combination."""
    items = list(bookings_or_slots)
    if not items:
        raise DomainError(_("Aucun créneau à chiffrer."), {"slots": [_("Indiquez au moins un créneau.")]})
    places: dict[int, pricing.PlaceRates] = {}
    by_month: dict[date, list[pricing.Use]] = defaultdict(list)
    for item in items:
        slot = (
            item if isinstance(item, Slot) else Slot(resource=item.resource, start=item.start, end=item.end)
        )
        if check_bookable and isinstance(item, Slot):
            check_slot_bookable(slot)
        place = slot.resource.place
        if place.pk not in places:
            places[place.pk] = selectors.place_rates(place)
        use = pricing.Use(
            place_id=place.pk,
            resource_kind=slot.resource.kind,
            start=slot.start,
            end=slot.end,
            resource_label=slot.resource.name,
        )
        for month in pricing.months_between(slot.start, slot.end):
            by_month[month].append(use)
    lines: list[pricing.Line] = []
    for month in sorted(by_month):
        first, last = pricing.month_bounds(month)
        req = pricing.PricingRequest(
            month=month,
            places=places,
            uses=by_month[month],
            holdings=selectors.holdings_for(person, first, last),
            grants=selectors.grants_for(person, first, last),
            as_company=employer is not None,
            include_fees=False,
            strict=True,
        )
        try:
            lines += pricing.price_month(req)
        except pricing.PricingError as exc:
            raise DomainError(exc.message, {exc.field: [exc.message]}) from exc
    return quote_from_lines(lines)
