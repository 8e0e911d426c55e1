"""Metered services (prints, coffee): included in a plan, within its quota, or charged per unit."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.lines import Line, charged_line, free_line
from coopconnect.billing.pricing.rates import CAP, SERVICE, Rate
from coopconnect.billing.pricing.request import PricingRequest, valid_rates
from coopconnect.core.money import ZERO


def price_services(req: PricingRequest, first: date, last: date) -> list[Line]:
    """Price the month's service uses per place and service: all-inclusive, quota, overage, per unit."""
    lines: list[Line] = []
    totals: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for su in req.service_uses:
        totals[(su.place_id, su.service_code)] += su.quantity
    for (place_id, code), qty in sorted(totals.items()):
        pr = req.places[place_id]
        rates = valid_rates(pr, req, first, last)
        covering = [
            h
            for h in req.holdings
            if h.covers(place_id, pr.network_ids) and h.start <= last and (h.end is None or h.end >= first)
        ]
        if any(h.rate.includes_everything for h in covering) or any(
            r.includes_everything for r in rates if r.kind == CAP
        ):
            lines.append(
                free_line(f"{code} : {qty.normalize():f} — tout compris", int(qty), place_id, "included")
            )
            continue
        included = ZERO
        overage_price: Decimal | None = None
        quota_rate: Rate | None = None
        for h in covering:
            for a in h.rate.allowances:
                if a.code == code:
                    included += a.quantity
                    quota_rate = h.rate
                    if a.overage_price is not None:
                        overage_price = a.overage_price
        service = next((r for r in rates if r.kind == SERVICE and r.service_code == code), None)
        if included and quota_rate is not None:
            shown = min(qty, included)
            lines.append(
                free_line(
                    f"{code} : {shown.normalize():f} inclus dans « {quota_rate.label} » "
                    f"(quota {included.normalize():f} par mois)",
                    int(shown),
                    place_id,
                    "quota",
                    like=quota_rate,
                )
            )
        extra = qty - included
        if extra <= 0:
            continue
        if overage_price is not None and quota_rate is not None:
            lines.append(
                charged_line(
                    f"{code} au-delà du quota — {extra.normalize():f} × {label_amount(overage_price)}",
                    extra,
                    overage_price,
                    quota_rate,
                    place_id,
                    "au-delà du quota",
                )
            )
        elif service is not None:
            label = service.label + (" au-delà du quota" if included else "")
            lines.append(
                charged_line(
                    f"{label} — {extra.normalize():f} × {label_amount(service.price)}",
                    extra,
                    service.price,
                    service,
                    place_id,
                    "service à l'unité",
                )
            )
    return lines
