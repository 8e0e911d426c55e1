"""Invoice lines and totals from priced lines: labels stored as priced, VAT once per rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coopconnect.billing.models import Invoice, InvoiceLine
from coopconnect.billing.pricing.lines import Line, VatRow, vat_breakdown


@dataclass(frozen=True)
class Totals:
    """An invoice's frozen totals and its VAT breakdown as stored (JSON rows)."""

    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    vat_breakdown: list[dict[str, Any]]

    def as_fields(self) -> dict[str, Any]:
        return {
            "total_ht": self.total_ht,
            "total_vat": self.total_vat,
            "total_ttc": self.total_ttc,
            "vat_breakdown": self.vat_breakdown,
        }


def rows_json(rows: list[VatRow]) -> list[dict[str, Any]]:
    """Return VAT rows as stored on the invoice."""
    return [{"rate": str(r.rate), "exempt": r.exempt, "base": str(r.base), "vat": str(r.vat)} for r in rows]


def totals_of(lines: list[Line]) -> Totals:
    """Compute an invoice's totals from its lines: VAT once per rate on the sum of its lines."""
    rows = vat_breakdown(lines)
    total_ht = sum((r.base for r in rows), Decimal("0"))
    total_vat = sum((r.vat for r in rows), Decimal("0"))
    return Totals(
        total_ht=total_ht, total_vat=total_vat, total_ttc=total_ht + total_vat, vat_breakdown=rows_json(rows)
    )


def line_row(invoice: Invoice, position: int, ln: Line, who: Any, *, employer: bool) -> InvoiceLine:
    """Build the invoice line of a priced line; an employer's invoice names the employee on each line."""
    label = f"{who} — {ln.label}" if employer and who is not None else ln.label
    return InvoiceLine(
        invoice=invoice,
        position=position,
        place_id=ln.place_id,
        person=who,
        code=ln.code[:60],
        label=label[:300],
        quantity=ln.quantity,
        unit_price=ln.unit_price,
        amount_ht=ln.amount,
        vat_rate=ln.vat_rate,
        vat_exempt=ln.vat_exempt,
    )
