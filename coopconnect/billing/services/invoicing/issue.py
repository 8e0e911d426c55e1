"""Issue an invoice from priced lines: number it, freeze its totals, make it immutable."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import Invoice, InvoiceLine, InvoiceStatus, Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.buyers import buyer_snapshot
from coopconnect.billing.services.invoicing.lines import line_row, totals_of
from coopconnect.billing.services.invoicing.numbering import allocate_number
from coopconnect.core.errors import DomainError


def seal(invoice: Invoice, lines: list[Line]) -> Invoice:
    """Issue a draft: number it, freeze its totals (VAT once per rate), make it immutable."""
    issue_date = timezone.localdate()
    seq, number = allocate_number(invoice.issuer, issue_date.year)
    fields = {
        "status": InvoiceStatus.ISSUED,
        "number": number,
        "year": issue_date.year,
        "sequence": seq,
        "issue_date": issue_date,
        "due_date": issue_date + timedelta(days=invoice.issuer.payment_terms_days),
        **totals_of(lines).as_fields(),
    }
    updated = Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.DRAFT).update(**fields)
    if updated != 1:
        raise DomainError(_("Cette facture est déjà émise."))
    invoice.refresh_from_db()
    return invoice


@transaction.atomic
def issue_invoice(
    *,
    issuer: Issuer,
    lines: list[tuple[Line, Any]],
    period_start: date,
    period_end: date,
    person: Any = None,
    organisation: Any = None,
    run_key: str = "",
) -> Invoice:
    """Create and issue an invoice from priced lines (each with the person it is for)."""
    if not lines:
        raise DomainError(_("Une facture a au moins une ligne."))
    invoice = Invoice.objects.create(
        issuer=issuer,
        period_start=period_start,
        period_end=period_end,
        run_key=run_key,
        **buyer_snapshot(person=person, organisation=organisation),
    )
    InvoiceLine.objects.bulk_create(
        [
            line_row(invoice, i, ln, who, employer=organisation is not None)
            for i, (ln, who) in enumerate(lines, start=1)
        ]
    )
    return seal(invoice, [ln for ln, _who in lines])


def invoice_update(*, invoice: Invoice, **changes: Any) -> Invoice:
    """Change a draft invoice; an issued one is refused (corrections go through a credit note)."""
    if invoice.status != InvoiceStatus.DRAFT:
        raise DomainError(_("Une facture émise ne peut pas être modifiée : émettez un avoir."))
    for k, v in changes.items():
        setattr(invoice, k, v)
    invoice.save()
    return invoice
