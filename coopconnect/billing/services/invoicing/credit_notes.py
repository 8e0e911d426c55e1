"""Credit notes: the only correction of an issued invoice, all of it or an amount at its main VAT rate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.buyers import BUYER_FIELDS
from coopconnect.billing.services.invoicing.issue import seal
from coopconnect.billing.services.invoicing.lines import line_row
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents


@transaction.atomic
def credit_note_create(
    *, invoice: Invoice, reason: str, amount_ht: Decimal | None = None, created_by: Any = None
) -> Invoice:
    """Correct an issued invoice by a credit note: all of it, or ``amount_ht`` at its main VAT rate."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.ISSUED or invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("Seule une facture émise peut faire l'objet d'un avoir."))
    if not reason.strip():
        raise DomainError(_("Indiquez le motif de l'avoir."), {"reason": [_("Motif obligatoire.")]})
    already = invoice.credit_notes.aggregate(s=Sum("total_ht"))["s"] or Decimal("0")
    remaining = invoice.total_ht - already
    src = list(invoice.lines.all())
    lines: list[tuple[Line, Any]]
    if amount_ht is None:
        if already:
            raise DomainError(_("Un avoir partiel existe déjà : précisez le montant de l'avoir."))
        lines = [
            (
                Line(
                    label=ln.label,
                    quantity=ln.quantity,
                    unit_price=ln.unit_price,
                    amount=ln.amount_ht,
                    vat_rate=ln.vat_rate,
                    vat_exempt=ln.vat_exempt,
                    place_id=ln.place_id,
                    code=ln.code,
                ),
                ln.person,
            )
            for ln in src
        ]
    else:
        amount_ht = round_cents(Decimal(amount_ht))
        if amount_ht <= 0 or amount_ht > remaining:
            raise DomainError(
                f"Le montant de l'avoir doit être compris entre 0,01 € et {label_amount(remaining)} HT.",
                {"amount_ht": [_("Montant invalide.")]},
            )
        main = max(src, key=lambda ln: ln.amount_ht)
        lines = [
            (
                Line(
                    label=f"Avoir : {reason.strip()}",
                    quantity=Decimal(1),
                    unit_price=amount_ht,
                    amount=amount_ht,
                    vat_rate=main.vat_rate,
                    vat_exempt=main.vat_exempt,
                    place_id=main.place_id,
                    code="avoir",
                ),
                None,
            )
        ]
    note = Invoice.objects.create(
        issuer=invoice.issuer,
        kind=InvoiceKind.CREDIT_NOTE,
        credited_invoice=invoice,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        reason=reason.strip()[:300],
        **{f: getattr(invoice, f) for f in BUYER_FIELDS},
    )
    InvoiceLine.objects.bulk_create(
        [line_row(note, i, ln, who, employer=False) for i, (ln, who) in enumerate(lines, start=1)]
    )
    return seal(note, [ln for ln, _who in lines])
