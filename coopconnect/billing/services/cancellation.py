"""What cancelling a booking changes on the bill: the months it touches priced with and without it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from coopconnect.billing.pricing.lines import Line, vat_breakdown
from coopconnect.billing.pricing.months import months_between
from coopconnect.billing.services.invoicing.batch import BILLABLE_STATUSES, Batch, price_person

ZERO = Decimal("0")


@dataclass(frozen=True)
class CancelEffect:
    """How much less the payer's bill is once the booking is cancelled (0 when it was not billed)."""

    months: tuple[date, ...]
    less_ht: Decimal
    less_ttc: Decimal
    billed: bool


def _totals(lines: list[Line]) -> tuple[Decimal, Decimal]:
    rows = vat_breakdown(lines)
    ht = sum((r.base for r in rows), ZERO)
    return ht, ht + sum((r.vat for r in rows), ZERO)


def cancel_effect(*, booking: Any) -> CancelEffect:
    """Price the booking's months with and without it, as the monthly run will, for its payer.

    A cancelled booking is not billed (only confirmed and checked-in ones are); what it saves may be
    less than its own price when the other days of the week or month move to a dearer combination
    (a week pass no longer reached).
    """
    months = tuple(months_between(booking.start, booking.end))
    if booking.status not in BILLABLE_STATUSES:
        return CancelEffect(months=months, less_ht=ZERO, less_ttc=ZERO, billed=False)
    payer = booking.employer_id
    less_ht = less_ttc = ZERO
    for month in months:
        batch = Batch(month, person_ids={booking.person_id})
        gone = frozenset({booking.pk})
        with_it = price_person(batch, booking.person_id).get(payer, [])
        without = price_person(batch, booking.person_id, without_bookings=gone).get(payer, [])
        (ht_a, ttc_a), (ht_b, ttc_b) = _totals(with_it), _totals(without)
        less_ht += ht_a - ht_b
        less_ttc += ttc_a - ttc_b
    return CancelEffect(months=months, less_ht=less_ht, less_ttc=less_ttc, billed=True)
