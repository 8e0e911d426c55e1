"""One payer's month to price, and what that payer is entitled to in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.holdings import Grant, Holding
from coopconnect.billing.pricing.months import month_bounds
from coopconnect.billing.pricing.rates import (
    COMPANIES,
    MEMBERS,
    MEMBERSHIP,
    OFFICE_RENT,
    SUBSCRIPTION,
    PlaceRates,
    Rate,
)
from coopconnect.billing.pricing.uses import ServiceUse, Use
from coopconnect.core.money import ZERO


@dataclass
class PricingRequest:
    """A calendar month of one payer: the places' rates, the uses, holdings and free periods."""

    month: date
    places: dict[int, PlaceRates]
    uses: list[Use] = field(default_factory=list)
    service_uses: list[ServiceUse] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    as_company: bool = False
    headcount: int = 1
    include_fees: bool = True
    strict: bool = False
    quota_used: dict[tuple[int, str], Decimal] = field(default_factory=dict)


def entitled(rate: Rate, req: PricingRequest, pr: PlaceRates) -> bool:
    """Say whether the payer may use this rate (its audience: everyone, members, companies)."""
    if rate.audience == COMPANIES:
        return req.as_company
    if rate.audience == MEMBERS:
        first, last = month_bounds(req.month)
        return any(
            h.covers(pr.place_id, pr.network_ids)
            and h.rate.kind in (MEMBERSHIP, SUBSCRIPTION, OFFICE_RENT)
            and h.start <= last
            and (h.end is None or h.end >= first)
            for h in req.holdings
        )
    return True


def valid_rates(pr: PlaceRates, req: PricingRequest, first: date, last: date) -> list[Rate]:
    """Return the place's rates valid in [first, last] that the payer is entitled to."""
    return [r for r in pr.rates if r.valid_during(first, last) and entitled(r, req, pr)]


def granted(req: PricingRequest, pr: PlaceRates, day: date) -> tuple[str, str] | None:
    """Say why a day is free (a free period), as (label, reason); None when it is not."""
    for g in req.grants:
        if g.covers(pr.place_id, pr.network_ids, day):
            return (f"Gratuit : {g.reason} (jusqu'au {g.end:%d/%m/%Y})", "grant")
    return None


def take_hours_quota(req: PricingRequest, pr: PlaceRates, kind: str, day: date, hours: Decimal) -> str | None:
    """Use an included quota of hours of this resource kind (e.g. 4 h of meeting room a month), if any.

    A use is included only when it fits whole in what remains; otherwise it is charged whole.
    """
    for i, h in enumerate(req.holdings):
        if not (h.covers(pr.place_id, pr.network_ids) and h.active_on(day)):
            continue
        for a in h.rate.allowances:
            if a.code != kind:
                continue
            key = (i, a.code)
            used = req.quota_used.get(key, ZERO)
            if used + hours <= a.quantity:
                req.quota_used[key] = used + hours
                return f"Inclus dans le quota de {a.quantity.normalize():f} h par mois de « {h.rate.label} »"
    return None
