"""One month's billable data loaded in a few queries, and each person's month priced from it.

The run, ``price_person_month`` and marginal quotes all price through :func:`price_person`, so a quote
agrees with the invoice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q

from coopconnect.billing import selectors
from coopconnect.billing.models import FreePeriod, Issuer, Subscription, UsageRecord
from coopconnect.billing.pricing.engine import price_month
from coopconnect.billing.pricing.holdings import Grant, Holding
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.pricing.months import PARIS, month_bounds
from coopconnect.billing.pricing.rates import PlaceRates
from coopconnect.billing.pricing.request import PricingRequest
from coopconnect.billing.pricing.uses import ServiceUse, Use
from coopconnect.bookings.models import BookingStatus

# Bookings billed: confirmed ones and those checked in (pending, cancelled, rejected, no-shows are not).
BILLABLE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


class Batch:
    """Everything one month's run needs, loaded in a few queries (the run handles 10,000 people)."""

    def __init__(
        self,
        month: date,
        person_ids: set[int] | None = None,
        *,
        rates_cache: dict[int, PlaceRates] | None = None,
        issuers_cache: dict[int, Issuer | None] | None = None,
    ) -> None:
        """``rates_cache``/``issuers_cache``: dicts owned by one quote, shared by its months (see
        ``selectors.place_rates``); the run passes none and loads each place once per batch anyway."""
        from coopconnect.accounts.models import User
        from coopconnect.bookings.models import Booking
        from coopconnect.places.models import Place

        self.first, self.last = month_bounds(month)
        start = datetime.combine(self.first, time(0), tzinfo=PARIS)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=PARIS)
        who = Q() if person_ids is None else Q(person_id__in=person_ids)
        self.bookings: dict[int, list[Any]] = defaultdict(list)
        for b in (
            Booking.objects.filter(who, status__in=BILLABLE_STATUSES, start__lt=end, end__gt=start)
            .select_related("resource")
            .only(
                "person_id",
                "employer_id",
                "start",
                "end",
                "resource__kind",
                "resource__place_id",
                "resource__name",
            )
        ):
            self.bookings[b.person_id].append(b)
        self.usage: dict[int, list[UsageRecord]] = defaultdict(list)
        for u in UsageRecord.objects.filter(who, at__gte=start, at__lt=end):
            self.usage[u.person_id].append(u)
        self.subs: dict[int, list[Subscription]] = defaultdict(list)
        for s in (
            Subscription.objects.filter(who, start__lte=self.last)
            .filter(Q(end__isnull=True) | Q(end__gte=self.first))
            .select_related("tariff", "resource")
            .prefetch_related("tariff__allowances", "tariff__discounts")
        ):
            self.subs[s.person_id].append(s)
        self.grants: dict[int, list[Grant]] = defaultdict(list)
        for g in FreePeriod.objects.filter(who, start__lte=self.last, end__gte=self.first):
            self.grants[g.person_id].append(
                Grant(start=g.start, end=g.end, reason=g.reason, place_id=g.place_id, network_id=g.network_id)
            )
        people_ids = set(self.bookings) | set(self.usage) | set(self.subs)
        self.people: dict[int, Any] = User.objects.in_bulk(people_ids)
        place_ids = {b.resource.place_id for bs in self.bookings.values() for b in bs}
        place_ids |= {u.place_id for us in self.usage.values() for u in us}
        place_ids |= {s.tariff.place_id for ss in self.subs.values() for s in ss if s.tariff.place_id}
        self.places: dict[int, Any] = {
            p.pk: p for p in Place.objects.filter(pk__in=place_ids).prefetch_related("networks")
        }
        self.rates_cache = rates_cache
        self.rates = {pid: selectors.place_rates(p, cache=rates_cache) for pid, p in self.places.items()}
        self.holdings: dict[int, list[tuple[Subscription, Holding]]] = {
            pid: [(s, selectors.holding_from_subscription(s)) for s in ss] for pid, ss in self.subs.items()
        }
        headcount: dict[int, set[int]] = defaultdict(set)
        # Headcount counts every employee with an employer-paid plan this month, not only those in this batch.
        for org_id, pid in (
            Subscription.objects.filter(employer__isnull=False, start__lte=self.last)
            .filter(Q(end__isnull=True) | Q(end__gte=self.first))
            .values_list("employer_id", "person_id")
        ):
            headcount[org_id].add(pid)
        self.headcount = {org: len(ids) for org, ids in headcount.items()}
        self.issuer_by_place = {
            pid: selectors.issuer_for_place(p, cache=issuers_cache) for pid, p in self.places.items()
        }
        self.issuer_by_network = {i.network_id: i for i in Issuer.objects.filter(network__isnull=False)}

    def issuer_of(self, ln: Line) -> Issuer | None:
        """Return who invoices a line: the issuer of its place, else of its network (a fee)."""
        if ln.place_id is not None:
            return self.issuer_by_place.get(ln.place_id)
        return self.issuer_by_network.get(ln.network_id)


def employer_paid_place(batch: Batch, person_id: int, place_id: int) -> int | None:
    """Return the employer paying the person's plan covering this place, if any."""
    for s, _h in batch.holdings.get(person_id, []):
        if s.employer_id and (
            s.tariff.place_id == place_id
            or (s.tariff.network_id and s.tariff.network_id in batch.rates[place_id].network_ids)
        ):
            return s.employer_id
    return None


def price_person(
    batch: Batch,
    person_id: int,
    *,
    extra_uses: tuple[tuple[int | None, Use], ...] = (),
    without_bookings: frozenset[int] = frozenset(),
) -> dict[int | None, list[Line]]:
    """Price one person's month, split by payer (None: the person; else the employer's id).

    ``extra_uses`` (payer, use) are priced as if booked and ``without_bookings`` as if not: a quote
    prices "my month with this slot" and "my month without it" exactly as the run will.
    """
    by_payer_uses: dict[int | None, list[Use]] = defaultdict(list)
    for payer_id, use in extra_uses:
        by_payer_uses[payer_id].append(use)
    for b in batch.bookings.get(person_id, []):
        if b.pk in without_bookings:
            continue
        by_payer_uses[b.employer_id].append(
            Use(
                place_id=b.resource.place_id,
                resource_kind=b.resource.kind,
                start=b.start,
                end=b.end,
                resource_label=b.resource.name,
            )
        )
    by_payer_services: dict[int | None, list[ServiceUse]] = defaultdict(list)
    for u in batch.usage.get(person_id, []):
        payer = u.employer_id or employer_paid_place(batch, person_id, u.place_id)
        by_payer_services[payer].append(
            ServiceUse(place_id=u.place_id, service_code=u.service_code, quantity=u.quantity)
        )
    holdings = batch.holdings.get(person_id, [])
    payers = set(by_payer_uses) | set(by_payer_services) | {s.employer_id for s, _h in holdings}
    places = dict(batch.rates)
    cache = batch.rates_cache
    for s, _h in holdings:  # network memberships: price at the places used, fees without a place
        pid = s.tariff.place_id
        if pid and pid not in places:
            if cache is not None and pid in cache:  # a quote's second pass: no query, not even the place
                places[pid] = cache[pid]
            else:
                places[pid] = selectors.place_rates(s.tariff.place, cache=cache)
    out: dict[int | None, list[Line]] = {}
    for payer in payers:
        req = PricingRequest(
            month=batch.first,
            places=places,
            uses=by_payer_uses.get(payer, []),
            service_uses=by_payer_services.get(payer, []),
            holdings=[pricing_replace(h, charge_fees=(s.employer_id == payer)) for s, h in holdings],
            grants=batch.grants.get(person_id, []),
            as_company=payer is not None,
            headcount=batch.headcount.get(payer, 1) if payer else 1,
        )
        out[payer] = price_month(req)
    return out


def price_person_month(*, person: Any, month: date) -> dict[int | None, list[Line]]:
    """Price one person's month as the run would, split by payer (None: the person; else employer id)."""
    batch = Batch(month, person_ids={person.pk})
    return price_person(batch, person.pk) if person.pk in batch.people else {}


def pricing_replace(h: Holding, **changes: Any) -> Holding:
    """Return a copy of a holding with some fields changed."""
    return replace(h, **changes)


def places_invoiced_by(issuer: Issuer) -> set[int]:
    """Return the places whose sales ``issuer`` invoices (as ``selectors.issuer_for_place`` decides)."""
    from coopconnect.places.models import Place

    if issuer.place_id is not None:
        return {issuer.place_id}
    out = set()
    for place in Place.objects.filter(networks__issuer=issuer).exclude(issuer__isnull=False).distinct():
        if selectors.issuer_for_place(place) == issuer:
            out.add(place.pk)
    return out


def people_invoiced_by(issuer: Issuer, month: date) -> set[int]:
    """Return who may owe ``issuer`` something for the month: bookings, usage or plans it invoices."""
    from coopconnect.bookings.models import Booking

    first, last = month_bounds(month)
    start = datetime.combine(first, time(0), tzinfo=PARIS)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=PARIS)
    places = places_invoiced_by(issuer)
    ids = set(
        Booking.objects.filter(
            resource__place_id__in=places, status__in=BILLABLE_STATUSES, start__lt=end, end__gt=start
        ).values_list("person_id", flat=True)
    )
    ids |= set(
        UsageRecord.objects.filter(place_id__in=places, at__gte=start, at__lt=end).values_list(
            "person_id", flat=True
        )
    )
    plans = Q(tariff__place_id__in=places)
    if issuer.network_id is not None:
        plans |= Q(tariff__network_id=issuer.network_id)
    ids |= set(
        Subscription.objects.filter(plans, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("person_id", flat=True)
    )
    return ids
