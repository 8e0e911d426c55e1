"""Explained lines, excluding VAT, and the VAT computed once per rate on their sum."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.rates import Rate
from coopconnect.core.money import ZERO, round_cents


@dataclass(frozen=True)
class Line:
    """One explained line, excluding VAT, rounded once."""

    label: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    vat_rate: Decimal
    vat_exempt: bool
    place_id: int | None
    code: str = ""
    reason: str = ""
    network_id: int | None = None
    week_of: date | None = None  # the Monday, on a week-pass line (quotes explain the switch to it)


@dataclass(frozen=True)
class VatRow:
    """The base and VAT of one VAT rate."""

    rate: Decimal
    exempt: bool
    base: Decimal
    vat: Decimal


def vat_breakdown(lines: list[Line]) -> list[VatRow]:
    """Sum the lines per VAT rate and compute each rate's VAT once, half up to the cent."""
    bases: dict[tuple[Decimal, bool], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        bases[(Decimal(line.vat_rate), line.vat_exempt)] += line.amount
    return [
        VatRow(rate=r, exempt=ex, base=round_cents(b), vat=round_cents(b * r / 100))
        for (r, ex), b in sorted(bases.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]


def charged_line(
    label: str, qty: Decimal | int, unit: Decimal, rate: Rate, place_id: int | None, reason: str = ""
) -> Line:
    """A line of ``qty`` × ``unit`` at ``rate``'s VAT, its amount rounded once."""
    q = Decimal(qty)
    return Line(
        label=label,
        quantity=q,
        unit_price=unit,
        amount=round_cents(q * unit),
        vat_rate=rate.vat_rate,
        vat_exempt=rate.vat_exempt,
        place_id=place_id,
        code=rate.code,
        reason=reason,
        network_id=rate.network_id if place_id is None else None,
    )


def free_line(label: str, qty: int, place_id: int, reason: str, like: Rate | None = None) -> Line:
    """A zero line explaining what was free or included (at ``like``'s VAT, when given)."""
    return Line(
        label=label,
        quantity=Decimal(qty),
        unit_price=ZERO,
        amount=ZERO,
        vat_rate=like.vat_rate if like else ZERO,
        vat_exempt=like.vat_exempt if like else False,
        place_id=place_id,
        code=like.code if like else "free",
        reason=reason,
    )
