"""Advice on a quote: the cheapest formula for the person's month, with what it saves.

The person's month (bookings already made plus the slots quoted) is priced as the invoicing run will
price it (``invoicing.batch.price_person``): first as things stand (days, half-days, week passes and
the bundles they are entitled to), then once per formula they could take at the place (a membership,
which opens the members' bundles and rates, or a monthly plan), as if taken from today. Fees count:
a yearly membership is charged in full in the month it starts, a plan prorated from its first day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from coopconnect.billing import selectors
from coopconnect.billing.models import Subscription, Tariff, TariffKind
from coopconnect.billing.models.tariffs import Audience
from coopconnect.billing.pricing.lines import Line, vat_breakdown
from coopconnect.billing.pricing.months import month_bounds, months_between
from coopconnect.billing.pricing.rates import BUNDLE, PER_USE, WEEK
from coopconnect.billing.pricing.uses import Use
from coopconnect.billing.services.invoicing.batch import Batch, price_person
from coopconnect.billing.services.quotes import Slot, month_name

ZERO = Decimal("0")


@dataclass(frozen=True)
class Option:
    """One way to pay the month: as things stand (``tariff`` None) or by taking ``tariff``."""

    label: str
    total_ht: Decimal
    total_ttc: Decimal
    tariff: Tariff | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advice:
    """The options for the month, cheapest first, and what the cheapest saves on the current one."""

    month: date
    current: Option
    best: Option
    start: date
    options: list[Option] = field(default_factory=list)

    @property
    def saving_ttc(self) -> Decimal:
        return self.current.total_ttc - self.best.total_ttc

    @property
    def saving_ht(self) -> Decimal:
        return self.current.total_ht - self.best.total_ht

    @property
    def month_label(self) -> str:
        return month_name(self.month)


def _totals(lines: list[Line]) -> tuple[Decimal, Decimal]:
    rows = vat_breakdown(lines)
    ht = sum((r.base for r in rows), ZERO)
    return ht, ht + sum((r.vat for r in rows), ZERO)


def _describe(lines: list[Line], batch: Batch, place_id: int) -> tuple[str, ...]:
    """Name the week passes and bundles the engine chose in this option."""
    rates = {r.code: r for r in batch.rates[place_id].rates}
    out: list[str] = []
    for ln in lines:
        rate = rates.get(ln.code)
        if rate is None or ln.amount <= 0:
            continue
        if rate.kind == BUNDLE or (rate.kind == PER_USE and rate.unit == WEEK):
            if ln.label not in out:
                out.append(ln.label)
    return tuple(out)


def _candidates(person: Any, place: Any, first: date, last: date) -> list[Tariff]:
    """The memberships and plans of the place the person could take this month (not companies')."""
    held = set(
        Subscription.objects.filter(person=person, start__lte=last)
        .exclude(end__lt=first)
        .values_list("tariff_id", flat=True)
    )
    holdings = selectors.holdings_for(person, first, last)
    is_member = any(h.rate.kind == TariffKind.MEMBERSHIP for h in holdings)
    out = []
    for t in selectors.subscribable_tariffs(place):
        if t.pk in held or t.audience == Audience.COMPANIES:
            continue
        if t.valid_from > last or (t.valid_until is not None and t.valid_until < first):
            continue
        if t.kind == TariffKind.SUBSCRIPTION and t.audience == Audience.MEMBERS and not is_member:
            continue
        out.append(t)
    return out


def advise(*, person: Any, place: Any, slots: Iterable[Slot], today: date | None = None) -> Advice | None:
    """Return the cheapest formula for the person's month at ``place`` with ``slots``, or None.

    The month is the first slot's; None when nothing is quoted, the month is over, or the place sells
    no formula to take.
    """
    items = [s for s in slots if s.resource.place.pk == place.pk]
    if not items:
        return None
    today = today or timezone.localdate()
    month = months_between(items[0].start, items[0].end)[0]
    first, last = month_bounds(month)
    if last < today:
        return None
    start = max(today, first)
    candidates = _candidates(person, place, first, last)
    if not candidates:
        return None
    batch = Batch(month, person_ids={person.pk})
    if place.pk not in batch.rates:
        batch.rates[place.pk] = selectors.place_rates(place)
    extra = tuple(
        (
            None,
            Use(
                place_id=place.pk,
                resource_kind=s.resource.kind,
                start=s.start,
                end=s.end,
                resource_label=s.resource.name,
            ),
        )
        for s in items
        if month in months_between(s.start, s.end)
    )
    lines = price_person(batch, person.pk, extra_uses=extra).get(None, [])
    current = Option("", *_totals(lines), notes=_describe(lines, batch, place.pk))
    options = [current]
    held = list(batch.holdings.get(person.pk, []))
    for tariff in candidates:
        sub = Subscription(
            person=person, tariff=tariff, start=start, commitment_months=tariff.min_commitment_months
        )
        if tariff.kind == TariffKind.MEMBERSHIP:
            sub.end = None
        batch.holdings[person.pk] = [*held, (sub, selectors.holding_from_subscription(sub))]
        try:
            with_tariff = price_person(batch, person.pk, extra_uses=extra).get(None, [])
        finally:
            batch.holdings[person.pk] = held
        options.append(
            Option(tariff.label, *_totals(with_tariff), tariff, _describe(with_tariff, batch, place.pk))
        )
    options.sort(key=lambda o: (o.total_ttc, o.tariff is not None))
    return Advice(month=month, current=current, best=options[0], start=start, options=options)
