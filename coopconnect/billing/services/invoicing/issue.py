"""Issue invoices from priced lines: number them, freeze their totals and documents, make them immutable.

What issuing sets on an invoice (status, number, year, sequence, dates, totals) is written once, in
:func:`issued_fields`; numbers come from ``numbering``. One invoice (:func:`issue_invoice`, a credit
note through :func:`seal`) or many of one issuer at once (:func:`issue_pending`, the monthly run).
In the same transaction the documents are stored once (``documents.freeze_documents``: identities,
PDF/A-3 with Factur-X, UBL, SHA-256); an issuer charging VAT needs a valid VAT number first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import Invoice, InvoiceLine, InvoiceStatus, Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.buyers import buyer_snapshot
from coopconnect.billing.services.invoicing.documents import freeze_documents
from coopconnect.billing.services.invoicing.lines import line_row, totals_of
from coopconnect.billing.services.invoicing.numbering import allocate_number, locked_counter, take_numbers
from coopconnect.core.errors import DomainError
from coopconnect.webhooks.services import emit, emit_many


def check_can_issue(issuer: Issuer) -> None:
    """Refuse to issue for an issuer charging VAT without a valid VAT number (EN 16931 BR-S-02)."""
    from stdnum.fr import tva

    if issuer.vat_exempt:
        return
    if not issuer.vat_number or not tva.is_valid(issuer.vat_number):
        raise DomainError(
            _(
                "L'émetteur « %(name)s » facture la TVA sans n° de TVA intracommunautaire valide : "
                "renseignez-le (ou la franchise en base, art. 293 B) avant d'émettre."
            )
            % {"name": issuer.name},
            {"vat_number": [_("N° de TVA intracommunautaire manquant ou invalide.")]},
        )


def issued_fields(
    issuer: Issuer, lines: list[Line], *, issue_date: date, sequence: int, number: str
) -> dict[str, Any]:
    """Return what issuing sets on an invoice: status, number, dates, frozen totals (VAT once per rate)."""
    return {
        "status": InvoiceStatus.ISSUED,
        "number": number,
        "year": issue_date.year,
        "sequence": sequence,
        "issue_date": issue_date,
        "due_date": issue_date + timedelta(days=issuer.payment_terms_days),
        **totals_of(lines).as_fields(),
    }


def seal(invoice: Invoice, lines: list[Line]) -> Invoice:
    """Issue a draft: number it, freeze its totals (VAT once per rate) and its documents."""
    check_can_issue(invoice.issuer)
    issue_date = timezone.localdate()
    seq, number = allocate_number(invoice.issuer, issue_date.year)
    fields = issued_fields(invoice.issuer, lines, issue_date=issue_date, sequence=seq, number=number)
    updated = Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.DRAFT).update(**fields)
    if updated != 1:
        raise DomainError(_("Cette facture est déjà émise."))
    invoice.refresh_from_db()
    freeze_documents([invoice])
    emit("invoice.issued", place=invoice.issuer.place_id, network=invoice.issuer.network_id, payload=invoice)
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


@dataclass
class PendingInvoice:
    """An invoice priced and waiting for its number: its run key, buyer snapshot and lines."""

    run_key: str
    buyer: dict[str, Any]
    lines: list[tuple[Line, Any]]


def issue_pending(
    issuer: Issuer, pending: list[PendingInvoice], period_start: date, period_end: date
) -> tuple[list[str], int]:
    """Issue invoices of one issuer in one transaction, numbered consecutively; skip run keys issued.

    The counter row is locked first, so a concurrent issue waits here, then sees the run keys already
    issued and skips them: no duplicate, and a rollback takes the numbers back with the invoices (no
    gap). Returns the numbers issued and how many were skipped.
    """
    with transaction.atomic():
        check_can_issue(issuer)
        issue_date = timezone.localdate()
        counter = locked_counter(issuer, issue_date.year)
        done = set(
            Invoice.objects.filter(run_key__in=[p.run_key for p in pending]).values_list("run_key", flat=True)
        )
        todo = [p for p in pending if p.run_key not in done]
        if not todo:
            return [], len(done)
        invoices = [
            Invoice(
                issuer=issuer,
                period_start=period_start,
                period_end=period_end,
                run_key=p.run_key,
                **issued_fields(
                    issuer, [ln for ln, _who in p.lines], issue_date=issue_date, sequence=seq, number=number
                ),
                **p.buyer,
            )
            for p, (seq, number) in zip(todo, take_numbers(counter, len(todo)), strict=True)
        ]
        Invoice.objects.bulk_create(invoices)
        rows = {
            inv.pk: [
                line_row(inv, i, ln, who, employer=inv.buyer_organisation_id is not None)
                for i, (ln, who) in enumerate(p.lines, start=1)
            ]
            for inv, p in zip(invoices, todo, strict=True)
        }
        InvoiceLine.objects.bulk_create([row for group in rows.values() for row in group], batch_size=2000)
        freeze_documents(invoices, rows)
        emit_many("invoice.issued", place=issuer.place_id, network=issuer.network_id, payloads=invoices)
        return [inv.number for inv in invoices], len(done)


def invoice_update(*, invoice: Invoice, **changes: Any) -> Invoice:
    """Change a draft invoice; an issued one is refused (corrections go through a credit note)."""
    if invoice.status != InvoiceStatus.DRAFT:
        raise DomainError(_("Une facture émise ne peut pas être modifiée : émettez un avoir."))
    for k, v in changes.items():
        setattr(invoice, k, v)
    invoice.save()
    return invoice
