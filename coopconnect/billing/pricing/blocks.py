"""Hour-block and session rates (a video room): charged per started block, per booking."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext

from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.lines import Line, charged_line, free_line
from coopconnect.billing.pricing.rates import HOUR_BLOCK, PER_USE, SESSION, PlaceRates, PricingError, Rate
from coopconnect.billing.pricing.request import PricingRequest, granted, take_hours_quota, valid_rates


def is_sold_by_block(rate: Rate, kind: str) -> bool:
    """Say whether the rate charges this resource kind per hour block or per session."""
    return rate.kind == PER_USE and rate.unit in (HOUR_BLOCK, SESSION) and rate.applies_to(kind)


def price_blocks(
    req: PricingRequest,
    pr: PlaceRates,
    kind: str,
    items: list[tuple[date, Decimal, str]],
    first: date,
    last: date,
) -> list[Line]:
    """Price each booking (day, hours, label) of a resource kind sold by hour block or session."""
    rates = [r for r in valid_rates(pr, req, first, last) if is_sold_by_block(r, kind)]
    lines: list[Line] = []
    if not rates:
        if req.strict:
            raise PricingError(
                gettext("Aucun tarif de %(place)s ne s'applique à cette réservation pour vous.")
                % {"place": pr.name},
                field="resource",
            )
        return lines
    free = 0
    counts: dict[str, tuple[int, Rate]] = {}
    for day, hours, _label in items:
        if granted(req, pr, day) is not None or any(
            h.covers(pr.place_id, pr.network_ids) and kind in h.rate.included_kinds and h.active_on(day)
            for h in req.holdings
        ):
            free += 1
            continue
        if take_hours_quota(req, pr, kind, day, hours) is not None:
            free += 1
            continue
        for r in rates:
            blocks = math.ceil(hours / r.block_hours) if r.block_hours else 1
            cnt, _ = counts.get(r.code, (0, r))
            counts[r.code] = (cnt + blocks, r)
    if free:
        lines.append(free_line(f"Inclus ou gratuit — {free} réservation(s)", free, pr.place_id, "included"))
    for cnt, r in counts.values():
        per = f"par tranche de {r.block_hours} h" if r.block_hours else "par réservation"
        lines.append(
            charged_line(
                f"{r.label} — {cnt} × {label_amount(r.price)} ({per})",
                cnt,
                r.price,
                r,
                pr.place_id,
                "tarif par tranche horaire",
            )
        )
    return lines
