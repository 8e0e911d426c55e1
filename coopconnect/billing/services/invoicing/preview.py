"""What a month will invoice for one issuer, per person and per employer, before anything is issued.

The preview is the run's own plan (``run.plan_month``), read without writing: the same lines and
totals, and for each buyer the invoice already issued for that month, if any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus, Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.lines import totals_of
from coopconnect.billing.services.invoicing.run import plan_month


@dataclass(frozen=True)
class PreviewLine:
    """One line as it will be printed: who it is for (employer invoices), label, quantity, amounts."""

    label: str
    quantity: Decimal
    unit_price: Decimal
    amount_ht: Decimal
    vat_rate: Decimal
    vat_exempt: bool


@dataclass(frozen=True)
class PreviewInvoice:
    """One buyer's invoice of the month: its lines, totals, and the number already issued if any."""

    run_key: str
    buyer_name: str
    is_employer: bool
    lines: list[PreviewLine]
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    issued_number: str = ""
    issued_id: int | None = None


@dataclass
class Preview:
    """A month previewed for one issuer (nothing written)."""

    issuer: Issuer
    first: date
    last: date
    invoices: list[PreviewInvoice] = field(default_factory=list)
    skipped_empty: int = 0

    @property
    def people(self) -> list[PreviewInvoice]:
        return [i for i in self.invoices if not i.is_employer]

    @property
    def employers(self) -> list[PreviewInvoice]:
        return [i for i in self.invoices if i.is_employer]

    @property
    def planned(self) -> int:
        """How many invoices the month gives (already issued included)."""
        return len(self.invoices)

    @property
    def issued(self) -> int:
        return sum(1 for i in self.invoices if i.issued_number)

    @property
    def to_issue(self) -> int:
        return self.planned - self.issued

    def total(self, attr: str) -> Decimal:
        return sum((getattr(i, attr) for i in self.invoices), Decimal("0"))

    @property
    def total_ht(self) -> Decimal:
        return self.total("total_ht")

    @property
    def total_vat(self) -> Decimal:
        return self.total("total_vat")

    @property
    def total_ttc(self) -> Decimal:
        return self.total("total_ttc")


def _line(ln: Line, who: object, *, employer: bool) -> PreviewLine:
    label = f"{who} — {ln.label}" if employer and who is not None else ln.label
    return PreviewLine(
        label=label,
        quantity=ln.quantity,
        unit_price=ln.unit_price,
        amount_ht=ln.amount,
        vat_rate=ln.vat_rate,
        vat_exempt=ln.vat_exempt,
    )


def invoicing_preview(*, issuer: Issuer, month: date) -> Preview:
    """Preview a finished month for ``issuer``: each buyer's lines and totals, and what is issued."""
    plan = plan_month(month=month, issuer=issuer)
    pending = plan.per_issuer.get(issuer.pk, [])
    issued = {
        key: (number, pk)
        for key, number, pk in Invoice.objects.filter(
            issuer=issuer,
            kind=InvoiceKind.INVOICE,
            status=InvoiceStatus.ISSUED,
            run_key__in=[p.run_key for p in pending],
        ).values_list("run_key", "number", "pk")
    }
    preview = Preview(issuer=issuer, first=plan.first, last=plan.last, skipped_empty=plan.skipped_empty)
    for p in pending:
        employer = p.buyer.get("buyer_organisation") is not None
        totals = totals_of([ln for ln, _who in p.lines])
        number, pk = issued.get(p.run_key, ("", None))
        preview.invoices.append(
            PreviewInvoice(
                run_key=p.run_key,
                buyer_name=str(p.buyer["buyer_name"]),
                is_employer=employer,
                lines=[_line(ln, who, employer=employer) for ln, who in p.lines],
                total_ht=totals.total_ht,
                total_vat=totals.total_vat,
                total_ttc=totals.total_ttc,
                issued_number=number,
                issued_id=pk,
            )
        )
    return preview
