"""Monthly caps: one negative line bringing a place's month down to its cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.pricing.rates import CAP
from coopconnect.billing.pricing.request import PricingRequest, valid_rates
from coopconnect.core.money import ZERO, round_cents


def price_caps(req: PricingRequest, lines: list[Line], first: date, last: date) -> list[Line]:
    """Return, per place whose month exceeds its (cheapest) cap, the line bringing it down to the cap."""
    out: list[Line] = []
    for place_id in sorted({ln.place_id for ln in lines if ln.place_id is not None}):
        pr = req.places[place_id]
        caps = [r for r in valid_rates(pr, req, first, last) if r.kind == CAP]
        if not caps:
            continue
        cap = min(caps, key=lambda r: r.price)
        spent = sum((ln.amount for ln in lines if ln.place_id == place_id), ZERO)
        if spent > cap.price:
            out.append(
                Line(
                    label=f"{cap.label} : jamais plus de {label_amount(cap.price)} par mois",
                    quantity=Decimal(1),
                    unit_price=cap.price - spent,
                    amount=round_cents(cap.price - spent),
                    vat_rate=cap.vat_rate,
                    vat_exempt=cap.vat_exempt,
                    place_id=place_id,
                    code=cap.code,
                    reason=f"plafond mensuel : {label_amount(spent)} ramenés à {label_amount(cap.price)}",
                )
            )
    return out
