"""The fees of what a person holds: yearly memberships, monthly plans and office rents, discounts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.holdings import Holding
from coopconnect.billing.pricing.lines import Line, charged_line
from coopconnect.billing.pricing.months import add_years
from coopconnect.billing.pricing.rates import MEMBERSHIP, OFFICE_RENT, SUBSCRIPTION
from coopconnect.billing.pricing.request import PricingRequest
from coopconnect.core.money import ZERO, round_cents


def price_fees(req: PricingRequest, first: date, last: date) -> list[Line]:
    """Charge the month's fees of each holding the payer pays for (prorated by calendar days)."""
    lines: list[Line] = []
    for h in req.holdings:
        if not h.charge_fees:
            continue
        if h.rate.kind == MEMBERSHIP:
            lines += membership_fees(h, first, last)
        elif h.rate.kind in (SUBSCRIPTION, OFFICE_RENT):
            lines += plan_fee(h, req.headcount, first, last)
    return lines


def membership_fees(h: Holding, first: date, last: date) -> list[Line]:
    """Charge a yearly membership on each anniversary of its start falling in [first, last]."""
    r = h.rate
    lines: list[Line] = []
    for years in range(0, 100):
        anniversary = add_years(h.start, years)
        if anniversary > last or (h.end is not None and anniversary > h.end):
            break
        if anniversary >= first:
            until = add_years(h.start, years + 1) - timedelta(days=1)
            lines.append(
                charged_line(
                    f"{r.label} du {anniversary:%d/%m/%Y} au {until:%d/%m/%Y}",
                    1,
                    r.price,
                    r,
                    r.place_id,
                    "cotisation annuelle",
                )
            )
    return lines


def plan_fee(h: Holding, headcount: int, first: date, last: date) -> list[Line]:
    """Charge a plan's or an office's month (prorated when started or ended mid-way), then its discounts."""
    r = h.rate
    place_id = r.place_id
    dim = (last - first).days + 1
    active = [d for d in (first + timedelta(days=i) for i in range(dim)) if h.active_on(d)]
    if not active:
        return []
    base = r.price * (h.surface_m2 or ZERO) if r.kind == OFFICE_RENT else r.price
    label = r.label
    if r.kind == OFFICE_RENT:
        label += f" — {(h.surface_m2 or ZERO).normalize():f} m² × {label_amount(r.price)}"
    if len(active) == dim:
        fee = charged_line(label, 1, round_cents(base), r, place_id, "mensualité")
    else:
        unit = round_cents(base * len(active) / dim)
        fee = charged_line(
            f"{label} (prorata {len(active)}/{dim} jours)",
            1,
            unit,
            r,
            place_id,
            "mois entamé : au prorata des jours calendaires",
        )
    lines = [fee]
    for basis, value in (
        ("commitment", max(h.commitment_months, r.min_commitment_months)),
        ("headcount", headcount),
    ):
        best = max(
            (d for d in r.discounts if d.basis == basis and d.threshold <= value),
            key=lambda d: d.threshold,
            default=None,
        )
        if best is None:
            continue
        off = round_cents(fee.amount * best.percent / 100)
        what = (
            f"engagement de {value} mois" if basis == "commitment" else f"{value} personnes de l'entreprise"
        )
        lines.append(
            Line(
                label=f"Remise dégressive −{best.percent.normalize():f} % ({what})",
                quantity=Decimal(1),
                unit_price=-off,
                amount=-off,
                vat_rate=r.vat_rate,
                vat_exempt=r.vat_exempt,
                place_id=place_id,
                code=r.code,
                reason="dégressif",
                network_id=r.network_id,
            )
        )
    return lines
