"""Payments received, overdue reminders and the accounting export."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import mails, selectors
from coopconnect.billing.models import (
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Issuer,
    Payment,
    PaymentMethod,
    PaymentReturn,
    Refund,
    Reminder,
)
from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.core.errors import DomainError
from coopconnect.webhooks.services import emit

REMINDER_LEVELS = (1, 15, 30)  # days after the due date


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    method: str,
    received_on: date,
    reference: str = "",
    recorded_by: Any = None,
) -> Payment:
    """Record money received against an issued invoice (never more than what remains due)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    errors: dict[str, list[str]] = {}
    if invoice.status != InvoiceStatus.ISSUED or invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("Un paiement s'enregistre sur une facture émise."))
    amount = Decimal(amount)
    due = selectors.outstanding(invoice)
    if amount <= 0:
        errors["amount"] = [_("Le montant doit être positif.")]
    elif amount > due:
        errors["amount"] = [f"Le montant dépasse le reste à payer ({label_amount(due)})."]
    if method not in PaymentMethod.values:
        errors["method"] = [_("Moyen de paiement inconnu.")]
    if received_on > timezone.localdate():
        errors["received_on"] = [_("La date de réception ne peut pas être dans le futur.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    payment = Payment.objects.create(
        invoice=invoice,
        amount=amount,
        method=method,
        received_on=received_on,
        reference=reference[:100],
        recorded_by=recorded_by,
    )
    if amount == due:
        issuer = invoice.issuer
        emit("invoice.paid", place=issuer.place_id, network=issuer.network_id, payload=invoice)
    return payment


@transaction.atomic
def refund_record(
    *,
    document: Invoice,
    amount: Decimal,
    method: str,
    refunded_on: date,
    reference: str = "",
    recorded_by: Any = None,
) -> Refund:
    """Record money paid back against a credit note, or against an invoice the buyer overpaid.

    The credited invoice's row is locked first: two refunds recorded at the same time against the
    same credit note (or invoice) queue there, and the second sees the first before checking the cap.
    """
    root_pk = document.credited_invoice_id if document.kind == InvoiceKind.CREDIT_NOTE else document.pk
    if root_pk is None:
        raise DomainError(_("Un remboursement s'enregistre sur un avoir ou une facture émis."))
    root = Invoice.objects.select_for_update().get(pk=root_pk)
    document = root if root.pk == document.pk else Invoice.objects.get(pk=document.pk)
    if document.status != InvoiceStatus.ISSUED:
        raise DomainError(_("Un remboursement s'enregistre sur un avoir ou une facture émis."))
    amount = Decimal(amount)
    errors: dict[str, list[str]] = {}
    left_on_note = (
        document.total_ttc - selectors.refunded_amount(document) if document.is_credit_note else Decimal("0")
    )
    cap = selectors.refundable(document)
    if amount <= 0:
        errors["amount"] = [_("Le montant doit être positif.")]
    elif document.is_credit_note and amount > left_on_note:
        errors["amount"] = [
            f"Le remboursement ({label_amount(amount)}) dépasse ce qui reste à rembourser sur l'avoir "
            f"{document.number} ({label_amount(max(left_on_note, Decimal('0')))}) : rien n'a été enregistré."
        ]
    elif amount > cap:
        errors["amount"] = [
            f"Le client n'a pas payé autant : au plus {label_amount(cap)} à rembourser sur la facture "
            f"{root.number} (montant payé au-delà de ce qu'elle demande) ; rien n'a été enregistré."
        ]
    if method not in PaymentMethod.values:
        errors["method"] = [_("Moyen de remboursement inconnu.")]
    if refunded_on > timezone.localdate():
        errors["refunded_on"] = [_("La date du remboursement ne peut pas être dans le futur.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    return Refund.objects.create(
        invoice=document,
        amount=amount,
        method=method,
        refunded_on=refunded_on,
        reference=reference[:100],
        recorded_by=recorded_by,
    )


@transaction.atomic
def payment_return_record(
    *, payment: Payment, returned_on: date, reason_code: str = "", reason: str = ""
) -> PaymentReturn:
    """Record that a payment came back (a returned direct debit): the invoice is owed again."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if PaymentReturn.objects.filter(payment=payment).exists():
        raise DomainError(_("Ce paiement est déjà enregistré comme rejeté."))
    errors: dict[str, list[str]] = {}
    if returned_on < payment.received_on:
        errors["returned_on"] = [_("Un rejet ne peut pas précéder le paiement.")]
    if returned_on > timezone.localdate():
        errors["returned_on"] = [_("La date du rejet ne peut pas être dans le futur.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    return PaymentReturn.objects.create(
        payment=payment, returned_on=returned_on, reason_code=reason_code[:8], reason=reason[:200]
    )


def overdue_invoices(*, today: date | None = None) -> list[Invoice]:
    today = today or timezone.localdate()
    qs = Invoice.objects.filter(status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE, due_date__lt=today)
    return [inv for inv in qs.select_related("issuer") if selectors.outstanding(inv) > 0]


def send_reminders(*, today: date | None = None) -> int:
    """Send one reminder per overdue invoice and level reached (1, 15, 30 days late); return how many."""
    today = today or timezone.localdate()
    sent = 0
    for inv in overdue_invoices(today=today):
        if inv.due_date is None:  # an issued invoice always has one
            continue
        late = (today - inv.due_date).days
        level = sum(1 for d in REMINDER_LEVELS if late >= d)
        if level == 0 or Reminder.objects.filter(invoice=inv, level=level).exists():
            continue
        due = selectors.outstanding(inv)
        # Sent inside the transaction: a mail that fails leaves no reminder, so tomorrow's run retries.
        with transaction.atomic():
            reminder = Reminder.objects.create(
                invoice=inv, level=level, sent_at=timezone.now(), outstanding=due
            )
            mails.send_reminder(reminder)
        sent += 1
    return sent


EXPORT_HEADER = [
    "date",
    "numero",
    "type",
    "client",
    "siren_client",
    "lieu",
    "libelle",
    "taux_tva",
    "montant_ht",
    "tva",
    "montant_ttc",
    "echeance",
    "paye",
    "reste_du",
    "rembourse",
]


def accounting_export(*, issuer: Issuer, start: date, end: date) -> str:
    """Return the issuer's invoices and credit notes issued in [start, end] as CSV (one row per VAT rate).

    Refunds made in [start, end] follow, one row each (type "remboursement"): money paid back, shown
    as a negative amount in "paye"; "rembourse" on a document row sums the refunds made against it.
    """
    if end < start:
        raise DomainError(_("La fin de la période précède son début."), {"end": [_("Période invalide.")]})
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(EXPORT_HEADER)
    qs = Invoice.objects.filter(
        issuer=issuer, status=InvoiceStatus.ISSUED, issue_date__gte=start, issue_date__lte=end
    ).order_by("year", "sequence")
    for inv in qs:
        sign = Decimal(-1) if inv.is_credit_note else Decimal(1)
        paid = selectors.paid_amount(inv)
        for row in inv.vat_breakdown:
            base, vat = Decimal(row["base"]) * sign, Decimal(row["vat"]) * sign
            writer.writerow(
                [
                    inv.issue_date.isoformat() if inv.issue_date else "",
                    inv.number,
                    "avoir" if inv.is_credit_note else "facture",
                    inv.buyer_name,
                    inv.buyer_siren,
                    "",
                    "TVA non applicable" if row["exempt"] else "",
                    row["rate"],
                    f"{base:.2f}",
                    f"{vat:.2f}",
                    f"{base + vat:.2f}",
                    inv.due_date.isoformat() if inv.due_date else "",
                    f"{paid:.2f}",
                    f"{selectors.outstanding(inv):.2f}",
                    f"{selectors.refunded_amount(inv):.2f}",
                ]
            )
    refunds = (
        Refund.objects.filter(invoice__issuer=issuer, refunded_on__gte=start, refunded_on__lte=end)
        .select_related("invoice")
        .order_by("refunded_on", "pk")
    )
    for r in refunds:
        inv = r.invoice
        writer.writerow(
            [
                r.refunded_on.isoformat(),
                inv.number,
                "remboursement",
                inv.buyer_name,
                inv.buyer_siren,
                "",
                f"Remboursement ({r.get_method_display()}){' ' + r.reference if r.reference else ''}",
                "",
                "",
                "",
                "",
                "",
                f"{-r.amount:.2f}",
                "",
                f"{r.amount:.2f}",
            ]
        )
    return out.getvalue()
