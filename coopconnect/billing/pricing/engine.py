"""Price one calendar month of one payer: days, hour blocks, services, fees, then caps."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.blocks import is_sold_by_block, price_blocks
from coopconnect.billing.pricing.caps import price_caps
from coopconnect.billing.pricing.days import price_days
from coopconnect.billing.pricing.extras import price_services
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.pricing.months import month_bounds, split_by_day
from coopconnect.billing.pricing.plans import price_fees
from coopconnect.billing.pricing.rates import PricingError
from coopconnect.billing.pricing.request import PricingRequest, valid_rates
from coopconnect.core.money import ZERO


def price_month(req: PricingRequest) -> list[Line]:
    """Price one calendar month of uses, service uses and fees for one payer; one line per reason."""
    first, last = month_bounds(req.month)
    req.quota_used = {}
    lines: list[Line] = []
    days: dict[tuple[int, str], dict[date, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    block_uses: dict[tuple[int, str], list[tuple[date, Decimal, str]]] = defaultdict(list)
    for use in req.uses:
        pr = req.places.get(use.place_id)
        if pr is None:
            raise PricingError("Lieu inconnu pour cette réservation.")
        by_block = any(is_sold_by_block(r, use.resource_kind) for r in valid_rates(pr, req, first, last))
        for day, hours in split_by_day(use.start, use.end):
            if not first <= day <= last:
                continue
            if by_block:
                block_uses[(use.place_id, use.resource_kind)].append((day, hours, use.resource_label))
            else:
                days[(use.place_id, use.resource_kind)][day] += hours
    for (place_id, kind), per_day in sorted(days.items()):
        lines += price_days(req, req.places[place_id], kind, per_day, first, last)
    for (place_id, kind), items in sorted(block_uses.items()):
        lines += price_blocks(req, req.places[place_id], kind, items, first, last)
    lines += price_services(req, first, last)
    if req.include_fees:
        lines += price_fees(req, first, last)
    lines += price_caps(req, lines, first, last)
    return lines
